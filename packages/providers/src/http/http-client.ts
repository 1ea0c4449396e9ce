import { type Clock, systemClock } from '@cohorts/core/clock';
import type { ProviderId } from '@cohorts/core/contract';
import { providerDisplayNames } from '@cohorts/core/contract';
import type { z } from 'zod';
import { parseRetryAfter, retryDelayMs } from './backoff';
import { classifyHttpStatus } from './classify-status';
import {
  CredentialBusyError,
  type CredentialRateLimiter,
  LimiterUnavailableError,
} from './credential-limiter';
import { ProviderError } from './provider-error';
import type { Redactor } from './redact';
import type { ProviderRequestObserver } from './request-observer';
import { sleep } from './sleep';
import { toTransportUrl } from './transport-url';

/** A platform's answer as the classifiers see it. */
export interface PlatformResponse {
  status: number;
  headers: Headers;
  /** The parsed JSON body; undefined when the body is empty or not JSON. */
  json: unknown;
  /** When it arrived, by the client's clock: quota resets and `Retry-After` dates count from here. */
  receivedAt: Date;
}

/**
 * Maps a platform response to a `ProviderError`, or null when it is a success. Platforms put errors
 * in their own envelopes (and TikTok inside HTTP 200), so each platform has one.
 */
type ErrorClassifier = (response: PlatformResponse, label: string) => ProviderError | null;

export interface ProviderRequest<T> {
  providerId: ProviderId;
  /** The rate-limit key (one budget per credential). */
  credentialId: string;
  /** Safe words for errors and raw payloads, e.g. "insights for act_1". Never a URL with a query. */
  label: string;
  method?: 'GET' | 'POST' | 'DELETE';
  /** The real platform URL (`https://host/...`); the client maps it to the sandbox when configured. */
  url: string;
  headers?: Record<string, string>;
  json?: unknown;
  form?: Record<string, string>;
  schema: z.ZodType<T>;
  classify: ErrorClassifier;
  /** Knows the secrets of this call, so none reaches an error or a kept payload. */
  redactor: Redactor;
  /** After a success: how long to pause the credential (e.g. Meta's usage headers), if at all. */
  pauseHintMs?: (response: PlatformResponse) => number | undefined;
  accountId?: string;
  signal?: AbortSignal;
  /** Retries inside this call; 1 for calls that must not repeat (an OAuth code is single-use). */
  maxAttempts?: number;
}

export interface ProviderResponse<T> {
  data: T;
  /** The body as received, redacted, for `rawPayloadRef`. */
  raw: unknown;
  headers: Headers;
}

export interface HttpClientOptions {
  limiter: CredentialRateLimiter;
  /** `ADS_SANDBOX_URL`: when set, every platform URL is sent to the sandbox instead. */
  sandboxUrl?: string;
  /** Per attempt. */
  timeoutMs?: number;
  /** Attempts per call for transient and rate-limited errors (the job retries beyond that). */
  maxAttempts?: number;
  /** The longest wait (backoff or platform hint) spent in-process; longer ones go back to the job. */
  maxInRequestWaitMs?: number;
  retryDelayMs?: (attempt: number) => number;
  /** Where "now" comes from (default: the system clock). */
  clock?: Clock;
  /** Told of limiter waits and refusals and of each attempt's outcome (monitoring). */
  observer?: ProviderRequestObserver;
}

/** `platformCode` of the error raised when this credential's own schedule is full. */
export const LOCAL_RATE_LIMIT = 'LOCAL_RATE_LIMIT';

type Outcome<T> = { ok: true; response: ProviderResponse<T> } | { ok: false; error: ProviderError };

/**
 * The one way connectors talk to a platform: the per-credential limiter before every attempt, a
 * timeout per attempt, platform errors classified into `ProviderError`s, bounded retries with the
 * request retry schedule (or the platform's hint), zod-validated bodies and redacted everything.
 */
export class ProviderHttpClient {
  private readonly timeoutMs: number;
  private readonly maxAttempts: number;
  private readonly maxInRequestWaitMs: number;
  private readonly delayFor: (attempt: number) => number;

  constructor(private readonly options: HttpClientOptions) {
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.maxAttempts = options.maxAttempts ?? 4;
    this.maxInRequestWaitMs = options.maxInRequestWaitMs ?? 20_000;
    this.delayFor = options.retryDelayMs ?? ((attempt) => retryDelayMs(attempt));
  }

  private get clock(): Clock {
    return this.options.clock ?? systemClock;
  }

  get limiter(): CredentialRateLimiter {
    return this.options.limiter;
  }

  /** Where a browser should go for a platform URL (the sandbox's copy of it when configured). */
  browserUrl(url: string): string {
    return toTransportUrl(url, this.options.sandboxUrl);
  }

