import { describe, expect, it } from 'vitest';
import { formatMicros } from './money';

describe('formatMicros', () => {
  it('writes the shortest exact decimal by default', () => {
    expect(formatMicros(1_234_500_000n)).toBe('1234.5');
    expect(formatMicros(5_000_000n)).toBe('5');
    expect(formatMicros(1n)).toBe('0.000001');
    expect(formatMicros(-2_500_000n)).toBe('-2.5');
  });

  it('pads and rounds half up when asked', () => {
    expect(formatMicros(12_300_000n, { minDecimals: 2, maxDecimals: 2 })).toBe('12.30');
    expect(formatMicros(12_345_000n, { minDecimals: 2, maxDecimals: 2 })).toBe('12.35');
    expect(formatMicros(0n, { minDecimals: 2, maxDecimals: 2 })).toBe('0.00');
  });
});
