import { describe, expect, it } from 'vitest';
import { durationText } from './job-format';

const now = new Date('2026-12-03T12:00:00Z');

describe('durationText', () => {
  it('says how long a finished job ran', () => {
    const job = {
      startedAt: '2026-12-03T11:58:55Z',
      processedAt: '2026-12-03T12:00:00Z',
      status: 'success',
    } as const;
    expect(durationText(job, now)).toBe('1 min 5 s');
    expect(durationText({ ...job, startedAt: '2026-12-03T09:30:00Z' }, now)).toBe('2 h 30 min');
    expect(durationText({ ...job, startedAt: '2026-12-03T12:00:00Z' }, now)).toBe('< 1 s');
  });

  it('counts a running job up to now, and has nothing to say before it starts', () => {
    expect(
      durationText({ startedAt: '2026-12-03T11:59:48Z', processedAt: null, status: 'running' }, now),
    ).toBe('12 s');
    expect(
      durationText({ startedAt: '2026-12-03T12:00:03Z', processedAt: null, status: 'running' }, now),
    ).toBe('just started');
    expect(durationText({ startedAt: null, processedAt: null, status: 'queued' }, now)).toBe('—');
  });
});
