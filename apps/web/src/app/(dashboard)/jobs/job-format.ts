import type { JobView } from '../data/trpc';

/** "1 min 5 s", "12 s": how long a finished job ran, or has been running. */
export function durationText(job: Pick<JobView, 'startedAt' | 'processedAt' | 'status'>, now: Date): string {
  if (!job.startedAt) return '—';
  const end = job.processedAt ? new Date(job.processedAt) : job.status === 'running' ? now : null;
  if (!end) return '—';
  const seconds = Math.round((end.getTime() - new Date(job.startedAt).getTime()) / 1000);
  // A running job read against a clock that last ticked before it started.
  if (seconds < 1) return job.processedAt ? '< 1 s' : 'just started';
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${seconds % 60} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
