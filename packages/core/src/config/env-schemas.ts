import { z } from 'zod';
import { duplicateKeyIds } from '../secrets/token-vault';
import { httpUrl, positiveIntFromString, secret } from './parse-env';

const hostPort = (example: string) =>
  z.string().regex(/^[\w.-]+:\d{2,5}$/, { error: `must be host:port such as ${example}` });

/** Firebase project and emulators (refused in production: `production-settings.ts`). */
export const FirebaseEnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  FIREBASE_PROJECT_ID: z
    .string({ error: 'required: the Firebase project id, e.g. demo-cohorts for local emulators' })
    .regex(/^[a-z0-9-]{4,40}$/, { error: 'must be a Firebase project id such as demo-cohorts' }),
  FIRESTORE_EMULATOR_HOST: hostPort('127.0.0.1:8080').optional(),
  FIREBASE_AUTH_EMULATOR_HOST: hostPort('127.0.0.1:9099').optional(),
});

export const RedisEnvSchema = z.object({
  REDIS_URL: z
    .url({
      protocol: /^rediss?$/,
      error: 'must be a redis:// or rediss:// URL such as redis://127.0.0.1:6379',
    })
    .default('redis://127.0.0.1:6379'),
  /** BullMQ key prefix; wrap in braces (`{cohorts}`) on Redis Cluster so a queue's keys share a slot. */
  REDIS_PREFIX: z
    .string()
    .regex(/^[\w{}:-]{1,64}$/, { error: 'must be letters, digits, -, _, :, {, } such as cohorts' })
    .default('cohorts'),
});

export const TokenVaultEnvSchema = z.object({
  /** `keyId:base64key[,keyId:base64key...]`; the first key encrypts, all keys decrypt (rotation). */
  TOKEN_ENCRYPTION_KEYS: z
    .string({ error: 'required: keyId:base64 of 32 random bytes, e.g. k1:$(openssl rand -base64 32)' })
    .regex(/^[\w-]+:[A-Za-z0-9+/=]{43,44}(,[\w-]+:[A-Za-z0-9+/=]{43,44})*$/, {
      error: 'must be keyId:base64 of 32 bytes, comma-separated for rotation, e.g. k1:<44 base64 chars>',
    })
    .superRefine((value, ctx) => {
      for (const id of duplicateKeyIds(value)) {
        ctx.addIssue({
          code: 'custom',
          message: `key id "${id}" is listed more than once; give each key its own id`,
        });
      }
    }),
});

export const OAuthEnvSchema = z.object({
  APP_BASE_URL: httpUrl('http://localhost:3000').default('http://localhost:3000'),
  OAUTH_STATE_SECRET: secret(32, 'signs OAuth state; 32+ random characters'),
  GOOGLE_ADS_CLIENT_ID: z.string().optional(),
  GOOGLE_ADS_CLIENT_SECRET: z.string().optional(),
  GOOGLE_ADS_DEVELOPER_TOKEN: z.string().optional(),
  GOOGLE_ADS_OAUTH_REDIRECT_URI: httpUrl(
    'http://localhost:3000/api/integrations/google/oauth/callback',
  ).optional(),
  META_APP_ID: z.string().optional(),
  META_APP_SECRET: z.string().optional(),
  META_OAUTH_REDIRECT_URI: httpUrl('http://localhost:3000/api/integrations/meta/oauth/callback').optional(),
  LINKEDIN_CLIENT_ID: z.string().optional(),
  LINKEDIN_CLIENT_SECRET: z.string().optional(),
  LINKEDIN_OAUTH_REDIRECT_URI: httpUrl(
    'http://localhost:3000/api/integrations/linkedin/oauth/callback',
  ).optional(),
  TIKTOK_CLIENT_KEY: z.string().optional(),
  TIKTOK_CLIENT_SECRET: z.string().optional(),
  TIKTOK_OAUTH_REDIRECT_URI: httpUrl(
    'http://localhost:3000/api/integrations/tiktok/oauth/callback',
  ).optional(),
  TIKTOK_OAUTH_SCOPES: z
    .string()
    .regex(/^[\w.]+(,[\w.]+)*$/, { error: 'must be comma-separated scopes such as ads.read,ads.management' })
    .optional(),
});

/** When set, every connector talks to the local sandbox instead of the real platforms. */
export const PlatformsEnvSchema = z.object({
  ADS_SANDBOX_URL: httpUrl('http://127.0.0.1:4010').optional(),
});

/**
 * `CLOCK_START_AT`: an ISO instant the process's clock starts at and runs on from (development and
 * end-to-end tests, to see any account's midnight or a DST change at will). Unset in production.
 */
export const ClockEnvSchema = z.object({
  CLOCK_START_AT: z.iso
    .datetime({ offset: true, error: 'must be an ISO instant such as 2026-11-18T23:30:00Z' })
    .optional(),
});

export const CronEnvSchema = z.object({
  INTEGRATIONS_CRON_SECRET: secret(16, 'shared with the cron caller in the x-cron-key header'),
});

/**
 * Per-user limits of the web app on work a person can trigger in a loop: "Run sync now" per
 * integration (each run spends the app's shared daily quota at the platform), OAuth link starts
 * (each writes a nonce to Redis) and open live job streams (each holds a Firestore listener).
 */
