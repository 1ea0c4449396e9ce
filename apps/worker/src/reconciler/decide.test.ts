import { describe, expect, it } from 'vitest';
import { decideReconcile } from './decide';

const now = new Date('2026-11-25T10:00:00.000Z');
const options = { graceMs: 60_000, maxClaims: 500 };
const queued = {
  status: 'queued' as const,
  createdAt: new Date(now.getTime() - 120_000),
  leaseExpiresAt: null,
  attempts: 0,
};
const running = {
  status: 'running' as const,
  createdAt: new Date(now.getTime() - 600_000),
  leaseExpiresAt: new Date(now.getTime() - 1_000),
  attempts: 1,
};

describe('decideReconcile', () => {
  it('re-adds a queued job whose BullMQ job is gone, after the grace period only', () => {
    expect(decideReconcile(queued, 'gone', now, options)).toEqual({ action: 'requeue', removeStale: false });
    expect(
      decideReconcile({ ...queued, createdAt: new Date(now.getTime() - 5_000) }, 'gone', now, options),
    ).toEqual({ action: 'leave' });
  });

  it('removes a stale finished BullMQ job before re-adding, and settles one that failed for good', () => {
    expect(decideReconcile(queued, 'completed', now, options)).toEqual({
      action: 'requeue',
      removeStale: true,
    });
    expect(decideReconcile(queued, 'failed', now, options)).toEqual({
      action: 'settle',
      reason: 'failed-for-good',
    });
  });

  it('leaves jobs BullMQ still has in hand', () => {
    for (const state of ['waiting', 'delayed', 'prioritized', 'active'] as const) {
      expect(decideReconcile(queued, state, now, options)).toEqual({ action: 'leave' });
      expect(decideReconcile(running, state, now, options)).toEqual({ action: 'leave' });
    }
  });

  it('leaves a running job under a live lease, whatever Redis says', () => {
    const leased = { ...running, leaseExpiresAt: new Date(now.getTime() + 30_000) };
    for (const state of ['gone', 'failed', 'completed', 'active'] as const) {
      expect(decideReconcile(leased, state, now, options)).toEqual({ action: 'leave' });
    }
  });

  it('releases a running job whose lease lapsed and whose BullMQ job is gone; settles only a poison pill', () => {
    expect(decideReconcile(running, 'gone', now, options)).toEqual({ action: 'release', removeStale: false });
    // Lost workers are not the job's fault: eight claims (the job's attempt budget) are not a verdict.
    expect(decideReconcile({ ...running, attempts: 8 }, 'gone', now, options)).toEqual({
      action: 'release',
      removeStale: false,
    });
    expect(decideReconcile({ ...running, attempts: 500 }, 'gone', now, options)).toEqual({
      action: 'settle',
      reason: 'claims-exhausted',
    });
    expect(decideReconcile(running, 'failed', now, options)).toEqual({
      action: 'settle',
      reason: 'failed-for-good',
    });
  });

  it('runs again a job BullMQ failed for stalling, queued or running, instead of settling it', () => {
    expect(decideReconcile(queued, 'stalled-out', now, options)).toEqual({
      action: 'requeue',
      removeStale: true,
    });
    expect(decideReconcile(running, 'stalled-out', now, options)).toEqual({
      action: 'release',
      removeStale: true,
    });
  });
});
