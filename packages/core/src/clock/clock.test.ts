import { describe, expect, it } from 'vitest';
import { clockFromStartAt, clockStartingAt, PinnedClock, systemClock } from './clock';

describe('clocks', () => {
  it('a pinned clock reads its instant until set or advanced', () => {
    const clock = new PinnedClock('2026-12-31T23:30:00Z');
    expect(clock.now().toISOString()).toBe('2026-12-31T23:30:00.000Z');
    clock.advance(60 * 60_000);
    expect(clock.now().toISOString()).toBe('2027-01-01T00:30:00.000Z');
    clock.set(new Date('2026-03-08T10:30:00Z'));
    expect(clock.now().toISOString()).toBe('2026-03-08T10:30:00.000Z');
  });

  it('a clock starting at an instant runs by the elapsed time it is given', () => {
    let elapsed = 0;
    const clock = clockStartingAt('2026-11-01T09:30:00Z', () => elapsed);
    expect(clock.now().toISOString()).toBe('2026-11-01T09:30:00.000Z');
    elapsed = 1_500;
    expect(clock.now().toISOString()).toBe('2026-11-01T09:30:01.500Z');
    clock.restartAt('2025-12-31T23:30:00Z');
    elapsed = 2_000;
    expect(clock.now().toISOString()).toBe('2025-12-31T23:30:00.500Z');
  });

  it('refuses an instant that is not one', () => {
    expect(() => new PinnedClock('yesterday')).toThrow(/not an instant/);
    expect(() => clockFromStartAt('2026-13-45')).toThrow(/not an instant/);
  });

  it('uses the system clock when no start is configured', () => {
    expect(clockFromStartAt(undefined)).toBe(systemClock);
  });
});
