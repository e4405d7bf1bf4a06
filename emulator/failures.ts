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
  /** Only requests with this HTTP method (e.g. POST: fail creating, not listing). */
  method?: string;
  /** Matching requests to let through before failing (fail the second create, say). */
  skip: number;
}

export interface FailureOptions {
  readonly method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly after?: number;
}

/** First-in-first-out list of "fail the next N matching requests" instructions. */
export class FailureQueue {
  private pending: Pending[] = [];

  add(api: Api | 'any', failure: Failure, times: number, options: FailureOptions = {}): void {
    if (!Number.isInteger(times) || times < 1) throw new RangeError('times must be a positive integer');
    this.pending.push({ api, failure, remaining: times, method: options.method, skip: options.after ?? 0 });
  }

  /** Consumes one use of the first instruction that matches this request's API and method, if any. */
  take(api: Api | undefined, method?: string): Failure | undefined {
    const entry = this.pending.find((p) => (p.api === 'any' || p.api === api) && (p.method === undefined || p.method === method));
    if (!entry) return undefined;
    if (entry.skip > 0) {
      entry.skip -= 1;
      return undefined;
    }
    entry.remaining -= 1;
    if (entry.remaining === 0) this.pending.splice(this.pending.indexOf(entry), 1);
    return entry.failure;
  }

  clear(): void {
    this.pending = [];
  }
}
