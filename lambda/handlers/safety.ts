import { type HandlerInput, type RequestHandler } from 'ask-sdk-core';
import { itemIndex, protocol } from '../protocol';
import { respond } from '../respond';
import { requestContext, type RequestContext } from '../requestContext';
import { assessSafety, type SafetyFinding } from '../safety/assess';
import { type Say } from '../speech';
import { speakItem, speakTopicStart } from '../topicWalk';
import { notUnderstood } from './builtins';

function findingFor(handlerInput: HandlerInput): SafetyFinding | undefined {
  return assessSafety(handlerInput, requestContext(handlerInput).language);
}

/** Open for a follow-up: the warning, then "anything else?". */
function warn(context: RequestContext, parts: string[]): Say {
  const followUp = context.t('redFlag.followUp');
  return { parts: [...parts, followUp], reprompt: [followUp], kind: 'safety', cardTitle: context.t('skillName') };
}

function urgentSay(context: RequestContext, sign: string): Say {
  const words = protocol.redFlags.ownAnswer.includes(sign)
    ? context.t(`redFlag.answers.${sign}`)
    : context.t('redFlag.urgent', { what: context.t(`redFlag.what.${sign}`) });
  // The person must act now: the session ends so they can call.
  return { parts: [words], end: true, kind: 'safety', cardTitle: context.t('skillName'), screen: { kind: 'urgent' } };
}

function doctorSay(context: RequestContext, sign: string): Say {
  const words = protocol.redFlags.ownAnswer.includes(sign)
    ? context.t(`redFlag.answers.${sign}`)
    : context.t('redFlag.doctor', { what: context.t(`redFlag.what.${sign}`) });
  const line = context.numbers.nonUrgent ? [context.t('redFlag.nonUrgent')] : [];
  return { ...warn(context, [words, ...line]), screen: { kind: 'doctor' } };
}

/** Reassurance, then the help they came for: the steps, or where they were. */
function reassureSay(context: RequestContext): Say {
  const reassure = context.t('negation.reassure');
  if (context.person.position) {
    return { parts: [reassure, context.t('navigation.reprompt')], reprompt: [context.t('navigation.reprompt')], cardTitle: context.t('skillName') };
  }
  const steps = speakItem(context, 'treatment', 0, { withIntro: true });
  return { ...steps, parts: [reassure, ...steps.parts] };
}

/**
 * Safety first, whatever was asked and whatever question is pending: a red flag, distress,
 * a medicine question, or a sign denied. Tried before every other handler (order.ts).
 */
export const safetyFirst: RequestHandler = {
  canHandle: (handlerInput) => findingFor(handlerInput) !== undefined,
  handle(handlerInput) {
    const context = requestContext(handlerInput);
    const finding = findingFor(handlerInput) as SafetyFinding;
    const none = { disclaimer: 'none' } as const;
    switch (finding.kind) {
      case 'distress':
        return respond(
          handlerInput,
          {
            parts: [context.t('distress.answer')],
            reprompt: [context.t('distress.reprompt')],
            kind: 'safety',
            cardTitle: context.t('skillName'),
            screen: { kind: 'crisis' },
          },
          none,
        );
      case 'urgent':
        return respond(handlerInput, urgentSay(context, finding.sign), none);
      case 'doctor':
        return respond(handlerInput, doctorSay(context, finding.sign), none);
      case 'numbness':
        return respond(handlerInput, warn(context, [context.t('topics.symptoms.items.numbness.speech')]), none);
      case 'medicineStop':
        return respond(handlerInput, warn(context, [context.t('medicine.stop')]), none);
      case 'medicine':
        return respond(handlerInput, warn(context, [context.t('medicine.painRelief')]), none);
      case 'medicineCause':
        return respond(handlerInput, speakItem(context, 'causes', itemIndex('causes', 'medicines')));
      case 'denied':
        // No emergency number here, not even the first-use disclaimer's: a denial is no alarm.
        return respond(handlerInput, reassureSay(context), none);
      case 'treatment':
        return respond(handlerInput, speakTopicStart(context, 'treatment'));
      case 'nothing':
        return respond(handlerInput, notUnderstood(handlerInput, context));
    }
  },
};
