import { daysBetween, IsoDateSchema, providerIds } from '@cohorts/core';
import { z } from 'zod';
import { AutomationFieldsSchema } from '../../shared/automation-input';

const providerIdList = providerIds.join(', ');

/** A provider id with a message that lists the valid ones. */
export const providerIdField = z.enum(providerIds, { error: `must be one of ${providerIdList}` });

/** Half of a UTF-16 surrogate pair without its other half (not encodable as UTF-8). */
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * A Firebase user id (1-128 characters) that is also usable as a Firestore document id: no `/`,
 * not `.` or `..`, not `__name__`-style, and well-formed Unicode (a lone surrogate cannot be sent
 * to Firestore). Anything else would fail at the database as our error instead of the caller's.
 */
export const userIdField = z
  .string({ error: 'must be a user id (a string)' })
  .min(1, { error: 'must not be empty' })
  .max(128, { error: 'must be at most 128 characters' })
  .refine((value) => !value.includes('/'), { error: 'must not contain "/"' })
  .refine((value) => value !== '.' && value !== '..', { error: 'must not be "." or ".."' })
  .refine((value) => !/^__.*__$/s.test(value), { error: 'must not start and end with "__"' })
  .refine((value) => !loneSurrogate.test(value), {
    error: 'must be well-formed Unicode (no lone surrogates)',
  });

export const UserScopeInput = z.object({ userId: userIdField.optional() });

export const ManualSyncInput = z.object({
  providerId: providerIdField,
  userId: userIdField.optional(),
});

export const UpdateAutomationInput = AutomationFieldsSchema.extend({
  providerId: providerIdField,
  userId: userIdField.optional(),
}).refine(
  (input) =>
    input.autoSyncEnabled !== undefined ||
    input.syncFrequencyMinutes !== undefined ||
    input.scheduledTimeframeDays !== undefined,
  { error: 'change at least one of autoSyncEnabled, syncFrequencyMinutes, scheduledTimeframeDays' },
);

/** How many items a page holds: 1 to 100, `defaultLimit` when not given. */
const pageLimit = (defaultLimit: number) =>
  z
    .int({ error: 'must be a whole number' })
    .min(1, { error: 'must be at least 1' })
    .max(100, { error: 'must be at most 100' })
    .default(defaultLimit);

export const RecentJobsInput = z.object({
  userId: userIdField.optional(),
  providerId: providerIdField.optional(),
  limit: pageLimit(20),
});

/** A page of the job history; `cursor` is the previous page's `nextCursor`. */
export const JobHistoryInput = z.object({
  userId: userIdField.optional(),
  providerId: providerIdField.optional(),
  limit: pageLimit(25),
  cursor: z
    .string({ error: 'must be a job id (a string)' })
    .regex(/^[A-Za-z0-9_-]{1,128}$/, { error: 'must be a job id from a previous page' })
    .nullish(),
});

const isoDate = IsoDateSchema;

/** A date range (inclusive, account-local dates) and the providers to read. */
export const MetricsRangeFields = z.object({
  userId: userIdField.optional(),
  from: isoDate,
  to: isoDate,
  providerIds: z.array(providerIdField).max(providerIds.length).optional(),
});

/** The range check of a read: `to` not before `from`, and at most `maxDays` dates (`tooLong` says so). */
export function checkRange(maxDays: number, tooLong: string) {
  return (input: { from: string; to: string }, ctx: z.RefinementCtx): void => {
    // zod still runs this when a date failed its own check; that date's issue already says enough.
    if (!IsoDateSchema.safeParse(input.from).success || !IsoDateSchema.safeParse(input.to).success) return;
    if (input.to < input.from) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: `must not be before from (${input.from})` });
      return;
    }
    if (daysBetween(input.from, input.to) + 1 > maxDays) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: tooLong });
    }
  };
}

/**
 * The longest range one read may ask for: a year (a leap year's 366 days). Every date is a document
 * per provider, and insights read the period before it too, so a longer range is refused, not paged.
 */
export const maxReadRangeDays = 366;

const checkMetricsRange = checkRange(
  maxReadRangeDays,
  `the range may span at most ${maxReadRangeDays} days; ask for a longer one a year at a time`,
);

export const MetricsRangeInput = MetricsRangeFields.superRefine(checkMetricsRange);

export const InsightsInput = MetricsRangeFields.extend({
  top: z
    .int({ error: 'must be a whole number' })
    .min(1, { error: 'must be at least 1' })
    .max(50, { error: 'must be at most 50' })
    .default(5),
}).superRefine(checkMetricsRange);

export const ScheduleInput = z
  .object({
    userId: userIdField.optional(),
    allUsers: z.boolean({ error: 'must be true or false' }).optional(),
    /** Admin and cron callers only (a 403 for users): see `requireOperatorFields`. */
    force: z.boolean({ error: 'must be true or false' }).optional(),
    failureThresholdOverride: z
      .int({ error: 'must be a whole number of failed runs' })
      .min(1, { error: 'must be at least 1' })
      .max(1000, { error: 'must be at most 1000' })
      .optional(),
  })
  .refine((input) => !(input.userId !== undefined && input.allUsers), {
    path: ['allUsers'],
    error: 'send either userId or allUsers: true, not both',
  });
