/**
 * Clock times and durations read from the words that were said, in any language, with that
 * language's words from content/<language>/heard.json. Alexa resolves its built-in slots
 * ("22:00", "PT2H"), but a value can also arrive as words ("ten pm", "zehn Uhr abends",
 * "夜十時半"), from simulators, some devices, and the local matcher (tools/nlu), which uses
 * this reading to fill built-in slots the way Alexa would.
 *
 * The words become tokens (numbers, units, markers such as "pm" or "half past"), longest
 * phrase first: word by word where the language writes spaces, character by character where
 * it does not. Where a marker stands does not matter ("half past ten", "diez y media",
 * "十時半"), so one reading serves every language.
 */
export interface HeardWords {
  /** Number words and phrases ("forty five", "fünfundvierzig", "二十二", "ढाई" = 2.5). */
  readonly numbers: Readonly<Record<string, number>>;
  /** Units of time, in minutes ("minutes": 1, "Stunde": 60). */
  readonly units: Readonly<Record<string, number>>;
  /** Words between the parts of a number or a duration ("and", "y", "und"). */
  readonly joiners?: readonly string[];
  /** Words around a time that say nothing of it ("at", "until", "um", "bis", "頃"). */
  readonly fillers?: readonly string[];
  /**
   * Words that only mark a clock time ("o'clock", "Uhr", "時", "बजे"). A word that is also a
   * unit (French "heures", one word for "o'clock" and "hours") is a unit in a duration and
   * only marks the time in a clock time.
   */
  readonly clockWords?: readonly string[];
  /** Before noon ("am", "morgens"). */
  readonly morning: readonly string[];
  /** After noon ("pm", "abends"): one to eleven are afternoon or evening hours. */
  readonly evening: readonly string[];
  /** At night ("at night", "nachts", "夜"): five to eleven are evening hours, one to four after midnight. */
  readonly night?: readonly string[];
  readonly noon: readonly string[];
  readonly midnight: readonly string[];
  /** Half past the hour said ("half past", "y media", "et demie", "半", "साढ़े"). */
  readonly pastHalf?: readonly string[];
  /** Half before the hour said ("halb" elf = 10:30, "half" elf). */
  readonly halfBefore?: readonly string[];
  readonly quarterPast?: readonly string[];
  readonly quarterTo?: readonly string[];
  /** A part of the day said alone, as Alexa's AMAZON.TIME gives it ("tonight": "NI"). */
  readonly partsOfDay?: Readonly<Record<string, string>>;
}

type Mark = 'morning' | 'evening' | 'night' | 'noon' | 'midnight' | 'pastHalf' | 'halfBefore' | 'quarterPast' | 'quarterTo';
const MARKS: readonly Mark[] = ['morning', 'evening', 'night', 'noon', 'midnight', 'pastHalf', 'halfBefore', 'quarterPast', 'quarterTo'];

type Token =
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'clock'; readonly hour: number; readonly minute: number }
  | { readonly kind: 'unit'; readonly minutes: number; readonly alsoClockWord?: boolean }
  | { readonly kind: 'mark'; readonly mark: Mark }
  | { readonly kind: 'joiner' }
  | { readonly kind: 'filler' }
  | { readonly kind: 'unknown' };

type Entry = Exclude<Token, { kind: 'clock' } | { kind: 'unknown' }>;

interface Vocabulary {
  readonly unspaced: boolean;
  readonly phrases: ReadonlyMap<string, Entry>;
  readonly longest: number;
}

const UNSPACED = new Set(['ja', 'zh', 'th']);
const vocabularies = new WeakMap<HeardWords, Map<string, Vocabulary>>();

