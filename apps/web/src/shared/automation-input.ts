import { automationBounds } from '@cohorts/core/contract';
import { z } from 'zod';

/**
 * The automation settings a person may change, with the messages they read. One schema for the
 * server's `integrations.updateAutomation` and the dashboard's form, so both accept the same values.
 * Client-safe: it imports only core's contract. `null` means "the default" (auto-sync on, nightly,
 * the 8-day attribution window).
 */
const { syncFrequencyMinutes, scheduledTimeframeDays } = automationBounds;

export const AutomationFieldsSchema = z.object({
  autoSyncEnabled: z.boolean({ error: 'must be true or false' }).nullable().optional(),
  syncFrequencyMinutes: z
    .int({ error: 'must be a whole number of minutes' })
    .min(syncFrequencyMinutes.min, { error: `must be at least ${syncFrequencyMinutes.min} minutes` })
    .max(syncFrequencyMinutes.max, { error: `must be at most ${syncFrequencyMinutes.max} minutes (7 days)` })
    .nullable()
    .optional(),
  scheduledTimeframeDays: z
    .int({ error: 'must be a whole number of days' })
    .min(scheduledTimeframeDays.min, { error: `must be at least ${scheduledTimeframeDays.min} day` })
    .max(scheduledTimeframeDays.max, { error: `must be at most ${scheduledTimeframeDays.max} days` })
    .nullable()
    .optional(),
});
