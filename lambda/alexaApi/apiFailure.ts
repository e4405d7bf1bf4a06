/**
 * What went wrong with an Alexa service API call, in the terms the person is told:
 * - noPermission: they have not granted (or have revoked) the permission (401, 403);
 * - rejected: Alexa refused the request itself (400, 404, 409);
 * - busy: too many requests just now (429);
 * - offline: the device could not be reached (504);
 * - unavailable: the service failed or did not answer in time (5xx, timeout, network).
 */
export type ApiFailure = 'noPermission' | 'rejected' | 'busy' | 'offline' | 'unavailable';

export function statusOf(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

export function classifyApiFailure(error: unknown): ApiFailure {
  const status = statusOf(error);
  if (status === 401 || status === 403) return 'noPermission';
  if (status === 429) return 'busy';
  if (status === 504) return 'offline';
  if (status !== undefined && status >= 400 && status < 500) return 'rejected';
  return 'unavailable';
}
