import { z } from 'zod';
import { CurrencyCodeSchema, TimeZoneSchema } from './dates';
import { ProviderIdSchema } from './provider-ids';

export const lastSyncStatuses = ['pending', 'success', 'error', 'never'] as const;
export const LastSyncStatusSchema = z.enum(lastSyncStatuses);
export type LastSyncStatus = z.infer<typeof LastSyncStatusSchema>;

/** Bounds users may set in Automation controls. */
export const automationBounds = {
  syncFrequencyMinutes: { min: 60, max: 7 * 24 * 60 },
  scheduledTimeframeDays: { min: 1, max: 90 },
} as const;

export const AutomationSettingsSchema = z.object({
  autoSyncEnabled: z.boolean().nullable(),
  syncFrequencyMinutes: z
    .int()
    .min(automationBounds.syncFrequencyMinutes.min)
    .max(automationBounds.syncFrequencyMinutes.max)
    .nullable(),
  scheduledTimeframeDays: z
    .int()
    .min(automationBounds.scheduledTimeframeDays.min)
    .max(automationBounds.scheduledTimeframeDays.max)
    .nullable(),
});
export type AutomationSettings = z.infer<typeof AutomationSettingsSchema>;

/** An ad account a login can see, as discovered at link time. */
export const AdAccountSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  currencyCode: CurrencyCodeSchema,
  timeZone: TimeZoneSchema,
  status: z.enum(['active', 'disabled', 'closed', 'pending', 'unknown']),
  /** Manager (MCC) accounts hold no metrics of their own. */
  isManager: z.boolean().default(false),
  /** Google: the manager through which the account is reached (`login-customer-id`). */
  loginCustomerId: z.string().nullable().default(null),
});
export type AdAccount = z.infer<typeof AdAccountSchema>;

/**
 * `users/{userId}/adIntegrations/{providerId}`: the fields Cohorts' other readers of this document
 * already use (status, scopes, sync times), plus what the sync engine needs. `accessToken`/`idToken`
 * stay null here, because clients can read this document: tokens live encrypted in a server-only
 * collection.
 */
export const AdIntegrationSchema = z.object({
  userId: z.string().min(1),
  providerId: ProviderIdSchema,
  accessToken: z.null(),
  idToken: z.null(),
  scopes: z.array(z.string()),
  linkedAt: z.date(),
  lastSyncStatus: LastSyncStatusSchema,
  lastSyncedAt: z.date().nullable(),
  lastSyncRequestedAt: z.date().nullable(),
  lastSyncMessage: z.string().nullable(),
  ...AutomationSettingsSchema.shape,
  /** When the access token stops working, where the platform says so (Meta ~60 days). */
  accessTokenExpiresAt: z.date().nullable(),
  /** When re-consent becomes unavoidable (LinkedIn: 365 days after first consent). */
  refreshTokenExpiresAt: z.date().nullable(),
  /** Set when a sync found the credential unusable; cleared by a successful re-link. */
  reconnectRequired: z.boolean(),
  adAccounts: z.array(AdAccountSchema),
  /** The accounts to sync; empty means every non-manager account of the login. */
  selectedAccountIds: z.array(z.string()),
  /** The queued or running sync job, if any (one live job per integration). */
  liveSyncJobId: z.string().nullable(),
  /** When the scheduler should next consider this integration; null when auto-sync is off. */
  nextSyncDueAt: z.date().nullable(),
  /**
   * True from a first link whose login offers several accounts until the person chose which to sync
   * (absent: nothing to choose). Nothing syncs before that; saving the choice starts the backfill.
   */
  accountChoicePending: z.boolean().optional(),
});
export type AdIntegration = z.infer<typeof AdIntegrationSchema>;

/**
 * Linked, and no sync asked for yet because the person is still to choose the ad accounts (a first
 * link whose login offers several). Nothing syncs such an integration, not even a forced schedule.
 */
export function isAwaitingAccountChoice(integration: Pick<AdIntegration, 'accountChoicePending'>): boolean {
  return integration.accountChoicePending === true;
}
