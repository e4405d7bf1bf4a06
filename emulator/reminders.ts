/** Per-user reminders with the Reminders REST API semantics (ON until they ring, then COMPLETED). */

import { randomUUID } from 'crypto';
import type { services } from 'ask-sdk-model';
import { errorBody } from './failures';
import type { ApiResult } from './timers';
import { isoInstant, localToEpoch } from './time';

type ReminderRequest = services.reminderManagement.ReminderRequest;

export interface ReminderRecord {
  alertToken: string;
  userId: string;
  status: 'ON' | 'COMPLETED';
  version: number;
  request: ReminderRequest;
  /** Zone used for absolute times: trigger.timeZoneId, else the emulator's default device zone. */
  timeZone: string;
  /** Epoch ms of the next ring; absent once COMPLETED. */
  nextAt?: number;
  createdAt: number;
  updatedAt: number;
}

const STEP_MS: Record<string, number> = { MINUTELY: 60_000, HOURLY: 3_600_000, DAILY: 86_400_000, WEEKLY: 604_800_000 };
const notFound = (): ApiResult => ({ status: 404, body: errorBody('reminders', 404, 'Reminder not found') });

/**
 * Repeat interval of a recurring reminder, from recurrenceRules[0] ("FREQ=HOURLY;INTERVAL=2")
 * or the deprecated freq. Only FREQ and INTERVAL are honoured; BY* parts are not expanded.
 */
function repeatMs(request: ReminderRequest): number | undefined {
  const recurrence = request.trigger?.recurrence;
  if (!recurrence) return undefined;
  const rule = recurrence.recurrenceRules?.[0];
  const part = (name: string): string | undefined => rule?.split(';').find((p) => p.startsWith(`${name}=`))?.slice(name.length + 1);
  const step = STEP_MS[part('FREQ') ?? recurrence.freq ?? ''];
  return step === undefined ? undefined : step * Math.max(1, Number(part('INTERVAL') ?? recurrence.interval ?? 1));
}

export class ReminderStore {
  private items: ReminderRecord[] = [];

  /** Body must already have passed validateReminderRequest. */
  create(userId: string, request: ReminderRequest, now: number, defaultZone: string, baseUrl: string): ApiResult {
    const record: ReminderRecord = {
      alertToken: randomUUID(), userId, status: 'ON', version: 1, request,
      timeZone: request.trigger?.timeZoneId ?? defaultZone, createdAt: now, updatedAt: now,
    };
    const problem = this.schedule(record, now);
    if (problem) return { status: 400, body: errorBody('reminders', 400, problem) };
    this.items.push(record);
    return { status: 201, body: this.changed(record, baseUrl) };
  }

  update(userId: string, alertToken: string, request: ReminderRequest, now: number, defaultZone: string, baseUrl: string): ApiResult {
    const current = this.find(userId, alertToken);
    if (!current) return notFound();
    const next: ReminderRecord = { ...current, request, status: 'ON', version: current.version + 1, updatedAt: now, timeZone: request.trigger?.timeZoneId ?? defaultZone };
    const problem = this.schedule(next, now);
    if (problem) return { status: 400, body: errorBody('reminders', 400, problem) };
    this.items[this.items.indexOf(current)] = next;
    return { status: 200, body: this.changed(next, baseUrl) };
  }

  get(userId: string, alertToken: string): ApiResult {
    const r = this.find(userId, alertToken);
    return r ? { status: 200, body: this.view(r) } : notFound();
  }

  list(userId: string): ApiResult {
    const alerts = this.items.filter((r) => r.userId === userId).map((r) => this.view(r));
    // ask-sdk-model GetRemindersResponse types totalCount as a string.
    const body: services.reminderManagement.GetRemindersResponse = { totalCount: String(alerts.length), alerts };
    return { status: 200, body };
  }

  remove(userId: string, alertToken: string): ApiResult {
    const r = this.find(userId, alertToken);
    if (!r) return notFound();
    this.items = this.items.filter((x) => x !== r);
    return { status: 200 };
  }

  /** Reminders that ring by `now`: one-off ones become COMPLETED, recurring ones move to their next time. */
  takeDue(now: number): Array<{ reminder: ReminderRecord; at: number }> {
    const due = this.items.filter((r) => r.status === 'ON' && r.nextAt !== undefined && r.nextAt <= now);
    const rang = due.map((r) => ({ r, at: r.nextAt ?? now }));
    for (const r of due) {
      const step = repeatMs(r.request);
      const end = r.request.trigger?.recurrence?.endDateTime;
      let next = step === undefined ? undefined : r.nextAt;
      while (next !== undefined && step !== undefined && next <= now) next += step;
      if (next !== undefined && end !== undefined && next > localToEpoch(end, r.timeZone)) next = undefined;
      r.updatedAt = now;
      if (next === undefined) {
        r.status = 'COMPLETED';
        delete r.nextAt;
      } else r.nextAt = next;
    }
    return rang.map(({ r, at }) => ({ reminder: { ...r }, at }));
  }

  all(userId: string): ReminderRecord[] {
    return this.items.filter((r) => r.userId === userId).map((r) => ({ ...r }));
  }

  clear(): void {
    this.items = [];
  }

  /** Sets record.nextAt; returns why the time is unusable, if it is. */
  private schedule(record: ReminderRecord, now: number): string | undefined {
    const trigger = record.request.trigger ?? {};
    if (trigger.type === 'SCHEDULED_RELATIVE') {
      // Counted from when the request arrives: requestTime carries no zone to anchor it.
      record.nextAt = now + Number(trigger.offsetInSeconds) * 1000;
      return undefined;
    }
    // With recurrenceRules the docs say scheduledTime is ignored in favour of startDateTime.
    const recurrence = trigger.recurrence;
    const start = (recurrence?.recurrenceRules && recurrence.startDateTime) ?? trigger.scheduledTime ?? recurrence?.startDateTime;
    let at = start === undefined ? now : localToEpoch(start, record.timeZone);
    const step = repeatMs(record.request);
    if (at <= now && step === undefined) return `scheduledTime ${start} (${record.timeZone}) is in the past`;
    while (step !== undefined && at <= now) at += step;
    record.nextAt = at;
    return undefined;
  }

  private find(userId: string, alertToken: string): ReminderRecord | undefined {
    return this.items.find((r) => r.userId === userId && r.alertToken === alertToken);
  }

  private changed(r: ReminderRecord, baseUrl: string): services.reminderManagement.ReminderResponse {
    return {
      alertToken: r.alertToken, createdTime: isoInstant(r.createdAt), updatedTime: isoInstant(r.updatedAt),
      status: r.status, version: String(r.version), href: `${baseUrl}/v1/alerts/reminders/${r.alertToken}`,
    };
  }

  private view(r: ReminderRecord): services.reminderManagement.GetReminderResponse {
    const { trigger, alertInfo, pushNotification } = r.request;
    return {
      alertToken: r.alertToken, createdTime: isoInstant(r.createdAt), updatedTime: isoInstant(r.updatedAt), status: r.status,
      ...(trigger && { trigger }), ...(alertInfo && { alertInfo }), ...(pushNotification && { pushNotification }), version: String(r.version),
    };
  }
}
