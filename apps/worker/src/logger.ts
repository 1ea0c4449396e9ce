import pino from 'pino';

/** Paths pino blanks out wherever they appear in a log object: tokens never reach the logs. */
const redactedLogPaths = [
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
  '*.secret',
  '*.tokens',
  '*.headers.authorization',
  'accessToken',
  'refreshToken',
  'token',
  'tokens',
  'TOKEN_ENCRYPTION_KEYS',
];

export function createLogger(level: string, destination?: pino.DestinationStream) {
  const options = {
    level,
    base: { service: 'worker' },
    redact: { paths: redactedLogPaths, censor: '[redacted]' },
  };
  return destination ? pino(options, destination) : pino(options);
}

export type Logger = ReturnType<typeof createLogger>;
