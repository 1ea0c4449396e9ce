import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, eachDate, localDateIn } from './calendar';

describe('calendar', () => {
  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
  });

  it('lists every date of a range, both ends included', () => {
    expect(eachDate('2026-02-27', '2026-03-02')).toEqual([
      '2026-02-27',
      '2026-02-28',
      '2026-03-01',
      '2026-03-02',
    ]);
    expect(eachDate('2026-03-02', '2026-03-01')).toEqual([]);
    expect(daysBetween('2026-01-01', '2026-04-01')).toBe(90);
  });

  it("gives an account's local date, which differs from UTC near midnight", () => {
    const instant = new Date('2026-11-25T03:30:00Z');
    expect(localDateIn('UTC', instant)).toBe('2026-11-25');
    expect(localDateIn('America/Los_Angeles', instant)).toBe('2026-11-24');
    expect(localDateIn('Asia/Tokyo', new Date('2026-11-24T16:00:00Z'))).toBe('2026-11-25');
  });
});
