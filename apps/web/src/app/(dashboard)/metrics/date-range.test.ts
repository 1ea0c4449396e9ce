import { describe, expect, it } from 'vitest';
import { customRangeProblem, presetRange, rangeLength } from './date-range';

describe('presetRange', () => {
  it('is the N dates ending yesterday in the user time zone', () => {
    // 23:30 UTC on Dec 3 is already Dec 4 in Tokyo and still Dec 3 in Los Angeles.
    const now = new Date('2026-12-03T23:30:00Z');
    expect(presetRange(7, now, 'Asia/Tokyo')).toEqual({ from: '2026-11-27', to: '2026-12-03' });
    expect(presetRange(7, now, 'America/Los_Angeles')).toEqual({ from: '2026-11-26', to: '2026-12-02' });
    expect(rangeLength(presetRange(90, now, 'UTC'))).toBe(90);
  });

  it('gives the same range at every hour of a day in that time zone', () => {
    for (let hour = 0; hour < 24; hour += 1) {
      const now = new Date(Date.UTC(2026, 2, 10, hour, 15));
      expect(presetRange(30, now, 'UTC'), `hour ${hour}`).toEqual({ from: '2026-02-08', to: '2026-03-09' });
    }
  });
});

describe('customRangeProblem', () => {
  const now = new Date('2026-12-03T12:00:00Z');
  it('accepts a range up to today, up to 366 days', () => {
    expect(customRangeProblem('2026-11-01', '2026-12-03', now, 'UTC')).toBeNull();
    expect(customRangeProblem('2025-12-03', '2026-12-03', now, 'UTC')).toBeNull();
  });
  it('names what is wrong', () => {
    expect(customRangeProblem('', '2026-12-01', now, 'UTC')).toBe('Choose a start date.');
    expect(customRangeProblem('2026-12-01', 'tomorrow', now, 'UTC')).toBe('Choose an end date.');
    expect(customRangeProblem('2026-12-02', '2026-12-01', now, 'UTC')).toBe(
      'The end date is before the start date.',
    );
    expect(customRangeProblem('2026-12-01', '2026-12-04', now, 'UTC')).toBe('The end date is in the future.');
    expect(customRangeProblem('2025-12-02', '2026-12-03', now, 'UTC')).toBe('Choose at most 366 days.');
  });
  it("takes today from the user's time zone", () => {
    // Dec 4 has begun in Tokyo.
    expect(
      customRangeProblem('2026-12-01', '2026-12-04', new Date('2026-12-03T16:00:00Z'), 'Asia/Tokyo'),
    ).toBeNull();
  });
});
