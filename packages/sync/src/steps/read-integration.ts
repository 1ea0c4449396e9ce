import type { AdIntegration, SyncJobRecord } from '@cohorts/core/contract';
import { ProviderError } from '@cohorts/providers';
import type { SyncServices } from '../services';

/** Step 1: the integration the job syncs; a removed integration fails the job for good. */
export async function readIntegration(
  services: Pick<SyncServices, 'integrations'>,
  record: Pick<SyncJobRecord, 'userId' | 'providerId'>,
): Promise<AdIntegration> {
  const integration = await services.integrations.get(record.userId, record.providerId);
  if (!integration) {
    throw new ProviderError({
      providerId: record.providerId,
      kind: 'permanent',
      message: 'the integration was removed',
    });
  }
  return integration;
}
