/**
 * Shape checks for the request bodies the skill sends. They return a list of human-readable
 * problems (empty = the body matches the documented shape) instead of throwing, so the emulator
 * can both answer 400 and record exactly what was wrong for tests to assert on.
 */

/** Timers "Best practices": a timer can't start more than two hours after it is created. */
export const MAX_TIMER_MS = 2 * 60 * 60 * 1000;
/** ask-sdk-model TimerRequest.timerLabel: "maximum of 256 characters". */
export const MAX_TIMER_LABEL = 256;

const TIMER_FIELDS = ['duration', 'timerLabel', 'creationBehavior', 'triggeringBehavior'];
const REMINDER_FIELDS = ['requestTime', 'trigger', 'alertInfo', 'pushNotification'];
/** Reminder times are local wall-clock times: the doc examples carry no zone ("2019-09-22T19:00:00.000"). */
export { LOCAL_DATE_TIME } from './time';
import { LOCAL_DATE_TIME } from './time';
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})?$/;
const DURATION = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;

/** ISO-8601 duration ("PT15M", "PT1H3M31S") to milliseconds; undefined when it isn't one. */
export function parseIsoDuration(value: string): number | undefined {
  const m = DURATION.exec(value);
  if (!m || value === 'P' || value.endsWith('T')) return undefined;
  const [d, h, min, s] = m.slice(1).map((part) => Number(part ?? 0)) as [number, number, number, number];
  return Math.round((((d * 24 + h) * 60 + min) * 60 + s) * 1000);
}

/** Milliseconds to the ISO-8601 form the API answers with, e.g. "PT3M3S" (whole seconds). */
export function formatIsoDuration(ms: number): string {
  let s = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  s %= 60;
  const out = `${h ? `${h}H` : ''}${m ? `${m}M` : ''}${s ? `${s}S` : ''}`;
  return `PT${out || '0S'}`;
}

export function isValidTimeZone(tz: unknown): tz is string {
  if (typeof tz !== 'string' || tz.length === 0) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

function unknownFields(body: Json, allowed: string[]): string[] {
  // The real service rejects misspelt fields (a cookbook sample sent "label" and got an error),
  // so an unexpected key is a shape error, not something to ignore.
  return Object.keys(body).filter((k) => !allowed.includes(k)).map((k) => `unknown field "${k}"`);
}

function localizedTexts(value: unknown, path: string, needsPlaceholder = false): string[] {
  if (!Array.isArray(value) || value.length === 0) return [`${path} must be a non-empty array`];
  return value.flatMap((entry: unknown, i) => {
    if (!isObject(entry)) return [`${path}[${i}] must be an object`];
    const errors: string[] = [];
    if (!isText(entry.locale)) errors.push(`${path}[${i}].locale is required`);
    if (!isText(entry.text)) errors.push(`${path}[${i}].text is required`);
    // ask-sdk-model TextToConfirm: the "%s" placeholder ("continue with Skill Name") is mandatory.
    else if (needsPlaceholder && !entry.text.includes('%s')) errors.push(`${path}[${i}].text must contain %s`);
    return errors;
  });
}

/** Checks a Timers API create-timer body (POST /v1/alerts/timers). */
export function validateTimerRequest(body: unknown): string[] {
  if (!isObject(body)) return ['body must be a JSON object'];
  const errors = unknownFields(body, TIMER_FIELDS);

  if (typeof body.duration !== 'string') errors.push('duration is required (ISO-8601, e.g. PT15M)');
  else {
    const ms = parseIsoDuration(body.duration);
    if (ms === undefined) errors.push(`duration "${body.duration}" is not an ISO-8601 duration`);
    else if (ms <= 0) errors.push('duration must be greater than zero');
    else if (ms > MAX_TIMER_MS) errors.push('duration must be at most PT2H');
  }
  if (body.timerLabel !== undefined) {
    if (typeof body.timerLabel !== 'string') errors.push('timerLabel must be a string');
    else if (body.timerLabel.length > MAX_TIMER_LABEL) errors.push(`timerLabel must be at most ${MAX_TIMER_LABEL} characters`);
  }

  const display = isObject(body.creationBehavior) ? body.creationBehavior.displayExperience : undefined;
  const visibility = isObject(display) ? display.visibility : undefined;
  if (visibility !== 'VISIBLE' && visibility !== 'HIDDEN') {
    errors.push('creationBehavior.displayExperience.visibility must be VISIBLE or HIDDEN');
  }

  const triggering = body.triggeringBehavior;
  if (!isObject(triggering)) return [...errors, 'triggeringBehavior is required'];
  const operation = triggering.operation;
  if (!isObject(operation)) errors.push('triggeringBehavior.operation is required');
  else if (operation.type === 'ANNOUNCE') {
    errors.push(...localizedTexts(operation.textToAnnounce, 'triggeringBehavior.operation.textToAnnounce'));
  } else if (operation.type === 'LAUNCH_TASK') {
    errors.push(...localizedTexts(operation.textToConfirm, 'triggeringBehavior.operation.textToConfirm', true));
    if (!isObject(operation.task) || !isText(operation.task.name) || !isText(operation.task.version)) {
      errors.push('triggeringBehavior.operation.task needs name and version');
    }
  } else if (operation.type !== 'NOTIFY_ONLY') {
    errors.push('triggeringBehavior.operation.type must be NOTIFY_ONLY, ANNOUNCE or LAUNCH_TASK');
  }
  const config = triggering.notificationConfig;
  if (!isObject(config) || typeof config.playAudible !== 'boolean') {
    errors.push('triggeringBehavior.notificationConfig.playAudible must be a boolean');
  }
  return errors;
}

function validateRecurrence(recurrence: unknown): string[] {
  if (recurrence === undefined) return [];
  if (!isObject(recurrence)) return ['trigger.recurrence must be an object'];
  const errors: string[] = [];
  if (recurrence.freq !== undefined && recurrence.freq !== 'DAILY' && recurrence.freq !== 'WEEKLY') {
    errors.push('trigger.recurrence.freq must be DAILY or WEEKLY');
  }
  const days = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];
  if (recurrence.byDay !== undefined && (!Array.isArray(recurrence.byDay) || !recurrence.byDay.every((d) => days.includes(d as string)))) {
    errors.push('trigger.recurrence.byDay must list SU..SA');
  }
  const rules = recurrence.recurrenceRules;
  if (rules !== undefined && (!Array.isArray(rules) || !rules.every((r) => typeof r === 'string' && r.startsWith('FREQ=')))) {
    errors.push('trigger.recurrence.recurrenceRules must be RFC 5545 rule strings starting with FREQ=');
  }
  for (const key of ['startDateTime', 'endDateTime'] as const) {
    const v = recurrence[key];
    if (v !== undefined && (typeof v !== 'string' || !LOCAL_DATE_TIME.test(v))) errors.push(`trigger.recurrence.${key} must be YYYY-MM-DDTHH:mm:ss`);
  }
  if (recurrence.freq === undefined && rules === undefined) errors.push('trigger.recurrence needs freq or recurrenceRules');
  return errors;
}

