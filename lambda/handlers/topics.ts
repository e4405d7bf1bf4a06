import { type RequestHandler } from 'ask-sdk-core';
import { intentRoute, itemIndex, protocol, type IntentRoute } from '../protocol';
import { respond } from '../respond';
import { requestContext } from '../requestContext';
import { intentName, isIntent, resolvedSlotId } from '../requestReading';
import { speakItem } from '../topicWalk';

/**
 * Every question that opens a topic ("how do I treat a back spasm", "what causes it",
 * "tell me about the warm compress") or asks a single fact ("ice or heat?"), as routed
 * by the intents table in content/protocol.json.
 */
export const speakTopicOrFact: RequestHandler = {
  canHandle: (handlerInput) => intentRoute(intentName(handlerInput)) !== undefined,
  handle(handlerInput) {
    const context = requestContext(handlerInput);
    const route = intentRoute(intentName(handlerInput)) as IntentRoute;
    if ('fact' in route) {
      return respond(handlerInput, {
        parts: [context.t(`facts.${route.fact}`), context.t('factPrompt')],
        reprompt: [context.t('factPrompt')],
        cardTitle: context.t('skillName'),
      });
    }
    const wanted = route.itemSlot ? resolvedSlotId(handlerInput, route.itemSlot) : undefined;
    const index = wanted === undefined ? -1 : itemIndex(route.topic, wanted);
    if (index >= 0) return respond(handlerInput, speakItem(context, route.topic, index));
    return respond(handlerInput, speakItem(context, route.topic, 0, { withIntro: true }));
  },
};

/** "How long should I ice my back?": the timings of one remedy, or of all of them. */
export const compressDuration: RequestHandler = {
  canHandle: (handlerInput) => isIntent(handlerInput, 'CompressDurationIntent'),
  handle(handlerInput) {
    const context = requestContext(handlerInput);
    const remedy = resolvedSlotId(handlerInput, 'remedy');
    const treatment = protocol.topics.treatment.items.find((item) => item.id === remedy);
    const minutes = treatment?.compress ? protocol.compresses[treatment.compress].phases[0]?.minutes : undefined;
    const words = treatment
      ? context.t(`duration.${treatment.id}`, minutes === undefined ? {} : { minutes })
      : context.t('duration.all');
    return respond(handlerInput, {
      parts: [words, context.t('factPrompt')],
      reprompt: [context.t('factPrompt')],
      cardTitle: context.t('skillName'),
    });
  },
};