  async send<T>(request: ProviderRequest<T>): Promise<ProviderResponse<T>> {
    const maxAttempts = request.maxAttempts ?? this.maxAttempts;
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.attempt(request);
      if (outcome.ok) return outcome.response;
      const { error } = outcome;
      // Our own schedule is full: the limiter already waited its limit, so the job re-delays.
      if (error.platformCode === LOCAL_RATE_LIMIT) throw error;
      if (error.kind === 'rate-limited' && error.retryAfterMs) {
        // The platform's hint holds for every process using this credential.
        await this.pauseQuietly(request.credentialId, error.retryAfterMs);
      }
      if (!error.retryable || attempt >= maxAttempts) throw error;
      const delay = error.retryAfterMs ?? this.delayFor(attempt);
      if (delay > this.maxInRequestWaitMs) throw error;
      await sleep(delay, request.signal);
    }
  }

  private async attempt<T>(request: ProviderRequest<T>): Promise<Outcome<T>> {
    const fail = (error: ProviderError): Outcome<T> => ({ ok: false, error: this.safe(error, request) });
    const { observer } = this.options;
    const { providerId } = request;
    // After the limiter let it through: the attempt went out, and this is how it ended.
    const ended = (error: ProviderError): Outcome<T> => {
      observer?.requestFinished?.({ providerId, outcome: error.kind });
      return fail(error);
    };
    const waitStartedAt = this.clock.now().getTime();
    try {
      await this.options.limiter.acquire(request.credentialId, request.signal);
      observer?.rateLimitWaited?.({ providerId, waitedMs: this.clock.now().getTime() - waitStartedAt });
    } catch (error) {
      if (error instanceof CredentialBusyError || error instanceof LimiterUnavailableError) {
        observer?.limiterRejected?.({
          providerId,
          reason: error instanceof CredentialBusyError ? 'busy' : 'unavailable',
        });
      }
      if (error instanceof CredentialBusyError) {
        return fail(
          new ProviderError({
            providerId: request.providerId,
            kind: 'rate-limited',
            message: `${providerDisplayNames[request.providerId]} requests for this connection are queued; retrying later.`,
            retryAfterMs: error.retryAfterMs,
            platformCode: LOCAL_RATE_LIMIT,
          }),
        );
      }
      if (error instanceof LimiterUnavailableError) {
        return fail(
          new ProviderError({
            providerId: request.providerId,
            kind: 'transient',
            message: `${error.message}.`,
          }),
        );
      }
      throw error;
    }

    let response: Response;
    let text: string;
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
    try {
      response = await fetch(toTransportUrl(request.url, this.options.sandboxUrl), {
        method: request.method ?? 'GET',
        headers: this.headers(request),
        body: this.body(request),
        signal,
        redirect: 'error',
      });
      text = await response.text();
    } catch (error) {
      if (request.signal?.aborted) throw request.signal.reason;
      const timedOut = timeout.aborted;
      return ended(
        new ProviderError({
          providerId: request.providerId,
          kind: 'transient',
          platformCode: timedOut ? 'TIMEOUT' : 'NETWORK',
          message: timedOut
            ? `${providerDisplayNames[request.providerId]} did not answer within ${Math.round(this.timeoutMs / 1000)} s (${request.label}).`
            : `${providerDisplayNames[request.providerId]} could not be reached (${request.label}): ${networkReason(error)}.`,
        }),
      );
    }

    const platformResponse: PlatformResponse = {
      status: response.status,
      headers: response.headers,
      json: parseJson(text),
      receivedAt: this.clock.now(),
    };
    const retryAfterMs = parseRetryAfter(
      response.headers.get('retry-after'),
      platformResponse.receivedAt.getTime(),
    );
    const classified = request.classify(platformResponse, request.label);
    if (classified) {
      // A Retry-After the platform's own error body did not account for still counts.
      const hinted =
        classified.retryable && classified.retryAfterMs === undefined && retryAfterMs !== undefined
          ? new ProviderError({ ...classified.toJSON(), retryAfterMs })
          : classified;
      return ended(hinted);
    }
    if (response.status < 200 || response.status >= 300) {
      return ended(classifyHttpStatus(request.providerId, response.status, request.label, retryAfterMs));
    }
    const parsed = request.schema.safeParse(platformResponse.json);
    if (!parsed.success) {
      return ended(
        new ProviderError({
          providerId: request.providerId,
          kind: 'invalid-response',
          httpStatus: response.status,
          message: `${providerDisplayNames[request.providerId]} answered in an unexpected shape (${request.label}): ${describeIssue(parsed.error)}.`,
        }),
      );
    }
    const pauseMs = request.pauseHintMs?.(platformResponse);
    if (pauseMs) await this.pauseQuietly(request.credentialId, pauseMs);
    observer?.requestFinished?.({ providerId, outcome: 'ok' });
    return {
      ok: true,
      response: {
        data: parsed.data,
        raw: request.redactor.deep(platformResponse.json),
        headers: response.headers,
      },
    };
  }

  private headers(request: ProviderRequest<unknown>): Record<string, string> {
    const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
    if (request.json !== undefined) headers['content-type'] = 'application/json';
    if (request.form !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
    return headers;
  }

  private body(request: ProviderRequest<unknown>): string | undefined {
    if (request.json !== undefined) return JSON.stringify(request.json);
    if (request.form !== undefined) return new URLSearchParams(request.form).toString();
    return undefined;
  }

  /** Every error leaving the client: redacted message, the account it concerns. */
  private safe(error: ProviderError, request: ProviderRequest<unknown>): ProviderError {
    return new ProviderError({
      ...error.toJSON(),
      message: request.redactor.text(error.message),
      ...(request.accountId !== undefined &&
        error.accountId === undefined && { accountId: request.accountId }),
    });
  }

  private async pauseQuietly(credentialId: string, ms: number): Promise<void> {
    try {
      await this.options.limiter.pause(credentialId, ms);
    } catch {
      // A pause is advice; the backoff still applies if Redis cannot store it.
    }
  }
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Names where the body went wrong without echoing any value from it. */
function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'unreadable body';
  const path = issue.path.length ? issue.path.map(String).join('.') : 'body';
  return `${path}: ${issue.code === 'invalid_type' ? `expected ${issue.expected}` : issue.code}`;
}

function networkReason(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const code = cause && typeof cause === 'object' && 'code' in cause ? String(cause.code) : undefined;
  return code ?? 'connection failed';
}
