import { type HandlerInput } from 'ask-sdk-core';
import { type Response } from 'ask-sdk-model';
import { requestContext, sessionState, type RequestContext } from './requestContext';
import { type Directive } from 'ask-sdk-model';
import { renderDocument, screenData, supportsApl } from './screens/screen';
import { heardWordCount, MAX_HEARD_WORDS, reply, type Say } from './speech';

export interface RespondOptions {
  /**
   * 'first-use' (default) puts the one-breath disclaimer before an answer the person has not
   * heard it with; 'none' leaves it out.
   */
  readonly disclaimer?: 'first-use' | 'none';
}

/**
 * What a person hears around an answer, decided in one place:
 * - the first-use disclaimer, before the first answer that informs (never before a warning,
 *   a question or an apology, which stay short); the answer's droppable parts (a topic's
 *   introduction, "say next") make room for it, and where it still would not fit in one
 *   breath it waits for the next answer that informs;
 * - the one-breath safety line after a question or an apology, and in every reprompt of an
 *   answer that is not itself a safety answer: whoever was not understood, or went quiet,
 *   still hears the urgent signs and the number.
 */
export function withSurroundings(context: RequestContext, say: Say, options: RespondOptions = {}): Say {
  const kind = say.kind ?? 'info';
  let parts = [...say.parts];
  if (kind === 'info' && (options.disclaimer ?? 'first-use') === 'first-use' && !context.person.disclaimerHeard) {
    const dropped = new Set(say.droppable ?? []);
    const withDisclaimer = [context.t('disclaimer'), ...parts.filter((part) => !dropped.has(part))];
    if (heardWordCount(withDisclaimer, context.language) <= MAX_HEARD_WORDS) {
      parts = withDisclaimer;
      context.person.disclaimerHeard = true;
    }
  }
  if (kind === 'safety') return { ...say, parts };
  const line = context.t('safetyLine');
  if (kind === 'question' || kind === 'apology') parts = [...parts, line];
  if ('reprompt' in say) return { ...say, parts, reprompt: [...say.reprompt, line] };
  return { ...say, parts };
}

/**
 * The screen for an answer, on a device that shows APL: what the handler asked to show, or
 * the spoken answer as text; the first-use notice too when it was said. None while Alexa
 * runs its own dialog (a permission question).
 */
function screenFor(handlerInput: HandlerInput, context: RequestContext, say: Say): Directive | undefined {
  if (!supportsApl(handlerInput.requestEnvelope) || 'alexaContinues' in say) return undefined;
  const disclaimer = say.parts.includes(context.t('disclaimer'));
  return renderDocument(screenData(context, say.screen ?? { kind: 'text' }, say.parts, disclaimer)) as Directive;
}

/** Says again exactly what was said last (its screen too), surroundings and all. */
export function replay(handlerInput: HandlerInput, spoken: Say): Response {
  return reply(handlerInput, spoken, screenFor(handlerInput, requestContext(handlerInput), spoken));
}

/** Builds the response for what a handler wants to say; the single way handlers answer. */
export function respond(handlerInput: HandlerInput, say: Say, options: RespondOptions = {}): Response {
  const context = requestContext(handlerInput);
  const spoken = withSurroundings(context, say, options);
  sessionState(handlerInput).lastSay = spoken;
  return reply(handlerInput, spoken, screenFor(handlerInput, context, spoken));
}
