'use client';

import { type ProviderId, providerSlugFor } from '@cohorts/core/contract';
import styles from './dashboard.module.css';
import type { JobView, ProviderEntry } from './trpc-client';

const day = 86_400_000;

const statusLabels = {
  pending: 'Pending',
  success: 'Synced',
  error: 'Error',
  never: 'Never synced',
} as const;

function formatDate(iso: string | null): string {
  return iso ? new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : '—';
}

/** Token lifetimes that end on their own (Meta ~60 days, LinkedIn's 365-day refresh), surfaced early. */
export function expiryWarning(
  integration: NonNullable<ProviderEntry['integration']>,
  now: number,
): { level: 'info' | 'warning'; text: string } | null {
  const ends = [integration.accessTokenExpiresAt, integration.refreshTokenExpiresAt]
    .filter((iso): iso is string => iso !== null)
    .map((iso) => new Date(iso).getTime())
    .sort((a, b) => a - b)[0];
  if (ends === undefined) return null;
  const daysLeft = Math.floor((ends - now) / day);
  if (daysLeft < 0) return { level: 'warning', text: 'Access has expired: re-link to keep syncing.' };
  const when = new Date(ends).toLocaleDateString(undefined, { dateStyle: 'medium' });
  if (daysLeft <= 14)
    return {
      level: 'warning',
      text: `Access ends in ${daysLeft} day${daysLeft === 1 ? '' : 's'} (${when}): re-link soon.`,
    };
  return { level: 'info', text: `Access valid until ${when}.` };
}

export interface ProviderCardProps {
  entry: ProviderEntry;
  displayName: string;
  liveJob: JobView | null;
  busy: boolean;
  onSync: (providerId: ProviderId) => void;
  onDisconnect: (providerId: ProviderId) => void;
}

export function ProviderCard({ entry, displayName, liveJob, busy, onSync, onDisconnect }: ProviderCardProps) {
  const { integration, providerId } = entry;
  const linkHref = `/api/integrations/${providerSlugFor(providerId)}/oauth/start`;
  const headingId = `provider-${providerId}`;
  if (!integration) {
    return (
      <article className={styles.card} aria-labelledby={headingId}>
        <header className={styles.cardHeader}>
          <h3 id={headingId}>{displayName}</h3>
          <span className={`${styles.badge} ${styles.badgeIdle}`}>Not linked</span>
        </header>
        <p className={styles.muted}>Link an account to sync 90 days of daily campaign numbers.</p>
        <div className={styles.actions}>
          <a className={styles.button} href={linkHref}>
            {`Link ${displayName}`}
          </a>
        </div>
      </article>
    );
  }
  const warning = expiryWarning(integration, Date.now());
  const usable = integration.adAccounts.filter((a) => !a.isManager);
  const selected = integration.selectedAccountIds.length;
  const badgeClass = integration.reconnectRequired
    ? styles.badgeError
    : {
        pending: styles.badgePending,
        success: styles.badgeOk,
        error: styles.badgeError,
        never: styles.badgeIdle,
      }[integration.lastSyncStatus];
  const progress = liveJob?.progress;
  return (
    <article className={styles.card} aria-labelledby={headingId}>
      <header className={styles.cardHeader}>
        <h3 id={headingId}>{displayName}</h3>
        <span className={`${styles.badge} ${badgeClass}`}>
          {integration.reconnectRequired ? 'Reconnect needed' : statusLabels[integration.lastSyncStatus]}
        </span>
      </header>
      <dl className={styles.facts}>
        <dt>Accounts</dt>
        <dd>
          {selected === 0
            ? `${usable.length} ad account${usable.length === 1 ? '' : 's'}, all synced`
            : `${selected} of ${usable.length} selected`}
        </dd>
        <dt>Last synced</dt>
        <dd>{formatDate(integration.lastSyncedAt)}</dd>
        <dt>Linked</dt>
        <dd>{formatDate(integration.linkedAt)}</dd>
      </dl>
      {integration.lastSyncMessage ? <p className={styles.message}>{integration.lastSyncMessage}</p> : null}
      {warning ? (
        <p className={warning.level === 'warning' ? styles.warning : styles.muted}>{warning.text}</p>
      ) : null}
      {liveJob ? (
        <div className={styles.live}>
          <span>
            {liveJob.jobType === 'initial-backfill' ? 'Backfill' : 'Sync'} {liveJob.status}
            {progress ? `: ${progress.daysDone} of ${progress.daysTotal} days` : ''}
          </span>
          {progress && progress.daysTotal > 0 ? (
            <progress
              max={progress.daysTotal}
              value={progress.daysDone}
              aria-label={`${displayName} sync progress`}
            />
          ) : null}
        </div>
      ) : null}
      <div className={styles.actions}>
        <button
          type="button"
          disabled={busy || liveJob !== null || integration.reconnectRequired}
          onClick={() => onSync(providerId)}
        >
          Run sync now
        </button>
        <a className={styles.button} href={linkHref} aria-label={`Re-link ${displayName}`}>
          Re-link
        </a>
        <button
          type="button"
          className={styles.danger}
          disabled={busy}
          onClick={() => onDisconnect(providerId)}
        >
          Disconnect
        </button>
      </div>
    </article>
  );
}
