import { type services } from 'ask-sdk-model';
import { epochToLocal, isoInstant, localToEpoch } from './zonedTime';

const MINUTE_MS = 60 * 1000;

/** "22:00" -> the next time the clock in that zone reads 22:00, after now. */
export function nextLocalTime(now: number, timeZone: string, hhmm: string): number {
  const today = epochToLocal(now, timeZone).slice(0, 10);
  const candidate = localToEpoch(`${today}T${hhmm}:00`, timeZone);
  if (candidate > now) return candidate;
  const tomorrow = new Date(`${today}T00:00:00Z`);
  tomorrow.setUTCDate(tomorrow.getUTCDate() + 1);
  return localToEpoch(`${tomorrow.toISOString().slice(0, 10)}T${hhmm}:00`, timeZone);
}

/** Reminder times every `everyMinutes` from now, up to and including bedtime, at most `max`. */
export function reminderTimes(now: number, bedtime: number, everyMinutes: number, max: number): number[] {
  const times: number[] = [];
  for (let at = now + everyMinutes * MINUTE_MS; at <= bedtime && times.length < max; at += everyMinutes * MINUTE_MS) {
    times.push(at);
  }
  return times;
}

/** A Reminders API request for one time, in the person's own time zone. */
export function absoluteReminder(at: number, now: number, timeZone: string, locale: string, text: string): services.reminderManagement.ReminderRequest {
  return {
    requestTime: isoInstant(now),
    trigger: { type: 'SCHEDULED_ABSOLUTE', scheduledTime: epochToLocal(at, timeZone), timeZoneId: timeZone },
    alertInfo: { spokenInfo: { content: [{ locale, text }] } },
    pushNotification: { status: 'ENABLED' },
  };
}

/** A Reminders API request for a time measured from now; needs no time zone. */
export function relativeReminder(at: number, now: number, locale: string, text: string): services.reminderManagement.ReminderRequest {
  return {
    requestTime: isoInstant(now),
    trigger: { type: 'SCHEDULED_RELATIVE', offsetInSeconds: Math.max(1, Math.round((at - now) / 1000)) },
    alertInfo: { spokenInfo: { content: [{ locale, text }] } },
    pushNotification: { status: 'ENABLED' },
  };
}
