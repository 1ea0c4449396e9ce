'use client';

import { type ProviderId, providerDisplayNames, providerSlugFor } from '@cohorts/core/contract';
import styles from '../dashboard.module.css';
import { useNow } from '../data/clock';
import type { IntegrationView, JobView } from '../data/trpc';
import { Automation } from './automation';
import { accountLine, relativeTime, tokenHealth } from './health';
import { JobProgress } from './job-progress';
import { useManualSync } from './mutations';

const statusLabels = {
  pending: 'Syncing',
  success: 'Synced',
  error: 'Sync failed',
  never: 'Awaiting your choice',
} as const;

const badgeClass = {
  pending: styles.badgePending,
  success: styles.badgeOk,
  error: styles.badgeError,
  never: styles.badgeIdle,
} as const;

function linkHref(providerId: ProviderId): string {
  return `/api/integrations/${providerSlugFor(providerId)}/oauth/start`;
}

export function UnlinkedCard({ providerId }: { providerId: ProviderId }) {
  const name = providerDisplayNames[providerId];
  const headingId = `provider-${providerId}`;
  return (
    <article className={styles.card} aria-labelledby={headingId}>
      <header className={styles.cardHeader}>
        <h3 id={headingId}>{name}</h3>
        <span className={`${styles.badge} ${styles.badgeIdle}`}>Not linked</span>
      </header>
      <p className={styles.muted}>
        Link a login to choose its ad accounts and sync 90 days of daily campaign numbers.
      </p>
      <div className={styles.actions}>
        <a className={`${styles.button} ${styles.primary}`} href={linkHref(providerId)}>
          {`Link ${name}`}
        </a>
      </div>
    </article>
  );
}

function LastSynced({ iso }: { iso: string | null }) {
  const now = useNow();
  if (!iso) return <>Never</>;
  return (
    <time dateTime={iso} title={new Date(iso).toLocaleString()}>
      {relativeTime(iso, now)}
    </time>
  );
}

export interface LinkedCardProps {
  integration: IntegrationView;
  liveJob: JobView | null;
  canEditAutomation: boolean;
  onChooseAccounts: () => void;
  onDisconnect: () => void;
}

export function LinkedCard({
  integration,
  liveJob,
  canEditAutomation,
  onChooseAccounts,
  onDisconnect,
}: LinkedCardProps) {
  const now = useNow();
  const sync = useManualSync();
  const { providerId, displayName: name } = integration;
  const headingId = `provider-${providerId}`;
  const health = tokenHealth(integration, now);
  const mustReconnect = health.level === 'revoked' || health.level === 'expired';
  const status = mustReconnect ? 'error' : integration.lastSyncStatus;
  const badge = mustReconnect ? 'Reconnect needed' : liveJob ? 'Syncing' : statusLabels[status];
  const showError = (integration.lastSyncStatus === 'error' || mustReconnect) && !liveJob;

  return (
    <article className={styles.card} aria-labelledby={headingId} data-status={status}>
      <header className={styles.cardHeader}>
        <h3 id={headingId}>{name}</h3>
        <span
          className={`${styles.badge} ${liveJob && !mustReconnect ? styles.badgePending : badgeClass[status]}`}
        >
          {badge}
        </span>
      </header>

      {showError ? (
        <div role="alert" className={styles.cardAlert}>
          <p>{mustReconnect ? health.text : 'The last sync failed.'}</p>
          {integration.lastSyncMessage ? (
            <p className={styles.detail}>{integration.lastSyncMessage}</p>
          ) : null}
          {mustReconnect ? (
            <a className={`${styles.button} ${styles.primary}`} href={linkHref(providerId)}>
              Reconnect
            </a>
          ) : null}
        </div>
      ) : null}

      {integration.awaitingAccountChoice ? (
        <div className={styles.callout}>
          <p>Choose which ad accounts to sync. Nothing is synced until you do.</p>
          <button type="button" className={styles.primary} onClick={onChooseAccounts}>
            Choose accounts
          </button>
        </div>
      ) : null}

      <dl className={styles.facts}>
        <dt>Accounts</dt>
        <dd>
          {integration.awaitingAccountChoice
            ? `${integration.accountCoverage.available} to choose from`
            : accountLine(integration.accountCoverage)}
        </dd>
        <dt>Last synced</dt>
        <dd>
          <LastSynced iso={integration.lastSyncedAt} />
        </dd>
        <dt>Access</dt>
        <dd className={health.level === 'warning' ? styles.warningText : undefined}>
          {health.level === 'revoked'
            ? 'Refused by the platform'
            : health.level === 'expired'
              ? 'Ended'
              : health.text}
        </dd>
      </dl>
      {!showError && integration.lastSyncMessage ? (
        <p className={styles.message}>{integration.lastSyncMessage}</p>
      ) : null}

      {liveJob ? <JobProgress job={liveJob} name={name} /> : null}
      {sync.isError ? (
        <p role="alert" className={styles.error}>
          Sync not started: {sync.error.message}
        </p>
      ) : null}

      <div className={styles.actions}>
        <button
          type="button"
          disabled={sync.isPending || liveJob !== null || mustReconnect || integration.awaitingAccountChoice}
          onClick={() => sync.mutate({ providerId })}
        >
          {sync.isPending ? 'Starting…' : 'Run sync now'}
        </button>
        {!integration.awaitingAccountChoice ? (
          <button type="button" onClick={onChooseAccounts}>
            Choose accounts
          </button>
        ) : null}
        {!mustReconnect ? (
          <a
            className={styles.button}
            href={linkHref(providerId)}
            aria-label={health.level === 'warning' ? 'Reconnect' : `Re-link ${name}`}
          >
            {health.level === 'warning' ? 'Reconnect' : 'Re-link'}
          </a>
        ) : null}
        <button type="button" className={styles.danger} onClick={onDisconnect}>
          Disconnect
        </button>
      </div>
      <Automation integration={integration} editable={canEditAutomation} />
    </article>
  );
}