/** Lower case, letters, digits and "10:30"; no punctuation; "11pm" as "11 pm". */
function clean(text: string, language: string): string {
  const lowered = text
    .normalize('NFC')
    .toLocaleLowerCase(language)
    .replace(/[\u2018\u2019\u02bc`´]/g, "'")
    .replace(/(\d)[.h](\d\d)\b/g, '$1:$2')
    .replace(/(\d)(?=\p{L})|(\p{L})(?=\d)/gu, '$1$2 ')
    .replace(/[^\p{L}\p{M}\p{N}':\s]+/gu, ' ')
    .replace(/(^|\s)'+|'+(?=\s|$)/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
  return UNSPACED.has(language) ? lowered.replace(/\s+/g, '') : lowered;
}

function vocabulary(heard: HeardWords, language: string): Vocabulary {
  let byLanguage = vocabularies.get(heard);
  if (!byLanguage) vocabularies.set(heard, (byLanguage = new Map()));
  const known = byLanguage.get(language);
  if (known) return known;
  const unspaced = UNSPACED.has(language);
  const phrases = new Map<string, Entry>();
  const add = (phrase: string, entry: Entry): void => {
    const key = clean(phrase, language);
    if (key !== '' && !phrases.has(key)) phrases.set(key, entry);
  };
  // Markers first: "half past" is a marker before "half" can be a number.
  for (const mark of MARKS) for (const phrase of heard[mark] ?? []) add(phrase, { kind: 'mark', mark });
  const clockWords = new Set((heard.clockWords ?? []).map((phrase) => clean(phrase, language)));
  for (const [phrase, value] of Object.entries(heard.units)) {
    add(phrase, clockWords.has(clean(phrase, language)) ? { kind: 'unit', minutes: value, alsoClockWord: true } : { kind: 'unit', minutes: value });
  }
  for (const [phrase, value] of Object.entries(heard.numbers)) add(phrase, { kind: 'number', value });
  for (const phrase of heard.joiners ?? []) add(phrase, { kind: 'joiner' });
  for (const phrase of [...(heard.fillers ?? []), ...(heard.clockWords ?? [])]) add(phrase, { kind: 'filler' });
  const longest = Math.max(1, ...[...phrases.keys()].map((key) => (unspaced ? key.length : key.split(' ').length)));
  const built = { unspaced, phrases, longest };
  byLanguage.set(language, built);
  return built;
}

const DIGITS = /^(\d{1,2}):(\d{2})|^\d+(?:\.\d+)?/;

/** The words as tokens, longest known phrase first. */
function tokens(text: string, heard: HeardWords, language: string): Token[] {
  const vocab = vocabulary(heard, language);
  const cleaned = clean(text, language);
  const found: Token[] = [];
  // Character by character where the language writes no spaces, word by word where it does.
  const units = vocab.unspaced ? cleaned.split('') : cleaned === '' ? [] : cleaned.split(' ');
  const separator = vocab.unspaced ? '' : ' ';
  let at = 0;
  while (at < units.length) {
    // Digits: a run of them anywhere in unspaced text, a whole word in spaced text.
    const rest = vocab.unspaced ? units.slice(at).join('') : (units[at] ?? '');
    const digits = DIGITS.exec(rest);
    if (digits && (vocab.unspaced || digits[0].length === rest.length)) {
      found.push(digits[2] !== undefined ? { kind: 'clock', hour: Number(digits[1]), minute: Number(digits[2]) } : { kind: 'number', value: Number(digits[0]) });
      at += vocab.unspaced ? digits[0].length : 1;
      continue;
    }
    let matched = false;
    for (let length = Math.min(vocab.longest, units.length - at); length > 0; length -= 1) {
      const entry = vocab.phrases.get(units.slice(at, at + length).join(separator));
      if (entry) {
        found.push(entry);
        at += length;
        matched = true;
        break;
      }
    }
    if (!matched) {
      found.push({ kind: 'unknown' });
      at += 1;
    }
  }
  return found;
}

/** Numbers said in parts become one: tens then units ("forty five", "treinta y cinco"). */
function joinNumbers(list: readonly Token[]): Token[] {
  const out: Token[] = [];
  for (let index = 0; index < list.length; index += 1) {
    const token = list[index] as Token;
    const last = out[out.length - 1];
    const viaJoiner = token.kind === 'joiner' && list[index + 1]?.kind === 'number';
    const next = viaJoiner ? list[index + 1] : token;
    if (
      last?.kind === 'number' &&
      next?.kind === 'number' &&
      last.value >= 20 &&
      last.value < 100 &&
      last.value % 10 === 0 &&
      next.value >= 1 &&
      next.value <= 9 &&
      Number.isInteger(next.value)
    ) {
      out[out.length - 1] = { kind: 'number', value: last.value + next.value };
      if (viaJoiner) index += 1;
      continue;
    }
    out.push(token);
  }
  return out;
}

export interface ClockTime {
  readonly hour: number;
  readonly minute: number;
  /** Whether the words said morning or evening; undefined when only the hour was said. */
  readonly half?: 'am' | 'pm';
}

/** A clock time from words ("ten pm", "half past ten", "halb elf", "夜十時半"); undefined when the words are not one. */
export function heardClockTime(text: string, heard: HeardWords, language: string): ClockTime | undefined {
  const said = joinNumbers(tokens(text, heard, language)).filter(
    (token) => token.kind !== 'filler' && token.kind !== 'joiner' && !(token.kind === 'unit' && token.alsoClockWord === true),
  );
  // The minute of a clock time may carry the minute unit ("10時30分", "दस बजकर तीस मिनट" are ten thirty), never the hour.
  const minuteAt = said.flatMap((token, index) => (token.kind === 'number' ? [index] : []))[1];
  const unitAfter = minuteAt === undefined ? undefined : said[minuteAt + 1];
  const list = unitAfter?.kind === 'unit' && unitAfter.minutes === 1 ? said.filter((_, index) => index !== (minuteAt ?? -1) + 1) : said;
  if (list.some((token) => token.kind === 'unit' || token.kind === 'unknown')) return undefined;
  const marks = new Set(list.flatMap((token) => (token.kind === 'mark' ? [token.mark] : [])));
  const clock = list.find((token) => token.kind === 'clock');
  const numbers = list.flatMap((token) => (token.kind === 'number' ? [token.value] : []));
  let hour: number;
  let minute = 0;
  if (clock?.kind === 'clock') {
    hour = clock.hour;
    minute = clock.minute;
  } else if (numbers.length > 0) {
    hour = numbers[0] as number;
    if (numbers.length > 1) minute = numbers[1] as number;
    if (numbers.length > 2) return undefined;
    // An hour said as a half number is half past it ("डेढ़ बजे" = 1:30, "ढाई बजे" = 2:30); a
    // half alone ("half", "आधा") is no time at all.
    if (numbers.length === 1 && hour % 1 === 0.5 && hour > 1) {
      hour = Math.floor(hour);
      minute = 30;
    }
  } else if (marks.has('midnight') || marks.has('noon')) {
    // "Half past midnight", "mezzanotte e mezza": the hour is the mark's, the minutes follow.
    hour = marks.has('midnight') ? 0 : 12;
  } else {
    return undefined;
  }
  if (!Number.isInteger(hour) || !Number.isInteger(minute) || hour < 0 || hour > 24 || minute < 0 || minute > 59) return undefined;
  if (marks.has('pastHalf')) minute += 30;
  if (marks.has('quarterPast')) minute += 15;
  if (marks.has('halfBefore') || marks.has('quarterTo')) {
    hour = hour === 0 ? 23 : hour - 1;
    minute += marks.has('halfBefore') ? 30 : 45;
  }
  if (minute > 59) return undefined;
  if (hour === 24) hour = 0;
  let half: 'am' | 'pm' | undefined;
  if (marks.has('evening') && hour <= 12) {
    half = 'pm';
    if (hour < 12) hour += 12;
  } else if (marks.has('night') && hour <= 12) {
    half = hour >= 5 && hour < 12 ? 'pm' : 'am';
    if (hour >= 5 && hour < 12) hour += 12;
    else if (hour === 12) hour = 0;
  } else if (marks.has('morning') && hour <= 12) {
    half = 'am';
    if (hour === 12) hour = 0;
  } else if (marks.has('noon') && hour === 12) {
    half = 'pm';
  } else if (marks.has('midnight') && (hour === 12 || hour === 0)) {
    hour = 0;
    half = 'am';
  }
  if (hour > 23) return undefined;
  return half === undefined || hour > 12 ? { hour, minute } : { hour, minute, half };
}

/** Minutes of a duration said in words ("two hours", "anderthalb Stunden", "一時間半"); undefined when it is not one. */
export function heardDurationMinutes(text: string, heard: HeardWords, language: string): number | undefined {
  const list = joinNumbers(tokens(text, heard, language)).filter((token) => token.kind !== 'filler' && token.kind !== 'joiner');
  let total = 0;
  let pending: number | undefined;
  let lastUnit: number | undefined;
  for (const token of list) {
    if (token.kind === 'number') {
      if (pending !== undefined) return undefined;
      pending = token.value;
    } else if (token.kind === 'unit') {
      // "an hour" has its number; "hour" alone after "half an" or on its own is one.
      total += (pending ?? 1) * token.minutes;
      lastUnit = token.minutes;
      pending = undefined;
    } else if (token.kind === 'mark' && token.mark === 'pastHalf' && lastUnit !== undefined) {
      // "一時間半", "anderthalb" said as "eine Stunde und halb": half of the unit just said.
      total += lastUnit / 2;
    } else {
      return undefined;
    }
  }
  // "an hour and a half": a fraction said after a unit is that much of the unit.
  if (pending !== undefined && pending < 1 && lastUnit !== undefined) {
    total += pending * lastUnit;
    pending = undefined;
  }
  if (pending !== undefined || total <= 0) return undefined;
  return total;
}

/** A part of the day said alone, as Alexa's AMAZON.TIME names it ("tonight": "NI"). */
export function heardPartOfDay(text: string, heard: HeardWords, language: string): string | undefined {
  const said = clean(text, language);
  for (const [phrase, code] of Object.entries(heard.partsOfDay ?? {})) if (clean(phrase, language) === said) return code;
  return undefined;
}
