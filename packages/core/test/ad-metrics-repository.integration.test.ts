import { uniqueId } from '@cohorts/test-harness';
import { describe, expect, it } from 'vitest';
import { firestoreFor } from '../src/firestore/firebase-app';
import { adMetricsCollectionPath } from '../src/firestore/paths';
import { buildAdMetricsDays } from '../src/metrics/build-ad-metrics-days';
import { AdMetricsRepository } from '../src/repositories/ad-metrics-repository';
import { recordFixture } from './fixtures';

const db = firestoreFor(process.env.FIREBASE_PROJECT_ID ?? 'demo-cohorts');
const metrics = new AdMetricsRepository(db);
const syncedAt = new Date('2026-11-25T02:00:00Z');

function window(providerId: 'google' | 'tiktok', dates: string[]) {
  return buildAdMetricsDays(
    providerId,
    dates.flatMap((date, i) => [
      recordFixture({
        providerId,
        date,
        spend: 10.1 + i,
        campaign: { id: 'c1', name: 'A', objective: null },
      }),
      recordFixture({ providerId, date, spend: 0.2, campaign: { id: 'c2', name: 'B', objective: null } }),
    ]),
    { syncedAt, rawPayloadRef: `user-1/${providerId}/job-1-1.json` },
  );
}

async function rawDocuments(userId: string): Promise<Record<string, unknown>> {
  const snapshot = await db.collection(adMetricsCollectionPath(userId)).get();
  return Object.fromEntries(snapshot.docs.map((doc) => [doc.id, doc.data()]));
}

describe('AdMetricsRepository (Firestore emulator)', () => {
  it('writing the same window twice leaves the same documents, byte for byte', async () => {
    const userId = uniqueId('u');
    const days = window('google', ['2026-11-01', '2026-11-02', '2026-11-03']);
    expect(await metrics.upsertDays(userId, days)).toBe(3);
    const first = await rawDocuments(userId);
    await metrics.upsertDays(userId, window('google', ['2026-11-01', '2026-11-02', '2026-11-03']));
    const second = await rawDocuments(userId);
    expect(Object.keys(second).sort()).toEqual([
      '2026-11-01_google',
      '2026-11-02_google',
      '2026-11-03_google',
    ]);
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
    expect((second['2026-11-01_google'] as { spend: number }).spend).toBe(10.3);
  });

  it('a restated day overwrites instead of adding', async () => {
    const userId = uniqueId('u');
    await metrics.upsertDays(userId, window('google', ['2026-11-01']));
    const restated = buildAdMetricsDays('google', [recordFixture({ spend: 3, conversions: 9 })], {
      syncedAt,
      rawPayloadRef: null,
    });
    await metrics.upsertDays(userId, restated);
    const [row] = await metrics.readRange(userId, {
      from: '2026-11-01',
      to: '2026-11-01',
      providerIds: ['google'],
    });
    expect(row?.providers.google).toMatchObject({ spend: 3, conversions: 9 });
    expect(row?.providers.google?.campaigns).toHaveLength(1);
  });

  it('reads a range with every date present and empty days as null', async () => {
    const userId = uniqueId('u');
    await metrics.upsertDays(userId, window('google', ['2026-10-30', '2026-11-02']));
    await metrics.upsertDays(userId, window('tiktok', ['2026-11-01']));
    const rows = await metrics.readRange(userId, { from: '2026-10-30', to: '2026-11-02' });
    expect(rows.map((r) => r.date)).toEqual(['2026-10-30', '2026-10-31', '2026-11-01', '2026-11-02']);
    expect(rows.map((r) => r.providers.google === null)).toEqual([false, true, true, false]);
    expect(rows.map((r) => r.providers.tiktok === null)).toEqual([true, true, false, true]);
    expect(rows[0]?.providers.linkedin).toBeNull();
    expect(rows[0]?.providers.google?.syncedAt).toEqual(syncedAt);

    const onlyTiktok = await metrics.readRange(userId, {
      from: '2026-11-01',
      to: '2026-11-01',
      providerIds: ['tiktok'],
    });
    expect(Object.keys(onlyTiktok[0]?.providers ?? {})).toEqual(['tiktok']);
  });

  it('reads only the fields asked for, with providerId and date, and empty days still null', async () => {
    const userId = uniqueId('u');
    await metrics.upsertDays(userId, window('google', ['2026-11-01', '2026-11-03']));
    const rows = await metrics.readRangeFields(userId, { from: '2026-11-01', to: '2026-11-03' }, [
      'campaigns',
    ]);
    expect(rows.map((r) => r.providers.google === null)).toEqual([false, true, false]);
    const day = rows[0]?.providers.google;
    expect(Object.keys(day ?? {}).sort()).toEqual(['campaigns', 'date', 'providerId']);
    expect(day?.campaigns.map((c) => c.id)).toEqual(['c1', 'c2']);
  });

  it('rejects an inverted or over-long range', async () => {
    await expect(metrics.readRange('u', { from: '2026-11-02', to: '2026-11-01' })).rejects.toThrow(
      /before its start/,
    );
    await expect(metrics.readRange('u', { from: '2020-01-01', to: '2026-11-01' })).rejects.toThrow(
      /longer than/,
    );
  });
});
