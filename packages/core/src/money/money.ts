/**
 * Exact money arithmetic. Platforms send money as micros (Google) or decimal strings (Meta,
 * LinkedIn, TikTok); summing JS floats drifts, so amounts are carried as integer micros
 * (exact up to ~9e9 units of a currency) and turned into numbers only at the edge.
 */

export type Micros = bigint;

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

/** Parses `"1234.56"` into micros exactly; rejects anything that is not a plain decimal. */
export function decimalToMicros(text: string): Micros {
  const match = DECIMAL.exec(text.trim());
  if (!match) throw new RangeError(`not a decimal amount: ${JSON.stringify(text)}`);
  const [, sign, whole = '0', fraction = ''] = match;
  const padded = `${fraction}000000`.slice(0, 6);
  // Round half up on the 7th fractional digit, so "0.0000005" is 1 micro.
  const roundUp = fraction.length > 6 && Number(fraction[6]) >= 5 ? 1n : 0n;
  const micros = BigInt(whole) * 1_000_000n + BigInt(padded) + roundUp;
  return sign ? -micros : micros;
}

/** Parses an int64 micros value as Google sends it (a JSON string or number). */
export function parseMicros(value: string | number): Micros {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new RangeError(`not an integer micros amount: ${value}`);
    return BigInt(value);
  }
  if (!/^-?\d+$/.test(value)) throw new RangeError(`not an integer micros amount: ${JSON.stringify(value)}`);
  return BigInt(value);
}

/** A number of major units (e.g. dollars) with at most six decimals, exact for realistic amounts. */
export function microsToNumber(micros: Micros): number {
  const negative = micros < 0n;
  const abs = negative ? -micros : micros;
  const whole = abs / 1_000_000n;
  const fraction = (abs % 1_000_000n).toString().padStart(6, '0');
  return Number(`${negative ? '-' : ''}${whole}.${fraction}`);
}

/** Converts a number of major units that came from `microsToNumber` back to micros. */
export function numberToMicros(amount: number): Micros {
  if (!Number.isFinite(amount)) throw new RangeError(`not a finite amount: ${amount}`);
  return BigInt(Math.round(amount * 1_000_000));
}

/** Sums amounts in major units without float drift. */
export function sumMoney(amounts: readonly number[]): number {
  let total = 0n;
  for (const amount of amounts) total += numberToMicros(amount);
  return microsToNumber(total);
}
