import { type RequestHandler } from 'ask-sdk-core';
import { redFlagUrgency } from '../protocol';
import { respond } from '../respond';
import { requestContext } from '../requestContext';
import { isIntent, resolvedSlotId } from '../requestReading';

/**
 * A red-flag symptom in the person's own words. The warning comes first and alone:
 * no disclaimer before it and never a remedy instead of it. An urgent flag ends the
 * session so the person can act; anything unrecognised is treated as possibly urgent.
 */
export const redFlagWarning: RequestHandler = {
  canHandle: (handlerInput) => isIntent(handlerInput, 'RedFlagIntent'),
  handle(handlerInput) {
    const context = requestContext(handlerInput);
    const symptom = resolvedSlotId(handlerInput, 'symptom');
    const urgency = symptom === undefined ? undefined : redFlagUrgency(symptom);
    const cardTitle = context.t('skillName');
    if (urgency === 'urgent') {
      const what = context.t(`redFlag.what.${symptom}`);
      return respond(handlerInput, { parts: [context.t('redFlag.urgent', { what })], end: true, cardTitle }, { disclaimer: 'none' });
    }
    const warning =
      urgency === 'doctor'
        ? context.t('redFlag.doctor', { what: context.t(`redFlag.what.${symptom}`) })
        : context.t('redFlag.unknown');
    return respond(
      handlerInput,
      { parts: [warning, context.t('redFlag.followUp')], reprompt: [context.t('redFlag.followUp')], cardTitle },
      { disclaimer: 'none' },
    );
  },
};
