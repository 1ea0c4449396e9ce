import { pinnedInstants } from '@cohorts/test-harness/instants';
import { describe, expect, it } from 'vitest';
import {
  computeNextSyncDueAt,
  decideSchedule,
  incrementalTimeframeDays,
  nightlyOffsetMinutes,
  nightlyWindow,
  type ScheduleInput,
} from './policy';

const now = new Date('2026-11-25T10:00:00.000Z');
const minutes = (n: number) => n * 60_000;

function integration(overrides: Partial<ScheduleInput['integration']> = {}): ScheduleInput['integration'] {
  return {
    userId: 'user-1',
    providerId: 'google',
    autoSyncEnabled: true,
    syncFrequencyMinutes: 360,
    scheduledTimeframeDays: null,
    reconnectRequired: false,
    lastSyncedAt: new Date(now.getTime() - minutes(400)),
    lastSyncRequestedAt: new Date(now.getTime() - minutes(401)),
    ...overrides,
  };
}

describe('decideSchedule', () => {
  it('never syncs a link whose accounts are still to be chosen, even when forced', () => {
    const waiting = integration({
      lastSyncedAt: null,
      lastSyncRequestedAt: null,
      accountChoicePending: true,
    });
    for (const force of [false, true]) {
      expect(decideSchedule({ integration: waiting, liveJob: null, now, force })).toEqual({
        action: 'skip',
        reason: 'awaiting-account-choice',
        nextSyncDueAt: null,
      });
    }
    // Once chosen, it is an ordinary integration that never synced: due at once.
    const chosen = { ...waiting, accountChoicePending: false };
    expect(decideSchedule({ integration: chosen, liveJob: null, now }).action).toBe('enqueue');
  });

  it('enqueues a due integration with the incremental window and the next due time from now', () => {
    const decision = decideSchedule({ integration: integration(), liveJob: null, now });
    expect(decision).toEqual({
      action: 'enqueue',
      jobType: 'scheduled-sync',
      timeframeDays: incrementalTimeframeDays,
      nextSyncDueAt: new Date(now.getTime() + minutes(360)),
    });
    expect(incrementalTimeframeDays).toBeGreaterThanOrEqual(8);
  });

  it('uses scheduledTimeframeDays when the integration sets it', () => {
    const decision = decideSchedule({
      integration: integration({ scheduledTimeframeDays: 30 }),
      liveJob: null,
      now,
    });
    expect(decision).toMatchObject({ action: 'enqueue', timeframeDays: 30 });
  });

  it('skips an integration synced within its frequency and keeps its due time', () => {
    const lastSyncedAt = new Date(now.getTime() - minutes(100));
    const decision = decideSchedule({ integration: integration({ lastSyncedAt }), liveJob: null, now });
    expect(decision).toEqual({
      action: 'skip',
      reason: 'synced-recently',
      nextSyncDueAt: new Date(lastSyncedAt.getTime() + minutes(360)),
    });
  });

  it('counts the cadence from the last request too, so a failing sync is not re-queued every tick', () => {
    const decision = decideSchedule({
      integration: integration({ lastSyncRequestedAt: new Date(now.getTime() - minutes(5)) }),
      liveJob: null,
      now,
    });
    expect(decision).toMatchObject({ action: 'skip', reason: 'synced-recently' });
  });

  it('force re-queues an integration synced recently', () => {
    const decision = decideSchedule({
      integration: integration({ lastSyncedAt: new Date(now.getTime() - minutes(1)) }),
      liveJob: null,
      now,
      force: true,
    });
    expect(decision).toMatchObject({ action: 'enqueue' });
  });

  it('skips when auto-sync is off, even forced, and clears the due time', () => {
    for (const force of [false, true]) {
      expect(
        decideSchedule({ integration: integration({ autoSyncEnabled: false }), liveJob: null, now, force }),
      ).toEqual({ action: 'skip', reason: 'auto-sync-off', nextSyncDueAt: null });
    }
  });

  it('treats an unset autoSyncEnabled as on', () => {
    expect(
      decideSchedule({ integration: integration({ autoSyncEnabled: null }), liveJob: null, now }),
    ).toMatchObject({ action: 'enqueue' });
  });

  it('skips an integration that needs reconnecting, even forced', () => {
    const decision = decideSchedule({
      integration: integration({ reconnectRequired: true }),
      liveJob: null,
      now,
      force: true,
    });
    expect(decision).toEqual({
      action: 'skip',
      reason: 'reconnect-required',
      nextSyncDueAt: new Date(now.getTime() + minutes(360)),
    });
  });

  it('skips when a job is live; force replaces only a queued scheduled job', () => {
    const base = { integration: integration(), now };
    expect(
      decideSchedule({ ...base, liveJob: { status: 'running', jobType: 'scheduled-sync' } }),
    ).toMatchObject({ action: 'skip', reason: 'live-job', nextSyncDueAt: now });
    expect(
      decideSchedule({ ...base, liveJob: { status: 'queued', jobType: 'scheduled-sync' }, force: true }),
    ).toMatchObject({ action: 'enqueue' });
    expect(
      decideSchedule({ ...base, liveJob: { status: 'running', jobType: 'scheduled-sync' }, force: true }),
    ).toMatchObject({ action: 'skip', reason: 'live-job' });
    expect(
      decideSchedule({ ...base, liveJob: { status: 'queued', jobType: 'initial-backfill' }, force: true }),
    ).toMatchObject({ action: 'skip', reason: 'live-job' });
  });

  it('enqueues the backfill of a never-synced integration at once', () => {
    const decision = decideSchedule({
      integration: integration({ lastSyncedAt: null, lastSyncRequestedAt: null, syncFrequencyMinutes: null }),
      liveJob: null,
      now,
    });
    expect(decision).toMatchObject({ action: 'enqueue', jobType: 'initial-backfill', timeframeDays: 90 });
  });

  it('re-enqueues the backfill of an integration with no successful sync 15 minutes after it was requested', () => {
    for (const syncFrequencyMinutes of [null, 60, 1440]) {
      const failedBackfill = (requestedMinutesAgo: number) =>
        integration({
          lastSyncedAt: null,
          lastSyncRequestedAt: new Date(now.getTime() - minutes(requestedMinutesAgo)),
          syncFrequencyMinutes,
        });
      expect(decideSchedule({ integration: failedBackfill(14), liveJob: null, now })).toEqual({
        action: 'skip',
        reason: 'synced-recently',
        nextSyncDueAt: new Date(now.getTime() + minutes(1)),
      });
      expect(decideSchedule({ integration: failedBackfill(15), liveJob: null, now })).toEqual({
        action: 'enqueue',
        jobType: 'initial-backfill',
        timeframeDays: 90,
        nextSyncDueAt: new Date(now.getTime() + minutes(15)),
      });
      // One live job per integration: a backfill still queued or running is left alone.
      expect(
        decideSchedule({
          integration: failedBackfill(60),
          liveJob: { status: 'running', jobType: 'initial-backfill' },
          now,
        }),
      ).toMatchObject({ action: 'skip', reason: 'live-job' });
    }
  });
});

