import { describe, expect, it } from 'vitest';
import {
  countFromWire,
  isNotReported,
  moneyFromDecimal,
  moneyFromDouble,
  moneyFromMicros,
  quantityFromWire,
} from './money';

describe('platform numbers', () => {
  it('reads money exactly from decimals, micros and doubles', () => {
    expect(moneyFromDecimal('5339.5')).toBe(5339.5);
    expect(moneyFromDecimal('209.449')).toBe(209.449);
    expect(moneyFromMicros('5000000')).toBe(5);
    expect(moneyFromMicros('1234567')).toBe(1.234567);
    expect(moneyFromMicros(0)).toBe(0);
    expect(moneyFromDouble(200.1)).toBe(200.1);
    expect(moneyFromDouble(0.1 + 0.2)).toBe(0.3);
  });

  it('reads whole counts from strings and numbers, refusing anything else', () => {
    expect(countFromWire('361324')).toBe(361_324);
    expect(countFromWire(19090)).toBe(19_090);
    for (const bad of ['1.5', '-1', 'abc', '', 1.5, -3, '9007199254740993']) {
      expect(() => countFromWire(bad)).toThrow(RangeError);
    }
  });

  it('reads fractional quantities (Google attributes fractions of conversions)', () => {
    expect(quantityFromWire(4.5)).toBe(4.5);
    expect(quantityFromWire('3')).toBe(3);
    expect(quantityFromWire(1 / 3)).toBe(0.333333);
    expect(() => quantityFromWire('-1')).toThrow(RangeError);
  });

  it('knows the ways platforms say "not reported"', () => {
    for (const value of ['-', '', null, undefined]) expect(isNotReported(value)).toBe(true);
    for (const value of ['0', 0, '1.2']) expect(isNotReported(value)).toBe(false);
  });
});
