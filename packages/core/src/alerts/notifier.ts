import type { Redis } from 'ioredis';
import { type Clock, systemClock } from '../clock/clock';
import {
  type AlertCondition,
  type AlertPayload,
  alertTransition,
  buildAlertPayload,
  type IncidentState,
} from './policy';
import { type DeliveryResult, postAlertWebhook, type WebhookOptions } from './webhook';

/** Open incidents, shared by every process so several replicas send one alert. */
export interface IncidentStore {
  get(key: string): Promise<IncidentState>;
  /** Opens the incident unless it is open already; true when this call opened it. */
  open(key: string, openedAt: Date): Promise<boolean>;
  /** Closes the incident; returns what was open, or null when another caller closed it first. */
  close(key: string): Promise<IncidentState>;
}

/** Incidents as Redis keys: SET NX opens, GETDEL closes, both atomic across replicas. */
export class RedisIncidentStore implements IncidentStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private keyFor(key: string): string {
    return `${this.prefix}:alerts:incident:${key}`;
  }

  async get(key: string): Promise<IncidentState> {
    return parseState(await this.redis.get(this.keyFor(key)));
  }

  async open(key: string, openedAt: Date): Promise<boolean> {
    return (await this.redis.set(this.keyFor(key), String(openedAt.getTime()), 'NX')) === 'OK';
  }

  async close(key: string): Promise<IncidentState> {
    return parseState(await this.redis.getdel(this.keyFor(key)));
  }
}

function parseState(value: string | null): IncidentState {
  if (value === null) return null;
  const ms = Number(value);
  return { openedAt: new Date(Number.isFinite(ms) ? ms : 0) };
}

export type AlertDelivery = (payload: AlertPayload) => Promise<DeliveryResult>;

export interface AlertNotifierDeps {
  store: IncidentStore;
  /** Where alerts go; without it (no SCHEDULER_ALERT_WEBHOOK_URL) incidents are tracked and logged only. */
  deliver?: AlertDelivery;
  /** Where "now" comes from (default: the system clock). */
  clock?: Clock;
  log?: (event: { payload: AlertPayload; delivery: DeliveryResult | null }) => void;
}

export function webhookDelivery(options: WebhookOptions): AlertDelivery {
  return (payload) => postAlertWebhook(payload, options);
}

/**
 * Feeds observed conditions through the de-duplication state machine and sends what it says.
 * A delivery that fails for good rolls the incident back, so the next check tries again.
 */
export class AlertNotifier {
  private readonly clock: Clock;

  constructor(private readonly deps: AlertNotifierDeps) {
    this.clock = deps.clock ?? systemClock;
  }

  async observe(condition: AlertCondition): Promise<'triggered' | 'resolved' | 'none'> {
    const { store } = this.deps;
    const state = await store.get(condition.key);
    const transition = alertTransition(state, condition.active);
    const now = this.clock.now();
    if (transition === 'triggered') {
      if (!(await store.open(condition.key, condition.since ?? now))) return 'none'; // another replica did
      const delivered = await this.send(buildAlertPayload(condition, 'triggered', now));
      if (!delivered) await store.close(condition.key);
      return delivered ? 'triggered' : 'none';
    }
    if (transition === 'resolved') {
      const previous = await store.close(condition.key);
      if (previous === null) return 'none';
      const delivered = await this.send(buildAlertPayload(condition, 'resolved', now));
      if (!delivered) await store.open(condition.key, previous.openedAt);
      return delivered ? 'resolved' : 'none';
    }
    return 'none';
  }

  private async send(payload: AlertPayload): Promise<boolean> {
    const delivery = this.deps.deliver ? await this.deps.deliver(payload) : null;
    this.deps.log?.({ payload, delivery });
    return delivery === null || delivery.delivered;
  }
}
