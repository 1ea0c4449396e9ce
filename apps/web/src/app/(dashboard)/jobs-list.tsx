'use client';

import { providerDisplayNames } from '@cohorts/core/contract';
import styles from './dashboard.module.css';
import type { JobView } from './trpc-client';

const jobTypeLabels = {
  'initial-backfill': 'Initial backfill (90 days)',
  'scheduled-sync': 'Scheduled sync',
  'manual-sync': 'Manual sync',
} as const;

export function JobsList({ jobs, live }: { jobs: JobView[]; live: boolean }) {
  return (
    <section aria-labelledby="jobs-heading">
      <h2 id="jobs-heading">
        Recent sync jobs <span className={styles.muted}>{live ? '(live)' : '(refreshing every 2 s)'}</span>
      </h2>
      {jobs.length === 0 ? (
        <p className={styles.muted}>No sync jobs yet. Linking a platform starts its 90-day backfill.</p>
      ) : (
        <table className={styles.table}>
          <thead>
            <tr>
              <th scope="col">Platform</th>
              <th scope="col">Job</th>
              <th scope="col">Status</th>
              <th scope="col">Progress</th>
              <th scope="col">Requested</th>
            </tr>
          </thead>
          <tbody aria-live="polite">
            {jobs.map((job) => (
              <tr key={job.id} data-job-id={job.id} data-status={job.status}>
                <td>{providerDisplayNames[job.providerId]}</td>
                <td>{jobTypeLabels[job.jobType]}</td>
                <td>
                  {job.status}
                  {job.errorMessage ? <div className={styles.error}>{job.errorMessage}</div> : null}
                </td>
                <td>
                  {job.progress ? (
                    <>
                      <progress max={job.progress.daysTotal || 1} value={job.progress.daysDone} />{' '}
                      {job.progress.daysDone}/{job.progress.daysTotal} days, {job.progress.accountsDone}/
                      {job.progress.accountsTotal} accounts
                    </>
                  ) : (
                    '—'
                  )}
                </td>
                <td>{new Date(job.createdAt).toLocaleString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
