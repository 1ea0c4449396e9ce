import type { z } from 'zod';
import {
  AlertEnvSchema,
  ClockEnvSchema,
  CronEnvSchema,
  FirebaseEnvSchema,
  OAuthEnvSchema,
  PlatformsEnvSchema,
  RedisEnvSchema,
  requireCompleteProviderGroups,
  TokenVaultEnvSchema,
  WorkerEnvSchema,
} from './env-schemas';
import { type Env, parseEnv } from './parse-env';

export const WebEnvSchema = FirebaseEnvSchema.and(RedisEnvSchema)
  .and(TokenVaultEnvSchema)
  .and(OAuthEnvSchema.superRefine(requireCompleteProviderGroups))
  .and(PlatformsEnvSchema)
  .and(CronEnvSchema)
  .and(AlertEnvSchema)
  .and(ClockEnvSchema);
export type WebEnv = z.infer<typeof WebEnvSchema>;

export const WorkerAppEnvSchema = FirebaseEnvSchema.and(RedisEnvSchema)
  .and(TokenVaultEnvSchema)
  .and(OAuthEnvSchema.superRefine(requireCompleteProviderGroups))
  .and(PlatformsEnvSchema)
  .and(AlertEnvSchema)
  .and(ClockEnvSchema)
  .and(WorkerEnvSchema);
export type WorkerAppEnv = z.infer<typeof WorkerAppEnvSchema>;

export function loadWebEnv(env: Env = process.env): WebEnv {
  return parseEnv(WebEnvSchema, env);
}

export function loadWorkerEnv(env: Env = process.env): WorkerAppEnv {
  return parseEnv(WorkerAppEnvSchema, env);
}
