import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { matcherFor } from '../../tools/nlu/interactionModel';
import { LOCALES, REGISTRY, entry } from '../support/contentWords';

/**
 * Natural phrasings, typed through each locale's real interaction model (tools/nlu), land
 * on the intent and slot value the skill needs. A phrase that stops matching here is one
 * a person in pain would be answered wrongly for.
 */

type Row = readonly [phrase: string, intent: string, slotId?: string];

/** What people say everywhere English is spoken. */
const EVERY_LOCALE: readonly Row[] = [
  ["my back's seized up", 'TreatmentIntent'],
  ['I threw my back out', 'TreatmentIntent'],
  ['how do I treat a back spasm', 'TreatmentIntent'],
  ['tell me about the warm compress', 'RemedyIntent', 'warmCompress'],
  ['how do I do the massage', 'RemedyIntent', 'massage'],
  ['tell me about resting', 'RemedyIntent', 'rest'],
  ['can I use a heating pad', 'RemedyIntent', 'warmCompress'],
  ['what about a hot water bottle', 'RemedyIntent', 'warmCompress'],
  ['is ice good for a back spasm', 'RemedyIntent', 'coldCompress'],
  ['which should I use ice or heat', 'IceOrHeatIntent'],
  ['should I use ice or heat', 'IceOrHeatIntent'],
  ['is heat better than ice', 'IceOrHeatIntent'],
  ['how long should I ice my back', 'CompressDurationIntent', 'coldCompress'],
  ['how long do I leave the ice pack on', 'CompressDurationIntent', 'coldCompress'],
  ['how often should I ice my back', 'CompressDurationIntent', 'coldCompress'],
  ['how long should I keep the heat on', 'CompressDurationIntent', 'warmCompress'],
  ['how long is the massage', 'CompressDurationIntent', 'massage'],
  ['what causes back spasms', 'CausesIntent'],
  ['why did my back spasm', 'CausesIntent'],
  ['what are the symptoms', 'SymptomsIntent'],
  ['what does a back spasm feel like', 'SymptomsIntent'],
  ['how can I prevent this', 'PreventionIntent'],
  ['how do I stop it happening again', 'PreventionIntent'],
  ['does swimming help', 'PreventionIntent', 'exercise'],
  ['how long will this last', 'RecoveryIntent'],
  ['will I need surgery', 'RecoveryIntent'],
  ['when should I see a doctor', 'WhenToSeeDoctorIntent'],
  ['do I need a doctor', 'WhenToSeeDoctorIntent'],
  ["I can't feel my legs", 'RedFlagIntent', 'numb_legs'],
  ['my legs are weak', 'RedFlagIntent', 'weak_legs'],
  ['numbness in my groin', 'RedFlagIntent', 'saddle_numbness'],
  ["I can't control my bladder", 'RedFlagIntent', 'bladder_bowel'],
  ['I wet myself', 'RedFlagIntent', 'bladder_bowel'],
  ['chest pain', 'RedFlagIntent', 'chest_pain'],
  ['I fell down the stairs', 'RedFlagIntent', 'serious_fall'],
  ['I have a fever', 'RedFlagIntent', 'fever'],
  ["I've lost weight without trying", 'RedFlagIntent', 'weight_loss'],
  ["it's worse at night", 'RedFlagIntent', 'night_pain'],
  ['it keeps coming back', 'RedFlagIntent', 'recurring'],
  ['start a cold compress timer', 'StartCompressTimerIntent', 'cold'],
  ['how much longer', 'TimeLeftIntent'],
  ['cancel the timer', 'CancelCompressTimerIntent'],
  ['remind me every two hours until bedtime', 'CompressRemindersIntent'],
  ['stop my compress reminders', 'StopCompressRemindersIntent'],
  ['forget me', 'ForgetMeIntent'],
  ['delete my data', 'ForgetMeIntent'],
  ['next', 'AMAZON.NextIntent'],
  ['go back', 'AMAZON.PreviousIntent'],
  ['repeat that', 'AMAZON.RepeatIntent'],
  ['start over', 'AMAZON.StartOverIntent'],
  ['help', 'AMAZON.HelpIntent'],
  ['stop', 'AMAZON.StopIntent'],
  ["what's the weather", 'AMAZON.FallbackIntent'],
  ['play some music', 'AMAZON.FallbackIntent'],
  ['order a pizza', 'AMAZON.FallbackIntent'],
];

