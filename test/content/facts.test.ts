import { protocol } from '../../lambda/protocol';
import { type Turn } from '../../tools/conversation';
import { sections } from '../../tools/models/backTranslation';
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

/** "2 hours" as a number or in words, as a back-translation may write it. */
function hoursPattern(hours: number): RegExp {
  const inWords = ['zero', 'one', 'two', 'three', 'four', 'five', 'six'][hours];
  return new RegExp(`\\b(${hours}${inWords ? `|${inWords}` : ''}) hours\\b`, 'i');
}

function sentencesOf(text: string): string[] {
  return text.split(/(?<=[.!?])\s+/);
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * What a person heard, in English. The facts below are written in English; in any other
 * language each sentence the skill said is read through the meaning its writer gave it
 * (content/<language>/meaning.json, the table in docs/back-translation), its values carried
 * over, so every language is held to the same facts without a test knowing the language.
 */
function inEnglish(locale: string, text: string): string {
  const language = entry(locale).language;
  const codes = [locale, language];
  const rows = sections(language)
    .filter((section) => codes.includes(section.code))
    .sort((a, b) => codes.indexOf(a.code) - codes.indexOf(b.code))
    .flatMap((section) => section.rows)
    .filter((row) => row.meaning !== undefined && row.said.replace(/\{\{\s*\w+\s*\}\}/g, '').trim().length >= 8);
  if (rows.length === 0) return text;
  const patterns = rows
    .map((row) => {
      const names: string[] = [];
      const pieces = row.said.trim().split(/\{\{\s*(\w+)\s*\}\}/);
      const source = pieces
        .map((piece, index) => {
          if (index % 2 === 0) return escapeRegExp(piece.replace(/\[\[tel:([0-9 -]+)(?:\|[^\]]+)?\]\]/g, '$1'));
          names.push(piece);
          return index === pieces.length - 2 && pieces[pieces.length - 1] === '' ? '(.+?)(?=[.!?,;:]|$)' : '(.+?)';
        })
        .join('');
      return { pattern: new RegExp(source, 'g'), names, meaning: row.meaning ?? '', literal: pieces.filter((_, index) => index % 2 === 0).join('').length };
    })
    .sort((a, b) => b.literal - a.literal);
  let english = text;
  for (const { pattern, names, meaning } of patterns) {
    english = english.replace(pattern, (...found: unknown[]) =>
      meaning.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole: string, name: string) => {
        const at = names.indexOf(name);
        return at < 0 ? whole : String(found[at + 1]);
      }),
    );
  }
  return english;
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
    turns = (await walkEverything(harness.conversation(locale))).map((turn) => ({ ...turn, speech: inEnglish(locale, turn.speech) }));
    heard = turns.map((turn) => turn.speech).join('\n');
  });

  test('the walk really went through the skill (no fallback, no apology)', () => {
    expect(turns.map((turn) => turn.intent).filter((intent) => intent === 'AMAZON.FallbackIntent')).toEqual([]);
    const apologies = [words(locale, 'error.general'), words(locale, 'fallback.sorry')].map((apology) => inEnglish(locale, apology));
    expect(turns.filter((turn) => apologies.some((apology) => turn.speech.includes(apology))).map((turn) => turn.speech)).toEqual([]);
    expect(turns.length).toBeGreaterThan(Object.keys(protocol.topics).length);
  });

  test(`cold compress for ${COLD} minutes, about every ${HOURS_BETWEEN} hours until bedtime`, () => {
    expect(oneSentenceSays(/\b(cold|ice)\b/i, new RegExp(`\\b${COLD} minutes\\b`))).toBe(true);
    expect(oneSentenceSays(/\babout\b/i, hoursPattern(HOURS_BETWEEN))).toBe(true);
    expect(oneSentenceSays(/\bbedtime\b/i, hoursPattern(HOURS_BETWEEN))).toBe(true);
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
    expect(heard).toMatch(/\b(luke)?warm,? not (too )?hot\b/i);
    expect(oneSentenceSays(/\b(never|don't|do not)\b/i, /\b(fall asleep|sleep)\b/i, /\b(heat|hot)\b/i)).toBe(true);
  });

  test('rest only briefly, then move gently [correction: not "complete rest"]', () => {
    expect(oneSentenceSays(/\brest\b/i, /\bbrief(ly)?\b|\bshort (time|while)\b|\blittle while\b|\bonly a little\b/i)).toBe(true);
    expect(oneSentenceSays(/\bmov(e|ing)\b/i, /\bgentl[ey]\b|\bslowly\b|\bcalmly\b/i)).toBe(true);
    expect(heard).not.toMatch(/\b(complete|total|strict) (bed )?rest\b/i);
  });

  test('medicines: never stop or change one; ask the doctor or pharmacist', () => {
    expect(oneSentenceSays(/\bmedicine/i, /\b(never|don't|do not)\b/i, /\bstop\b/i)).toBe(true);
    expect(oneSentenceSays(/\bdoctor or (the |a |your )?pharmacist\b|\bpharmacist or (the |a |your )?doctor\b/i)).toBe(true);
  });

  test('spasms that keep coming back, or pain not improving after a few weeks, mean seeing a doctor', () => {
    expect(oneSentenceSays(/\b(keep|keeps) (coming back|returning)\b|\brecurring\b|\bfrequent\b/i, /\bdoctor\b/i)).toBe(true);
    expect(oneSentenceSays(/\bfew weeks\b/i, /\bdoctor\b/i)).toBe(true);
  });

  test('cold drafts make muscles tighten [correction: no bone inflammation or infection]', () => {
    expect(oneSentenceSays(/\b(drafts?|draughts?|cold air)\b/i, /\btighten|\bstiffen|\btense|\block up\b/i)).toBe(true);
    expect(heard).not.toMatch(/\binfection|inflammation in the bones?|bone inflammation/i);
  });

  test('most spasms ease within weeks; surgery is rarely needed [correction: no "six weeks" acute]', () => {
    expect(oneSentenceSays(/\b(surgery|operation)\b/i, /\brarely\b/i)).toBe(true);
    expect(oneSentenceSays(/\bmost\b/i, /\b(couple of|two|few) weeks\b|\ba week or two\b/i)).toBe(true);
    expect(heard).not.toMatch(/\b(six|6) weeks\b|\bacute\b/i);
  });

  test("the locale's emergency number is heard, and no other locale's", () => {
    const ours = entry(locale).emergency.display;
    expect(heard).toContain(ours);
    const others = new Set(OTHER_EMERGENCY_NUMBERS.filter((number) => number !== ours));
    expect([...others].filter((number) => new RegExp(`\\b(call|ring|dial) ${number}\\b`, 'i').test(heard))).toEqual([]);
  });

  test('the first-use disclaimer: general information, not medical advice or a diagnosis, no substitute for a doctor', () => {
    const first = turns[0]?.speech ?? '';
    expect(first).toMatch(/\bgeneral information\b/i);
    expect(first).toMatch(/\bmedical advice\b/i);
    expect(first).toMatch(/\bdiagnosis\b/i);
    expect(first).toMatch(/\b(substitute for|replace|replacement for|take the place of) (a|the|your) doctor\b/i);
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
