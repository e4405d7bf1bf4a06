/** Per-user timers with the Timers REST API semantics (ON <-> PAUSED, fired timers disappear). */

import { randomUUID } from 'crypto';
import type { services } from 'ask-sdk-model';
import { errorBody } from './failures';
import { formatIsoDuration, parseIsoDuration } from './validation';
import { isoInstant } from './time';

/** Timers "Best practices": at most 10 timers, counting the person's own timers too. */
export const MAX_ACTIVE_TIMERS = 10;

export interface ApiResult {
  status: number;
  body?: unknown;
}

export interface TimerRecord {
  id: string;
  userId: string;
  /** 'person' = a timer the person set by voice; it counts toward the limit but the skill can't see it. */
  origin: 'skill' | 'person';
  status: 'ON' | 'PAUSED';
  duration: string;
  label?: string;
  /** Epoch ms the timer goes off; only while ON. */
  triggerAt?: number;
  /** Only while PAUSED. */
  remainingMs?: number;
  createdAt: number;
  updatedAt: number;
  request?: services.timerManagement.TimerRequest;
}

const notFound = (): ApiResult => ({ status: 404, body: errorBody('timers', 404, 'Timer not found') });

export function timerResponse(t: TimerRecord): services.timerManagement.TimerResponse {
  return {
    id: t.id,
    status: t.status,
    duration: t.duration,
    ...(t.triggerAt !== undefined && { triggerTime: isoInstant(t.triggerAt) }),
    ...(t.label !== undefined && { timerLabel: t.label }),
    createdTime: isoInstant(t.createdAt),
    updatedTime: isoInstant(t.updatedAt),
    ...(t.remainingMs !== undefined && { remainingTimeWhenPaused: formatIsoDuration(t.remainingMs) }),
  };
}

export class TimerStore {
  private timers: TimerRecord[] = [];

  /** Body must already have passed validateTimerRequest. */
  create(userId: string, request: services.timerManagement.TimerRequest, now: number): ApiResult {
    const mine = this.timers.filter((t) => t.userId === userId);
    const label = request.timerLabel;
    // Labels are what people say to refer to a timer, so compare them the way speech would.
    if (label !== undefined && mine.some((t) => t.label?.trim().toLowerCase() === label.trim().toLowerCase())) {
      return { status: 400, body: errorBody('timers', 400, `A timer labelled "${label}" already exists`) };
    }
    if (mine.length >= MAX_ACTIVE_TIMERS) {
      // The docs give the limit but not its status; 403 is the only code the SDK lists for
      // create alone (read ops also answer 401 but never 403), so it is the likely carrier.
      return { status: 403, body: errorBody('timers', 403, `At most ${MAX_ACTIVE_TIMERS} timers can be active`) };
    }
    const ms = parseIsoDuration(request.duration) ?? 0;
    const timer: TimerRecord = {
      id: randomUUID(), userId, origin: 'skill', status: 'ON', duration: request.duration,
      ...(label !== undefined && { label }), triggerAt: now + ms, createdAt: now, updatedAt: now, request,
    };
    this.timers.push(timer);
    return { status: 200, body: timerResponse(timer) };
  }

  /** The list holds only the skill's own timers, shortest duration first (as the docs describe). */
  list(userId: string): ApiResult {
    const timers = this.visible(userId)
      .sort((a, b) => (parseIsoDuration(a.duration) ?? 0) - (parseIsoDuration(b.duration) ?? 0))
      .map(timerResponse);
    const body: services.timerManagement.TimersResponse = { totalCount: timers.length, timers };
    return { status: 200, body };
  }

  get(userId: string, id: string): ApiResult {
    const t = this.find(userId, id);
    return t ? { status: 200, body: timerResponse(t) } : notFound();
  }

  remove(userId: string, id: string): ApiResult {
    const t = this.find(userId, id);
    if (!t) return notFound();
    this.timers = this.timers.filter((x) => x !== t);
    return { status: 200 };
  }

  removeAll(userId: string): ApiResult {
    this.timers = this.timers.filter((t) => t.userId !== userId || t.origin !== 'skill');
    return { status: 200 };
  }

  pause(userId: string, id: string, now: number): ApiResult {
    const t = this.find(userId, id);
    if (!t) return notFound();
    if (t.status !== 'ON' || t.triggerAt === undefined) return { status: 400, body: errorBody('timers', 400, 'Only a running timer can be paused') };
    t.remainingMs = Math.max(0, t.triggerAt - now);
    delete t.triggerAt;
    Object.assign(t, { status: 'PAUSED', updatedAt: now });
    return { status: 200 };
  }

  resume(userId: string, id: string, now: number): ApiResult {
    const t = this.find(userId, id);
    if (!t) return notFound();
    if (t.status !== 'PAUSED' || t.remainingMs === undefined) return { status: 400, body: errorBody('timers', 400, 'Only a paused timer can be resumed') };
    t.triggerAt = now + t.remainingMs;
    delete t.remainingMs;
    Object.assign(t, { status: 'ON', updatedAt: now });
    return { status: 200 };
  }

  /** Removes and returns the skill timers that have gone off by `now`, earliest first. */
  takeDue(now: number): TimerRecord[] {
    const due = this.timers.filter((t) => t.origin === 'skill' && t.triggerAt !== undefined && t.triggerAt <= now);
    this.timers = this.timers.filter((t) => !due.includes(t));
    return due.sort((a, b) => (a.triggerAt ?? 0) - (b.triggerAt ?? 0));
  }

  addForeign(userId: string, n: number, now: number): void {
    for (let i = 0; i < n; i += 1) {
      this.timers.push({
        id: randomUUID(), userId, origin: 'person', status: 'ON', duration: 'PT1H', triggerAt: now + 3_600_000, createdAt: now, updatedAt: now,
      });
    }
  }

  active(userId: string): TimerRecord[] {
    return this.timers.filter((t) => t.userId === userId).map((t) => ({ ...t }));
  }

  clear(): void {
    this.timers = [];
  }

  private visible(userId: string): TimerRecord[] {
    return this.timers.filter((t) => t.userId === userId && t.origin === 'skill');
  }

  private find(userId: string, id: string): TimerRecord | undefined {
    return this.visible(userId).find((t) => t.id === id);
  }
}
