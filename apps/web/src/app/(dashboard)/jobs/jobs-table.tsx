'use client';

import { providerDisplayNames } from '@cohorts/core/contract';
import styles from '../dashboard.module.css';
import { useNow } from '../data/clock';
import type { JobView } from '../data/trpc';
import { relativeTime } from '../platforms/health';
import { durationText } from './job-format';

const jobTypeLabels = {
  'initial-backfill': 'Initial backfill',
  'scheduled-sync': 'Scheduled sync',
  'manual-sync': 'Manual sync',
} as const;

const statusLabels = { queued: 'Queued', running: 'Running', success: 'Success', error: 'Failed' } as const;
const statusClass = {
  queued: styles.badgeIdle,
  running: styles.badgePending,
  success: styles.badgeOk,
  error: styles.badgeError,
} as const;

function windowText(job: JobView): string {
  if (job.windowStart && job.windowEnd) return `${job.windowStart} – ${job.windowEnd}`;
  return `${job.timeframeDays} days`;
}

/** Sync jobs as a table: type, window, status, attempts, duration, progress or error. */
export function JobsTable({ jobs, caption }: { jobs: JobView[]; caption: string }) {
  const now = useNow();
  if (jobs.length === 0) {
    return (
      <p className={styles.muted}>
        No sync jobs yet. Linking a platform and choosing its accounts starts its 90-day backfill.
      </p>
    );
  }
  return (
    <div className={styles.tableWrap}>
      <table className={styles.table}>
        <caption className={styles.visuallyHidden}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Platform</th>
            <th scope="col">Type</th>
            <th scope="col">Window</th>
            <th scope="col">Status</th>
            <th scope="col">Attempts</th>
            <th scope="col">Duration</th>
            <th scope="col">Requested</th>
            <th scope="col">Progress / error</th>
          </tr>
        </thead>
        <tbody>
          {jobs.map((job) => (
            <tr key={job.id} data-job-id={job.id} data-status={job.status}>
              <td className={styles.nowrap}>{providerDisplayNames[job.providerId]}</td>
              <td className={styles.nowrap}>{jobTypeLabels[job.jobType]}</td>
              <td className={styles.nowrap}>{windowText(job)}</td>
              <td>
                <span className={`${styles.badge} ${statusClass[job.status]}`}>
                  {statusLabels[job.status]}
                </span>
              </td>
              <td>{job.attempts}</td>
              <td className={styles.nowrap}>{durationText(job, now)}</td>
              <td className={styles.nowrap}>
                <time dateTime={job.createdAt} title={new Date(job.createdAt).toLocaleString()}>
                  {relativeTime(job.createdAt, now)}
                </time>
              </td>
              <td>
                {job.errorMessage ? <span className={styles.error}>{job.errorMessage}</span> : null}
                {!job.errorMessage &&
                job.progress &&
                (job.status === 'running' || job.status === 'queued') ? (
                  <>
                    {job.progress.accountsDone}/{job.progress.accountsTotal} accounts, {job.progress.daysDone}
                    /{job.progress.daysTotal} days
                  </>
                ) : null}
                {!job.errorMessage && job.status === 'success' && job.progress ? (
                  <span className={styles.muted}>
                    {job.progress.accountsTotal} accounts, {job.progress.daysTotal} days
                  </span>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
