import { type HandlerInput } from 'ask-sdk-core';
import { type Directive, type Response } from 'ask-sdk-model';
import { type PhoneNumber } from './locales';
import { type Screen } from './screens/screen';

/**
 * What the skill says in one response, as plain sentences. Handlers never write SSML:
 * this module escapes text, reads phone numbers the way the locale says them, adds calm
 * pauses between parts, and builds the card. The session stays open exactly when there is
 * a reprompt.
 *
 * `kind` says what the answer is, which decides what respond.ts adds around it:
 * - 'info' (default): something the person asked to know; the first-use disclaimer may
 *   come before it;
 * - 'action': what the skill just did for them (a timer set, reminders stopped), said alone;
 * - 'question': the skill asks something, or 'apology': it could not do or understand
 *   something; both carry the one-breath safety line, so nobody who was not understood is
 *   left without the way to help;
 * - 'safety': a red-flag, distress or medicine answer, which stands alone.
 */
export type SayKind = 'info' | 'action' | 'question' | 'apology' | 'safety';

/** The most words one answer may say: about what a person lying down can follow. */
export const MAX_HEARD_WORDS = 45;

export type Say = {
  /** Spoken in order, with a short pause between each. */
  readonly parts: readonly string[];
  readonly kind?: SayKind;
  /** Parts left out when the first-use disclaimer is said, so the answer stays short. */
  readonly droppable?: readonly string[];
  /** Title of the home card; the card's text is the spoken parts. */
  readonly cardTitle: string;
  /** Send the permissions card for these scopes instead of the text card. */
  readonly permissionsCard?: readonly string[];
  readonly directives?: readonly Directive[];
  /** What a device with a screen shows (the spoken answer as text when not given). */
  readonly screen?: Screen;
} & (
  | { readonly reprompt: readonly string[] }
  | { readonly end: true }
  /** Alexa takes the turn (e.g. its own permission question) and then calls back. */
  | { readonly alexaContinues: true }
);

/**
 * A phone number inside a sentence: "[[tel:116 123]]" is read digit by digit, group by
 * group; "[[tel:000|triple zero]]" is read as the locale says it. Cards show the digits.
 */
const NUMBER_MARK = /\[\[tel:([0-9 -]+)(?:\|([^\]]+))?\]\]/g;
const PAUSE = '<break time="350ms"/>';

export function numberMark(number: PhoneNumber): string {
  return number.spoken ? `[[tel:${number.display}|${number.spoken}]]` : `[[tel:${number.display}]]`;
}

export function escapeForSsml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function numberSsml(display: string, spoken: string | undefined): string {
  if (spoken !== undefined) return `<sub alias="${spoken}">${display}</sub>`;
  // Each group of digits read one by one; the spaces or dashes between groups kept as written.
  return display.replace(/\d+/g, (group) => `<say-as interpret-as="digits">${group}</say-as>`);
}

function spokenPart(text: string): string {
  return escapeForSsml(text.trim()).replace(NUMBER_MARK, (_, display: string, spoken: string | undefined) => numberSsml(display, spoken));
}

export function toSsml(parts: readonly string[]): string {
  const spoken = parts.filter((part) => part.trim() !== '').map(spokenPart);
  return `<speak>${spoken.join(` ${PAUSE} `)}</speak>`;
}

/** The text as a card shows it. */
export function toPlainText(parts: readonly string[]): string {
  return parts
    .filter((part) => part.trim() !== '')
    .map((part) => part.trim().replace(NUMBER_MARK, (_, display: string) => display))
    .join(' ');
}

/** The text as it is heard: numbers as their spoken words, digits one by one. */
export function toHeardText(parts: readonly string[]): string {
  return parts
    .filter((part) => part.trim() !== '')
    .map((part) =>
      part.trim().replace(NUMBER_MARK, (_, display: string, spoken: string | undefined) => spoken ?? display.replace(/[ -]/g, '').split('').join(' ')),
    )
    .join(' ');
}

const segmenters = new Map<string, Intl.Segmenter>();

/**
 * How many words a person hears. Languages written without spaces are segmented by the
 * locale's own rules, so the count means the same in every language.
 */
export function heardWordCount(parts: readonly string[], language: string): number {
  let segmenter = segmenters.get(language);
  if (!segmenter) {
    segmenter = new Intl.Segmenter(language, { granularity: 'word' });
    segmenters.set(language, segmenter);
  }
  let count = 0;
  for (const segment of segmenter.segment(toHeardText(parts))) if (segment.isWordLike) count += 1;
  return count;
}

export function reply(handlerInput: HandlerInput, say: Say, screen?: Directive): Response {
  const builder = handlerInput.responseBuilder.speak(toSsml(say.parts));
  if (screen) builder.addDirective(screen);
  if (say.permissionsCard) builder.withAskForPermissionsConsentCard([...say.permissionsCard]);
  else builder.withSimpleCard(say.cardTitle, toPlainText(say.parts));
  for (const directive of say.directives ?? []) builder.addDirective(directive);
  if ('reprompt' in say) builder.reprompt(toSsml(say.reprompt)).withShouldEndSession(false);
  else if ('end' in say) builder.withShouldEndSession(true);
  // With alexaContinues, shouldEndSession stays unset: Alexa runs its own dialog next.
  return builder.getResponse();
}
