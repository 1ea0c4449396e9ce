'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { recentJobsInput } from '../data/live-jobs';
import { type IntegrationView, useTRPC } from '../data/trpc';

/** Every change a platform card makes, through React Query: the cache is updated, never re-fetched by hand. */

export function useManualSync() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.integrations.manualSync.mutationOptions({
      onSuccess: (result) => {
        // The job shows at once; the stream then carries its progress.
        queryClient.setQueryData(trpc.jobs.recent.queryKey(recentJobsInput), (current) =>
          current
            ? { ...current, jobs: [result.job, ...current.jobs.filter((j) => j.id !== result.job.id)] }
            : current,
        );
      },
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.integrations.pathKey() }),
    }),
  );
}

export function useDisconnect() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.integrations.disconnect.mutationOptions({
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.integrations.pathKey() }),
    }),
  );
}

export function useSelectAccounts() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.integrations.selectAccounts.mutationOptions({
      onSuccess: (result, input) => {
        queryClient.setQueryData(trpc.integrations.accounts.queryKey({ providerId: input.providerId }), {
          providerId: result.providerId,
          accounts: result.accounts,
          selectedAccountIds: result.selectedAccountIds,
          syncsAllAccounts: result.syncsAllAccounts,
          awaitingAccountChoice: result.awaitingAccountChoice,
        });
      },
      onSettled: () => {
        void queryClient.invalidateQueries({ queryKey: trpc.integrations.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.jobs.pathKey() });
      },
    }),
  );
}

/**
 * Automation changes show at once (optimistic): the card's settings change before the server
 * answers, and go back if it refuses. The server's answer (with the new next run) replaces the guess.
 */
export function useUpdateAutomation() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const listKey = trpc.integrations.list.queryKey({});
  const patch = (
    providerId: IntegrationView['providerId'],
    change: (i: IntegrationView) => IntegrationView,
  ) =>
    queryClient.setQueryData(listKey, (current) =>
      current
        ? {
            ...current,
            providers: current.providers.map((entry) =>
              entry.providerId === providerId && entry.integration
                ? { ...entry, integration: change(entry.integration) }
                : entry,
            ),
          }
        : current,
    );
  return useMutation(
    trpc.integrations.updateAutomation.mutationOptions({
      onMutate: async (input) => {
        await queryClient.cancelQueries({ queryKey: listKey });
        const previous = queryClient.getQueryData(listKey);
        patch(input.providerId, (integration) => ({
          ...integration,
          ...(input.autoSyncEnabled !== undefined && { autoSyncEnabled: input.autoSyncEnabled }),
          ...(input.syncFrequencyMinutes !== undefined && {
            syncFrequencyMinutes: input.syncFrequencyMinutes,
          }),
          ...(input.scheduledTimeframeDays !== undefined && {
            scheduledTimeframeDays: input.scheduledTimeframeDays,
          }),
        }));
        return { previous };
      },
      onError: (_error, _input, context) => {
        if (context?.previous) queryClient.setQueryData(listKey, context.previous);
      },
      onSuccess: (updated) => patch(updated.providerId, () => updated),
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.integrations.pathKey() }),
    }),
  );
}
