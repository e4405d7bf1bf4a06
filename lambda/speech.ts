import { type HandlerInput } from 'ask-sdk-core';
import { type Response } from 'ask-sdk-model';

/**
 * What the skill says in one response, as plain sentences. Handlers never write SSML:
 * this module escapes text, adds calm pauses between parts, and builds the card.
 * The session stays open exactly when there is a reprompt.
 */
export type Say = {
  /** Spoken in order, with a short pause between each. */
  readonly parts: readonly string[];
  /** Title of the home card; the card's text is the spoken parts. */
  readonly cardTitle: string;
} & ({ readonly reprompt: readonly string[] } | { readonly end: true });

/** Marks digits to be read one by one (emergency numbers): "[[digits:999]]". */
const DIGITS_MARK = /\[\[digits:(\d+)\]\]/g;
const PAUSE = '<break time="350ms"/>';

export function escapeForSsml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function spokenPart(text: string): string {
  return escapeForSsml(text.trim()).replace(DIGITS_MARK, '<say-as interpret-as="digits">$1</say-as>');
}

export function toSsml(parts: readonly string[]): string {
  const spoken = parts.filter((part) => part.trim() !== '').map(spokenPart);
  return `<speak>${spoken.join(` ${PAUSE} `)}</speak>`;
}

export function toPlainText(parts: readonly string[]): string {
  return parts
    .filter((part) => part.trim() !== '')
    .map((part) => part.trim().replace(DIGITS_MARK, '$1'))
    .join(' ');
}

export function reply(handlerInput: HandlerInput, say: Say): Response {
  const builder = handlerInput.responseBuilder
    .speak(toSsml(say.parts))
    .withSimpleCard(say.cardTitle, toPlainText(say.parts));
  if ('reprompt' in say) {
    builder.reprompt(toSsml(say.reprompt)).withShouldEndSession(false);
  } else {
    builder.withShouldEndSession(true);
  }
  return builder.getResponse();
}
