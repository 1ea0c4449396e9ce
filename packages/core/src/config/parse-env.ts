import { z } from 'zod';

export type Env = Record<string, string | undefined>;

/** Configuration that does not validate: lists every variable at fault and what it should look like. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Validates `env` against `schema`; empty strings count as unset, as in most .env files. */
export function parseEnv<Schema extends z.ZodType>(schema: Schema, env: Env): z.infer<Schema> {
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const result = schema.safeParse(cleaned);
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) => {
      const name = issue.path.join('.') || '(environment)';
      if (issue.message.startsWith('is missing')) return `${name} ${issue.message}`;
      const missing = issue.code === 'invalid_type' && cleaned[name] === undefined;
      return missing ? `${name} is missing: ${issue.message}` : `${name}: ${issue.message}`;
    }),
  );
}

/** An env var that must be an http(s) URL. */
export const httpUrl = (example: string) =>
  z.url({ protocol: /^https?$/, error: `must be an http(s) URL such as ${example}` });

/** An env var holding a positive integer, e.g. `"3"`. */
export const positiveIntFromString = (example: number) =>
  z.coerce
    .number({ error: `must be a positive integer such as ${example}` })
    .int()
    .positive({
      error: `must be a positive integer such as ${example}`,
    });

/** A secret with a minimum length; the message never echoes the value. */
export const secret = (minLength: number, hint: string) =>
  z
    .string({ error: `required: ${hint}` })
    .min(minLength, { error: `must be at least ${minLength} characters (${hint})` });
