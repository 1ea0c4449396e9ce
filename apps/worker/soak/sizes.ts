import type { WebMode } from './stack';

export interface SoakSize {
  users: number;
  /** Users who watch their jobs live (Auth-emulator users with an ID token and an open job stream). */
  watchers: number;
  soakSeconds: number;
  /** RSS samples before this are left out of the growth figures (start-up, JIT, caches filling). */
  warmUpSeconds: number;
  /** Scheduler rounds (hourly cadences) the soak must get through. */
  minRounds: number;
  /** After the soak, how long the last round may take to finish. */
  drainSeconds: number;
  readsPerSecond: number;
  streamSeconds: number;
  workerConcurrency: number;
  reconcilerIntervalMs: number;
  alertCheckIntervalMs: number;
  web: WebMode;
}

/** Env knobs for trying other shapes: SOAK_USERS, SOAK_SECONDS. */
function fromEnv(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

export const soakSizes: Record<'smoke' | 'full', SoakSize> = {
  // Inside `pnpm test`: every row present, the invariants hold; `next dev` spares a production build.
  smoke: {
    users: fromEnv('SOAK_USERS', 20),
    watchers: 3,
    soakSeconds: fromEnv('SOAK_SECONDS', 30),
    warmUpSeconds: 10,
    minRounds: 1,
    drainSeconds: 120,
    readsPerSecond: 4,
    streamSeconds: 10,
    workerConcurrency: 4,
    reconcilerIntervalMs: 10_000,
    alertCheckIntervalMs: 5_000,
    web: 'dev',
  },
  full: {
    users: fromEnv('SOAK_USERS', 1000),
    watchers: 20,
    soakSeconds: fromEnv('SOAK_SECONDS', 600),
    warmUpSeconds: 120,
    minRounds: 2,
    drainSeconds: 300,
    readsPerSecond: 5,
    streamSeconds: 30,
    workerConcurrency: 4,
    reconcilerIntervalMs: 30_000,
    alertCheckIntervalMs: 15_000,
    web: 'start',
  },
};