describe('nightly default cadence', () => {
  const nightly = (userId: string, lastSyncedAt: Date) =>
    integration({ userId, syncFrequencyMinutes: null, lastSyncedAt, lastSyncRequestedAt: null });

  it('gives each tenant a deterministic slot inside the nightly UTC window, spread across tenants', () => {
    const offsets = Array.from({ length: 200 }, (_, i) => nightlyOffsetMinutes(`user-${i}`, 'google'));
    expect(nightlyOffsetMinutes('user-1', 'google')).toBe(nightlyOffsetMinutes('user-1', 'google'));
    for (const offset of offsets) {
      expect(offset).toBeGreaterThanOrEqual(nightlyWindow.startMinuteUtc);
      expect(offset).toBeLessThan(nightlyWindow.startMinuteUtc + nightlyWindow.lengthMinutes);
    }
    // Spread: 200 tenants land in many distinct slots, not all at midnight.
    expect(new Set(offsets).size).toBeGreaterThan(100);
    expect(offsets.filter((offset) => offset === 0).length).toBeLessThan(5);
  });

  it('is due once the tenant slot after the last sync has passed, and next due the following night', () => {
    const userId = 'tenant-a';
    const offset = nightlyOffsetMinutes(userId, 'google');
    const midnight = Date.parse('2026-11-25T00:00:00.000Z');
    const slot = new Date(midnight + minutes(offset));
    const lastSyncedAt = new Date(slot.getTime() - 86_400_000 + minutes(1)); // just after yesterday's slot

    const before = new Date(slot.getTime() - 1);
    expect(
      decideSchedule({ integration: nightly(userId, lastSyncedAt), liveJob: null, now: before }),
    ).toEqual({
      action: 'skip',
      reason: 'synced-recently',
      nextSyncDueAt: slot,
    });
    const at = new Date(slot.getTime() + minutes(3));
    expect(decideSchedule({ integration: nightly(userId, lastSyncedAt), liveJob: null, now: at })).toEqual({
      action: 'enqueue',
      jobType: 'scheduled-sync',
      timeframeDays: incrementalTimeframeDays,
      nextSyncDueAt: new Date(slot.getTime() + 86_400_000),
    });
  });
});

