/**
 * The status catalogue (CONTRACT.md §3): every response the platform gives carries exactly one of
 * these slugs, with this HTTP code. The list and the table are separate on purpose: adding a slug
 * to STATUS_SLUGS without a row in STATUS_CATALOGUE (or a row for a slug that is not listed) fails
 * to compile, so a status can never be thrown that the filter does not know how to render.
 */
export const STATUS_SLUGS = [
  'action-successful',
  'invalid-token',
  'session-expired',
  'client-required',
  'missing-param',
  'invalid-param',
  'application-crash',
  'mandrill-email-failed',
  'invalid-content-type',
  'route-non-existent',
  'no-params-decoded',
  'invalid-encoded-params',
  'route-not-found',
  'identify-request-error',
  'service-not-found',
  'email-not-found',
  'invalid-password',
  'user-has-no-password',
  'user-requires-role',
  'email-already-registered',
  'client-validation-failed',
  'permission-denied',
  'rate-limit-exceeded',
  'payload-too-large',
  'account-inactive',
  'client-created-for-existing-email',
  'email-already-client',
] as const;

export type StatusSlug = (typeof STATUS_SLUGS)[number];

export interface StatusDefinition {
  readonly httpStatus: number;
  readonly message: string;
  /** Whether rendering this status records a row in the notifications tab (CONTRACT.md §7). */
  readonly notifies: boolean;
}

export const STATUS_CATALOGUE: Readonly<Record<StatusSlug, StatusDefinition>> = {
  'action-successful': {
    httpStatus: 200,
    message: 'The request was successful.',
    notifies: false,
  },
  'invalid-token': {
    httpStatus: 401,
    message: 'The authentication token is missing or invalid.',
    notifies: false,
  },
  'session-expired': {
    httpStatus: 401,
    message: 'The session has expired; please sign in again.',
    notifies: false,
  },
  'client-required': {
    httpStatus: 401,
    message: 'The user has no client, employee or liaison record; register as a client first.',
    notifies: false,
  },
  'missing-param': {
    httpStatus: 400,
    message: 'A required param was not passed.',
    notifies: false,
  },
  'invalid-param': {
    httpStatus: 400,
    message: 'A param is invalid.',
    notifies: false,
  },
  'application-crash': {
    httpStatus: 500,
    message: 'Internal server error. Please try again later.',
    notifies: true,
  },
  'mandrill-email-failed': {
    httpStatus: 500,
    message: 'Sending email through Mandrill failed. The team has been notified.',
    notifies: true,
  },
  'invalid-content-type': {
    httpStatus: 400,
    message: 'The request content type cannot be read; send application/json or text/plain.',
    notifies: false,
  },
  'route-non-existent': {
    httpStatus: 500,
    message: 'The HTTP route does not exist.',
    notifies: false,
  },
  'no-params-decoded': {
    httpStatus: 400,
    message: 'The request body was decoded, but no params were found.',
    notifies: false,
  },
  'invalid-encoded-params': {
    httpStatus: 400,
    message: 'The request body could not be decoded.',
    notifies: false,
  },
  'route-not-found': {
    httpStatus: 404,
    message: 'The route record has not been deployed.',
    notifies: false,
  },
  'identify-request-error': {
    httpStatus: 500,
    message: 'Internal server error before the route could be identified. Please try again later.',
    notifies: true,
  },
  'service-not-found': {
    httpStatus: 404,
    message: "The route's API service has not been deployed.",
    notifies: false,
  },
  'email-not-found': {
    httpStatus: 400,
    message: 'No user has this email.',
    notifies: false,
  },
  'invalid-password': {
    httpStatus: 400,
    message: 'The password is incorrect.',
    notifies: false,
  },
  'user-has-no-password': {
    httpStatus: 400,
    message: 'This user has no password; sign in another way.',
    notifies: false,
  },
  'user-requires-role': {
    httpStatus: 400,
    message: 'This user has no role for this application.',
    notifies: false,
  },
  'email-already-registered': {
    httpStatus: 400,
    message: 'A user with this email is already registered.',
    notifies: false,
  },
  'client-validation-failed': {
    httpStatus: 400,
    message: 'The registration fields are invalid.',
    notifies: false,
  },
  'permission-denied': {
    httpStatus: 403,
    message: 'Your role may not use this route.',
    notifies: false,
  },
  'rate-limit-exceeded': {
    httpStatus: 429,
    message: 'Too many attempts; try again later.',
    notifies: false,
  },
  'payload-too-large': {
    httpStatus: 413,
    message: 'The request body is over the size limit.',
    notifies: false,
  },
  'account-inactive': {
    httpStatus: 403,
    message: 'This account has been deactivated; contact PlanOmatic to reactivate it.',
    notifies: false,
  },
  'client-created-for-existing-email': {
    httpStatus: 200,
    message: 'The email already had a user, with no client: the client was created for that user.',
    notifies: false,
  },
  'email-already-client': {
    httpStatus: 400,
    message: 'This email already belongs to a client.',
    notifies: false,
  },
};

/** The statuses a handler may answer on success (200, with `data`); every other one is a failure. */
export type SuccessSlug = 'action-successful' | 'client-created-for-existing-email';

export function isStatusSlug(value: unknown): value is StatusSlug {
  return typeof value === 'string' && Object.hasOwn(STATUS_CATALOGUE, value);
}
