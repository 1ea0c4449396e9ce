import { ConfigError, loadWebEnv } from '@cohorts/core/config';

/** Exits with 78 (EX_CONFIG), printing every problem by variable name, when the configuration is refused. */
export function refuseInvalidConfiguration(): void {
  try {
    loadWebEnv(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(78);
  }
}
