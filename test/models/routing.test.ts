import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { matcherFor } from '../../tools/nlu/interactionModel';
import { LOCALES, entry } from '../support/contentWords';

/**
 * Natural phrasings, typed through each locale's real interaction model (tools/nlu), land
 * on the intent and slot value the skill needs. A phrase that stops matching here is one
 * a person in pain would be answered wrongly for.
 */

type Row = readonly [phrase: string, intent: string, slotId?: string];

/** The phrasings of a language (test/routing/<language>.json): the same checks for every language. */
interface RoutingPhrases {
  /** What people say everywhere the language is spoken. */
  readonly everyLocale: readonly Row[];
  /** Each locale's own words. */
  readonly byLocale?: Readonly<Record<string, readonly Row[]>>;
  /** Phrasings found missing in review and added to every model; kept so they stay routed. */
  readonly foundInReview?: readonly Row[];
  /** The same question in each locale's own spelling of the word its recognizer writes. */
  readonly reviewByLocale?: Readonly<Record<string, readonly Row[]>>;
  /** "should I call {number}", with the number said digit by digit in the language's words. */
  readonly callEmergency: { readonly phrase: string; readonly digits: readonly string[] };
}

const ROUTING_DIR = join(__dirname, '..', 'routing');

function routingPhrases(locale: string): RoutingPhrases | undefined {
  const file = join(ROUTING_DIR, `${entry(locale).language}.json`);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as RoutingPhrases) : undefined;
}

const MEANINGFUL_SLOTS = new Set(['remedy', 'tip', 'cause', 'symptom', 'compress', 'medicine']);

/** "should I call ..." with the locale's emergency number as people say it: "nine nine nine", "triple zero". */
function callEmergencyPhrases(locale: string, call: RoutingPhrases['callEmergency']): string[] {
  const number = entry(locale).emergency;
  const digits = [...number.display.replace(/\D/g, '')].map((digit) => call.digits[Number(digit)] ?? digit).join(' ');
  return [digits, ...(number.spoken ? [number.spoken] : [])].map((form) => call.phrase.replace('{number}', form));
}

/** Rows as named cases, with what route() should answer. */
function cases(rows: readonly Row[]): Array<{ phrase: string; intent: string; slot: string; want: { intent: string; slotId?: string } }> {
  return rows.map(([phrase, intent, slotId]) => ({
    phrase,
    intent,
    slot: slotId ?? '',
    want: slotId === undefined ? { intent } : { intent, slotId },
  }));
}

const ROUTED_LOCALES = LOCALES.filter((locale) => routingPhrases(locale) !== undefined);

test('every language has its routing phrases', () => {
  expect(LOCALES.filter((locale) => !ROUTED_LOCALES.includes(locale))).toEqual([]);
});

describe.each(ROUTED_LOCALES)('%s', (locale) => {
  const matcher = matcherFor(locale);
  const phrases = routingPhrases(locale) as RoutingPhrases;

  /** The intent and the resolved slot value id (if any) Alexa would send for typed text. */
  function route(phrase: string): { intent: string; slotId?: string } {
    const intent = matcher.match(phrase, undefined, 'exact').intent;
    // Only slots whose value the skill acts on; phrase-class slots ({problem}, {care}) only carry wording.
    const slotId = Object.values(intent.slots ?? {})
      .filter((slot) => MEANINGFUL_SLOTS.has(slot.name))
      .map((slot) => slot.resolutions?.resolutionsPerAuthority?.find((authority) => authority.status.code === 'ER_SUCCESS_MATCH')?.values?.[0]?.value.id)
      .find((id) => id !== undefined);
    return slotId === undefined ? { intent: intent.name } : { intent: intent.name, slotId };
  }
  test.each(cases([...phrases.everyLocale, ...(phrases.byLocale?.[locale] ?? [])]))('"$phrase" -> $intent $slot', ({ phrase, want }) => {
    expect(route(phrase)).toEqual(want);
  });

  test("asking whether to call the local emergency number is a question about getting help", () => {
    const routes = callEmergencyPhrases(locale, phrases.callEmergency).map((phrase) => route(phrase).intent);
    expect(routes).toContain('WhenToSeeDoctorIntent');
  });

  test.each(cases([...(phrases.foundInReview ?? []), ...(phrases.reviewByLocale?.[locale] ?? [])]))('found in review: "$phrase" -> $intent $slot', ({ phrase, want }) => {
    expect(route(phrase)).toEqual(want);
  });
});
