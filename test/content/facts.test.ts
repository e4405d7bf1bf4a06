import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { protocol } from '../../lambda/protocol';
import { type Turn } from '../../tools/conversation';
import { CONTENT_FILES } from '../support/contentKeys';
import { entry, LOCALES as SUPPORTED_LOCALES, words } from '../support/contentWords';
import { SkillHarness } from '../support/harness';
import { walkEverything } from '../support/voiceWalk';

/**
 * The content guide's facts must be reachable by voice in every locale: a person walks
 * every topic and asks every fact, and what they hear must carry the guide's facts and
 * its corrections. Numbers come from content/protocol.json, never from this file; the words
 * that carry each fact are the language writer's own (test/phrases/<language>.json:
 * factWords, regular expressions, "{{n}}" standing for a number).
 */

const minutesOf = (kind: keyof typeof protocol.compresses, phase = 0): number => protocol.compresses[kind].phases[phase]?.minutes ?? NaN;
const COLD = minutesOf('cold');
const WARM = minutesOf('warm');
const MASSAGE = minutesOf('massage', 0);
const TOWEL = minutesOf('massage', 1);
const HOURS_BETWEEN = (protocol.compresses.cold.minutesBetween ?? NaN) / 60;
const OTHER_EMERGENCY_NUMBERS = ['911', '999', '000', '112', '119', '192', '997', '15'];

type FactWords = Readonly<Record<string, string>>;
const factWordFiles = new Map<string, FactWords>();

/** A language's words for the facts, from test/phrases/<language>.json. */
function factWordsOf(language: string): FactWords {
  let found = factWordFiles.get(language);
  if (!found) {
    const file = JSON.parse(readFileSync(join(__dirname, '..', 'phrases', `${language}.json`), 'utf8')) as { factWords?: FactWords };
    found = file.factWords ?? {};
    factWordFiles.set(language, found);
  }
  return found;
}

/** The pattern a language gives for a fact's word, with a number put in where it says "{{n}}". */
function factPattern(language: string, name: string, n?: number): RegExp {
  const source = factWordsOf(language)[name];
  if (source === undefined) throw new Error(`test/phrases/${language}.json has no factWords.${name}`);
  return new RegExp(source.replace(/\{\{n\}\}/g, String(n)), 'iu');
}

function sentencesOf(text: string): string[] {
  return text.split(/(?<=[.!?])\s+/);
}

let harness: SkillHarness;
beforeAll(async () => {
  harness = await SkillHarness.start();
});
afterAll(() => harness.close());

describe.each(SUPPORTED_LOCALES)('%s: what a person hears', (locale) => {
  const language = entry(locale).language;
  /** The language's pattern for a fact's word. */
  const w = (name: string, n?: number): RegExp => factPattern(language, name, n);
  let turns: Turn[];
  let heard: string;
  /** Whether one sentence the person heard matches every pattern. */
  const oneSentenceSays = (...patterns: RegExp[]): boolean =>
    sentencesOf(heard).some((sentence) => patterns.every((pattern) => pattern.test(sentence)));

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

  test(`cold compress for ${COLD} minutes, about every ${HOURS_BETWEEN} hours until bedtime`, () => {
    expect(oneSentenceSays(w('cold'), w('minutes', COLD))).toBe(true);
    expect(oneSentenceSays(w('about'), w('hours', HOURS_BETWEEN))).toBe(true);
    expect(oneSentenceSays(w('bedtime'), w('hours', HOURS_BETWEEN))).toBe(true);
  });

  test(`warm compress for ${WARM} minutes; massage ${MASSAGE} then a warm towel ${TOWEL} minutes`, () => {
    expect(oneSentenceSays(w('warm'), w('warmThing'), w('minutes', WARM))).toBe(true);
    expect(oneSentenceSays(w('massage'), w('minutes', MASSAGE))).toBe(true);
    expect(oneSentenceSays(w('towel'), w('minutes', TOWEL))).toBe(true);
  });

  test('cold first, warm once the pain eases', () => {
    expect(oneSentenceSays(w('coldFirst'), w('first'))).toBe(true);
    expect(oneSentenceSays(w('warm'), w('eases'))).toBe(true);
  });

  test('never ice straight on the skin; warm, not hot; never fall asleep on heat', () => {
    expect(oneSentenceSays(w('never'), w('ice'), w('skin'))).toBe(true);
    expect(heard).toMatch(w('warmNotHot'));
    expect(oneSentenceSays(w('never'), w('fallAsleep'), w('heat'))).toBe(true);
  });

  test('rest only briefly, then move gently [correction: not "complete rest"]', () => {
    expect(oneSentenceSays(w('rest'), w('briefly'))).toBe(true);
    expect(oneSentenceSays(w('move'), w('gently'))).toBe(true);
    expect(heard).not.toMatch(w('completeRest'));
  });

  test('medicines: never stop or change one; ask the doctor or pharmacist', () => {
    expect(oneSentenceSays(w('medicine'), w('never'), w('stop'))).toBe(true);
    expect(oneSentenceSays(w('doctorOrPharmacist'))).toBe(true);
  });

  test('spasms that keep coming back, or pain not improving after a few weeks, mean seeing a doctor', () => {
    expect(oneSentenceSays(w('keepsComingBack'), w('doctor'))).toBe(true);
    expect(oneSentenceSays(w('fewWeeks'), w('doctor'))).toBe(true);
  });

  test('cold drafts make muscles tighten [correction: no bone inflammation or infection]', () => {
    expect(oneSentenceSays(w('drafts'), w('tighten'))).toBe(true);
    expect(heard).not.toMatch(w('boneInfection'));
  });

  test('most spasms ease within weeks; surgery is rarely needed [correction: no "six weeks" acute]', () => {
    expect(oneSentenceSays(w('surgery'), w('rarely'))).toBe(true);
    expect(oneSentenceSays(w('most'), w('coupleOfWeeks'))).toBe(true);
    expect(heard).not.toMatch(w('sixWeeksAcute'));
  });

  test("the locale's emergency number is heard, and no other locale's", () => {
    const ours = entry(locale).emergency.display;
    expect(heard).toContain(ours);
    const others = new Set(OTHER_EMERGENCY_NUMBERS.filter((number) => number !== ours));
    expect([...others].filter((number) => new RegExp(`${factWordsOf(language).call ?? ''} ${number}\\b`, 'iu').test(heard))).toEqual([]);
  });

  test('the first-use disclaimer: general information, not medical advice or a diagnosis, no substitute for a doctor', () => {
    const first = turns[0]?.speech ?? '';
    expect(first).toMatch(w('generalInformation'));
    expect(first).toMatch(w('medicalAdvice'));
    expect(first).toMatch(w('diagnosis'));
    expect(first).toMatch(w('substituteForDoctor'));
    expect(first).toContain(entry(locale).emergency.display);
  });

  test('no medicine name or dose is spoken', () => {
    expect(heard).not.toMatch(w('medicineWords'));
  });
});

test('no content file names a medicine or dose, even in words no walk reaches', () => {
  const named = CONTENT_FILES.flatMap(({ lng, leaves }) => {
    const medicineWords = factPattern(lng.split('-')[0] ?? lng, 'medicineWords');
    return leaves.filter(([, text]) => medicineWords.test(text)).map(([key]) => `${lng}:${key}`);
  });
  expect(named).toEqual([]);
});
