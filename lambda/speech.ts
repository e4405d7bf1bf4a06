import { type HandlerInput } from 'ask-sdk-core';
import { type Directive, type Response } from 'ask-sdk-model';

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
  /** Send the permissions card for these scopes instead of the text card. */
  readonly permissionsCard?: readonly string[];
  readonly directives?: readonly Directive[];
} & (
  | { readonly reprompt: readonly string[] }
  | { readonly end: true }
  /** Alexa takes the turn (e.g. its own permission question) and then calls back. */
  | { readonly alexaContinues: true }
);

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
  const builder = handlerInput.responseBuilder.speak(toSsml(say.parts));
  if (say.permissionsCard) builder.withAskForPermissionsConsentCard([...say.permissionsCard]);
  else builder.withSimpleCard(say.cardTitle, toPlainText(say.parts));
  for (const directive of say.directives ?? []) builder.addDirective(directive);
  if ('reprompt' in say) builder.reprompt(toSsml(say.reprompt)).withShouldEndSession(false);
  else if ('end' in say) builder.withShouldEndSession(true);
  // With alexaContinues, shouldEndSession stays unset: Alexa runs its own dialog next.
  return builder.getResponse();
}
