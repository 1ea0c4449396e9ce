import { decimalToMicros, microsToNumber, parseMicros } from '@cohorts/core/money';

/**
 * Platform numbers to normalized numbers, exactly. Money goes through integer micros (core's money
 * module), so `"0.1"` + `"0.2"` style drift never enters the data; counts must be whole.
 */

/** A decimal money string in major units (`"5339.5"`: Meta, LinkedIn, TikTok). */
export function moneyFromDecimal(text: string): number {
  return microsToNumber(decimalToMicros(text));
}

/** An int64 micros amount as Google sends it (`"5000000"` = 5.00). */
export function moneyFromMicros(value: string | number): number {
  return microsToNumber(parseMicros(value));
}

/**
 * A JSON double in major units (Google's `conversionsValue`). Doubles carry no more than ~15
 * significant digits, so rounding to six decimals through a decimal string is exact for money.
 */
export function moneyFromDouble(value: number): number {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite amount: ${value}`);
  return microsToNumber(decimalToMicros(value.toFixed(6)));
}

/** A whole count sent as a string or number (`"361324"`, `19090`). */
export function countFromWire(value: string | number): number {
  const count = typeof value === 'number' ? value : /^\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(count) || count < 0)
    throw new RangeError(`not a whole count: ${JSON.stringify(value)}`);
  return count;
}

/** A possibly fractional, non-negative quantity (conversions), exact to six decimals. */
export function quantityFromWire(value: string | number): number {
  const text = typeof value === 'number' ? value.toFixed(6) : value.trim();
  const micros = decimalToMicros(text);
  if (micros < 0n) throw new RangeError(`negative quantity: ${JSON.stringify(value)}`);
  return microsToNumber(micros);
}

/** Platforms write "not applicable" as `"-"`, `""` or by leaving the field out. */
export function isNotReported(
  value: string | number | null | undefined,
): value is '-' | '' | null | undefined {
  return value === undefined || value === null || value === '' || value === '-';
}
