import { type RequestHandler } from 'ask-sdk-core';
import { describeError } from '../logger';
import { respond } from '../respond';
import { askQuestion, requestContext } from '../requestContext';
import { isIntent } from '../requestReading';
import { withTimeout } from '../withTimeout';
import { menuSay } from './launch';
import { deleteReminders } from './reminders';

/** "Forget me": asks before deleting anything. */
export const forgetMeRequest: RequestHandler = {
  canHandle: (handlerInput) => isIntent(handlerInput, 'ForgetMeIntent'),
  handle(handlerInput) {
    const context = requestContext(handlerInput);
    askQuestion(handlerInput, { kind: 'forgetMe' });
    const question = context.t('forgetMe.confirm');
    return respond(
      handlerInput,
      { parts: [question], reprompt: [context.t('help.pendingForgetMe')], cardTitle: context.t('skillName') },
      { disclaimer: 'none' },
    );
  },
};

/** Yes deletes the person's whole record; no keeps it. */
export const forgetMeAnswer: RequestHandler = {
  canHandle: (handlerInput) =>
    isIntent(handlerInput, 'AMAZON.YesIntent', 'AMAZON.NoIntent') &&
    requestContext(handlerInput).pending?.kind === 'forgetMe',
  async handle(handlerInput) {
    const context = requestContext(handlerInput);
    const cardTitle = context.t('skillName');
    if (isIntent(handlerInput, 'AMAZON.NoIntent')) {
      return respond(handlerInput, menuSay(context, [context.t('forgetMe.kept')]), { disclaimer: 'none' });
    }
    const tokens = context.person.reminderTokens ?? [];
    if (tokens.length > 0) {
      // Their reminders were set from what we stored; they go too (best effort: the record goes regardless).
      const kept = await deleteReminders(handlerInput, tokens).catch(() => tokens);
      if (kept.length > 0) context.services.logger.log('warn', 'forget me left reminders in place', { count: kept.length });
    }
    try {
      const manager = handlerInput.attributesManager;
      if (!manager.deletePersistentAttributes) throw new Error('this persistence adapter cannot delete');
      await withTimeout(manager.deletePersistentAttributes(), 2500, 'storage');
    } catch (error) {
      context.services.logger.log('error', 'forget me failed', describeError(error));
      return respond(
        handlerInput,
        { parts: [context.t('forgetMe.failed')], reprompt: [context.t('help.reprompt')], cardTitle },
        { disclaimer: 'none' },
      );
    }
    context.person = {};
    context.forgotten = true;
    return respond(handlerInput, { parts: [context.t('forgetMe.done')], end: true, cardTitle }, { disclaimer: 'none' });
  },
};
