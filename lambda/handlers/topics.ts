import { type RequestHandler } from 'ask-sdk-core';
import { intentRoute, itemIndex, itemSlotsOf, protocol, topicItems, type FactId, type IntentRoute, type ProtocolItem } from '../protocol';
import { respond } from '../respond';
import { requestContext, type RequestContext } from '../requestContext';
import { intentName, isIntent, resolvedSlotId } from '../requestReading';
import { type Say } from '../speech';
import { speakItem, speakTopicStart } from '../topicWalk';

function factSay(context: RequestContext, fact: FactId): Say {
  return {
    parts: [context.t(`facts.${fact}`), context.t('factPrompt')],
    droppable: [context.t('factPrompt')],
    reprompt: [context.t('factPrompt')],
    cardTitle: context.t('skillName'),
  };
}

/**
 * Every question that opens a topic ("how do I treat a back spasm", "what causes it",
 * "tell me about the warm compress") or asks a single fact ("ice or heat?", "how should I
 * lie?"), as routed by the intents table in content/protocol.json.
 */
export const speakTopicOrFact: RequestHandler = {
  canHandle: (handlerInput) => intentRoute(intentName(handlerInput)) !== undefined,
  handle(handlerInput) {
    const context = requestContext(handlerInput);
    const route = intentRoute(intentName(handlerInput)) as IntentRoute;
    if ('fact' in route) return respond(handlerInput, factSay(context, route.fact));
    const wanted = itemSlotsOf(route).map((slot) => resolvedSlotId(handlerInput, slot)).find((id) => id !== undefined);
    const fact = wanted !== undefined && route.slotFacts && Object.hasOwn(route.slotFacts, wanted) ? route.slotFacts[wanted] : undefined;
    if (fact) return respond(handlerInput, factSay(context, fact));
    const index = wanted === undefined ? -1 : itemIndex(route.topic, wanted);
    if (index >= 0) return respond(handlerInput, speakItem(context, route.topic, index));
    return respond(handlerInput, speakTopicStart(context, route.topic));
  },
};

/** The treatment item the person is on, if it is one with a timing ("and how often?" there). */
function currentTreatmentItem(context: RequestContext): ProtocolItem | undefined {
  const position = context.person.position;
  return position?.topic === 'treatment' ? topicItems('treatment')[position.index] : undefined;
}

/**
 * "How long should I ice my back?", and "how long for?" or "and how often?" during a step:
 * the timings of the remedy named, of the step they are on, or of all of them.
 */
export const compressDuration: RequestHandler = {
  canHandle: (handlerInput) => isIntent(handlerInput, 'CompressDurationIntent'),
  handle(handlerInput) {
    const context = requestContext(handlerInput);
    const remedy = resolvedSlotId(handlerInput, 'remedy');
    const treatment = protocol.topics.treatment.items.find((item) => item.id === remedy) ?? currentTreatmentItem(context);
    const minutes = treatment?.compress ? protocol.compresses[treatment.compress].phases[0]?.minutes : undefined;
    const words = treatment
      ? context.t(`duration.${treatment.id}`, minutes === undefined ? {} : { minutes })
      : context.t('duration.all');
    return respond(handlerInput, {
      parts: [words, context.t('factPrompt')],
      droppable: [context.t('factPrompt')],
      reprompt: [context.t('factPrompt')],
      cardTitle: context.t('skillName'),
    });
  },
};
