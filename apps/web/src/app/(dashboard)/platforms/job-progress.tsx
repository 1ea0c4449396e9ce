import styles from '../dashboard.module.css';
import type { JobView } from '../data/trpc';

const jobNames = {
  'initial-backfill': 'Backfill',
  'scheduled-sync': 'Scheduled sync',
  'manual-sync': 'Sync',
} as const;

/** A live job's progress: accounts and days done, as the worker reports them. */
export function JobProgress({ job, name }: { job: JobView; name: string }) {
  const progress = job.progress;
  const text =
    job.status === 'queued'
      ? `${jobNames[job.jobType]} queued`
      : progress
        ? `${jobNames[job.jobType]} running: ${progress.accountsDone} of ${progress.accountsTotal} accounts, ${progress.daysDone} of ${progress.daysTotal} days`
        : `${jobNames[job.jobType]} running`;
  return (
    <div className={styles.live}>
      <span role="status">{text}</span>
      <progress
        aria-label={`${name} sync progress`}
        max={progress && progress.daysTotal > 0 ? progress.daysTotal : undefined}
        value={progress && progress.daysTotal > 0 ? progress.daysDone : undefined}
      />
    </div>
  );
}
