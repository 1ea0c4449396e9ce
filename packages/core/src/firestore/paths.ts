import type { IsoDate } from '../contract/dates';
import type { ProviderId } from '../contract/provider-ids';

/**
 * Every Firestore path of the contract is built here, so a path is spelled once.
 * Collections under `users/{userId}` are the tenant's tree; `integrationCredentials` is server-only.
 */
export const collections = {
  users: 'users',
  adIntegrations: 'adIntegrations',
  syncJobs: 'syncJobs',
  adMetrics: 'adMetrics',
  integrationCredentials: 'integrationCredentials',
} as const;

export function userPath(userId: string): string {
  return `${collections.users}/${userId}`;
}

export function adIntegrationPath(userId: string, providerId: ProviderId): string {
  return `${userPath(userId)}/${collections.adIntegrations}/${providerId}`;
}

export function syncJobsCollectionPath(userId: string): string {
  return `${userPath(userId)}/${collections.syncJobs}`;
}

export function syncJobPath(userId: string, jobId: string): string {
  return `${syncJobsCollectionPath(userId)}/${jobId}`;
}

/** `YYYY-MM-DD_providerId`: sorts by date, so a date range is a document-id range. */
export function adMetricsDocId(date: IsoDate, providerId: ProviderId): string {
  return `${date}_${providerId}`;
}

export function parseAdMetricsDocId(docId: string): { date: IsoDate; providerId: string } | null {
  const match = /^(\d{4}-\d{2}-\d{2})_([a-z]+)$/.exec(docId);
  if (!match?.[1] || !match[2]) return null;
  return { date: match[1], providerId: match[2] };
}

export function adMetricsCollectionPath(userId: string): string {
  return `${userPath(userId)}/${collections.adMetrics}`;
}

export function adMetricsPath(userId: string, date: IsoDate, providerId: ProviderId): string {
  return `${adMetricsCollectionPath(userId)}/${adMetricsDocId(date, providerId)}`;
}

export function integrationCredentialPath(userId: string, providerId: ProviderId): string {
  return `${userPath(userId)}/${collections.integrationCredentials}/${providerId}`;
}
