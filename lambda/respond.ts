import { type HandlerInput } from 'ask-sdk-core';
import { type Response } from 'ask-sdk-model';
import { requestContext, sessionState } from './requestContext';
import { reply, type Say } from './speech';

export interface RespondOptions {
  /**
   * 'first-use' (default) puts the one-breath disclaimer before anything the person has
   * not heard it with; 'none' leaves it out (a red flag's warning must come first and alone).
   */
  readonly disclaimer?: 'first-use' | 'none';
}

/** Builds the response for what a handler wants to say; the single way handlers answer. */
export function respond(handlerInput: HandlerInput, say: Say, options: RespondOptions = {}): Response {
  const context = requestContext(handlerInput);
  let spoken = say;
  if ((options.disclaimer ?? 'first-use') === 'first-use' && !context.person.disclaimerHeard) {
    spoken = { ...say, parts: [context.t('disclaimer'), ...say.parts] };
    context.person.disclaimerHeard = true;
  }
  sessionState(handlerInput).lastSay = spoken;
  return reply(handlerInput, spoken);
}
