import { describe, expect, it } from 'vitest';
import type { SeriesDay } from './chart-data';
import { providerCoverage, withLiveSyncs } from './coverage';

const day = (
  date: string,
  state: 'reported' | 'no-activity' | 'syncing' | 'not-synced' | 'not-linked',
  mayChangeUntil: string | null,
): SeriesDay => ({ date, providers: { google: { state, figures: [], mayChangeUntil } } });

describe('providerCoverage', () => {
  it('counts each kind of day and spans the provisional ones', () => {
    const coverage = providerCoverage(
      [
        day('2026-11-20', 'reported', null),
        day('2026-11-21', 'no-activity', null),
        day('2026-11-22', 'reported', '2026-11-30'),
        day('2026-11-23', 'no-activity', '2026-12-01'),
        day('2026-11-24', 'not-synced', '2026-12-02'),
      ],
      'google',
    );
    expect(coverage.counts).toEqual({
      reported: 2,
      'no-activity': 2,
      syncing: 0,
      'not-synced': 1,
      'not-linked': 0,
    });
    // A date not read yet is missing, not provisional.
    expect(coverage.provisional).toEqual({
      first: '2026-11-22',
      last: '2026-11-23',
      lastUntil: '2026-12-01',
    });
  });

  it('has nothing provisional for a platform that is not linked', () => {
    expect(providerCoverage([day('2026-11-20', 'not-linked', null)], 'google').provisional).toBeNull();
    expect(providerCoverage([], 'tiktok').counts.reported).toBe(0);
  });
});

describe('withLiveSyncs', () => {
  it('turns unread dates of a platform whose sync is running into syncing ones, and nothing else', () => {
    const days = [day('2026-11-20', 'reported', null), day('2026-11-21', 'not-synced', null)];
    expect(withLiveSyncs(days, new Set(['google'])).map((d) => d.providers.google?.state)).toEqual([
      'reported',
      'syncing',
    ]);
    expect(withLiveSyncs(days, new Set(['tiktok']))).toEqual(days);
  });
});
