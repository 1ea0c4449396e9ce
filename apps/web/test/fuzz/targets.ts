import { maxMetricsRangeDays } from '@cohorts/core';
import * as analyticsInsights from '../../src/app/api/analytics/insights/route';
import * as oauthCallback from '../../src/app/api/integrations/[slug]/oauth/callback/route';
import * as oauthStart from '../../src/app/api/integrations/[slug]/oauth/start/route';
import * as manualSync from '../../src/app/api/integrations/manual-sync/route';
import * as processRoute from '../../src/app/api/integrations/process/route';
import * as scheduleRoute from '../../src/app/api/integrations/schedule/route';
import * as integrationStatus from '../../src/app/api/integrations/status/route';
import * as metrics from '../../src/app/api/metrics/route';
import * as session from '../../src/app/api/session/route';
import * as trpc from '../../src/app/api/trpc/[trpc]/route';
import { maxOverviewRangeDays } from '../../src/server/handlers/metrics-overview';
import { type BadValues, badValues } from './bad-values';

/** What a fuzz case needs to build a valid input before one part of it is spoiled. */
export interface FuzzContext {
  /** The admin the requests are sent as (admins reach every procedure, so input checks run deepest). */
  adminUid: string;
}

type Handler = (request: Request, params: Record<string, string>) => Promise<Response> | Response;

export interface Target {
  name: string;
  /** How the input travels: a query string, a JSON body, a tRPC `input=` query or a tRPC JSON body. */
  face: 'rest-query' | 'rest-body' | 'trpc-query' | 'trpc-mutation';
  /** The URL path; `{slug}` is filled from `params`. */
  path: string;
  handler: Handler;
  /** The input's fields and what each must refuse. */
  fields: Record<string, BadValues>;
  /** Path parameters and what each must refuse (a 404 naming the platform). */
  params?: Record<string, BadValues>;
  valid(ctx: FuzzContext): Record<string, unknown>;
  validParams?: Record<string, string>;
  /** A from/to range, and the longest one the target reads. */
  range?: { maxDays: number };
  /** The OAuth callback answers every outcome with a redirect to the dashboard, never an error page. */
  alwaysRedirects?: boolean;
}

const trpcHandler: Handler = (request) => trpc.GET(request);
const rest =
  (handler: (request: Request) => Promise<Response> | Response): Handler =>
  (request) =>
    handler(request);
const withSlug =
  (
    handler: (request: Request, context: { params: Promise<{ slug: string }> }) => Promise<Response>,
  ): Handler =>
  (request, params) =>
    handler(request, { params: Promise.resolve({ slug: params.slug ?? '' }) });

const userScope = { userId: badValues.userId };
const rangeFields = {
  userId: badValues.userId,
  from: badValues.date,
  to: badValues.date,
  providerIds: badValues.providerIds,
};
const validRange = (ctx: FuzzContext) => ({
  userId: ctx.adminUid,
  from: '2026-11-01',
  to: '2026-11-07',
  providerIds: ['google'],
});
const scheduleFields = {
  userId: badValues.userId,
  allUsers: badValues.optionalBoolean,
  force: badValues.optionalBoolean,
  failureThresholdOverride: badValues.integer(1, 1000, false),
};

function trpcTarget(
  name: string,
  face: 'trpc-query' | 'trpc-mutation',
  fields: Record<string, BadValues>,
  valid: (ctx: FuzzContext) => Record<string, unknown>,
  range?: { maxDays: number },
): Target {
  return { name, face, path: `/api/trpc/${name}`, handler: trpcHandler, fields, valid, range };
}

