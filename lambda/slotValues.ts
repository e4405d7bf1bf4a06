import { languagePack } from './i18n';

/**
 * Reads the values of Alexa's built-in slots. Alexa resolves them ("22:00", "PT2H"), but a
 * value can also arrive as the words that were said ("ten pm", "two hours": simulators and
 * some devices do this), so both are read, with the language's own number words
 * (content/<language>/heard.json).
 */
export interface HeardWords {
  readonly numbers: Readonly<Record<string, number>>;
  readonly units: Readonly<Record<string, number>>;
  readonly morning: readonly string[];
  readonly evening: readonly string[];
  readonly noon: readonly string[];
  readonly midnight: readonly string[];
}

function heardWords(language: string): HeardWords {
  return languagePack(language).heard as HeardWords;
}

function words(value: string): string {
  return ` ${value.toLocaleLowerCase().replace(/[^\p{L}\p{N}:.]+/gu, ' ').replace(/\s+/g, ' ').trim()} `;
}

function has(text: string, phrases: readonly string[]): boolean {
  return phrases.some((phrase) => text.includes(` ${phrase} `) || text.includes(` ${phrase.replace(/\./g, '')} `));
}

/** A number said in words or digits at the start of text ("forty five", "2", "half an"). */
function leadingNumber(text: string, heard: HeardWords): { value: number; rest: string } | undefined {
  const digits = /^ (\d+(?:\.\d+)?) /.exec(text);
  if (digits) return { value: Number(digits[1]), rest: text.slice(digits[0].length - 1) };
  const known = Object.keys(heard.numbers).sort((a, b) => b.length - a.length);
  for (const phrase of known) {
    if (text.startsWith(` ${phrase} `)) return { value: heard.numbers[phrase] ?? 0, rest: text.slice(phrase.length + 1) };
  }
  return undefined;
}

/** Minutes of an AMAZON.DURATION value ("PT10M", "PT1H30M", "ten minutes", "2 hours"). */
export function durationMinutes(value: string | undefined, language: string): number | undefined {
  if (value === undefined) return undefined;
  const iso = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(value.trim());
  if (iso && value.trim() !== 'P' && value.trim() !== 'PT') {
    const minutes = Number(iso[1] ?? 0) * 1440 + Number(iso[2] ?? 0) * 60 + Number(iso[3] ?? 0) + Number(iso[4] ?? 0) / 60;
    return minutes > 0 ? minutes : undefined;
  }
  const heard = heardWords(language);
  let text = words(value);
  let total = 0;
  for (let guard = 0; guard < 4; guard += 1) {
    const number = leadingNumber(text, heard);
    if (!number) break;
    const unit = Object.keys(heard.units).find((name) => number.rest.startsWith(` ${name} `));
    if (!unit) break;
    total += number.value * (heard.units[unit] ?? 0);
    text = number.rest.slice(unit.length + 1).replace(/^ and /, ' ');
  }
  return total > 0 ? total : undefined;
}

export interface ClockTime {
  readonly hour: number;
  readonly minute: number;
  /** Whether the words said morning or evening; undefined when only the hour was said. */
  readonly half?: 'am' | 'pm';
}

/** A clock time from an AMAZON.TIME value ("22:00") or from words ("ten pm", "half past ten", "11pm"). */
export function clockTimeOf(value: string | undefined, language: string): ClockTime | undefined {
  if (value === undefined) return undefined;
  const resolved = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value.trim());
  if (resolved) return { hour: Number(resolved[1]), minute: Number(resolved[2]) };
  const heard = heardWords(language);
  const text = words(value.replace(/(\d)(am|pm)\b/gi, '$1 $2'));
  if (has(text, heard.midnight)) return { hour: 0, minute: 0, half: 'am' };
  if (has(text, heard.noon)) return { hour: 12, minute: 0, half: 'pm' };
  const half = has(text, heard.evening) ? 'pm' : has(text, heard.morning) ? 'am' : undefined;
  const digits = /\b(\d{1,2})(?::(\d{2}))?\b/.exec(text);
  let hour: number | undefined;
  let minute = 0;
  if (digits) {
    hour = Number(digits[1]);
    minute = Number(digits[2] ?? 0);
  } else {
    const halfPast = / half past /.exec(text);
    const rest = halfPast ? text.slice(halfPast.index + halfPast[0].length - 1) : text;
    const number = leadingNumber(rest, heard) ?? leadingNumber(text.replace(/^ (at|until|till|around|about|by) /, ' '), heard);
    if (number) {
      hour = number.value;
      if (halfPast) minute = 30;
      else {
        const minutes = leadingNumber(number.rest, heard);
        if (minutes && minutes.value < 60 && Number.isInteger(minutes.value)) minute = minutes.value;
      }
    }
  }
  if (hour === undefined || !Number.isInteger(hour) || hour > 23 || minute > 59) return undefined;
  if (half === 'pm' && hour < 12) hour += 12;
  if (half === 'am' && hour === 12) hour = 0;
  return half === undefined || hour > 12 ? { hour, minute } : { hour, minute, half };
}

/**
 * Bedtime as a clock time "HH:MM". An hour said without morning or evening is the evening
 * ("until nine" is 21:00; "twelve" is midnight; one to four are after midnight), so reminders
 * never run through the night.
 */
export function bedtimeOf(value: string | undefined, language: string): string | undefined {
  const time = clockTimeOf(value, language);
  if (!time) return undefined;
  let hour = time.hour;
  if (time.half === undefined) {
    if (hour >= 5 && hour < 12) hour += 12;
    else if (hour === 12) hour = 0;
  }
  return `${String(hour).padStart(2, '0')}:${String(time.minute).padStart(2, '0')}`;
}
