/**
 * Values for the Amazon built-in slot types this skill uses, in the form Alexa sends them,
 * read from the words of any language (its number words come from content/<language>/
 * heard.json). AMAZON.TIME: "22:00", or "MO" / "AF" / "EV" / "NI" for a part of day;
 * AMAZON.DURATION: "PT15M", "PT2H"; AMAZON.NUMBER: "5". Written apart from the skill's own
 * reading of slot values (lambda/slotValues.ts), so the two check each other.
 */
export interface SpokenNumbers {
  readonly numbers: Readonly<Record<string, number>>;
  readonly units?: Readonly<Record<string, number>>;
  readonly morning?: readonly string[];
  readonly evening?: readonly string[];
  readonly noon?: readonly string[];
  readonly midnight?: readonly string[];
  readonly partsOfDay?: Readonly<Record<string, string>>;
}

function numberFrom(words: string, spoken: SpokenNumbers): number | undefined {
  const text = words.trim();
  if (/^\d+$/.test(text)) return Number(text);
  if (Object.hasOwn(spoken.numbers, text)) return spoken.numbers[text];
  // Tens and units said apart ("forty five", "twenty one").
  const parts = text.split(/[\s-]+/).filter((part) => part !== '' && part !== 'oh');
  if (parts.length === 0) return undefined;
  let total = 0;
  for (const part of parts) {
    const value = Object.hasOwn(spoken.numbers, part) ? spoken.numbers[part] : undefined;
    if (value === undefined) return undefined;
    total += value;
  }
  return total;
}

/** Splits "ten pm" or "11pm" into the clock and the words for the half of the day. */
function splitSuffix(text: string, phrases: readonly string[] | undefined): { clock: string; suffix: string } | undefined {
  for (const phrase of phrases ?? []) {
    if (text === phrase) return { clock: '', suffix: phrase };
    if (text.endsWith(` ${phrase}`)) return { clock: text.slice(0, -phrase.length - 1).trim(), suffix: phrase };
    const joined = phrase.replace(/ /g, '');
    if (/\d$/.test(text.slice(0, -joined.length)) && text.endsWith(joined)) return { clock: text.slice(0, -joined.length).trim(), suffix: phrase };
  }
  return undefined;
}

function hhmm(hours: number, minutes: number): string | undefined {
  if (!Number.isInteger(hours) || hours < 0 || hours > 23 || minutes < 0 || minutes > 59) return undefined;
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

export function parseAmazonTime(raw: string, spoken: SpokenNumbers): string | undefined {
  const text = raw.trim().replace(/\bo'clock\b/g, '').replace(/\s+/g, ' ').trim();
  if (spoken.partsOfDay && Object.hasOwn(spoken.partsOfDay, text)) return spoken.partsOfDay[text];
  if ((spoken.noon ?? []).includes(text)) return '12:00';
  if ((spoken.midnight ?? []).includes(text)) return '00:00';
  const pm = splitSuffix(text, spoken.evening);
  const am = pm ? undefined : splitSuffix(text, spoken.morning);
  const clock = pm?.clock ?? am?.clock ?? text;
  if (clock === '') return undefined;
  let hours: number | undefined;
  let minutes = 0;
  const digital = /^(\d{1,2})(?::(\d{2}))?$/.exec(clock);
  const half = /^(half past|quarter past|quarter to) (.+)$/.exec(clock);
  if (digital) {
    hours = Number(digital[1]);
    minutes = digital[2] === undefined ? 0 : Number(digital[2]);
  } else if (half) {
    const base = numberFrom(half[2] ?? '', spoken);
    if (base === undefined) return undefined;
    hours = half[1] === 'quarter to' ? base - 1 : base;
    minutes = half[1] === 'half past' ? 30 : half[1] === 'quarter past' ? 15 : 45;
  } else {
    const words = clock.split(' ');
    hours = numberFrom(words[0] ?? '', spoken);
    if (words.length > 1) {
      const rest = numberFrom(words.slice(1).join(' '), spoken);
      if (rest === undefined) return undefined;
      minutes = rest;
    }
  }
  if (hours === undefined) return undefined;
  if (pm && hours < 12) hours += 12;
  if (am && hours === 12) hours = 0;
  return hhmm(hours, minutes);
}

export function parseAmazonDuration(raw: string, spoken: SpokenNumbers): string | undefined {
  const units = spoken.units ?? {};
  const words = raw.trim().split(/\s+/);
  let minutes = 0;
  let pending: string[] = [];
  for (const word of words) {
    if (Object.hasOwn(units, word)) {
      const value = pending.length === 0 ? undefined : numberFrom(pending.join(' '), spoken);
      if (value === undefined) return undefined;
      minutes += value * (units[word] ?? 0);
      pending = [];
    } else if (word !== 'and') pending.push(word);
  }
  if (pending.length > 0 || minutes <= 0) return undefined;
  const hours = Math.floor(minutes / 60);
  const rest = Math.round(minutes % 60);
  return `PT${hours > 0 ? `${hours}H` : ''}${rest > 0 ? `${rest}M` : ''}`;
}

/** The parser for a built-in slot type, or undefined for a custom type. */
export function builtinSlotParser(type: string, spoken: SpokenNumbers): ((raw: string) => string | undefined) | undefined {
  if (type === 'AMAZON.TIME') return (raw) => parseAmazonTime(raw, spoken);
  if (type === 'AMAZON.DURATION') return (raw) => parseAmazonDuration(raw, spoken);
  if (type === 'AMAZON.NUMBER') {
    return (raw) => {
      const value = numberFrom(raw, spoken);
      return value === undefined ? undefined : String(value);
    };
  }
  return undefined;
}
