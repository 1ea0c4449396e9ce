/**
 * Seeded randomness: the same seed string always gives the same sequence, on every machine, so the
 * sandbox's numbers are a pure function of (account, campaign, date, revision).
 */

/** FNV-1a, 32 bits. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export type Random = () => number;

/** mulberry32: a small, well-distributed PRNG giving floats in [0, 1). */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** mulberry32 seeded by a string's hash. */
export function seededRandom(seed: string): Random {
  return mulberry32(hashString(seed));
}

/** A float in [min, max). */
export function between(random: Random, min: number, max: number): number {
  return min + (max - min) * random();
}
