import { z } from 'zod';
import { accountTree, findAccount } from '../../data/fixtures';
import type { SandboxAccount } from '../../data/model';
import { hashString } from '../../data/random';
import { contentId, header, jsonReply, parseJson, type Reply } from '../../http/types';
import type { ApiContext, ApiRoute, RouteContext } from '../platform';
import { customerNotEnabled, GOOGLE_ADS_VERSION_PATTERN, googleAdsError, versionOf } from './errors';
import { GaqlError, parseGaql } from './gaql';
import { runQuery } from './query';

const HOST = 'googleads.googleapis.com';
/** `googleAds:search` pages are a fixed 10,000 rows (page_size was removed in v17); streams batch alike. */
const GOOGLE_PAGE_ROWS = 10_000;

const isStream = (context: RouteContext) => context.request.path.endsWith(':searchStream');

function adsError(context: RouteContext, spec: Parameters<typeof googleAdsError>[0]): Reply {
  return googleAdsError(spec, { stream: isStream(context), version: versionOf(context.request.path) });
}

const permissionDenied = (context: RouteContext) =>
  adsError(context, {
    httpStatus: 403,
    status: 'PERMISSION_DENIED',
    message: 'The caller does not have permission',
    errorCode: { authorizationError: 'USER_PERMISSION_DENIED' },
    detailMessage:
      "User doesn't have permission to access customer. Note: If you're accessing a client customer, the manager's customer id must be set in the 'login-customer-id' header. See https://developers.google.com/google-ads/api/docs/concepts/call-structure#cid",
  });

/** Version and developer token, checked on every Google Ads API call. */
export function googlePrecheck(context: ApiContext): Reply | undefined {
  const version = versionOf(context.request.path);
  if (!GOOGLE_ADS_VERSION_PATTERN.test(version)) {
    return jsonReply(404, {
      error: {
        code: 404,
        message: `Google Ads API ${version} is not available (sunset); use v23 to v26.`,
        status: 'NOT_FOUND',
      },
    });
  }
  if (!header(context.request, 'developer-token')) {
    return adsError(context, {
      httpStatus: 400,
      status: 'INVALID_ARGUMENT',
      message: 'Request contains an invalid argument.',
      errorCode: { requestError: 'DEVELOPER_TOKEN_PARAMETER_MISSING' },
      detailMessage: 'The developer-token parameter is required for all requests.',
    });
  }
  return undefined;
}

/**
 * Whether the login may act on the customer: directly, or through the manager named in
 * `login-customer-id` (which the login must reach directly and which must be above the customer).
 */
function authorizeCustomer(
  context: ApiContext,
  customerId: string,
): { ok: true; customer: SandboxAccount } | { ok: false; reply: Reply } {
  const refuse = (reply: Reply) => ({ ok: false, reply }) as const;
  const customer = findAccount('google', customerId);
  if (!customer) {
    return refuse(
      adsError(context, {
        httpStatus: 403,
        status: 'PERMISSION_DENIED',
        message: 'The caller does not have permission',
        errorCode: { authenticationError: 'CUSTOMER_NOT_FOUND' },
        detailMessage: 'No customer found for the provided customer id.',
      }),
    );
  }
  const loginCustomerId = header(context.request, 'login-customer-id');
  const direct = context.login.accountIds;
  if (loginCustomerId !== undefined) {
    if (!/^\d{10}$/.test(loginCustomerId)) {
      return refuse(
        adsError(context, {
          httpStatus: 400,
          status: 'INVALID_ARGUMENT',
          message: 'Request contains an invalid argument.',
          errorCode: { headerError: 'INVALID_LOGIN_CUSTOMER_ID' },
          detailMessage: 'The login customer id header is invalid: send the 10 digits without dashes.',
        }),
      );
    }
    if (!direct.includes(loginCustomerId)) return refuse(permissionDenied(context));
    if (!accountTree('google', loginCustomerId).some(({ account }) => account.id === customerId)) {
      return refuse(permissionDenied(context));
    }
  } else if (!direct.includes(customerId)) {
    return refuse(permissionDenied(context));
  }
  if (customer.status !== 'active') return refuse(customerNotEnabled(context.request.path));
  return { ok: true, customer };
}

function listAccessibleCustomers(context: ApiContext): Reply {
  return jsonReply(200, { resourceNames: context.login.accountIds.map((id) => `customers/${id}`) });
}

/** The search request body; fields of other types are as good as absent (proto3 JSON parsing). */
const SearchBodySchema = z.looseObject({
  query: z.unknown().optional(),
  pageToken: z.unknown().optional(),
  pageSize: z.unknown().optional(),
  returnTotalResultsCount: z.unknown().optional(),
});

interface SearchBody {
  query: string;
  pageToken?: string;
  hasPageSize: boolean;
  returnTotalResultsCount: boolean;
}

