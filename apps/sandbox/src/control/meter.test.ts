import { describe, expect, it } from 'vitest';
import { RequestMeter } from './meter';

const label = { provider: 'google', loginId: 'ada', clientId: 'app', grantId: 'g1' };

describe('RequestMeter', () => {
  it('tells calendar seconds from sliding ones', () => {
    const meter = new RequestMeter();
    // Four requests in 150 ms that straddle a second boundary: 2 + 2 per calendar second, 4 per sliding one.
    for (const at of [10_900, 10_950, 11_000, 11_050]) meter.record('g1', 'tok', label, at);
    expect(meter.snapshot()[0]).toMatchObject({
      total: 4,
      maxPerCalendarSecond: 2,
      maxPerSlidingSecond: 4,
      secondsAbove10: [],
    });
  });

  it('lists each calendar second above 10 requests', () => {
    const meter = new RequestMeter();
    for (let i = 0; i < 11; i++) meter.record('g1', 'tok', label, 20_000 + i * 10);
    for (let i = 0; i < 10; i++) meter.record('g1', 'tok', label, 21_000 + i * 10);
    expect(meter.snapshot()[0]).toMatchObject({
      total: 21,
      maxPerCalendarSecond: 11,
      maxPerSlidingSecond: 11,
      secondsAbove10: [{ second: 20, count: 11 }],
      busiestWindow: Array.from({ length: 11 }, (_, i) => 20_000 + i * 10),
    });
  });

  it('does not count a request exactly 1000 ms older in the same sliding window', () => {
    const meter = new RequestMeter();
    meter.record('g1', 'tok', label, 5_000);
    meter.record('g1', 'tok', label, 6_000);
    expect(meter.snapshot()[0]?.maxPerSlidingSecond).toBe(1);
  });

  it('keeps credentials apart and forgets everything on reset', () => {
    const meter = new RequestMeter();
    meter.record('g1', 'a', label, 1_000);
    meter.record('g2', 'b', { ...label, grantId: 'g2' }, 1_000);
    expect(meter.snapshot().map((e) => e.credential)).toEqual(['g1', 'g2']);
    meter.reset();
    expect(meter.snapshot()).toEqual([]);
  });
});
