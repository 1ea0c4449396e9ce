import { jsonReply, type Reply } from '../../http/types';
import { randomToken } from '../../oauth/grants';
import type { AuthFailure, FaultContext } from '../platform';

export const GOOGLE_ADS_VERSION_PATTERN = /^v(2[3-6])$/;

const FAILURE_TYPE = (version: string) =>
  `type.googleapis.com/google.ads.googleads.${version}.errors.GoogleAdsFailure`;

export interface GoogleAdsErrorSpec {
  httpStatus: number;
  /** The RPC status (`UNAUTHENTICATED`, `INVALID_ARGUMENT`, ...). */
  status: string;
  message: string;
  /** `{ queryError: 'UNRECOGNIZED_FIELD' }` and the like; without it, a front-end error with no details. */
  errorCode?: Record<string, string>;
  detailMessage?: string;
  details?: Record<string, unknown>;
  location?: Record<string, unknown>;
}

/** The REST error envelope with a GoogleAdsFailure detail, as the v23 API sends it. */
function googleAdsErrorBody(spec: GoogleAdsErrorSpec, version = 'v23'): { error: Record<string, unknown> } {
  const error: Record<string, unknown> = {
    code: spec.httpStatus,
    message: spec.message,
    status: spec.status,
  };
  if (spec.errorCode) {
    error.details = [
      {
        '@type': FAILURE_TYPE(version),
        errors: [
          {
            errorCode: spec.errorCode,
            message: spec.detailMessage ?? spec.message,
            ...(spec.details && { details: spec.details }),
            ...(spec.location && { location: spec.location }),
          },
        ],
        requestId: randomToken(16),
      },
    ];
  }
  return { error };
}

/** searchStream sends Ads errors as the one element of its batch array. */
export function googleAdsError(
  spec: GoogleAdsErrorSpec,
  options: { stream?: boolean; version?: string } = {},
): Reply {
  const body = googleAdsErrorBody(spec, options.version);
  return jsonReply(spec.httpStatus, options.stream ? [body] : body);
}

export function versionOf(path: string): string {
  return /^\/(v\d+)\//.exec(path)?.[1] ?? 'v23';
}

const isStream = (path: string) => path.endsWith(':searchStream');

const AUTH_MESSAGES: Record<AuthFailure, GoogleAdsErrorSpec> = {
  missing: {
    httpStatus: 401,
    status: 'UNAUTHENTICATED',
    message:
      'Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
  },
  invalid: {
    httpStatus: 401,
    status: 'UNAUTHENTICATED',
    message:
      'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
    errorCode: { authenticationError: 'OAUTH_TOKEN_INVALID' },
    detailMessage: 'Oauth token is invalid.',
  },
  expired: {
    httpStatus: 401,
    status: 'UNAUTHENTICATED',
    message:
      'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
    errorCode: { authenticationError: 'OAUTH_TOKEN_EXPIRED' },
    detailMessage: 'Oauth token is expired.',
  },
  revoked: {
    httpStatus: 401,
    status: 'UNAUTHENTICATED',
    message:
      'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
    errorCode: { authenticationError: 'OAUTH_TOKEN_REVOKED' },
    detailMessage: 'Oauth token is revoked.',
  },
};

export function googleAuthError(failure: AuthFailure, path: string): Reply {
  // Missing credentials are refused by Google's front end, before the Ads API sees the call.
  return googleAdsError(AUTH_MESSAGES[failure], {
    stream: failure !== 'missing' && isStream(path),
    version: versionOf(path),
  });
}

export function customerNotEnabled(path: string): Reply {
  return googleAdsError(
    {
      httpStatus: 403,
      status: 'PERMISSION_DENIED',
      message: 'The caller does not have permission',
      errorCode: { authorizationError: 'CUSTOMER_NOT_ENABLED' },
      detailMessage:
        "The customer account can't be accessed because it is not yet enabled or has been deactivated.",
    },
    { stream: isStream(path), version: versionOf(path) },
  );
}

/** The daily quota's retryDelay: until the next UTC midnight, at least an hour (a burst limit is shorter). */
function secondsUntilUtcMidnight(now: number): number {
  const next = new Date(now);
  next.setUTCHours(24, 0, 0, 0);
  return Math.max(3600, Math.ceil((next.getTime() - now) / 1000));
}

export function googleFaultReply(context: FaultContext): Reply {
  const { fault, request } = context;
  const path = request.path;
  const options = { stream: isStream(path), version: versionOf(path) };
  if (context.routeKind !== 'api') {
    if (fault.kind === 'malformed')
      return {
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: '{"access_token": "ya29.',
      };
    return jsonReply(fault.status ?? 500, { error: 'internal_failure', error_description: 'Backend Error' });
  }
  switch (fault.kind) {
    case 'rate-limit': {
      const seconds = fault.retryAfterSeconds ?? 1;
      return googleAdsError(
        {
          httpStatus: 429,
          status: 'RESOURCE_EXHAUSTED',
          message: 'Resource has been exhausted (e.g. check quota).',
          errorCode: { quotaError: 'RESOURCE_TEMPORARILY_EXHAUSTED' },
          detailMessage: `Too many requests. Retry in ${seconds} seconds.`,
          details: {
            quotaErrorDetails: {
              rateScope: 'ACCOUNT',
              rateName: 'Requests per account',
              retryDelay: `${seconds}s`,
            },
          },
        },
        options,
      );
    }
    case 'daily-quota': {
      const seconds = fault.retryAfterSeconds ?? secondsUntilUtcMidnight(context.now);
      return googleAdsError(
        {
          httpStatus: 429,
          status: 'RESOURCE_EXHAUSTED',
          message: 'Resource has been exhausted (e.g. check quota).',
          errorCode: { quotaError: 'RESOURCE_EXHAUSTED' },
          detailMessage: `Too many requests. Retry in ${seconds} seconds.`,
          details: {
            quotaErrorDetails: {
              rateScope: 'DEVELOPER',
              rateName: 'Number of operations for basic access',
              retryDelay: `${seconds}s`,
            },
          },
        },
        options,
      );
    }
    case 'server-error': {
      const status = fault.status ?? 500;
      return googleAdsError(
        status === 503
          ? { httpStatus: 503, status: 'UNAVAILABLE', message: 'The service is currently unavailable.' }
          : {
              httpStatus: status,
              status: status === 504 ? 'DEADLINE_EXCEEDED' : 'INTERNAL',
              message: 'Internal error encountered.',
              errorCode: { internalError: status === 504 ? 'DEADLINE_EXCEEDED' : 'INTERNAL_ERROR' },
              detailMessage: 'An internal error has occurred.',
            },
        options,
      );
    }
    case 'expired-token':
      return googleAuthError('expired', path);
    case 'revoked-token':
      return googleAuthError('revoked', path);
    case 'account-disabled':
      return customerNotEnabled(path);
    case 'malformed':
      return fault.shape === 'wrong-shape'
        ? jsonReply(200, { results: 'not-a-list', fieldMask: 42 })
        : {
            status: 200,
            headers: { 'content-type': 'application/json; charset=UTF-8' },
            body: '[{"results": [{"campaign": {"resourceName": "customers/',
          };
    default:
      return jsonReply(500, {
        error: { code: 500, message: `unhandled fault ${fault.kind}`, status: 'INTERNAL' },
      });
  }
}
