import { ConfigError } from '@cohorts/core';

/**
 * Loads configuration for a worker entry point; an invalid setting prints its message (which names
 * the variable, never its value) and exits 78 (EX_CONFIG) before anything connects.
 */
export function loadConfigOrExit<T>(load: () => T): T {
  try {
    return load();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78);
    }
    throw error;
  }
}
