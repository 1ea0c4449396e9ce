'use client';

import { type FormEvent, useId, useState } from 'react';
import {
  customRangeProblem,
  type DateRange,
  type PresetDays,
  presetDays,
  type RangeChoice,
} from './date-range';
import styles from './metrics.module.css';

/** 7 / 30 / 90 days ending yesterday, or a custom range (validated before it is asked for). */
export function RangePicker({
  choice,
  range,
  now,
  timeZone,
  onChange,
}: {
  choice: RangeChoice;
  range: DateRange;
  now: Date;
  timeZone: string;
  onChange: (choice: RangeChoice) => void;
}) {
  const [customOpen, setCustomOpen] = useState(choice.kind === 'custom');
  const [from, setFrom] = useState(range.from);
  const [to, setTo] = useState(range.to);
  const [problem, setProblem] = useState<string | null>(null);
  const problemId = useId();

  function pickPreset(days: PresetDays) {
    setCustomOpen(false);
    setProblem(null);
    onChange({ kind: 'preset', days });
  }

  function apply(event: FormEvent) {
    event.preventDefault();
    const found = customRangeProblem(from, to, now, timeZone);
    setProblem(found);
    if (!found) onChange({ kind: 'custom', from, to });
  }

  const customActive = customOpen || choice.kind === 'custom';
  return (
    <div className={styles.rangeBox}>
      <fieldset className={styles.rangeButtons}>
        <legend className={styles.srOnly}>Date range</legend>
        {presetDays.map((days) => (
          <button
            key={days}
            type="button"
            className={styles.button}
            aria-pressed={!customActive && choice.kind === 'preset' && choice.days === days}
            onClick={() => pickPreset(days)}
          >
            Last {days} days
          </button>
        ))}
        <button
          type="button"
          className={styles.button}
          aria-pressed={customActive}
          aria-expanded={customOpen}
          onClick={() => {
            setFrom(range.from);
            setTo(range.to);
            setCustomOpen(true);
          }}
        >
          Custom
        </button>
      </fieldset>
      {customOpen ? (
        <form className={styles.customForm} onSubmit={apply} aria-label="Custom date range" noValidate>
          <label className={styles.field}>
            Start date
            <input
              type="date"
              value={from}
              onChange={(e) => setFrom(e.target.value)}
              aria-invalid={problem !== null}
              aria-describedby={problem ? problemId : undefined}
              required
            />
          </label>
          <label className={styles.field}>
            End date
            <input
              type="date"
              value={to}
              onChange={(e) => setTo(e.target.value)}
              aria-invalid={problem !== null}
              aria-describedby={problem ? problemId : undefined}
              required
            />
          </label>
          <button type="submit" className={styles.button}>
            Apply
          </button>
          {problem ? (
            <p id={problemId} className={styles.problem} role="alert">
              {problem}
            </p>
          ) : null}
        </form>
      ) : null}
    </div>
  );
}