describe.each(pinnedInstants)('nightly cadence at $name ($at)', ({ at }) => {
  const now = new Date(at);
  const nightly = (userId: string, lastSyncedAt: Date | null) =>
    integration({ userId, syncFrequencyMinutes: null, lastSyncedAt, lastSyncRequestedAt: null });
  const tenants = Array.from({ length: 50 }, (_, i) => `tenant-${i}`);
  const dayMs = 86_400_000;

  it('syncs each tenant once per UTC night: due after a day without sync, next slot within 24 h', () => {
    for (const userId of tenants) {
      const due = decideSchedule({
        integration: nightly(userId, new Date(now.getTime() - dayMs - 1)),
        liveJob: null,
        now,
      });
      expect(due.action).toBe('enqueue');
      const next = due.nextSyncDueAt?.getTime() ?? 0;
      expect(next).toBeGreaterThan(now.getTime());
      expect(next - now.getTime()).toBeLessThanOrEqual(dayMs);
      // The slot is the tenant's own minute of the nightly window, in UTC (not the account's zone).
      const slotMinute = (next % dayMs) / 60_000;
      expect(slotMinute).toBe(nightlyOffsetMinutes(userId, 'google'));
    }
  });

  it('does not sync a tenant twice between two of its slots', () => {
    for (const userId of tenants) {
      const synced = decideSchedule({
        integration: nightly(userId, new Date(now.getTime() - 60_000)),
        liveJob: null,
        now,
      });
      expect(synced).toMatchObject({ action: 'skip', reason: 'synced-recently' });
      expect((synced.nextSyncDueAt?.getTime() ?? 0) - now.getTime()).toBeLessThanOrEqual(dayMs);
    }
  });
});

describe('computeNextSyncDueAt', () => {
  it('is null when auto-sync is off, now when overdue, and the cadence time otherwise', () => {
    expect(computeNextSyncDueAt({ ...integration(), autoSyncEnabled: false }, now)).toBeNull();
    expect(computeNextSyncDueAt(integration(), now)).toEqual(now);
    const recent = new Date(now.getTime() - minutes(60));
    expect(computeNextSyncDueAt(integration({ lastSyncedAt: recent }), now)).toEqual(
      new Date(recent.getTime() + minutes(360)),
    );
  });
});