/** Each locale's own words. */
const LOCALE_ONLY: Readonly<Record<string, readonly Row[]>> = {
  'en-GB': [
    ["I've done my back in", 'TreatmentIntent'],
    ["my back's gone", 'TreatmentIntent'],
    ['can I use a wheat bag', 'RemedyIntent', 'warmCompress'],
    ['tell me about the cold flannel', 'RemedyIntent', 'coldCompress'],
    ['should I ring my g. p.', 'WhenToSeeDoctorIntent'],
    ["I can't wee", 'RedFlagIntent', 'bladder_bowel'],
    ['tell me about draughts', 'PreventionIntent', 'cold'],
  ],
  'en-CA': [
    ['what about the magic bag', 'RemedyIntent', 'warmCompress'],
    ['should I go to emerg', 'WhenToSeeDoctorIntent'],
    ['tell me about drafts', 'PreventionIntent', 'cold'],
  ],
  'en-AU': [
    ["my back's stuffed", 'TreatmentIntent'],
    ['can I use a wheat bag', 'RemedyIntent', 'warmCompress'],
    ['should I see my g. p.', 'WhenToSeeDoctorIntent'],
    ["I can't have a wee", 'RedFlagIntent', 'bladder_bowel'],
    ['tell me about air con', 'PreventionIntent', 'cold'],
  ],
  'en-IN': [
    ['there is a catch in my back', 'TreatmentIntent'],
    ['tell me about the hot water bag', 'RemedyIntent', 'warmCompress'],
    ['should I consult a doctor', 'WhenToSeeDoctorIntent'],
  ],
  'en-US': [['tell me about drafts', 'PreventionIntent', 'cold']],
};

/** Phrasings found missing in review and added to every model; kept so they stay routed. */
const FOUND_IN_REVIEW: readonly Row[] = [
  ['I was in a car accident', 'RedFlagIntent', 'serious_fall'],
  ['I pulled my back', 'TreatmentIntent'],
  ["I've got a spasm in my lower back", 'TreatmentIntent'],
  ['my back is in spasm', 'TreatmentIntent'],
  ['what should I do for my back spasm', 'TreatmentIntent'],
  ['how do I make an ice pack', 'RemedyIntent', 'coldCompress'],
  ['why does my back keep spasming', 'CausesIntent'],
  ['what can I do to stop it coming back', 'PreventionIntent'],
];

/** The same question in each locale's own spelling of the word its recognizer writes. */
const AVOID_DRAFTS: Readonly<Record<string, Row>> = {
  'en-US': ['how do I avoid cold drafts', 'PreventionIntent', 'cold'],
  'en-CA': ['how do I avoid cold drafts', 'PreventionIntent', 'cold'],
  'en-IN': ['how do I avoid cold drafts', 'PreventionIntent', 'cold'],
  'en-GB': ['how do I avoid cold draughts', 'PreventionIntent', 'cold'],
  'en-AU': ['how do I avoid cold draughts', 'PreventionIntent', 'cold'],
};

const MEANINGFUL_SLOTS = new Set(['remedy', 'missing', 'tip', 'cause', 'symptom', 'compress', 'medicine']);
const DIGIT_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

