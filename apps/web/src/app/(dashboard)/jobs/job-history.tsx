'use client';

import { type ProviderId, providerDisplayNames, providerIds } from '@cohorts/core/contract';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import styles from '../dashboard.module.css';
import { useTRPC } from '../data/trpc';
import { Skeleton } from '../ui/skeleton';
import { JobsTable } from './jobs-table';

const pageSize = 25;

/**
 * Every sync job, newest first, a page at a time. The cursors of the pages seen are kept, so
 * "Newer" goes back exactly; the page refreshes itself when a job changes (the live stream invalidates it).
 */
export function JobHistory() {
  const trpc = useTRPC();
  const filterId = useId();
  const [providerId, setProviderId] = useState<ProviderId | ''>('');
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const cursor = cursors.at(-1) ?? null;
  const page = useQuery(
    trpc.jobs.history.queryOptions(
      { limit: pageSize, cursor, ...(providerId && { providerId }) },
      { placeholderData: keepPreviousData },
    ),
  );
  const pageNumber = cursors.length;

  return (
    <section aria-labelledby="history-heading" className={styles.section}>
      <div className={styles.sectionHeader}>
        <h2 id="history-heading">Job history</h2>
        <div className={styles.searchRow}>
          <label htmlFor={filterId}>Platform</label>
          <select
            id={filterId}
            value={providerId}
            onChange={(e) => {
              const value = e.target.value;
              setProviderId(providerIds.find((id) => id === value) ?? '');
              setCursors([null]);
            }}
          >
            <option value="">All platforms</option>
            {providerIds.map((id) => (
              <option key={id} value={id}>
                {providerDisplayNames[id]}
              </option>
            ))}
          </select>
        </div>
      </div>
      {page.isError ? (
        <p role="alert" className={styles.error}>
          {page.error.message}
        </p>
      ) : null}
      {page.data ? (
        <JobsTable jobs={page.data.jobs} caption={`Sync jobs, page ${pageNumber}`} />
      ) : page.isPending ? (
        <Skeleton label="Loading job history" lines={8} />
      ) : null}
      <nav aria-label="Job history pages" className={styles.pager}>
        <button
          type="button"
          disabled={pageNumber === 1 || page.isFetching}
          onClick={() => setCursors((c) => c.slice(0, -1))}
        >
          Newer jobs
        </button>
        <span aria-live="polite">Page {pageNumber}</span>
        <button
          type="button"
          disabled={!page.data?.nextCursor || page.isFetching}
          onClick={() => {
            const next = page.data?.nextCursor;
            if (next) setCursors((c) => [...c, next]);
          }}
        >
          Older jobs
        </button>
      </nav>
    </section>
  );
}
