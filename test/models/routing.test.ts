import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { matcherFor } from '../../tools/nlu/interactionModel';
import { LOCALES, entry } from '../support/contentWords';

/**
 * Natural phrasings, typed through each locale's real interaction model (tools/nlu), land
 * on the intent and slot value the skill needs. A phrase that stops matching here is one
 * a person in pain would be answered wrongly for. The phrasings are each language's own
 * (test/phrases/<language>.json: routing, routingReview), with a locale's own words in
 * test/phrases/<locale>.json.
 */

type Row = readonly [phrase: string, intent: string, slotId?: string];

interface RoutingPhrases {
  /** What people say everywhere the language is spoken. */
  readonly routing?: readonly Row[];
  /** Phrasings found missing in review and added to the models; kept so they stay routed. */
  readonly routingReview?: readonly Row[];
  /** "should I call {{number}}": asking whether to call the emergency number. */
  readonly callEmergency?: string;
  /** The words for the digits 0 to 9, as a number is read digit by digit. */
  readonly digitWords?: readonly string[];
}

/** A language's (or a locale's own) routing phrases, from test/phrases/<code>.json. */
function routingPhrases(code: string): RoutingPhrases {
  const file = join(__dirname, '..', 'phrases', `${code}.json`);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as RoutingPhrases) : {};
}

const MEANINGFUL_SLOTS = new Set(['remedy', 'tip', 'cause', 'symptom', 'compress', 'medicine']);

/** "should I call ..." with the locale's emergency number as people say it: "nine nine nine", "triple zero". */
function callEmergencyPhrases(locale: string): string[] {
  const words = routingPhrases(entry(locale).language);
  const number = entry(locale).emergency;
  const digits = [...number.display.replace(/\D/g, '')].map((digit) => words.digitWords?.[Number(digit)] ?? digit).join(' ');
  return [digits, ...(number.spoken ? [number.spoken] : [])].map((form) => (words.callEmergency ?? '{{number}}').replace('{{number}}', form));
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

describe.each(LOCALES)('%s', (locale) => {
  const matcher = matcherFor(locale);
  const language = routingPhrases(entry(locale).language);
  const own = routingPhrases(locale);

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
  test.each(cases([...(language.routing ?? []), ...(own.routing ?? [])]))('"$phrase" -> $intent $slot', ({ phrase, want }) => {
    expect(route(phrase)).toEqual(want);
  });

  test("asking whether to call the local emergency number is a question about getting help", () => {
    const routes = callEmergencyPhrases(locale).map((phrase) => route(phrase).intent);
    expect(routes).toContain('WhenToSeeDoctorIntent');
  });

  test.each(cases([...(language.routingReview ?? []), ...(own.routingReview ?? [])]))('found in review: "$phrase" -> $intent $slot', ({ phrase, want }) => {
    expect(route(phrase)).toEqual(want);
  });
});