/** "should I call ..." with the locale's emergency number as people say it: "nine nine nine", "triple zero". */
function callEmergencyPhrases(locale: string): string[] {
  const number = entry(locale).emergency;
  const digits = [...number.display.replace(/\D/g, '')].map((digit) => DIGIT_WORDS[Number(digit)] ?? digit).join(' ');
  return [digits, ...(number.spoken ? [number.spoken] : [])].map((form) => `should I call ${form}`);
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

/** The intent and the resolved slot value id (if any) Alexa would send for typed text. */
function routeIn(locale: string, phrase: string): { intent: string; slotId?: string } {
  const intent = matcherFor(locale).match(phrase, undefined, 'exact').intent;
  // Only slots whose value the skill acts on; phrase-class slots ({problem}, {care}) only carry wording.
  const slotId = Object.values(intent.slots ?? {})
    .filter((slot) => MEANINGFUL_SLOTS.has(slot.name))
    .map((slot) => slot.resolutions?.resolutionsPerAuthority?.find((authority) => authority.status.code === 'ER_SUCCESS_MATCH')?.values?.[0]?.value.id)
    .find((id) => id !== undefined);
  return slotId === undefined ? { intent: intent.name } : { intent: intent.name, slotId };
}

/**
 * The tables above are in the registry's base language and run in its locales. Every other
 * language brings its own rows, the way its people say these things (test/phrases/<language>.json
 * and test/phrases/<locale>.json, "routing": [phrase, intent, slot value id?]).
 */
const BASE_LANGUAGE = entry(REGISTRY.defaultLocale).language;
const MIN_OWN_ROWS = 30;

function ownRows(locale: string): Row[] {
  return [entry(locale).language, locale].flatMap((code) => {
    const file = join(__dirname, '..', 'phrases', `${code}.json`);
    if (!existsSync(file)) return [];
    const rows = (JSON.parse(readFileSync(file, 'utf8')) as { routing?: Row[] }).routing;
    return rows ?? [];
  });
}

/** "should I call <the number as people there say it>": test/phrases "callEmergency" of the locale, else of its language. */
function ownCallEmergency(locale: string): string[] {
  for (const code of [locale, entry(locale).language]) {
    const file = join(__dirname, '..', 'phrases', `${code}.json`);
    const phrases = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { callEmergency?: string[] }).callEmergency : undefined;
    if (phrases && phrases.length > 0) return phrases;
  }
  return [];
}

describe.each(LOCALES.filter((locale) => entry(locale).language !== BASE_LANGUAGE))('%s, in its own words', (locale) => {
  const rows = ownRows(locale);

  test(`has at least ${MIN_OWN_ROWS} rows of its own, every intent the base rows check among them`, () => {
    expect(rows.length).toBeGreaterThanOrEqual(MIN_OWN_ROWS);
    const wanted = new Set([...EVERY_LOCALE, ...FOUND_IN_REVIEW].map(([, intent]) => intent));
    expect([...wanted].filter((intent) => !rows.some(([, own]) => own === intent))).toEqual([]);
  });

  test.each(cases(rows))('"$phrase" -> $intent $slot', ({ phrase, want }) => {
    expect(routeIn(locale, phrase)).toEqual(want);
  });

  test('asking whether to call the local emergency number, as people there say it, is a question about getting help', () => {
    const phrases = ownCallEmergency(locale);
    expect(phrases.length).toBeGreaterThan(0);
    expect(phrases.map((phrase) => routeIn(locale, phrase).intent)).toContain('WhenToSeeDoctorIntent');
  });
});

describe.each(LOCALES.filter((locale) => entry(locale).language === BASE_LANGUAGE))('%s', (locale) => {
  const route = (phrase: string): { intent: string; slotId?: string } => routeIn(locale, phrase);
  test.each(cases([...EVERY_LOCALE, ...(LOCALE_ONLY[locale] ?? [])]))('"$phrase" -> $intent $slot', ({ phrase, want }) => {
    expect(route(phrase)).toEqual(want);
  });

  test("asking whether to call the local emergency number is a question about getting help", () => {
    const routes = callEmergencyPhrases(locale).map((phrase) => route(phrase).intent);
    expect(routes).toContain('WhenToSeeDoctorIntent');
  });

  test.each(cases([...FOUND_IN_REVIEW, ...(AVOID_DRAFTS[locale] ? [AVOID_DRAFTS[locale]] : [])]))('found in review: "$phrase" -> $intent $slot', ({ phrase, want }) => {
    expect(route(phrase)).toEqual(want);
  });

  // Rows kept as data beside the tables (test/phrases/en.json "routing"): safety said the way people talk.
  test.each(cases(ownRows(locale)))('safety in their words: "$phrase" -> $intent $slot', ({ phrase, want }) => {
    expect(route(phrase)).toEqual(want);
  });
});
