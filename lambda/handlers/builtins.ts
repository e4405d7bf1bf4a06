import { getRequestType, type HandlerInput, type RequestHandler } from 'ask-sdk-core';
import { topicItems } from '../protocol';
import { respond } from '../respond';
import { askQuestion, requestContext, type PendingQuestion, type RequestContext } from '../requestContext';
import { isIntent } from '../requestReading';
import { type Say } from '../speech';
import { menuSay } from './launch';

const PENDING_HELP: Record<PendingQuestion['kind'], string> = {
  resume: 'help.pendingResume',
  forgetMe: 'help.pendingForgetMe',
  timerInstead: 'help.pendingYesNo',
  coldReminder: 'help.pendingYesNo',
  compressAnyway: 'help.pendingYesNo',
};

/** Keeps an unanswered yes/no question open and says how to answer it. */
function reaskPending(handlerInput: HandlerInput, context: RequestContext, lead: string[]): Say | undefined {
  if (!context.pending) return undefined;
  askQuestion(handlerInput, context.pending);
  const how = context.t(PENDING_HELP[context.pending.kind]);
  return { parts: [...lead, how], reprompt: [how], kind: 'question', cardTitle: context.t('skillName') };
}

/** What to say next, for the place the person is in: their step (and its timer), their topic, or the menu. */
function inContextHelp(context: RequestContext): Say {
  const position = context.person.position;
  const cardTitle = context.t('skillName');
  if (!position) {
    return { parts: [context.t('help.menu')], reprompt: [context.t('help.reprompt')], kind: 'question', cardTitle, screen: { kind: 'help' } };
  }
  const compress = topicItems(position.topic)[position.index]?.compress;
  const words = compress
    ? context.t(`help.timedStep.${compress}`)
    : context.t('help.inTopic', { topicTitle: context.t(`topics.${position.topic}.title`) });
  // The screen stays on their step, with its buttons.
  const screen: Say['screen'] =
    position.index < 0 ? { kind: 'overview', topic: position.topic } : { kind: 'item', topic: position.topic, index: position.index, part: position.part };
  return { parts: [words], reprompt: [context.t('navigation.reprompt')], kind: 'question', cardTitle, screen };
}

/**
 * "I didn't catch that": how to answer the open question, or what can be said from here.
 * The safety line follows (respond.ts), so nobody who was not understood is left without
 * the way to help.
 */
export function notUnderstood(handlerInput: HandlerInput, context: RequestContext): Say {
  const pending = reaskPending(handlerInput, context, []);
  if (pending) return { ...pending, parts: [context.t('fallback.yesNo')], kind: 'apology' };
  const hint = context.person.position ? context.t('fallback.hintTopic') : context.t('fallback.hintMenu');
  return {
    parts: [context.t('fallback.sorry'), hint],
    reprompt: [hint],
    kind: 'apology',
    cardTitle: context.t('skillName'),
  };
}

/** "Help": how to answer the open question, or what to say where they are. */
export const help: RequestHandler = {
  canHandle: (handlerInput) => isIntent(handlerInput, 'AMAZON.HelpIntent'),
  handle(handlerInput) {
    const context = requestContext(handlerInput);
    return respond(handlerInput, reaskPending(handlerInput, context, []) ?? inContextHelp(context));
  },
};

/** Anything Alexa could not match to an intent: say so, and how to go on from here. */
export const fallback: RequestHandler = {
  canHandle: (handlerInput) => isIntent(handlerInput, 'AMAZON.FallbackIntent'),
  handle(handlerInput) {
    return respond(handlerInput, notUnderstood(handlerInput, requestContext(handlerInput)));
  },
};

/** "Stop", "cancel", and "no" when nothing was asked: a calm goodbye. */
export const goodbye: RequestHandler = {
  canHandle: (handlerInput) => isIntent(handlerInput, 'AMAZON.StopIntent', 'AMAZON.CancelIntent', 'AMAZON.NoIntent'),
  handle(handlerInput) {
    const context = requestContext(handlerInput);
    return respond(handlerInput, { parts: [context.t('goodbye')], end: true, kind: 'action', cardTitle: context.t('skillName') });
  },
};

/** "Go home": the menu, keeping their place in any topic. */
export const navigateHome: RequestHandler = {
  canHandle: (handlerInput) => isIntent(handlerInput, 'AMAZON.NavigateHomeIntent'),
  handle(handlerInput) {
    return respond(handlerInput, menuSay(requestContext(handlerInput)));
  },
};

/** The session ended (the person left, or said nothing): no speech is allowed here. */
export const sessionEnded: RequestHandler = {
  canHandle: (handlerInput) => getRequestType(handlerInput.requestEnvelope) === 'SessionEndedRequest',
  handle: (handlerInput) => handlerInput.responseBuilder.getResponse(),
};

/**
 * Last in line: any intent no other handler took (an intent from a newer model). The person
 * still hears a way forward.
 */
export const unhandled: RequestHandler = {
  canHandle: () => true,
  handle(handlerInput) {
    return respond(handlerInput, notUnderstood(handlerInput, requestContext(handlerInput)));
  },
};
