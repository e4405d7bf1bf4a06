import { getRequestType, type HandlerInput, type RequestHandler } from 'ask-sdk-core';
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
};

/** Keeps an unanswered yes/no question open and says how to answer it. */
function reaskPending(handlerInput: HandlerInput, context: RequestContext, lead: string[]): Say | undefined {
  if (!context.pending) return undefined;
  askQuestion(handlerInput, context.pending);
  const how = context.t(PENDING_HELP[context.pending.kind]);
  return { parts: [...lead, how], reprompt: [how], cardTitle: context.t('skillName') };
}

/** What to say next, for the place the person is in: their topic, or the menu. */
function inContextHelp(context: RequestContext, lead: string[]): Say {
  const position = context.person.position;
  if (!position) {
    return { parts: [...lead, context.t('help.menu')], reprompt: [context.t('help.reprompt')], cardTitle: context.t('skillName') };
  }
  return {
    parts: [...lead, context.t('help.inTopic', { topicTitle: context.t(`topics.${position.topic}.title`) })],
    reprompt: [context.t('navigation.reprompt')],
    cardTitle: context.t('skillName'),
  };
}

/** "Help": how to answer the open question, or what to say where they are. */
export const help: RequestHandler = {
  canHandle: (handlerInput) => isIntent(handlerInput, 'AMAZON.HelpIntent'),
  handle(handlerInput) {
    const context = requestContext(handlerInput);
    return respond(handlerInput, reaskPending(handlerInput, context, []) ?? inContextHelp(context, []));
  },
};

/** Anything Alexa could not match to an intent: say so, and how to go on from here. */
export const fallback: RequestHandler = {
  canHandle: (handlerInput) => isIntent(handlerInput, 'AMAZON.FallbackIntent'),
  handle(handlerInput) {
    const context = requestContext(handlerInput);
    const pending = reaskPending(handlerInput, context, [context.t('fallback.yesNo')]);
    if (pending) return respond(handlerInput, { ...pending, parts: pending.parts.slice(0, 1) });
    return respond(handlerInput, inContextHelp(context, [context.t('fallback.sorry')]));
  },
};

/** "Stop", "cancel", and "no" when nothing was asked: a calm goodbye. */
export const goodbye: RequestHandler = {
  canHandle: (handlerInput) => isIntent(handlerInput, 'AMAZON.StopIntent', 'AMAZON.CancelIntent', 'AMAZON.NoIntent'),
  handle(handlerInput) {
    const context = requestContext(handlerInput);
    return respond(handlerInput, { parts: [context.t('goodbye')], end: true, cardTitle: context.t('skillName') }, { disclaimer: 'none' });
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
 * Last in line: any request or intent no other handler took (an intent from a newer
 * model, an unexpected event). The person still hears a way forward.
 */
export const unhandled: RequestHandler = {
  canHandle: () => true,
  handle(handlerInput) {
    const context = requestContext(handlerInput);
    return respond(handlerInput, inContextHelp(context, [context.t('fallback.sorry')]));
  },
};
