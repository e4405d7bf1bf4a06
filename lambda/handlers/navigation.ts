import { type RequestHandler } from 'ask-sdk-core';
import { topicItems } from '../protocol';
import { respond } from '../respond';
import { requestContext, sessionState } from '../requestContext';
import { isIntent } from '../requestReading';
import { reply, type Say } from '../speech';
import { speakItem, speakTopicDone } from '../topicWalk';
import { menuSay } from './launch';

/** "Next" (and "yes" to a step's "say next"): the following item, or the topic's end. */
export const nextItem: RequestHandler = {
  canHandle: (handlerInput) => isIntent(handlerInput, 'AMAZON.NextIntent', 'AMAZON.YesIntent'),
  handle(handlerInput) {
    const context = requestContext(handlerInput);
    const position = context.person.position;
    if (!position) {
      if (isIntent(handlerInput, 'AMAZON.YesIntent')) return respond(handlerInput, menuSay(context));
      return respond(
        handlerInput,
        speakItem(context, 'treatment', 0, { withIntro: true, lead: context.t('navigation.notStarted') }),
      );
    }
    if (position.index + 1 >= topicItems(position.topic).length) {
      return respond(handlerInput, speakTopicDone(context, position.topic));
    }
    return respond(handlerInput, speakItem(context, position.topic, position.index + 1));
  },
};

/** "Go back": the item before, or the first one again with a word that it is the first. */
export const previousItem: RequestHandler = {
  canHandle: (handlerInput) => isIntent(handlerInput, 'AMAZON.PreviousIntent'),
  handle(handlerInput) {
    const context = requestContext(handlerInput);
    const position = context.person.position;
    if (!position) {
      return respond(
        handlerInput,
        speakItem(context, 'treatment', 0, { withIntro: true, lead: context.t('navigation.notStarted') }),
      );
    }
    if (position.index === 0) {
      return respond(handlerInput, speakItem(context, position.topic, 0, { lead: context.t('navigation.firstItem') }));
    }
    return respond(handlerInput, speakItem(context, position.topic, position.index - 1));
  },
};

/** "Start over": the current topic (or the treatment) from its beginning. */
export const startOver: RequestHandler = {
  canHandle: (handlerInput) => isIntent(handlerInput, 'AMAZON.StartOverIntent'),
  handle(handlerInput) {
    const context = requestContext(handlerInput);
    const topic = context.person.position?.topic ?? 'treatment';
    return respond(handlerInput, speakItem(context, topic, 0, { withIntro: true }));
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

/** "Repeat": exactly what was said last, or the current item in a new session. */
export const repeatLast: RequestHandler = {
  canHandle: (handlerInput) => isIntent(handlerInput, 'AMAZON.RepeatIntent'),
  handle(handlerInput) {
    const context = requestContext(handlerInput);
    const session = sessionState(handlerInput);
    if (isReplayable(session.lastSay)) {
      // The question asked last time is still the question.
      if (context.pending) session.pending = context.pending;
      return reply(handlerInput, session.lastSay);
    }
    const position = context.person.position;
    if (position) return respond(handlerInput, speakItem(context, position.topic, position.index));
    return respond(handlerInput, menuSay(context));
  },
};
