import { getDeviceId, type HandlerInput, type RequestHandler } from 'ask-sdk-core';
import { type services } from 'ask-sdk-model';
import { classifyApiFailure, statusOf } from '../alexaApi/apiFailure';
import { replyToFailure } from '../alexaApi/failureReplies';
import { type PermissionPurpose } from '../alexaApi/permissions';
import { absoluteReminder, nextLocalTime, relativeReminder, reminderTimes } from '../compressReminders';
import { currentDeadline } from '../deadline';
import { describeError } from '../logger';
import { protocol } from '../protocol';
import { respond } from '../respond';
import { requestContext, type RequestContext } from '../requestContext';
import { elicitSlot, isIntent, slotValue } from '../requestReading';
import { bedtimeOf, clockTimeOf, durationMinutes, type ClockTime } from '../slotValues';
import { type Say } from '../speech';
import { spokenClockTime, spokenDuration, spokenList } from '../spokenTime';
import { withTimeout } from '../withTimeout';

/** Stop setting more reminders when less than this is left of the request's time. */
const RESERVE_MS = 1000;
const HOUR_MS = 60 * 60 * 1000;
/** Alexa's reminders are set for within about a day here; more is a different request. */
const MAX_ONCE_MINUTES = 24 * 60;

function remindersClient(handlerInput: HandlerInput): services.reminderManagement.ReminderManagementServiceClient {
  const factory = handlerInput.serviceClientFactory;
  if (!factory) throw new Error('no Alexa API client configured');
  return factory.getReminderManagementServiceClient();
}

function closing(context: RequestContext, parts: string[]): Say {
  return { parts, end: true, kind: 'action', cardTitle: context.t('skillName') };
}

function openApology(context: RequestContext, parts: string[]): Say {
  return { parts, reprompt: [context.t('compressTimer.anythingElse')], kind: 'apology', cardTitle: context.t('skillName') };
}

/**
 * The skill's reminders that are still to ring, as the Reminders API has them: the truth.
 * When the API cannot be asked, the tokens the skill stored are the only hint.
 */
export async function liveReminders(handlerInput: HandlerInput): Promise<{ tokens: string[]; listed: boolean }> {
  const context = requestContext(handlerInput);
  try {
    const alerts = (await remindersClient(handlerInput).getReminders()).alerts ?? [];
    const tokens = alerts.filter((alert) => alert.status !== 'COMPLETED').map((alert) => alert.alertToken ?? '').filter((token) => token !== '');
    return { tokens, listed: true };
  } catch (error) {
    context.services.logger.log('warn', 'reminders list failed', { status: statusOf(error), ...describeError(error) });
    return { tokens: [...(context.person.reminderTokens ?? [])], listed: false };
  }
}

/** Deletes reminders (each retried once); returns the tokens of any still set. */
export async function deleteReminders(handlerInput: HandlerInput, tokens: readonly string[]): Promise<string[]> {
  const client = remindersClient(handlerInput);
  const attempt = async (token: string): Promise<boolean> => {
    try {
      await client.deleteReminder(token);
      return true;
    } catch (error) {
      // 404: already gone (it rang, or the person deleted it), which is what we wanted.
      return statusOf(error) === 404;
    }
  };
  const left: string[] = [];
  for (const token of tokens) {
    if ((await attempt(token)) || (await attempt(token))) requestContext(handlerInput).deletedTokens.push(token);
    else left.push(token);
  }
  return left;
}

function remember(context: RequestContext, tokens: readonly string[]): void {
  if (tokens.length > 0) context.person.reminderTokens = [...tokens];
  else delete context.person.reminderTokens;
}

/**
 * Cold-compress reminders every two hours from now until bedtime, in the device's time zone.
 * The confirmation says the times, as Alexa's reminder policy requires. Earlier compress
 * reminders (as the Reminders API lists them) are replaced, not doubled.
 */
