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
 * its corrections. Numbers come from content/protocol.json, never from this file.
 */

const minutesOf = (kind: keyof typeof protocol.compresses, phase = 0): number => protocol.compresses[kind].phases[phase]?.minutes ?? NaN;
const COLD = minutesOf('cold');
const WARM = minutesOf('warm');
const MASSAGE = minutesOf('massage', 0);
const TOWEL = minutesOf('massage', 1);
const HOURS_BETWEEN = (protocol.compresses.cold.minutesBetween ?? NaN) / 60;
const OTHER_EMERGENCY_NUMBERS = ['911', '999', '000', '112', '119', '192', '997', '15'];

/** Medicines and doses the guide never names: the skill must not either. */
const MEDICINE_WORDS = /\b(ibuprofen|paracetamol|acetaminophen|naproxen|aspirin|diclofenac|codeine|tylenol|advil|muscle relaxants?|painkillers?|tablets?|pills?|doses?|dosage|\d+\s*mg|milligrams?)\b/i;

function sentencesOf(text: string): string[] {
  return text.split(/(?<=[.!?])\s+/);
}

/**
 * What a person heard, in English. Where the locale's language has a back-translation
 * (content/<language>/meaning.json, content/<locale>/meaning.json: what each sentence means in
 * English, placeholders kept), every sentence of its content found in the speech is replaced by
 * that meaning with the values heard put in, so the guide's facts below are checked in every
 * language, on the same meanings a reviewer reads in docs/back-translation/.
 */
const CONTENT = join(__dirname, '..', '..', 'content');
type Tree = { readonly [key: string]: string | Tree };

function flatTree(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]): [string, string][] => {
    if (key === '$comment') return [];
    const path = prefix ? `${prefix}.${key}` : key;
    return typeof value === 'string' ? [[path, value]] : flatTree(value, path);
  });
}

function contentOf(code: string, file: string): [string, string][] {
  const path = join(CONTENT, code, file);
  return existsSync(path) ? flatTree(JSON.parse(readFileSync(path, 'utf8')) as Tree) : [];
}

interface Rendering {
  readonly pattern: RegExp;
  readonly names: readonly string[];
  readonly meaning: string;
  readonly literal: number;
}

const renderings = new Map<string, readonly Rendering[] | undefined>();

