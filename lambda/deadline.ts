import { AsyncLocalStorage } from 'node:async_hooks';
import { TimeoutError, withTimeout } from './withTimeout';

/**
 * One budget per request. Alexa waits about 8 seconds for an answer; every storage and
 * Alexa API call of one request draws on the same budget, so a chain of slow calls can
 * never add up past it. A call that would outlast what is left is no longer waited for.
 */
export class Deadline {
  private readonly endsAt: number;

  constructor(
    budgetMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.endsAt = now() + budgetMs;
  }

  remainingMs(): number {
    return Math.max(0, this.endsAt - this.now());
  }

  expired(): boolean {
    return this.remainingMs() <= 0;
  }

  /**
   * Waits for work at most until the budget runs out, or capMs if that is sooner.
   * The work is not cancelled, only no longer waited for.
   */
  race<T>(work: Promise<T>, what: string, capMs = Number.POSITIVE_INFINITY): Promise<T> {
    const ms = Math.min(capMs, this.remainingMs());
    if (ms <= 0) {
      // Nobody waits for it, so a later rejection must not surface as unhandled.
      work.catch(() => undefined);
      return Promise.reject(new TimeoutError(what, 0));
    }
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new TimeoutError(what, Math.round(ms))), ms);
    });
    return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
  }
}

const current = new AsyncLocalStorage<Deadline>();

/** Runs one request's work with its deadline visible to every call it makes. */
export function runWithDeadline<T>(deadline: Deadline, work: () => Promise<T>): Promise<T> {
  return current.run(deadline, work);
}

/** The deadline of the request being served, if any. */
export function currentDeadline(): Deadline | undefined {
  return current.getStore();
}

/**
 * How long a call may still take: at most capMs, and never past the current request's
 * deadline less `reserveMs` kept for what must still happen after it (saving the person's
 * state). Outside a request, capMs.
 */
export function callBudgetMs(capMs: number, reserveMs = 0): number {
  const deadline = currentDeadline();
  return deadline ? Math.max(0, Math.min(capMs, deadline.remainingMs() - reserveMs)) : capMs;
}

/**
 * Waits for work no longer than callBudgetMs allows; the work is not cancelled, only no longer
 * waited for. Given as a function, the work is not even started when no time is left.
 */
export function withinDeadline<T>(work: Promise<T> | (() => Promise<T>), what: string, capMs: number, reserveMs = 0): Promise<T> {
  const ms = callBudgetMs(capMs, reserveMs);
  if (ms <= 0) {
    if (typeof work !== 'function') work.catch(() => undefined);
    return Promise.reject(new TimeoutError(what, 0));
  }
  let started: Promise<T>;
  try {
    started = typeof work === 'function' ? work() : work;
  } catch (error) {
    return Promise.reject(error);
  }
  return withTimeout(started, ms, what);
}
