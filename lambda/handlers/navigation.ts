import { type RequestHandler } from 'ask-sdk-core';
import { replay, respond } from '../respond';
import { requestContext, sessionState } from '../requestContext';
import { isIntent } from '../requestReading';
import { type Say } from '../speech';
import { speakCurrent, speakItem, speakNext, speakPrevious, speakTopicStart } from '../topicWalk';
import { menuSay } from './launch';

/** "Next" (and "yes" to a step's "say next"): the following part or item, or the topic's end. */
export const nextItem: RequestHandler = {
  canHandle: (handlerInput) => isIntent(handlerInput, 'AMAZON.NextIntent', 'AMAZON.YesIntent'),
  handle(handlerInput) {
    const context = requestContext(handlerInput);
    const next = speakNext(context);
    if (next) return respond(handlerInput, next);
    if (isIntent(handlerInput, 'AMAZON.YesIntent')) return respond(handlerInput, menuSay(context));
    return respond(handlerInput, speakItem(context, 'treatment', 0, { withIntro: true, lead: context.t('navigation.notStarted') }));
  },
};

/** "Go back": the part or item before, or the first one again with a word that it is the first. */
export const previousItem: RequestHandler = {
  canHandle: (handlerInput) => isIntent(handlerInput, 'AMAZON.PreviousIntent'),
  handle(handlerInput) {
    const context = requestContext(handlerInput);
    const previous = speakPrevious(context);
    if (previous) return respond(handlerInput, previous);
    return respond(handlerInput, speakItem(context, 'treatment', 0, { withIntro: true, lead: context.t('navigation.notStarted') }));
  },
};

/** "Start over": the current topic (or the treatment) from its beginning. */
export const startOver: RequestHandler = {
  canHandle: (handlerInput) => isIntent(handlerInput, 'AMAZON.StartOverIntent'),
  handle(handlerInput) {
    const context = requestContext(handlerInput);
    return respond(handlerInput, speakTopicStart(context, context.person.position?.topic ?? 'treatment'));
  },
};

/** Session attributes come back from Alexa; replay only what the skill itself would have written. */
function isReplayable(say: unknown): say is Say {
  const candidate = say as { parts?: unknown; cardTitle?: unknown; reprompt?: unknown; end?: unknown } | undefined;
  const texts = (value: unknown): boolean =>
    Array.isArray(value) && value.length > 0 && value.every((part) => typeof part === 'string' && part.trim() !== '');
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    texts(candidate.parts) &&
    typeof candidate.cardTitle === 'string' &&
    (texts(candidate.reprompt) || candidate.end === true)
  );
}

/** "Repeat": exactly what was said last, or where they are in a new session. */
export const repeatLast: RequestHandler = {
  canHandle: (handlerInput) => isIntent(handlerInput, 'AMAZON.RepeatIntent'),
  handle(handlerInput) {
    const context = requestContext(handlerInput);
    const session = sessionState(handlerInput);
    if (isReplayable(session.lastSay)) {
      // The question asked last time is still the question.
      if (context.pending) session.pending = context.pending;
      return replay(handlerInput, session.lastSay);
    }
    const current = speakCurrent(context);
    return respond(handlerInput, current ?? menuSay(context));
  },
};
