import 'server-only';
import { loadWebEnv, type WebEnv } from '@cohorts/core/config';

let cached: WebEnv | undefined;

/** The web app's validated configuration, read once per process. */
export function webEnv(): WebEnv {
  cached ??= loadWebEnv(process.env);
  return cached;
}
