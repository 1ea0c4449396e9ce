import pino from 'pino';

/** Paths pino blanks out wherever they appear in a log object: tokens never reach the logs. */
export const redactedLogPaths = [
  '*.accessToken',
  '*.refreshToken',
  '*.idToken',
  '*.access_token',
  '*.refresh_token',
  '*.clientSecret',
  '*.authorization',
  '*.Authorization',
  'headers.authorization',
  'headers["access-token"]',
  'accessToken',
  'refreshToken',
  'token',
];

export function createLogger(level: string) {
  return pino({
    level,
    base: { service: 'worker' },
    redact: { paths: redactedLogPaths, censor: '[redacted]' },
  });
}

export type Logger = ReturnType<typeof createLogger>;
