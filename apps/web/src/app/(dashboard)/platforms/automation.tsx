'use client';

import { automationBounds } from '@cohorts/core/contract';
import { useId, useState } from 'react';
import { AutomationFieldsSchema } from '@/shared/automation-input';
import styles from '../dashboard.module.css';
import { useNow } from '../data/clock';
import type { IntegrationView } from '../data/trpc';
import { cadenceText, relativeTime } from './health';
import { useUpdateAutomation } from './mutations';

/** The default lookback when none is set: the 8-day attribution window (core's incrementalTimeframeDays). */
const defaultLookbackDays = 8;

const cadenceChoices: (number | null)[] = [null, 60, 180, 360, 720, 1440, 2880, 10080];

const fieldLabels: Record<string, string> = {
  autoSyncEnabled: 'Sync automatically',
  syncFrequencyMinutes: 'Cadence',
  scheduledTimeframeDays: 'Lookback',
};

function NextRun({ integration }: { integration: IntegrationView }) {
  const now = useNow();
  if (integration.autoSyncEnabled === false) return <>Auto-sync is off: no run scheduled.</>;
  if (integration.awaitingAccountChoice) return <>Starts once you choose the accounts.</>;
  if (!integration.nextSyncDueAt) return <>Not scheduled yet.</>;
  const due = new Date(integration.nextSyncDueAt);
  return (
    <>
      Next scheduled run{' '}
      <time dateTime={integration.nextSyncDueAt} title={due.toLocaleString()}>
        {due.getTime() <= now.getTime() ? 'due now' : relativeTime(integration.nextSyncDueAt, now)}
      </time>
    </>
  );
}

function ReadOnlyAutomation({ integration }: { integration: IntegrationView }) {
  return (
    <>
      <dl className={styles.facts}>
        <dt>Auto-sync</dt>
        <dd>{integration.autoSyncEnabled === false ? 'Off' : 'On'}</dd>
        <dt>Cadence</dt>
        <dd>{cadenceText(integration.syncFrequencyMinutes)}</dd>
        <dt>Lookback</dt>
        <dd>{integration.scheduledTimeframeDays ?? defaultLookbackDays} days</dd>
      </dl>
      <p className={styles.muted}>
        <NextRun integration={integration} /> Only an admin can change these settings.
      </p>
    </>
  );
}

function AutomationForm({ integration }: { integration: IntegrationView }) {
  const id = useId();
  const mutation = useUpdateAutomation();
  const [autoSync, setAutoSync] = useState(integration.autoSyncEnabled !== false);
  const [cadence, setCadence] = useState(String(integration.syncFrequencyMinutes ?? ''));
  const [lookback, setLookback] = useState(String(integration.scheduledTimeframeDays ?? ''));
  const [problems, setProblems] = useState<string[]>([]);
  const [saved, setSaved] = useState(false);

  const draft = {
    autoSyncEnabled: autoSync,
    syncFrequencyMinutes: cadence === '' ? null : Number(cadence),
    scheduledTimeframeDays: lookback.trim() === '' ? null : Number(lookback),
  };
  const dirty =
    draft.autoSyncEnabled !== (integration.autoSyncEnabled !== false) ||
    draft.syncFrequencyMinutes !== integration.syncFrequencyMinutes ||
    draft.scheduledTimeframeDays !== integration.scheduledTimeframeDays;

  function save() {
    setSaved(false);
    // The server's own schema: what the form accepts, the server accepts.
    const checked = AutomationFieldsSchema.safeParse(draft);
    if (!checked.success) {
      setProblems(
        checked.error.issues.map((i) => `${fieldLabels[String(i.path[0])] ?? 'Value'}: ${i.message}`),
      );
      return;
    }
    setProblems([]);
    mutation.mutate(
      { providerId: integration.providerId, ...checked.data },
      { onSuccess: () => setSaved(true) },
    );
  }

  const { min, max } = automationBounds.scheduledTimeframeDays;
  return (
    <form
      className={styles.automationForm}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
    >
      <label className={styles.inline}>
        <input
          type="checkbox"
          checked={autoSync}
          onChange={(e) => {
            setAutoSync(e.target.checked);
            setSaved(false);
          }}
        />
        Sync automatically
      </label>
      <label htmlFor={`${id}-cadence`}>Cadence</label>
      <select
        id={`${id}-cadence`}
        value={cadence}
        disabled={!autoSync}
        onChange={(e) => {
          setCadence(e.target.value);
          setSaved(false);
        }}
      >
        {cadenceChoices.map((minutes) => (
          <option key={minutes ?? 'nightly'} value={minutes ?? ''}>
            {minutes === null ? 'Nightly (default)' : cadenceText(minutes)}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-lookback`}>Lookback (days)</label>
      <input
        id={`${id}-lookback`}
        type="number"
        inputMode="numeric"
        min={min}
        max={max}
        placeholder={`${defaultLookbackDays} (default)`}
        aria-describedby={`${id}-lookback-help`}
        value={lookback}
        onChange={(e) => {
          setLookback(e.target.value);
          setSaved(false);
        }}
      />
      <p id={`${id}-lookback-help`} className={styles.hint}>
        Each sync re-reads this many days ({min}–{max}); platforms restate recent conversions.
      </p>
      {problems.length > 0 || mutation.isError ? (
        <div role="alert" className={styles.error}>
          {problems.map((p) => (
            <p key={p}>{p}</p>
          ))}
          {mutation.isError ? <p>Not saved: {mutation.error.message}</p> : null}
        </div>
      ) : null}
      <div className={styles.actions}>
        <button type="submit" disabled={mutation.isPending || !dirty}>
          Save automation
        </button>
        <span role="status" className={styles.muted}>
          {mutation.isPending ? 'Saving…' : saved && !dirty ? 'Saved' : dirty ? 'Unsaved changes' : ''}
        </span>
      </div>
      <p className={styles.muted}>
        <NextRun integration={integration} />
      </p>
    </form>
  );
}

/** Automation controls for admins; everyone else reads the same settings. */
export function Automation({ integration, editable }: { integration: IntegrationView; editable: boolean }) {
  return (
    <details className={styles.automation}>
      <summary>
        Automation:{' '}
        {integration.autoSyncEnabled === false
          ? 'off'
          : cadenceText(integration.syncFrequencyMinutes).toLowerCase()}
      </summary>
      {editable ? (
        <AutomationForm integration={integration} />
      ) : (
        <ReadOnlyAutomation integration={integration} />
      )}
    </details>
  );
}
