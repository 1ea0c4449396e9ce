import type { AlertPayload } from './policy';

export interface WebhookOptions {
  url: string;
  /** Per attempt. */
  timeoutMs?: number;
  attempts?: number;
  /** First retry delay; doubles each retry. */
  baseDelayMs?: number;
}

export interface DeliveryResult {
  delivered: boolean;
  attempts: number;
  /** The last HTTP status, or null when no response came (network error, timeout). */
  status: number | null;
}

export const defaultWebhookOptions = { timeoutMs: 5_000, attempts: 5, baseDelayMs: 500 } as const;

/** A 4xx other than 408/429 will not get better by retrying (wrong URL, rejected body). */
function retryable(status: number): boolean {
  return status >= 500 || status === 408 || status === 429;
}

/**
 * POSTs an alert as JSON, retrying with exponential backoff on network errors, timeouts and 5xx.
 * Never throws: the result says whether it was delivered (the caller keeps the incident for a retry).
 */
export async function postAlertWebhook(
  payload: AlertPayload,
  options: WebhookOptions,
): Promise<DeliveryResult> {
  const attempts = options.attempts ?? defaultWebhookOptions.attempts;
  const timeoutMs = options.timeoutMs ?? defaultWebhookOptions.timeoutMs;
  const baseDelayMs = options.baseDelayMs ?? defaultWebhookOptions.baseDelayMs;
  const body = JSON.stringify(payload);
  let status: number | null = null;
  for (let attempt = 1; attempt <= attempts; attempt += 1) {
    try {
      const response = await fetch(options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        signal: AbortSignal.timeout(timeoutMs),
      });
      status = response.status;
      await response.body?.cancel();
      if (response.ok) return { delivered: true, attempts: attempt, status };
      if (!retryable(response.status)) return { delivered: false, attempts: attempt, status };
    } catch {
      status = null;
    }
    if (attempt < attempts) await delay(baseDelayMs * 2 ** (attempt - 1));
  }
  return { delivered: false, attempts, status };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
