import { getDeviceId, type HandlerInput, type RequestHandler } from 'ask-sdk-core';
import { type services } from 'ask-sdk-model';
import { classifyApiFailure, statusOf } from '../alexaApi/apiFailure';
import { replyToFailure } from '../alexaApi/failureReplies';
import { type PermissionPurpose } from '../alexaApi/permissions';
import { absoluteReminder, clockTime, nextLocalTime, relativeReminder, reminderTimes } from '../compressReminders';
import { describeError } from '../logger';
import { protocol } from '../protocol';
import { respond } from '../respond';
import { requestContext, type RequestContext } from '../requestContext';
import { elicitSlot, isIntent, slotValue } from '../requestReading';
import { type Say } from '../speech';
import { spokenClockTime, spokenDuration, spokenList } from '../spokenTime';
import { withTimeout } from '../withTimeout';

function remindersClient(handlerInput: HandlerInput): services.reminderManagement.ReminderManagementServiceClient {
  const factory = handlerInput.serviceClientFactory;
  if (!factory) throw new Error('no Alexa API client configured');
  return factory.getReminderManagementServiceClient();
}

function closing(context: RequestContext, parts: string[]): Say {
  return { parts, end: true, cardTitle: context.t('skillName') };
}

/** Deletes the reminders this skill set; returns the tokens of any it could not delete. */
export async function deleteReminders(handlerInput: HandlerInput, tokens: readonly string[]): Promise<string[]> {
  const client = remindersClient(handlerInput);
  const results = await Promise.allSettled(tokens.map((token) => client.deleteReminder(token)));
  // 404: already gone (it rang, or the person deleted it), which is what we wanted.
  return tokens.filter((_, index) => {
    const result = results[index];
    return result?.status === 'rejected' && statusOf(result.reason) !== 404;
  });
}

/**
 * Cold-compress reminders every two hours from now until bedtime, in the device's
 * time zone. The confirmation says the times, as Alexa's reminder policy requires.
 * Earlier compress reminders from the skill are replaced, not doubled.
 */
export async function scheduleCompressReminders(handlerInput: HandlerInput, bedtime: string, justGranted = false): Promise<Say> {
  const context = requestContext(handlerInput);
  const purpose: PermissionPurpose = { action: 'reminders', bedtime };
  const now = context.services.clock.now();
  let timeZone: string;
  try {
    const deviceId = getDeviceId(handlerInput.requestEnvelope);
    const factory = handlerInput.serviceClientFactory;
    if (!factory || !deviceId) throw new Error('no device or API client for the time zone');
    timeZone = await withTimeout(factory.getUpsServiceClient().getSystemTimeZone(deviceId), context.services.apiTimeoutMs, 'time zone');
    new Intl.DateTimeFormat('en-US', { timeZone }).format(now);
  } catch (error) {
    context.services.logger.log('warn', 'time zone lookup failed', describeError(error));
    return { parts: [context.t('apiFailure.timeZone')], reprompt: [context.t('compressTimer.anythingElse')], cardTitle: context.t('skillName') };
  }

  const { everyMinutes, maxPerDay } = protocol.reminders.coldCompress;
  const times = reminderTimes(now, nextLocalTime(now, timeZone, bedtime), everyMinutes, maxPerDay);
  if (times.length === 0) return closing(context, [context.t('reminders.noneBeforeBedtime')]);

  const client = remindersClient(handlerInput);
  const text = context.t('reminders.text');
  const created: { at: number; token: string }[] = [];
  for (const at of times) {
    try {
      const reminder = await client.createReminder(absoluteReminder(at, now, timeZone, context.locale, text));
      if (reminder.alertToken) created.push({ at, token: reminder.alertToken });
    } catch (error) {
      context.services.logger.log('warn', 'reminder create failed', { status: statusOf(error), ...describeError(error) });
      if (created.length === 0) return replyToFailure(context, purpose, classifyApiFailure(error), justGranted);
      break;
    }
  }
  const previous = context.person.reminderTokens ?? [];
  const kept = previous.length > 0 ? await deleteReminders(handlerInput, previous) : [];
  context.person.reminderTokens = [...kept, ...created.map((reminder) => reminder.token)];
  const spoken = spokenList(created.map((reminder) => spokenClockTime(reminder.at, timeZone, context.locale)), context.locale);
  if (created.length < times.length) return closing(context, [context.t('reminders.partial', { times: spoken })]);
  return closing(context, [context.t('reminders.set', { times: spoken })]);
}

/** One reminder for the next cold compress, when asking for one too soon. */
export async function createColdReminder(handlerInput: HandlerInput, at: number, justGranted = false): Promise<Say> {
  const context = requestContext(handlerInput);
  const now = context.services.clock.now();
  try {
    const reminder = await remindersClient(handlerInput).createReminder(relativeReminder(at, now, context.locale, context.t('reminders.text')));
    if (reminder.alertToken) context.person.reminderTokens = [...(context.person.reminderTokens ?? []), reminder.alertToken];
  } catch (error) {
    return replyToFailure(context, { action: 'coldReminder', at }, classifyApiFailure(error), justGranted);
  }
  return closing(context, [context.t('reminders.coldReminderSet', { wait: spokenDuration(context.t, at - now) })]);
}

/** "Remind me every two hours until bedtime": asks for bedtime when it was not said. */
export const compressReminders: RequestHandler = {
  canHandle: (handlerInput) => isIntent(handlerInput, 'CompressRemindersIntent'),
  async handle(handlerInput) {
    const context = requestContext(handlerInput);
    const bedtime = clockTime(slotValue(handlerInput, 'bedtime'));
    if (!bedtime) {
      return respond(handlerInput, {
        parts: [context.t('reminders.askBedtime')],
        reprompt: [context.t('reminders.askBedtimeReprompt')],
        directives: [elicitSlot(handlerInput, 'bedtime')],
        cardTitle: context.t('skillName'),
      });
    }
    return respond(handlerInput, await scheduleCompressReminders(handlerInput, bedtime));
  },
};

/** "Stop my compress reminders": deletes every reminder this skill set for them. */
export const stopCompressReminders: RequestHandler = {
  canHandle: (handlerInput) => isIntent(handlerInput, 'StopCompressRemindersIntent'),
  async handle(handlerInput) {
    const context = requestContext(handlerInput);
    const tokens = context.person.reminderTokens ?? [];
    if (tokens.length === 0) return respond(handlerInput, closing(context, [context.t('reminders.noneToStop')]));
    const kept = await deleteReminders(handlerInput, tokens);
    if (kept.length > 0) {
      context.person.reminderTokens = kept;
      return respond(handlerInput, {
        parts: [context.t('reminders.stopFailed')],
        reprompt: [context.t('compressTimer.anythingElse')],
        cardTitle: context.t('skillName'),
      });
    }
    delete context.person.reminderTokens;
    return respond(handlerInput, closing(context, [context.t('reminders.stopped')]));
  },
};

