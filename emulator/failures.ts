/**
 * Error bodies and injected failures. Every API answers errors as { code, message }
 * (ask-sdk-model services.timerManagement.Error / reminderManagement.Error / ups.Error).
 */

export type Api = 'timers' | 'reminders' | 'settings';
export type Failure = 400 | 401 | 403 | 404 | 409 | 429 | 500 | 503 | 504 | 'timeout' | 'reset';

export interface ErrorBody {
  code: string;
  message: string;
}

/**
 * Settings codes come from the documented ups.ErrorCode enum. The timers/reminders reference
 * pages' error tables could not be retrieved, so their codes are named after the HTTP status:
 * skill code should branch on the status, which is what the SDK surfaces as error.statusCode.
 */
const SETTINGS_CODES: Partial<Record<number, string>> = { 401: 'INVALID_TOKEN', 403: 'INVALID_TOKEN', 404: 'INVALID_URI', 504: 'DEVICE_UNREACHABLE' };
const STATUS_CODES: Record<number, string> = {
  400: 'BAD_REQUEST', 401: 'UNAUTHORIZED', 403: 'FORBIDDEN', 404: 'NOT_FOUND', 409: 'CONFLICT',
  429: 'TOO_MANY_REQUESTS', 500: 'INTERNAL_SERVER_ERROR', 503: 'SERVICE_UNAVAILABLE', 504: 'GATEWAY_TIMEOUT',
};
/** Wording taken from the SDK's per-operation error definitions where they exist. */
const MESSAGES: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict',
  429: 'Rate exceeded', 500: 'Internal Server Error', 503: 'Service Unavailable', 504: 'Device offline',
};

export function errorBody(api: Api | undefined, status: number, message?: string): ErrorBody {
  const code = (api === 'settings' ? SETTINGS_CODES[status] ?? 'UNKNOWN_ERROR' : STATUS_CODES[status]) ?? 'UNKNOWN_ERROR';
  return { code, message: message ?? MESSAGES[status] ?? 'Error' };
}

interface Pending {
  api: Api | 'any';
  failure: Failure;
  remaining: number;
}

/** First-in-first-out list of "fail the next N matching requests" instructions. */
export class FailureQueue {
  private pending: Pending[] = [];

  add(api: Api | 'any', failure: Failure, times: number): void {
    if (!Number.isInteger(times) || times < 1) throw new RangeError('times must be a positive integer');
    this.pending.push({ api, failure, remaining: times });
  }

  /** Consumes one use of the first instruction that matches this request's API, if any. */
  take(api: Api | undefined): Failure | undefined {
    const entry = this.pending.find((p) => p.api === 'any' || p.api === api);
    if (!entry) return undefined;
    entry.remaining -= 1;
    if (entry.remaining === 0) this.pending.splice(this.pending.indexOf(entry), 1);
    return entry.failure;
  }

  clear(): void {
    this.pending = [];
  }
}