/** Checks a Reminders API create/update body (POST /v1/alerts/reminders, PUT /v1/alerts/reminders/{alertToken}). */
export function validateReminderRequest(body: unknown): string[] {
  if (!isObject(body)) return ['body must be a JSON object'];
  const errors = unknownFields(body, REMINDER_FIELDS);

  if (typeof body.requestTime !== 'string' || !ISO_DATE_TIME.test(body.requestTime)) {
    errors.push('requestTime is required (ISO-8601 date-time)');
  }

  const trigger = body.trigger;
  if (!isObject(trigger)) errors.push('trigger is required');
  else {
    if (trigger.type === 'SCHEDULED_ABSOLUTE') {
      // With recurrenceRules the docs say scheduledTime is ignored (startDateTime takes over).
      const ruled = isObject(trigger.recurrence) && trigger.recurrence.recurrenceRules !== undefined;
      const time = trigger.scheduledTime;
      if (!(ruled && time === undefined) && (typeof time !== 'string' || !LOCAL_DATE_TIME.test(time))) {
        errors.push('trigger.scheduledTime must be a local time YYYY-MM-DDTHH:mm:ss');
      }
    } else if (trigger.type === 'SCHEDULED_RELATIVE') {
      // The SDK types offsetInSeconds as a number; the doc example sends "7200", so accept both.
      const offset = Number(trigger.offsetInSeconds);
      if (!Number.isInteger(offset) || offset <= 0) errors.push('trigger.offsetInSeconds must be a positive whole number');
    } else errors.push('trigger.type must be SCHEDULED_ABSOLUTE or SCHEDULED_RELATIVE');
    if (trigger.timeZoneId !== undefined && !isValidTimeZone(trigger.timeZoneId)) {
      errors.push('trigger.timeZoneId must be an IANA time zone');
    }
    errors.push(...validateRecurrence(trigger.recurrence));
  }

  const spoken = isObject(body.alertInfo) ? body.alertInfo.spokenInfo : undefined;
  const content = isObject(spoken) ? spoken.content : undefined;
  if (!Array.isArray(content) || content.length === 0) errors.push('alertInfo.spokenInfo.content must be a non-empty array');
  else {
    content.forEach((entry: unknown, i) => {
      const path = `alertInfo.spokenInfo.content[${i}]`;
      if (!isObject(entry)) return void errors.push(`${path} must be an object`);
      if (!isText(entry.locale)) errors.push(`${path}.locale is required`);
      if (!isText(entry.text) && !isText(entry.ssml)) errors.push(`${path} needs text or ssml`);
    });
  }

  const push = body.pushNotification;
  if (push !== undefined && (!isObject(push) || (push.status !== 'ENABLED' && push.status !== 'DISABLED'))) {
    errors.push('pushNotification.status must be ENABLED or DISABLED');
  }
  return errors;
}