/** The device's time zone from the settings API, or the apology when it cannot be had. */
async function deviceTimeZone(handlerInput: HandlerInput): Promise<string | Say> {
  const context = requestContext(handlerInput);
  try {
    const deviceId = getDeviceId(handlerInput.requestEnvelope);
    const factory = handlerInput.serviceClientFactory;
    if (!factory || !deviceId) throw new Error('no device or API client for the time zone');
    const timeZone = await withTimeout(factory.getUpsServiceClient().getSystemTimeZone(deviceId), context.services.apiTimeoutMs, 'time zone');
    new Intl.DateTimeFormat('en-US', { timeZone }).format(0);
    return timeZone;
  } catch (error) {
    context.services.logger.log('warn', 'time zone lookup failed', describeError(error));
    return openApology(context, [context.t('apiFailure.timeZone')]);
  }
}

export async function scheduleCompressReminders(handlerInput: HandlerInput, bedtime: string, justGranted = false): Promise<Say> {
  const context = requestContext(handlerInput);
  const purpose: PermissionPurpose = { action: 'reminders', bedtime };
  const now = context.services.clock.now();
  const zone = await deviceTimeZone(handlerInput);
  if (typeof zone !== 'string') return zone;
  const timeZone = zone;

  const { everyMinutes, maxPerDay, longestDayHours } = protocol.reminders.coldCompress;
  const bedtimeAt = nextLocalTime(now, timeZone, bedtime);
  // "Until eight" said at eleven at night: that bedtime has passed; never remind through the night.
  if (bedtimeAt - now > longestDayHours * HOUR_MS) return closing(context, [context.t('reminders.pastBedtime')]);
  const times = reminderTimes(now, bedtimeAt, everyMinutes, maxPerDay);
  if (times.length === 0) return closing(context, [context.t('reminders.noneBeforeBedtime')]);

  const earlier = await liveReminders(handlerInput);
  const client = remindersClient(handlerInput);
  const text = context.t('reminders.text');
  const created: { at: number; token: string }[] = [];
  for (const at of times) {
    const deadline = currentDeadline();
    if (created.length > 0 && deadline && deadline.remainingMs() < RESERVE_MS) break;
    try {
      const reminder = await client.createReminder(absoluteReminder(at, now, timeZone, context.locale, text));
      if (reminder.alertToken) created.push({ at, token: reminder.alertToken });
    } catch (error) {
      context.services.logger.log('warn', 'reminder create failed', { status: statusOf(error), ...describeError(error) });
      if (created.length === 0) return replyToFailure(context, purpose, classifyApiFailure(error), justGranted);
      break;
    }
  }
  const kept = earlier.tokens.length > 0 ? await deleteReminders(handlerInput, earlier.tokens) : [];
  remember(context, [...kept, ...created.map((reminder) => reminder.token)]);
  const spoken = spokenList(created.map((reminder) => spokenClockTime(reminder.at, timeZone, context.locale, context.t)), context.locale);
  if (created.length < times.length) return closing(context, [context.t('reminders.partial', { times: spoken })]);
  return closing(context, [context.t('reminders.set', { times: spoken })]);
}

/** One reminder for a cold compress at a time measured from now. */
export async function createColdReminder(handlerInput: HandlerInput, at: number, justGranted = false, key = 'reminders.coldReminderSet'): Promise<Say> {
  const context = requestContext(handlerInput);
  const now = context.services.clock.now();
  try {
    const reminder = await remindersClient(handlerInput).createReminder(relativeReminder(at, now, context.locale, context.t('reminders.text')));
    if (reminder.alertToken) remember(context, [...(context.person.reminderTokens ?? []), reminder.alertToken]);
  } catch (error) {
    return replyToFailure(context, { action: 'coldReminder', at }, classifyApiFailure(error), justGranted);
  }
  return closing(context, [context.t(key, { wait: spokenDuration(context.t, at - now) })]);
}