function renderingsOf(locale: string): readonly Rendering[] | undefined {
  if (renderings.has(locale)) return renderings.get(locale);
  const codes = [entry(locale).language, locale];
  const meanings = new Map(codes.flatMap((code) => contentOf(code, 'meaning.json')));
  let found: Rendering[] | undefined;
  if (meanings.size > 0) {
    const said = new Map(codes.flatMap((code) => contentOf(code, 'speech.json')));
    found = [...said].flatMap(([key, text]) => {
      const meaning = meanings.get(key);
      const pieces = text.split(/\{\{\s*(\w+)\s*\}\}/);
      const literal = pieces.filter((_, index) => index % 2 === 0).join('').replace(/\s/g, '').length;
      // Sentences that are (nearly) all values would match anything.
      if (meaning === undefined || literal < 6) return [];
      const source = pieces.map((piece, index) => (index % 2 === 1 ? '([^.!?。！？\\n]+?)' : piece.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('');
      return [{ pattern: new RegExp(source, 'gu'), names: pieces.filter((_, index) => index % 2 === 1), meaning, literal }];
    });
    found.sort((a, b) => b.literal - a.literal);
  }
  renderings.set(locale, found);
  return found;
}

function inEnglish(locale: string, text: string): string {
  const list = renderingsOf(locale);
  if (!list) return text;
  let english = text;
  for (const { pattern, names, meaning } of list) {
    english = english.replace(pattern, (...groups: unknown[]) => {
      const value = (name: string): string => String(groups[names.indexOf(name) + 1] ?? `{{${name}}}`);
      return ` ${meaning.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => (names.includes(name) ? value(name) : `{{${name}}}`))} `;
    });
  }
  return english.replace(/\s+/g, ' ').trim();
}

let harness: SkillHarness;
beforeAll(async () => {
  harness = await SkillHarness.start();
});
afterAll(() => harness.close());

describe.each(SUPPORTED_LOCALES)('%s: what a person hears', (locale) => {
  let turns: Turn[];
  let heard: string;
  /** Whether one sentence the person heard matches every pattern. */
  const oneSentenceSays = (...patterns: RegExp[]): boolean =>
    sentencesOf(heard).some((sentence) => patterns.every((pattern) => pattern.test(sentence)));

  beforeAll(async () => {
    turns = await walkEverything(harness.conversation(locale));
    heard = turns.map((turn) => inEnglish(locale, turn.speech)).join('\n');
  });

  test('the walk really went through the skill (no fallback, no apology)', () => {
    expect(turns.map((turn) => turn.intent).filter((intent) => intent === 'AMAZON.FallbackIntent')).toEqual([]);
    const apologies = [words(locale, 'error.general'), words(locale, 'fallback.sorry')];
    expect(turns.filter((turn) => apologies.some((apology) => turn.speech.includes(apology))).map((turn) => turn.speech)).toEqual([]);
    expect(turns.length).toBeGreaterThan(Object.keys(protocol.topics).length);
  });

  test(`cold compress for ${COLD} minutes, about every ${HOURS_BETWEEN} hours until bedtime`, () => {
    expect(oneSentenceSays(/\b(cold|ice)\b/i, new RegExp(`\\b${COLD} minutes\\b`))).toBe(true);
    expect(oneSentenceSays(/\babout\b/i, new RegExp(`\\b${HOURS_BETWEEN} hours\\b`))).toBe(true);
    expect(oneSentenceSays(/\bbedtime\b/i, new RegExp(`\\b${HOURS_BETWEEN} hours\\b`))).toBe(true);
  });

  test(`warm compress for ${WARM} minutes; massage ${MASSAGE} then a warm towel ${TOWEL} minutes`, () => {
    expect(oneSentenceSays(/\bwarm/i, /compress|towel|water/i, new RegExp(`\\b${WARM} minutes\\b`))).toBe(true);
    expect(oneSentenceSays(/\bmassage\b/i, new RegExp(`\\b${MASSAGE} minutes\\b`))).toBe(true);
    expect(oneSentenceSays(/\btowel\b/i, new RegExp(`\\b${TOWEL} minutes\\b`))).toBe(true);
  });

  test('cold first, warm once the pain eases', () => {
    expect(oneSentenceSays(/\bcold\b/i, /\bfirst\b/i)).toBe(true);
    expect(oneSentenceSays(/\bwarm/i, /\b(eases?|easing)\b/i)).toBe(true);
  });

  test('never ice straight on the skin; warm, not hot; never fall asleep on heat', () => {
    expect(oneSentenceSays(/\b(never|don't|do not)\b/i, /\bice\b/i, /\bskin\b/i)).toBe(true);
    expect(heard).toMatch(/\bwarm,? not hot\b/i);
    expect(oneSentenceSays(/\b(never|don't|do not)\b/i, /\bfall asleep\b/i, /\bheat\b/i)).toBe(true);
  });

  test('rest only briefly, then move gently [correction: not "complete rest"]', () => {
    expect(oneSentenceSays(/\brest\b/i, /\bbrief(ly)?\b/i)).toBe(true);
    expect(oneSentenceSays(/\bmov(e|ing)\b/i, /\bgentl[ey]\b/i)).toBe(true);
    expect(heard).not.toMatch(/\b(complete|total|strict) (bed )?rest\b/i);
  });

  test('medicines: never stop or change one; ask the doctor or pharmacist', () => {
    expect(oneSentenceSays(/\bmedicine/i, /\b(never|don't|do not)\b/i, /\bstop\b/i)).toBe(true);
    expect(oneSentenceSays(/\bdoctor or pharmacist\b/i)).toBe(true);
  });

  test('spasms that keep coming back, or pain not improving after a few weeks, mean seeing a doctor', () => {
    expect(oneSentenceSays(/\b(keep|keeps) (coming back|returning)\b|\brecurring\b|\bfrequent\b/i, /\bdoctor\b/i)).toBe(true);
    expect(oneSentenceSays(/\bfew weeks\b/i, /\bdoctor\b/i)).toBe(true);
  });

  test('cold drafts make muscles tighten [correction: no bone inflammation or infection]', () => {
    expect(oneSentenceSays(/\b(drafts?|draughts?)\b/i, /\btighten/i)).toBe(true);
    expect(heard).not.toMatch(/\binfection|inflammation in the bones?|bone inflammation/i);
  });

  test('most spasms ease within weeks; surgery is rarely needed [correction: no "six weeks" acute]', () => {
    expect(oneSentenceSays(/\bsurgery\b/i, /\brarely\b/i)).toBe(true);
    expect(oneSentenceSays(/\bmost\b/i, /\bcouple of weeks\b/i)).toBe(true);
    expect(heard).not.toMatch(/\b(six|6) weeks\b|\bacute\b/i);
  });

  test("the locale's emergency number is heard, and no other locale's", () => {
    const ours = entry(locale).emergency.display;
    expect(heard).toContain(ours);
    const others = new Set(OTHER_EMERGENCY_NUMBERS.filter((number) => number !== ours));
    expect([...others].filter((number) => new RegExp(`\\b(call|ring|dial) ${number}\\b`, 'i').test(heard))).toEqual([]);
  });

  test('the first-use disclaimer: general information, not medical advice or a diagnosis, no substitute for a doctor', () => {
    const first = inEnglish(locale, turns[0]?.speech ?? '');
    expect(first).toMatch(/\bgeneral information\b/i);
    expect(first).toMatch(/\bmedical advice\b/i);
    expect(first).toMatch(/\bdiagnosis\b/i);
    expect(first).toMatch(/\bsubstitute for a doctor\b/i);
    expect(first).toContain(entry(locale).emergency.display);
  });

  test('no medicine name or dose is spoken', () => {
    expect(heard).not.toMatch(MEDICINE_WORDS);
  });
});

test('no content file names a medicine or dose, even in words no walk reaches', () => {
  const named = CONTENT_FILES.flatMap(({ lng, leaves }) => leaves.filter(([, text]) => MEDICINE_WORDS.test(text)).map(([key]) => `${lng}:${key}`));
  expect(named).toEqual([]);
});
