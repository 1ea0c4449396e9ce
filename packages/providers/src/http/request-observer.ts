import type { ProviderId } from '@cohorts/core/contract';
import type { ProviderErrorKind } from './provider-error';

/**
 * What the HTTP layer reports for monitoring, so the process that composes the connectors can count
 * it (the worker exports Prometheus metrics) without this package knowing any metrics library.
 * Events carry the platform and outcome only: never a credential, account or user id. An observer
 * must not throw.
 */
export interface ProviderRequestObserver {
  /** The per-credential limiter gave this attempt its send time after `waitedMs`. */
  rateLimitWaited?(event: { providerId: ProviderId; waitedMs: number }): void;
  /**
   * The limiter refused the attempt: `busy` when the credential's schedule (or a platform pause) is
   * full for longer than a caller waits, `unavailable` when Redis failed (it fails closed).
   */
  limiterRejected?(event: { providerId: ProviderId; reason: 'busy' | 'unavailable' }): void;
  /** An attempt the platform answered (or did not): `ok`, or the error kind it became. */
  requestFinished?(event: { providerId: ProviderId; outcome: 'ok' | ProviderErrorKind }): void;
}
