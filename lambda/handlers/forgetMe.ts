import { type HandlerInput, type RequestHandler } from 'ask-sdk-core';
import { timeLeftMs } from '../compressTimers';
import { describeError } from '../logger';
import { respond } from '../respond';
import { askQuestion, requestContext } from '../requestContext';
import { isIntent } from '../requestReading';
import { withTimeout } from '../withTimeout';
import { menuSay } from './launch';
import { deleteReminders, liveReminders } from './reminders';

/** "Forget me": asks before deleting anything, and says that reminders go too. */
export const forgetMeRequest: RequestHandler = {
  canHandle: (handlerInput) => isIntent(handlerInput, 'ForgetMeIntent'),
  handle(handlerInput) {
    const context = requestContext(handlerInput);
    askQuestion(handlerInput, { kind: 'forgetMe' });
    return respond(
      handlerInput,
      { parts: [context.t('forgetMe.confirm')], reprompt: [context.t('help.pendingForgetMe')], kind: 'question', cardTitle: context.t('skillName') },
      { disclaimer: 'none' },
    );
  },
};

/**
 * The skill's reminders and timers, as Alexa's APIs list them, are deleted; returns how many
 * there were and how many are still set.
 */
async function stopEverything(handlerInput: HandlerInput): Promise<{ found: number; left: number }> {
  const context = requestContext(handlerInput);
  const reminders = await liveReminders(handlerInput);
  const remindersLeft = reminders.tokens.length > 0 ? await deleteReminders(handlerInput, reminders.tokens) : [];
  let timers: string[] = [];
  let timersLeft = 0;
  try {
    const client = handlerInput.serviceClientFactory?.getTimerManagementServiceClient();
    if (client) {
      const now = context.services.clock.now();
      timers = ((await client.getTimers()).timers ?? []).filter((timer) => timeLeftMs(timer, now) !== undefined).map((timer) => timer.id ?? '');
      const results = await Promise.allSettled(timers.map((id) => client.deleteTimer(id)));
      timersLeft = results.filter((result) => result.status === 'rejected').length;
    }
  } catch (error) {
    // No timer permission means the skill set no timer; anything else is logged.
    context.services.logger.log('warn', 'forget me could not list timers', describeError(error));
  }
  return { found: reminders.tokens.length + timers.length, left: remindersLeft.length + timersLeft };
}

/** Yes deletes their reminders, timers and record; no keeps everything. */
export const forgetMeAnswer: RequestHandler = {
  canHandle: (handlerInput) =>
    isIntent(handlerInput, 'AMAZON.YesIntent', 'AMAZON.NoIntent') && requestContext(handlerInput).pending?.kind === 'forgetMe',
  async handle(handlerInput) {
    const context = requestContext(handlerInput);
    const cardTitle = context.t('skillName');
    if (isIntent(handlerInput, 'AMAZON.NoIntent')) {
      return respond(handlerInput, menuSay(context, [context.t('forgetMe.kept')]), { disclaimer: 'none' });
    }
    // The record goes first: if that fails, nothing at all has changed, as the answer says.
    try {
      const manager = handlerInput.attributesManager;
      if (!manager.deletePersistentAttributes) throw new Error('this persistence adapter cannot delete');
      await withTimeout(manager.deletePersistentAttributes(), 2500, 'storage');
    } catch (error) {
      context.services.logger.log('error', 'forget me failed', describeError(error));
      return respond(
        handlerInput,
        { parts: [context.t('forgetMe.failed')], reprompt: [context.t('help.reprompt')], kind: 'apology', cardTitle },
        { disclaimer: 'none' },
      );
    }
    context.person = {};
    context.forgotten = true;
    const stopped = await stopEverything(handlerInput);
    let words: string;
    if (stopped.left > 0) words = context.t('forgetMe.remindersLeft', { count: stopped.left });
    else if (stopped.found > 0) words = context.t('forgetMe.doneWithReminders');
    else words = context.t('forgetMe.done');
    return respond(handlerInput, { parts: [words], end: true, kind: 'action', cardTitle });
  },
};
