/**
 * Values for the Amazon built-in slot types this skill uses, in the form Alexa sends
 * them. AMAZON.TIME: "22:00", "07:30", or "MO" / "AF" / "EV" / "NI" for a part of day.
 */
const NUMBER_WORDS: Readonly<Record<string, number>> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50,
};

function numberFrom(words: string): number | undefined {
  if (/^\d+$/.test(words)) return Number(words);
  const parts = words.split(/[\s-]+/).filter((part) => part !== '' && part !== 'oh');
  if (parts.length === 0) return undefined;
  let total = 0;
  for (const part of parts) {
    const value = NUMBER_WORDS[part];
    if (value === undefined) return undefined;
    total += value;
  }
  return total;
}

const PARTS_OF_DAY: Readonly<Record<string, string>> = {
  morning: 'MO', 'this morning': 'MO', afternoon: 'AF', 'this afternoon': 'AF',
  evening: 'EV', 'this evening': 'EV', tonight: 'NI', night: 'NI', 'at night': 'NI',
};

function hhmm(hours: number, minutes: number): string | undefined {
  if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59) return undefined;
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

export function parseAmazonTime(raw: string): string | undefined {
  const text = raw.trim().replace(/\bo'clock\b/g, '').replace(/\s+/g, ' ').trim();
  if (PARTS_OF_DAY[text]) return PARTS_OF_DAY[text];
  if (text === 'noon' || text === 'midday') return '12:00';
  if (text === 'midnight') return '00:00';
  const meridiem = /^(.*?)\s*(a\s?m|p\s?m|in the morning|in the evening|at night|tonight)$/.exec(text);
  const clock = (meridiem ? meridiem[1] : text)?.trim() ?? '';
  const suffix = meridiem?.[2]?.replace(/\s/g, '');
  let hours: number | undefined;
  let minutes = 0;
  const half = /^(half past|quarter past|quarter to) (.+)$/.exec(clock);
  const digital = /^(\d{1,2})(?::(\d{2}))?$/.exec(clock);
  if (half) {
    const base = numberFrom(half[2] ?? '');
    if (base === undefined) return undefined;
    hours = half[1] === 'quarter to' ? base - 1 : base;
    minutes = half[1] === 'half past' ? 30 : half[1] === 'quarter past' ? 15 : 45;
  } else if (digital) {
    hours = Number(digital[1]);
    minutes = digital[2] === undefined ? 0 : Number(digital[2]);
  } else {
    const words = clock.split(' ');
    hours = numberFrom(words[0] ?? '');
    if (words.length > 1) {
      const rest = numberFrom(words.slice(1).join(' '));
      if (rest === undefined) return undefined;
      minutes = rest;
    }
  }
  if (hours === undefined) return undefined;
  if (suffix === 'pm' || suffix === 'intheevening' || suffix === 'atnight' || suffix === 'tonight') {
    if (hours < 12) hours += 12;
  } else if (suffix === 'am' || suffix === 'inthemorning') {
    if (hours === 12) hours = 0;
  }
  return hhmm(hours, minutes);
}

/** Parsers for built-in slot types; a value that does not parse does not fill the slot. */
export const BUILTIN_SLOT_PARSERS: Readonly<Record<string, (raw: string) => string | undefined>> = {
  'AMAZON.TIME': parseAmazonTime,
  'AMAZON.NUMBER': (raw) => {
    const value = numberFrom(raw);
    return value === undefined ? undefined : String(value);
  },
};
