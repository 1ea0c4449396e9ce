/**
 * Money is carried as integer micros (1 unit = 1,000,000) so sums are exact; it becomes a string only
 * when a platform encodes it.
 */
export type Micros = bigint;

const MICROS_PER_UNIT = 1_000_000n;

/** Decimal places of a currency's minor unit (ISO 4217), for the currencies the fixtures use. */
const MINOR_UNITS: Record<string, number> = { JPY: 0, KRW: 0 };

export function minorUnitDigits(currency: string): number {
  return MINOR_UNITS[currency] ?? 2;
}

/**
 * `1234500000n` -> `"1234.5"`. `minDecimals` pads (TikTok's `"12.30"`), `maxDecimals` rounds half up
 * (never needed for amounts the generator makes, which are already on the currency's grid).
 */
export function formatMicros(
  micros: Micros,
  options: { minDecimals?: number; maxDecimals?: number } = {},
): string {
  const { minDecimals = 0, maxDecimals = 6 } = options;
  const negative = micros < 0n;
  let abs = negative ? -micros : micros;
  const step = 10n ** BigInt(6 - maxDecimals);
  if (step > 1n) abs = ((abs + step / 2n) / step) * step;
  const whole = abs / MICROS_PER_UNIT;
  let fraction = (abs % MICROS_PER_UNIT).toString().padStart(6, '0').slice(0, maxDecimals);
  while (fraction.length > minDecimals && fraction.endsWith('0')) fraction = fraction.slice(0, -1);
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}
