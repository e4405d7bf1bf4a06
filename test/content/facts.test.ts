import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { protocol } from '../../lambda/protocol';
import { type Turn } from '../../tools/conversation';
import { CONTENT_FILES } from '../support/contentKeys';
import { entry, LOCALES as SUPPORTED_LOCALES, REGISTRY, words } from '../support/contentWords';
import { SkillHarness } from '../support/harness';
import { walkEverything } from '../support/voiceWalk';

/**
 * The content guide's facts must be reachable by voice in every locale: a person walks
 * every topic and asks every fact, and what they hear must carry the guide's facts and
 * its corrections. How each fact sounds is the language's own (test/facts/<language>.json,
 * written with its words); numbers come from content/protocol.json, never from this file.
 */

const minutesOf = (kind: keyof typeof protocol.compresses, phase = 0): number => protocol.compresses[kind].phases[phase]?.minutes ?? NaN;
const TIMINGS: Readonly<Record<string, number>> = {
  coldMinutes: minutesOf('cold'),
  warmMinutes: minutesOf('warm'),
  massageMinutes: minutesOf('massage', 0),
  towelMinutes: minutesOf('massage', 1),
  hoursBetween: (protocol.compresses.cold.minutesBetween ?? NaN) / 60,
};
const OTHER_EMERGENCY_NUMBERS = ['911', '999', '000', '112', '119', '192', '997', '15'];

/** One fact, in a language's words: sentence tests, what the walk must and must not say, and what the first answer says. */
interface FactCheck {
  readonly sentences?: ReadonlyArray<readonly string[]>;
  readonly heard?: readonly string[];
  readonly notHeard?: readonly string[];
  readonly first?: readonly string[];
}
interface FactWords {
  readonly checks: Readonly<Record<string, FactCheck>>;
  readonly medicineWords: string;
}

const CHECKS: ReadonlyArray<readonly [string, string]> = [
  ['coldTiming', `cold compress for ${TIMINGS.coldMinutes} minutes, about every ${TIMINGS.hoursBetween} hours until bedtime`],
  ['warmAndMassageTiming', `warm compress for ${TIMINGS.warmMinutes} minutes; massage ${TIMINGS.massageMinutes} then a warm towel ${TIMINGS.towelMinutes} minutes`],
  ['coldFirst', 'cold first, warm once the pain eases'],
  ['safeTemperatures', 'never ice straight on the skin; warm, not hot; never fall asleep on heat'],
  ['restBriefly', 'rest only briefly, then move gently [correction: not "complete rest"]'],
  ['medicines', 'medicines: never stop or change one; ask the doctor or pharmacist'],
  ['seeDoctor', 'spasms that keep coming back, or pain not improving after a few weeks, mean seeing a doctor'],
  ['draftsCorrection', 'cold drafts make muscles tighten [correction: no bone inflammation or infection]'],
  ['recoveryCorrection', 'most spasms ease within weeks; surgery is rarely needed [correction: no "six weeks" acute]'],
  ['disclaimer', 'the first-use disclaimer: general information, not medical advice or a diagnosis, no substitute for a doctor'],
];

const factWordsCache = new Map<string, FactWords>();
function factWords(language: string): FactWords {
  let found = factWordsCache.get(language);
  if (!found) {
    found = JSON.parse(readFileSync(join(__dirname, '..', 'facts', `${language}.json`), 'utf8')) as FactWords;
    factWordsCache.set(language, found);
  }
  return found;
}

/** A pattern of the language's file, with the protocol's timings filled in. */
function pattern(text: string): RegExp {
  return new RegExp(text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(TIMINGS[name] ?? `{{${name}}}`)), 'iu');
}

function sentencesOf(text: string): string[] {
  return text.split(/(?<=[.!?؟])\s+|(?<=[。！？])/u);
}

let harness: SkillHarness;
beforeAll(async () => {
  harness = await SkillHarness.start();
});
afterAll(() => harness.close());

describe.each(SUPPORTED_LOCALES)('%s: what a person hears', (locale) => {
  let turns: Turn[];
  let heard: string;
  const facts = factWords(entry(locale).language);
  /** Whether one sentence the person heard matches every pattern. */
  const oneSentenceSays = (...patterns: RegExp[]): boolean =>
    sentencesOf(heard).some((sentence) => patterns.every((one) => one.test(sentence)));

  beforeAll(async () => {
    turns = await walkEverything(harness.conversation(locale));
    heard = turns.map((turn) => turn.speech).join('\n');
  });

  test('the walk really went through the skill (no fallback, no apology)', () => {
    expect(turns.map((turn) => turn.intent).filter((intent) => intent === 'AMAZON.FallbackIntent')).toEqual([]);
    const apologies = [words(locale, 'error.general'), words(locale, 'fallback.sorry')];
    expect(turns.filter((turn) => apologies.some((apology) => turn.speech.includes(apology))).map((turn) => turn.speech)).toEqual([]);
    expect(turns.length).toBeGreaterThan(Object.keys(protocol.topics).length);
  });

  test.each(CHECKS)('%s: %s', (id) => {
    const check = facts.checks[id];
    expect(check).toBeDefined();
    const missing = [
      ...(check?.sentences ?? []).filter((patterns) => !oneSentenceSays(...patterns.map(pattern))).map((patterns) => `no sentence with ${patterns.join(' + ')}`),
      ...(check?.heard ?? []).filter((one) => !pattern(one).test(heard)).map((one) => `never heard ${one}`),
      ...(check?.notHeard ?? []).filter((one) => pattern(one).test(heard)).map((one) => `heard ${one}`),
      ...(check?.first ?? []).filter((one) => !pattern(one).test(turns[0]?.speech ?? '')).map((one) => `first answer lacks ${one}`),
    ];
    expect(missing).toEqual([]);
    if (id === 'disclaimer') expect(turns[0]?.speech ?? '').toContain(entry(locale).emergency.display);
  });

  test("the locale's emergency number is heard, and no other locale's", () => {
    const ours = entry(locale).emergency.display;
    expect(heard).toContain(ours);
    const others = new Set(OTHER_EMERGENCY_NUMBERS.filter((number) => number !== ours));
    expect([...others].filter((number) => new RegExp(`\\b(call|ring|dial) ${number}\\b`, 'i').test(heard))).toEqual([]);
  });

  test('no medicine name or dose is spoken', () => {
    expect(heard).not.toMatch(pattern(factWords('en').medicineWords));
    expect(heard).not.toMatch(pattern(facts.medicineWords));
  });
});

test('no content file names a medicine or dose, even in words no walk reaches', () => {
  const languageOf = (lng: string): string => REGISTRY.locales[lng]?.language ?? lng;
  const named = CONTENT_FILES.flatMap(({ lng, leaves }) => {
    const own = pattern(factWords(languageOf(lng)).medicineWords);
    const english = pattern(factWords('en').medicineWords);
    return leaves.filter(([, text]) => english.test(text) || own.test(text)).map(([key]) => `${lng}:${key}`);
  });
  expect(named).toEqual([]);
});
