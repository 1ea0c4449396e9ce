import { describe, expect, it } from 'vitest';
import { chunkDateRange } from './date-chunks';

describe('chunkDateRange', () => {
  it('splits 90 days into 30-day chunks that cover every day once', () => {
    const chunks = chunkDateRange('2026-01-01', '2026-03-31', 30);
    expect(chunks).toEqual([
      { start: '2026-01-01', end: '2026-01-30', days: 30 },
      { start: '2026-01-31', end: '2026-03-01', days: 30 },
      { start: '2026-03-02', end: '2026-03-31', days: 30 },
    ]);
  });

  it('keeps a short range whole and handles a single day', () => {
    expect(chunkDateRange('2026-02-27', '2026-03-02', 31)).toEqual([
      { start: '2026-02-27', end: '2026-03-02', days: 4 },
    ]);
    expect(chunkDateRange('2026-02-27', '2026-02-27', 31)).toEqual([
      { start: '2026-02-27', end: '2026-02-27', days: 1 },
    ]);
  });
});
