import { existsSync, readFileSync } from 'node:fs';
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
 * to look for are the language's own (test/phrases/<language>.json, "facts").
 */

const minutesOf = (kind: keyof typeof protocol.compresses, phase = 0): number => protocol.compresses[kind].phases[phase]?.minutes ?? NaN;
const COLD = minutesOf('cold');
const WARM = minutesOf('warm');
const MASSAGE = minutesOf('massage', 0);
const TOWEL = minutesOf('massage', 1);
const HOURS_BETWEEN = (protocol.compresses.cold.minutesBetween ?? NaN) / 60;
const OTHER_EMERGENCY_NUMBERS = ['911', '999', '000', '112', '119', '192', '997', '15'];

/** The patterns a language's facts are heard by: test/phrases/<language>.json "facts", {{n}} filled in. */
function factWords(language: string): (name: string, n?: number | string) => RegExp {
  const file = join(__dirname, '..', 'phrases', `${language}.json`);
  const facts = (existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { facts?: Record<string, string> }).facts : undefined) ?? {};
  return (name, n) => {
    const source = facts[name];
    if (source === undefined) throw new Error(`test/phrases/${language}.json has no facts.${name}`);
    return new RegExp(source.replace(/\{\{n\}\}/g, String(n ?? '')), 'iu');
  };
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
  const f = factWords(entry(locale).language);
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
    expect(oneSentenceSays(f('cold'), f('minutes', COLD))).toBe(true);
    expect(oneSentenceSays(f('about'), f('hours', HOURS_BETWEEN))).toBe(true);
    expect(oneSentenceSays(f('bedtime'), f('hours', HOURS_BETWEEN))).toBe(true);
  });

  test(`warm compress for ${WARM} minutes; massage ${MASSAGE} then a warm towel ${TOWEL} minutes`, () => {
    expect(oneSentenceSays(f('warm'), f('warmThing'), f('minutes', WARM))).toBe(true);
    expect(oneSentenceSays(f('massage'), f('minutes', MASSAGE))).toBe(true);
    expect(oneSentenceSays(f('towel'), f('minutes', TOWEL))).toBe(true);
  });

  test('cold first, warm once the pain eases', () => {
    expect(oneSentenceSays(f('cold'), f('first'))).toBe(true);
    expect(oneSentenceSays(f('warm'), f('eases'))).toBe(true);
  });

  test('never ice straight on the skin; warm, not hot; never fall asleep on heat', () => {
    expect(oneSentenceSays(f('never'), f('ice'), f('skin'))).toBe(true);
    expect(heard).toMatch(f('warmNotHot'));
    expect(oneSentenceSays(f('never'), f('fallAsleep'), f('heat'))).toBe(true);
  });

  test('rest only briefly, then move gently [correction: not "complete rest"]', () => {
    expect(oneSentenceSays(f('rest'), f('briefly'))).toBe(true);
    expect(oneSentenceSays(f('move'), f('gently'))).toBe(true);
    expect(heard).not.toMatch(f('completeRestForbidden'));
  });

  test('medicines: never stop or change one; ask the doctor or pharmacist', () => {
    expect(oneSentenceSays(f('medicine'), f('never'), f('stop'))).toBe(true);
    expect(oneSentenceSays(f('doctorOrPharmacist'))).toBe(true);
  });

  test('spasms that keep coming back, or pain not improving after a few weeks, mean seeing a doctor', () => {
    expect(oneSentenceSays(f('recurring'), f('doctor'))).toBe(true);
    expect(oneSentenceSays(f('fewWeeks'), f('doctor'))).toBe(true);
  });

  test('cold drafts make muscles tighten [correction: no bone inflammation or infection]', () => {
    expect(oneSentenceSays(f('drafts'), f('tighten'))).toBe(true);
    expect(heard).not.toMatch(f('boneClaimsForbidden'));
  });

  test('most spasms ease within weeks; surgery is rarely needed [correction: no "six weeks" acute]', () => {
    expect(oneSentenceSays(f('surgery'), f('rarely'))).toBe(true);
    expect(oneSentenceSays(f('most'), f('coupleOfWeeks'))).toBe(true);
    expect(heard).not.toMatch(f('acuteForbidden'));
  });

  test("the locale's emergency number is heard, and no other locale's", () => {
    const ours = entry(locale).emergency.display;
    expect(heard).toContain(ours);
    const others = new Set(OTHER_EMERGENCY_NUMBERS.filter((number) => number !== ours));
    expect([...others].filter((number) => f('callNumber', number).test(heard))).toEqual([]);
  });

  test('the first-use disclaimer: general information, not medical advice or a diagnosis, no substitute for a doctor', () => {
    const first = turns[0]?.speech ?? '';
    expect(first).toMatch(f('generalInformation'));
    expect(first).toMatch(f('medicalAdvice'));
    expect(first).toMatch(f('diagnosis'));
    expect(first).toMatch(f('substituteForDoctor'));
    expect(first).toContain(entry(locale).emergency.display);
  });

  test('no medicine name or dose is spoken', () => {
    expect(heard).not.toMatch(f('medicineWordsForbidden'));
  });
});

test('no content file names a medicine or dose, even in words no walk reaches', () => {
  const named = CONTENT_FILES.flatMap(({ lng, leaves }) => {
    const forbidden = factWords(lng.split('-')[0] ?? lng)('medicineWordsForbidden');
    return leaves.filter(([, text]) => forbidden.test(text)).map(([key]) => `${lng}:${key}`);
  });
  expect(named).toEqual([]);
});