function readBody(context: ApiContext): SearchBody | Reply {
  const parsed = SearchBodySchema.safeParse(parseJson(context.request.body.toString('utf8')));
  if (!parsed.success) {
    return jsonReply(400, {
      error: { code: 400, message: 'Invalid JSON payload received.', status: 'INVALID_ARGUMENT' },
    });
  }
  const { query, pageToken, pageSize, returnTotalResultsCount } = parsed.data;
  if (typeof query !== 'string' || query.trim() === '') {
    return adsError(context, {
      httpStatus: 400,
      status: 'INVALID_ARGUMENT',
      message: 'Request contains an invalid argument.',
      errorCode: { requestError: 'REQUIRED_FIELD_MISSING' },
      detailMessage: 'The query field is required: send {"query": "SELECT ... FROM ..."}.',
    });
  }
  return {
    query,
    ...(typeof pageToken === 'string' && pageToken !== '' && { pageToken }),
    hasPageSize: pageSize !== undefined,
    returnTotalResultsCount: returnTotalResultsCount === true,
  };
}

const pageToken = (query: string, offset: number) =>
  Buffer.from(JSON.stringify({ q: hashString(query), o: offset })).toString('base64url');

function pageOffset(query: string, token: string): number | undefined {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as {
      q?: unknown;
      o?: unknown;
    };
    return parsed.q === hashString(query) && typeof parsed.o === 'number' ? parsed.o : undefined;
  } catch {
    return undefined;
  }
}

function search(context: ApiContext): Reply {
  const customerId = context.params[1] ?? '';
  const access = authorizeCustomer(context, customerId);
  if (!access.ok) return access.reply;
  const body = readBody(context);
  if ('status' in body) return body;
  const stream = isStream(context);
  if (!stream && body.hasPageSize) {
    return adsError(context, {
      httpStatus: 400,
      status: 'INVALID_ARGUMENT',
      message: 'Request contains an invalid argument.',
      errorCode: { requestError: 'PAGE_SIZE_NOT_SUPPORTED' },
      detailMessage: `Setting the page size is not supported. Search Responses will have fixed page size of '${GOOGLE_PAGE_ROWS}' rows.`,
    });
  }
  let result: ReturnType<typeof runQuery>;
  try {
    result = runQuery(parseGaql(body.query), access.customer, context.state.dataContext());
  } catch (error) {
    if (!(error instanceof GaqlError)) throw error;
    return adsError(context, {
      httpStatus: 400,
      status: 'INVALID_ARGUMENT',
      message: 'Request contains an invalid argument.',
      errorCode: { queryError: error.code },
      detailMessage: error.message,
    });
  }
  const requestId = contentId([customerId, body.query, body.pageToken ?? '', result.rows]);
  const consumption = String(Math.max(1, result.rows.length));
  if (stream) {
    const batches = [];
    for (let offset = 0; offset === 0 || offset < result.rows.length; offset += GOOGLE_PAGE_ROWS) {
      const results = result.rows.slice(offset, offset + GOOGLE_PAGE_ROWS);
      batches.push({ ...(results.length > 0 && { results }), fieldMask: result.fieldMask, requestId });
    }
    const last = batches[batches.length - 1];
    if (last) Object.assign(last, { queryResourceConsumption: consumption });
    return jsonReply(200, batches);
  }
  const offset = body.pageToken === undefined ? 0 : pageOffset(body.query, body.pageToken);
  if (offset === undefined) {
    return adsError(context, {
      httpStatus: 400,
      status: 'INVALID_ARGUMENT',
      message: 'Request contains an invalid argument.',
      errorCode: { requestError: 'INVALID_PAGE_TOKEN' },
      detailMessage: 'Page token is invalid.',
    });
  }
  const results = result.rows.slice(offset, offset + GOOGLE_PAGE_ROWS);
  const next =
    offset + GOOGLE_PAGE_ROWS < result.rows.length
      ? pageToken(body.query, offset + GOOGLE_PAGE_ROWS)
      : undefined;
  return jsonReply(200, {
    ...(results.length > 0 && { results }),
    ...(next && { nextPageToken: next }),
    ...(body.returnTotalResultsCount && { totalResultsCount: String(result.rows.length) }),
    fieldMask: result.fieldMask,
    requestId,
    queryResourceConsumption: consumption,
  });
}

export const googleAdsRoutes: ApiRoute[] = [
  {
    method: 'GET',
    host: HOST,
    path: /^\/(v\d+)\/customers:listAccessibleCustomers$/,
    kind: 'api',
    handle: listAccessibleCustomers,
  },
  {
    method: 'POST',
    host: HOST,
    path: /^\/(v\d+)\/customers\/(\d+)\/googleAds:(?:searchStream|search)$/,
    kind: 'api',
    accountOf: (context) => context.params[1],
    handle: search,
  },
];