/** "Remind me every two hours until bedtime": asks for bedtime when it was not said. */
export const compressReminders: RequestHandler = {
  canHandle: (handlerInput) => isIntent(handlerInput, 'CompressRemindersIntent'),
  async handle(handlerInput) {
    const context = requestContext(handlerInput);
    const bedtime = bedtimeOf(slotValue(handlerInput, 'bedtime'), context.language);
    if (!bedtime) {
      return respond(handlerInput, {
        parts: [context.t('reminders.askBedtime')],
        reprompt: [context.t('reminders.askBedtimeReprompt')],
        kind: 'question',
        directives: [elicitSlot(handlerInput, 'bedtime')],
        cardTitle: context.t('skillName'),
      });
    }
    return respond(handlerInput, await scheduleCompressReminders(handlerInput, bedtime));
  },
};

/** The next time the clock in a zone reads this time; an hour said alone is whichever half of the day comes first. */
function nextClockTime(now: number, timeZone: string, time: ClockTime): number {
  const at = (hour: number): number =>
    nextLocalTime(now, timeZone, `${String(hour).padStart(2, '0')}:${String(time.minute).padStart(2, '0')}`);
  if (time.half !== undefined || time.hour === 0 || time.hour > 12) return at(time.hour);
  return Math.min(at(time.hour % 12), at((time.hour % 12) + 12));
}

/** "Remind me to ice again in two hours" or "at three": one reminder then; "remind me later" asks when. */
export const remindOnce: RequestHandler = {
  canHandle: (handlerInput) => isIntent(handlerInput, 'RemindOnceIntent'),
  async handle(handlerInput) {
    const context = requestContext(handlerInput);
    const clock = clockTimeOf(slotValue(handlerInput, 'at'), context.language);
    if (clock) {
      const zone = await deviceTimeZone(handlerInput);
      if (typeof zone !== 'string') return respond(handlerInput, zone);
      const at = nextClockTime(context.services.clock.now(), zone, clock);
      return respond(handlerInput, await createColdReminder(handlerInput, at, false, 'reminders.onceSet'));
    }
    const minutes = durationMinutes(slotValue(handlerInput, 'wait'), context.language);
    if (minutes === undefined) {
      return respond(handlerInput, {
        parts: [context.t('reminders.askWhen')],
        reprompt: [context.t('reminders.askWhenReprompt')],
        kind: 'question',
        directives: [elicitSlot(handlerInput, 'wait')],
        cardTitle: context.t('skillName'),
      });
    }
    if (minutes > MAX_ONCE_MINUTES) return respond(handlerInput, openApology(context, [context.t('reminders.tooFar')]));
    const at = context.services.clock.now() + Math.max(1, minutes) * 60 * 1000;
    return respond(handlerInput, await createColdReminder(handlerInput, at, false, 'reminders.onceSet'));
  },
};

/**
 * "Stop my compress reminders": deletes the reminders the Reminders API lists for this skill,
 * whatever storage remembers, and says exactly how many were stopped.
 */
export async function stopReminders(handlerInput: HandlerInput): Promise<Say> {
  const context = requestContext(handlerInput);
  const { tokens, listed } = await liveReminders(handlerInput);
  if (tokens.length === 0) {
    remember(context, []);
    return listed ? closing(context, [context.t('reminders.noneToStop')]) : openApology(context, [context.t('reminders.stopFailed')]);
  }
  const left = await deleteReminders(handlerInput, tokens);
  remember(context, left);
  const done = tokens.length - left.length;
  if (done === 0) return openApology(context, [context.t('reminders.stopFailed')]);
  if (left.length > 0) return openApology(context, [context.t('reminders.stopPartial', { done, count: tokens.length })]);
  return closing(context, [context.t('reminders.stopped', { count: done })]);
}

export const stopCompressReminders: RequestHandler = {
  canHandle: (handlerInput) => isIntent(handlerInput, 'StopCompressRemindersIntent'),
  async handle(handlerInput) {
    return respond(handlerInput, await stopReminders(handlerInput));
  },
};
