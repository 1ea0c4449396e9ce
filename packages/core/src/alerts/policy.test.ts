import { describe, expect, it } from 'vitest';
import {
  alertTransition,
  buildAlertPayload,
  consecutiveFailures,
  integrationFailureCondition,
  redactSecrets,
  replacedJobMessage,
  schedulerRunCondition,
  stuckQueueConditions,
  workerFailureCondition,
} from './policy';

const t = (iso: string) => new Date(`2026-11-25T${iso}:00.000Z`);
const job = (
  status: 'queued' | 'running' | 'success' | 'error',
  at: string,
  errorMessage: string | null = null,
) => ({
  status,
  errorMessage,
  processedAt: status === 'queued' || status === 'running' ? null : t(at),
  createdAt: t(at),
});

describe('consecutiveFailures', () => {
  it('counts failed runs back to the last success, stepping over live and replaced jobs', () => {
    const jobs = [
      job('running', '10:00'),
      job('error', '09:00'),
      job('error', '08:30', replacedJobMessage),
      job('error', '08:00'),
      job('success', '07:00'),
      job('error', '06:00'),
    ];
    expect(consecutiveFailures(jobs)).toEqual({ count: 2, since: t('08:00') });
  });

  it('is zero after a success', () => {
    expect(consecutiveFailures([job('success', '10:00'), job('error', '09:00')])).toEqual({
      count: 0,
      since: null,
    });
  });
});

describe('integrationFailureCondition', () => {
  it('is active at the threshold, not below it', () => {
    const at = (count: number) =>
      integrationFailureCondition({
        userId: 'u1',
        providerId: 'tiktok',
        failures: { count, since: t('08:00') },
        threshold: 3,
      });
    expect(at(2).active).toBe(false);
    expect(at(3).active).toBe(true);
    expect(at(3).key).toBe('integration-failures:u1:tiktok');
  });
});

describe('stuckQueueConditions', () => {
  const limits = { waitingMs: 10 * 60_000, runningMs: 30 * 60_000 };
  it('flags the oldest waiting job past its limit and a running job past its limit', () => {
    const [waiting, running] = stuckQueueConditions(
      {
        queue: 'ads-sync',
        waiting: 4,
        oldestWaitingSince: t('09:00'),
        longestRunning: { jobId: 'j1', startedAt: t('09:20') },
      },
      limits,
      t('10:00'),
    );
    expect(waiting).toMatchObject({ kind: 'queue-stuck-waiting', active: true, since: t('09:00') });
    expect(running).toMatchObject({ kind: 'queue-stuck-running', active: true, where: { jobId: 'j1' } });
  });

  it('is quiet for an empty queue and within limits', () => {
    const empty = stuckQueueConditions(
      { queue: 'ads-sync', waiting: 0, oldestWaitingSince: null, longestRunning: null },
      limits,
      t('10:00'),
    );
    expect(empty.map((c) => c.active)).toEqual([false, false]);
    const fresh = stuckQueueConditions(
      {
        queue: 'ads-sync',
        waiting: 1,
        oldestWaitingSince: t('09:55'),
        longestRunning: { jobId: 'j1', startedAt: t('09:50') },
      },
      limits,
      t('10:00'),
    );
    expect(fresh.map((c) => c.active)).toEqual([false, false]);
  });
});

describe('alertTransition (de-duplication)', () => {
  it('triggers once when an incident opens, resolves once when it clears, else stays quiet', () => {
    const open = { openedAt: t('09:00') };
    expect(alertTransition(null, true)).toBe('triggered');
    expect(alertTransition(open, true)).toBe('none');
    expect(alertTransition(open, false)).toBe('resolved');
    expect(alertTransition(null, false)).toBe('none');
  });
});

describe('buildAlertPayload', () => {
  it('says what, where and since when, and carries no secrets', () => {
    const condition = integrationFailureCondition({
      userId: 'u1',
      providerId: 'google',
      failures: { count: 4, since: t('08:00') },
      threshold: 3,
    });
    const payload = buildAlertPayload(
      {
        ...condition,
        summary: `${condition.summary}: Bearer ya29.a0AfH6SMBxxxxxxxxxxxxxxxxxxxxxxxxx refresh_token=1//0gabc`,
        // Extra fields a careless caller might attach never reach the payload.
        where: { ...condition.where, ...({ accessToken: 'ya29.secret' } as object) },
      },
      'triggered',
      t('10:00'),
    );
    expect(payload).toMatchObject({
      status: 'triggered',
      kind: 'integration-failures',
      where: { userId: 'u1', providerId: 'google' },
      since: t('08:00').toISOString(),
      observedAt: t('10:00').toISOString(),
      details: { consecutiveFailures: 4, threshold: 3 },
    });
    const text = JSON.stringify(payload);
    expect(text).not.toContain('ya29');
    expect(text).not.toContain('1//0gabc');
    expect(text).not.toContain('accessToken');
  });

  it('redacts token-looking strings', () => {
    expect(redactSecrets('failed: access_token=abc123 and key=zzz')).toBe(
      'failed: [redacted] and [redacted]',
    );
  });
});

describe('per-run conditions', () => {
  it('a worker streak of final failures and a scheduler run with errors alert at the threshold', () => {
    const worker = (count: number) =>
      workerFailureCondition({
        queue: 'ads-sync',
        consecutiveFinalFailures: count,
        since: null,
        threshold: 3,
      });
    expect([worker(2).active, worker(3).active]).toEqual([false, true]);
    expect(worker(3).key).toBe('worker-failures:ads-sync');
    const run = (errors: number) =>
      schedulerRunCondition({ queue: 'ads-scheduler', errors, examined: 50, threshold: 3, since: null });
    expect([run(0).active, run(3).active]).toEqual([false, true]);
    expect(run(3).details).toEqual({ errors: 3, examined: 50, threshold: 3 });
  });
});
