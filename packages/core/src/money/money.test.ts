import { describe, expect, it } from 'vitest';
import { decimalToMicros, microsToNumber, numberToMicros, parseMicros, sumMoney } from './money';

describe('money', () => {
  it('parses decimal strings exactly', () => {
    expect(decimalToMicros('1234.56')).toBe(1_234_560_000n);
    expect(decimalToMicros('0.1')).toBe(100_000n);
    expect(decimalToMicros('5339.5')).toBe(5_339_500_000n);
    expect(decimalToMicros('7')).toBe(7_000_000n);
    expect(decimalToMicros('0.0000005')).toBe(1n);
    expect(decimalToMicros('-2.25')).toBe(-2_250_000n);
  });

  it('rejects what is not a plain decimal', () => {
    for (const bad of ['', '-', '1,5', '1e3', 'abc', '1.2.3']) {
      expect(() => decimalToMicros(bad)).toThrow(RangeError);
    }
  });

  it('parses int64 micros from strings and numbers', () => {
    expect(parseMicros('5000000')).toBe(5_000_000n);
    expect(parseMicros(123)).toBe(123n);
    expect(() => parseMicros('1.5')).toThrow(RangeError);
    expect(() => parseMicros(1.5)).toThrow(RangeError);
  });

  it('sums without float drift where plain addition drifts', () => {
    const amounts = Array.from({ length: 1000 }, () => 0.1);
    expect(amounts.reduce((a, b) => a + b, 0)).not.toBe(100);
    expect(sumMoney(amounts)).toBe(100);
    expect(sumMoney([0.1, 0.2])).toBe(0.3);
  });

  it('round-trips micros and numbers', () => {
    expect(microsToNumber(1_234_567_891n)).toBe(1234.567891);
    expect(numberToMicros(microsToNumber(987_654_321n))).toBe(987_654_321n);
    expect(microsToNumber(-1_500_000n)).toBe(-1.5);
  });
});