export const UserLimitsEnvSchema = z.object({
  MANUAL_SYNC_COOLDOWN_SECONDS: positiveIntFromString(60).default(60),
  LINK_STARTS_PER_MINUTE: positiveIntFromString(10).default(10),
  JOB_STREAMS_PER_USER: positiveIntFromString(5).default(5),
  /** A stream's slot lapses this long after its last heartbeat (a third of it): how long a dead process holds one. */
  JOB_STREAM_SLOT_TTL_SECONDS: positiveIntFromString(60).default(60),
});

export const AlertEnvSchema = z.object({
  SCHEDULER_ALERT_WEBHOOK_URL: httpUrl('https://hooks.example.com/alerts').optional(),
  SCHEDULER_ALERT_FAILURE_THRESHOLD: positiveIntFromString(3).default(3),
  /** Stuck-queue limits: the oldest waiting sync job, and any running one. */
  SCHEDULER_ALERT_STUCK_WAITING_MS: positiveIntFromString(1_800_000).default(1_800_000),
  SCHEDULER_ALERT_STUCK_RUNNING_MS: positiveIntFromString(3_600_000).default(3_600_000),
});

/**
 * Where sync runs keep the platforms' raw (redacted) responses: a Cloud Storage bucket when set,
 * else a local folder. Both processes that run syncs read it (the worker, and the web app's cron
 * `process` route).
 */
export const RawPayloadEnvSchema = z.object({
  RAW_PAYLOAD_BUCKET: z.string().optional(),
  RAW_PAYLOAD_DIR: z.string().default('.data/raw-payloads'),
});

/**
 * What the dashboard's browser code needs to sign in with Firebase Auth: public by design (the web
 * API key identifies the project, it grants nothing); any key works against the Auth emulator.
 */
export const FirebaseClientEnvSchema = z.object({
  FIREBASE_WEB_API_KEY: z.string().default('demo-api-key'),
  FIREBASE_AUTH_DOMAIN: z.string().optional(),
});

export const WorkerEnvSchema = z.object({
  WORKER_CONCURRENCY: positiveIntFromString(4).default(4),
  WORKER_HEALTH_PORT: positiveIntFromString(3001).default(3001),
  WORKER_SHUTDOWN_TIMEOUT_MS: positiveIntFromString(30000).default(30_000),
  /**
   * Crash recovery timing: a dead worker's BullMQ lock lapses after WORKER_LOCK_DURATION_MS, the
   * stalled check (every WORKER_STALLED_INTERVAL_MS) puts its job back in `wait`, and another worker
   * claims it once the Firestore lease (SYNC_LEASE_MS, renewed every third of it) has lapsed.
   */
  WORKER_LOCK_DURATION_MS: positiveIntFromString(15000).default(15_000),
  WORKER_STALLED_INTERVAL_MS: positiveIntFromString(5000).default(5_000),
  SYNC_LEASE_MS: positiveIntFromString(20000).default(20_000),
  /** A platform request that has not answered within this is abandoned and retried as transient. */
  PROVIDER_REQUEST_TIMEOUT_MS: positiveIntFromString(30000).default(30_000),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal']).default('info'),
  /** How often the scheduler tick fans due integrations out into sync jobs. */
  SCHEDULER_TICK_MS: positiveIntFromString(300_000).default(300_000),
  /** How often the reconciler compares Firestore's live jobs with the queue. */
  RECONCILER_INTERVAL_MS: positiveIntFromString(120_000).default(120_000),
  /** A queued document younger than this may still be getting its BullMQ job: left alone. */
  RECONCILER_GRACE_MS: positiveIntFromString(60_000).default(60_000),
  /** How often the alert monitor checks queues and failure streaks. */
  ALERT_CHECK_INTERVAL_MS: positiveIntFromString(60_000).default(60_000),
  /** What this replica runs (comma-separated): `sync` jobs and/or `operations` (scheduler tick, reconciler, alert monitor). */
  WORKER_ROLES: z
    .string()
    .default('sync,operations')
    .transform((value) => value.split(',').map((role) => role.trim()))
    .pipe(z.array(z.enum(['sync', 'operations'], { error: 'must be sync or operations' })).min(1)),
});

/**
 * Each provider's OAuth app is optional (an unconfigured provider is shown as such), but half a
 * configuration is an error that names the missing variables.
 */
export const providerOAuthVariables = {
  google: ['GOOGLE_ADS_CLIENT_ID', 'GOOGLE_ADS_CLIENT_SECRET', 'GOOGLE_ADS_OAUTH_REDIRECT_URI'],
  facebook: ['META_APP_ID', 'META_APP_SECRET', 'META_OAUTH_REDIRECT_URI'],
  linkedin: ['LINKEDIN_CLIENT_ID', 'LINKEDIN_CLIENT_SECRET', 'LINKEDIN_OAUTH_REDIRECT_URI'],
  tiktok: ['TIKTOK_CLIENT_KEY', 'TIKTOK_CLIENT_SECRET', 'TIKTOK_OAUTH_REDIRECT_URI'],
} as const;

export function requireCompleteProviderGroups(env: Record<string, unknown>, ctx: z.RefinementCtx): void {
  for (const variables of Object.values(providerOAuthVariables)) {
    const set = variables.filter((name) => env[name] !== undefined);
    if (set.length === 0 || set.length === variables.length) continue;
    for (const name of variables) {
      if (env[name] === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: [name],
          message: `is missing: ${set.join(', ')} ${set.length === 1 ? 'is' : 'are'} set, so ${name} is needed too`,
        });
      }
    }
  }
}