export const targets: Target[] = [
  {
    name: 'GET /api/integrations/status',
    face: 'rest-query',
    path: '/api/integrations/status',
    handler: rest(integrationStatus.GET),
    fields: userScope,
    valid: (ctx) => ({ userId: ctx.adminUid }),
  },
  {
    name: 'POST /api/integrations/manual-sync',
    face: 'rest-body',
    path: '/api/integrations/manual-sync',
    handler: rest(manualSync.POST),
    fields: { providerId: badValues.providerId, userId: badValues.userId },
    valid: (ctx) => ({ providerId: 'google', userId: ctx.adminUid }),
  },
  {
    name: 'POST /api/integrations/schedule',
    face: 'rest-body',
    path: '/api/integrations/schedule',
    handler: rest(scheduleRoute.POST),
    fields: scheduleFields,
    valid: (ctx) => ({ userId: ctx.adminUid, force: false }),
  },
  {
    name: 'POST /api/integrations/process',
    face: 'rest-body',
    path: '/api/integrations/process',
    handler: rest(processRoute.POST),
    fields: {},
    valid: () => ({}),
  },
  {
    name: 'GET /api/metrics',
    face: 'rest-query',
    path: '/api/metrics',
    handler: rest(metrics.GET),
    fields: rangeFields,
    valid: validRange,
    range: { maxDays: maxMetricsRangeDays },
  },
  {
    name: 'GET /api/analytics/insights',
    face: 'rest-query',
    path: '/api/analytics/insights',
    handler: rest(analyticsInsights.GET),
    fields: { ...rangeFields, top: badValues.integer(1, 50, false) },
    valid: (ctx) => ({ ...validRange(ctx), top: 5 }),
    range: { maxDays: maxMetricsRangeDays },
  },
  {
    name: 'POST /api/session',
    face: 'rest-body',
    path: '/api/session',
    handler: rest(session.POST),
    fields: { idToken: badValues.idToken },
    // Never valid: a well-formed but wrong token is a 401, which the oracle also accepts for this field.
    valid: () => ({ idToken: 'not-a-token' }),
  },
  {
    name: 'GET /api/integrations/{slug}/oauth/start',
    face: 'rest-query',
    path: '/api/integrations/{slug}/oauth/start',
    handler: withSlug(oauthStart.GET),
    fields: { returnTo: badValues.returnTo },
    params: { slug: badValues.slug },
    validParams: { slug: 'google' },
    valid: () => ({ returnTo: '/' }),
  },
  {
    name: 'GET /api/integrations/{slug}/oauth/callback',
    face: 'rest-query',
    path: '/api/integrations/{slug}/oauth/callback',
    handler: withSlug(oauthCallback.GET),
    fields: { code: badValues.anyText, state: badValues.anyText, error: badValues.anyText },
    params: { slug: badValues.slug },
    validParams: { slug: 'google' },
    valid: () => ({ code: 'code', state: 'state' }),
    alwaysRedirects: true,
  },
  trpcTarget('integrations.list', 'trpc-query', userScope, (ctx) => ({ userId: ctx.adminUid })),
  trpcTarget('integrations.status', 'trpc-query', userScope, (ctx) => ({ userId: ctx.adminUid })),
  trpcTarget(
    'integrations.manualSync',
    'trpc-mutation',
    { providerId: badValues.providerId, userId: badValues.userId },
    (ctx) => ({ providerId: 'google', userId: ctx.adminUid }),
  ),
  trpcTarget(
    'integrations.updateAutomation',
    'trpc-mutation',
    {
      providerId: badValues.providerId,
      userId: badValues.userId,
      autoSyncEnabled: badValues.nullableBoolean,
      syncFrequencyMinutes: badValues.integer(60, 7 * 24 * 60, true),
      scheduledTimeframeDays: badValues.integer(1, 90, true),
    },
    (ctx) => ({ providerId: 'google', userId: ctx.adminUid, autoSyncEnabled: true }),
  ),
  trpcTarget(
    'integrations.connectUrl',
    'trpc-mutation',
    { providerId: badValues.providerId, returnTo: badValues.returnTo },
    () => ({ providerId: 'google', returnTo: '/' }),
  ),
  trpcTarget(
    'integrations.accounts',
    'trpc-query',
    { providerId: badValues.providerId, userId: badValues.userId },
    (ctx) => ({ providerId: 'google', userId: ctx.adminUid }),
  ),
  trpcTarget(
    'integrations.selectAccounts',
    'trpc-mutation',
    { providerId: badValues.providerId, userId: badValues.userId, accountIds: badValues.accountIds },
    (ctx) => ({ providerId: 'google', userId: ctx.adminUid, accountIds: ['google-acct-1'] }),
  ),
  trpcTarget(
    'integrations.disconnect',
    'trpc-mutation',
    { providerId: badValues.providerId, userId: badValues.userId },
    (ctx) => ({ providerId: 'google', userId: ctx.adminUid }),
  ),
  trpcTarget(
    'jobs.recent',
    'trpc-query',
    { userId: badValues.userId, providerId: badValues.providerId, limit: badValues.integer(1, 100, false) },
    (ctx) => ({ userId: ctx.adminUid, providerId: 'google', limit: 20 }),
  ),
  trpcTarget(
    'jobs.history',
    'trpc-query',
    {
      userId: badValues.userId,
      providerId: badValues.providerId,
      limit: badValues.integer(1, 100, false),
      cursor: badValues.cursor,
    },
    (ctx) => ({ userId: ctx.adminUid, providerId: 'google', limit: 25 }),
  ),
  trpcTarget(
    'jobs.onChange',
    'trpc-query',
    { userId: badValues.userId, limit: badValues.integer(1, 50, false), lastEventId: badValues.optionalText },
    (ctx) => ({ userId: ctx.adminUid, limit: 20 }),
  ),
  trpcTarget('metrics.daily', 'trpc-query', rangeFields, validRange, { maxDays: maxMetricsRangeDays }),
  trpcTarget('metrics.overview', 'trpc-query', rangeFields, validRange, { maxDays: maxOverviewRangeDays }),
  trpcTarget(
    'analytics.insights',
    'trpc-query',
    { ...rangeFields, top: badValues.integer(1, 50, false) },
    (ctx) => ({ ...validRange(ctx), top: 5 }),
    { maxDays: maxMetricsRangeDays },
  ),
  trpcTarget('admin.schedule', 'trpc-mutation', scheduleFields, (ctx) => ({ userId: ctx.adminUid })),
  trpcTarget('admin.processNext', 'trpc-mutation', {}, () => ({})),
];
