'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import { createContext, type ReactNode, useContext, useEffect, useRef } from 'react';
import { laterJob } from './job-order';
import { recentJobsInput } from './live-jobs-input';
import { type JobView, useTRPC } from './trpc';

export { recentJobsInput };

function upsert(jobs: JobView[], job: JobView, removed: boolean): JobView[] {
  const others = jobs.filter((j) => j.id !== job.id);
  const next = removed ? others : [...others, job];
  return next.sort((a, b) => b.createdAt.localeCompare(a.createdAt)).slice(0, recentJobsInput.limit);
}

export type JobStream = 'live' | 'connecting' | 'polling';

interface LiveJobs {
  stream: JobStream;
  /** The latest copy of each job the stream delivered: a refetch never takes a job back in time. */
  latest: Map<string, JobView>;
}

const LiveContext = createContext<LiveJobs>({ stream: 'connecting', latest: new Map() });

/**
 * Keeps `jobs.recent` current from the `jobs.onChange` stream (SSE): every event is written into the
 * query cache, so every view of jobs updates at once. A job that appears or changes status changes
 * its integration (status, last synced, next run) and, once finished, the metrics: those queries
 * are invalidated together, shortly after a burst of events. Progress ticks only touch the job.
 */
export function LiveJobsProvider({ enabled, children }: { enabled: boolean; children: ReactNode }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const pending = useRef({ integrations: false, metrics: false });
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latest = useRef(new Map<string, JobView>());

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  const flush = () => {
    const { integrations, metrics } = pending.current;
    pending.current = { integrations: false, metrics: false };
    if (integrations) {
      void queryClient.invalidateQueries({ queryKey: trpc.integrations.pathKey() });
      void queryClient.invalidateQueries({ queryKey: trpc.jobs.history.pathKey() });
    }
    if (metrics) {
      void queryClient.invalidateQueries({ queryKey: trpc.metrics.pathKey() });
      void queryClient.invalidateQueries({ queryKey: trpc.analytics.pathKey() });
    }
  };

  const subscription = useSubscription(
    trpc.jobs.onChange.subscriptionOptions(recentJobsInput, {
      enabled,
      onData: ({ data: event }) => {
        const recentKey = trpc.jobs.recent.queryKey(recentJobsInput);
        const before = queryClient.getQueryData(recentKey)?.jobs.find((j) => j.id === event.job.id);
        if (event.change === 'removed') latest.current.delete(event.job.id);
        else latest.current.set(event.job.id, event.job);
        queryClient.setQueryData(recentKey, (current) => ({
          userId: current?.userId ?? '',
          jobs: upsert(current?.jobs ?? [], event.job, event.change === 'removed'),
        }));
        // Progress ticks, and a reconnect replaying jobs already known, change nothing else.
        if (before !== undefined && before.status === event.job.status && event.change !== 'removed') return;
        pending.current.integrations = true;
        if (event.job.status === 'success' || event.job.status === 'error') pending.current.metrics = true;
        if (timer.current) clearTimeout(timer.current);
        timer.current = setTimeout(flush, 250);
      },
    }),
  );
  const stream: JobStream =
    subscription.status === 'pending' ? 'live' : subscription.status === 'error' ? 'polling' : 'connecting';
  return <LiveContext.Provider value={{ stream, latest: latest.current }}>{children}</LiveContext.Provider>;
}

/** Whether job updates arrive live (the stream is open), are being connected, or are polled. */
export function useJobsLive(): JobStream {
  return useContext(LiveContext).stream;
}

/** The recent jobs, kept live by the stream; polled every 2 s while the stream is down. */
export function useRecentJobs() {
  const trpc = useTRPC();
  const { stream, latest } = useContext(LiveContext);
  return useQuery(
    trpc.jobs.recent.queryOptions(recentJobsInput, {
      refetchInterval: stream === 'polling' ? 2_000 : false,
      select: (data) => ({
        ...data,
        jobs: data.jobs.map((job) => {
          const streamed = latest.get(job.id);
          return streamed ? laterJob(streamed, job) : job;
        }),
      }),
    }),
  );
}

/** The provider's queued or running job, if any. */
export function liveJobOf(jobs: readonly JobView[] | undefined, providerId: JobView['providerId']) {
  return (
    jobs?.find(
      (job) => job.providerId === providerId && (job.status === 'queued' || job.status === 'running'),
    ) ?? null
  );
}
