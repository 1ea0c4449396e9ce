import { z } from 'zod';
import { sandboxProviders } from '../data/model';

export const faultKinds = [
  'rate-limit',
  'daily-quota',
  'server-error',
  'slow',
  'timeout',
  'expired-token',
  'revoked-token',
  'malformed',
  'account-disabled',
] as const;
export type FaultKind = (typeof faultKinds)[number];

const providerAliases: Record<string, (typeof sandboxProviders)[number]> = { meta: 'facebook' };

export const ProviderParamSchema = z.preprocess(
  (value) => (typeof value === 'string' ? (providerAliases[value] ?? value) : value),
  z.enum(sandboxProviders, { error: 'must be one of google, facebook (or meta), linkedin, tiktok' }),
);

/**
 * A switch: which requests it hits (all its scopes must match) and what they get. Without `count`
 * it stays until removed or reset.
 */
export const FaultInputSchema = z
  .object({
    kind: z.enum(faultKinds, { error: `must be one of ${faultKinds.join(', ')}` }),
    provider: ProviderParamSchema.optional(),
    /** Only requests made with this access token. */
    accessToken: z.string().min(1).optional(),
    /** Only requests about this ad account (platform id, without `act_` or URN prefix). */
    accountId: z.string().min(1).optional(),
    /** Only requests whose `/{host}{path}` contains this text (also reaches OAuth token endpoints). */
    path: z.string().min(1).optional(),
    /** Apply to this many requests, then clear. */
    count: z.int().positive().optional(),
    /** `slow`: how long to wait before answering normally. */
    delayMs: z.int().min(0).max(600_000).optional(),
    /** `rate-limit` / `daily-quota`: the wait the platform's hint announces. */
    retryAfterSeconds: z
      .int()
      .positive()
      .max(7 * 86_400)
      .optional(),
    /** `server-error`: the HTTP status (TikTok always answers 200 with code 50000). */
    status: z.int().min(500).max(599).optional(),
    /** `rate-limit`: whose limit (Meta: app 4 / user 17 / account 80000; TikTok: app 40100 / account 40133). */
    scope: z.enum(['app', 'user', 'account']).optional(),
    /** `malformed`: a body that is not JSON, or JSON of the wrong shape. */
    shape: z.enum(['invalid-json', 'wrong-shape']).optional(),
  })
  .strict();
export type FaultInput = z.infer<typeof FaultInputSchema>;

export interface Fault extends FaultInput {
  id: string;
  /** Requests left before the switch clears itself; null until removed. */
  remaining: number | null;
  hits: number;
}

/** What a request is, for matching switches. */
export interface FaultTarget {
  provider: string;
  accessToken: string | undefined;
  accountId: string | undefined;
  /** `/{host}{path}`. */
  path: string;
  /** OAuth endpoints are hit only by switches naming a `path`. */
  oauth: boolean;
}

function matches(fault: Fault, target: FaultTarget): boolean {
  if (fault.provider && fault.provider !== target.provider) return false;
  if (fault.accessToken && fault.accessToken !== target.accessToken) return false;
  if (fault.accountId && fault.accountId !== target.accountId) return false;
  if (fault.path && !target.path.includes(fault.path)) return false;
  if (target.oauth && !fault.path) return false;
  // An account's own error needs an account to be about.
  if (fault.kind === 'account-disabled' && target.accountId === undefined) return false;
  return true;
}

export class FaultStore {
  private faults: Fault[] = [];
  private nextId = 1;

  add(input: FaultInput): Fault {
    const fault: Fault = { ...input, id: `fault_${this.nextId++}`, remaining: input.count ?? null, hits: 0 };
    this.faults.push(fault);
    return fault;
  }

  list(): Fault[] {
    return this.faults.map((fault) => ({ ...fault }));
  }

  remove(id: string): boolean {
    const before = this.faults.length;
    this.faults = this.faults.filter((fault) => fault.id !== id);
    return this.faults.length < before;
  }

  clear(): void {
    this.faults = [];
  }

  /** The oldest switch hitting the request, spending one of its uses. */
  take(target: FaultTarget): Fault | undefined {
    const fault = this.faults.find((candidate) => matches(candidate, target));
    if (!fault) return undefined;
    fault.hits += 1;
    if (fault.remaining !== null) {
      fault.remaining -= 1;
      if (fault.remaining <= 0) this.remove(fault.id);
    }
    return { ...fault };
  }
}
