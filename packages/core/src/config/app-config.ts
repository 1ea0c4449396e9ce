import type { z } from 'zod';
import {
  AlertEnvSchema,
  ClockEnvSchema,
  CronEnvSchema,
  FirebaseClientEnvSchema,
  FirebaseEnvSchema,
  OAuthEnvSchema,
  PlatformsEnvSchema,
  RawPayloadEnvSchema,
  RedisEnvSchema,
  requireCompleteProviderGroups,
  TokenVaultEnvSchema,
  UserLimitsEnvSchema,
  WorkerEnvSchema,
} from './env-schemas';
import { ConfigError, type Env, parseEnv } from './parse-env';
import { developmentSettingsInProduction } from './production-settings';

export const WebEnvSchema = FirebaseEnvSchema.and(RedisEnvSchema)
  .and(TokenVaultEnvSchema)
  .and(OAuthEnvSchema.superRefine(requireCompleteProviderGroups))
  .and(PlatformsEnvSchema)
  .and(CronEnvSchema)
  .and(AlertEnvSchema)
  .and(ClockEnvSchema)
  .and(UserLimitsEnvSchema)
  .and(RawPayloadEnvSchema)
  .and(FirebaseClientEnvSchema);
export type WebEnv = z.infer<typeof WebEnvSchema>;

export const WorkerAppEnvSchema = FirebaseEnvSchema.and(RedisEnvSchema)
  .and(TokenVaultEnvSchema)
  .and(OAuthEnvSchema.superRefine(requireCompleteProviderGroups))
  .and(PlatformsEnvSchema)
  .and(AlertEnvSchema)
  .and(ClockEnvSchema)
  .and(RawPayloadEnvSchema)
  .and(WorkerEnvSchema);
export type WorkerAppEnv = z.infer<typeof WorkerAppEnvSchema>;

/**
 * Validates `env` against `schema` and, with NODE_ENV=production, refuses development settings;
 * one `ConfigError` lists every problem of both kinds.
 */
export function loadAppEnv<Schema extends z.ZodType>(schema: Schema, env: Env): z.infer<Schema> {
  const refused = developmentSettingsInProduction(env);
  let parsed: z.infer<Schema>;
  try {
    parsed = parseEnv(schema, env);
  } catch (error) {
    if (error instanceof ConfigError) throw new ConfigError([...refused, ...error.problems]);
    throw error;
  }
  if (refused.length > 0) throw new ConfigError(refused);
  return parsed;
}

export function loadWebEnv(env: Env = process.env): WebEnv {
  return loadAppEnv(WebEnvSchema, env);
}

export function loadWorkerEnv(env: Env = process.env): WorkerAppEnv {
  return loadAppEnv(WorkerAppEnvSchema, env);
}
