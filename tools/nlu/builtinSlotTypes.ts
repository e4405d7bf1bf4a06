import { heardClockTime, heardDurationMinutes, heardPartOfDay, type HeardWords } from '../../lambda/heardTime';

/**
 * Values for the Amazon built-in slot types this skill uses, in the form Alexa sends them,
 * read from the words of any language (content/<language>/heard.json, through
 * lambda/heardTime.ts). AMAZON.TIME: "22:00", or "MO" / "AF" / "EV" / "NI" for a part of day;
 * AMAZON.DURATION: "PT15M", "PT2H"; AMAZON.NUMBER: "5".
 */
export type SpokenNumbers = HeardWords;

function hhmm(hours: number, minutes: number): string {
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

export function parseAmazonTime(raw: string, spoken: SpokenNumbers, language: string): string | undefined {
  const part = heardPartOfDay(raw, spoken, language);
  if (part) return part;
  const time = heardClockTime(raw, spoken, language);
  return time ? hhmm(time.hour, time.minute) : undefined;
}

export function parseAmazonDuration(raw: string, spoken: SpokenNumbers, language: string): string | undefined {
  const minutes = heardDurationMinutes(raw, spoken, language);
  if (minutes === undefined) return undefined;
  const hours = Math.floor(minutes / 60);
  const rest = Math.round(minutes % 60);
  return `PT${hours > 0 ? `${hours}H` : ''}${rest > 0 ? `${rest}M` : ''}`;
}

function parseAmazonNumber(raw: string, spoken: SpokenNumbers, language: string): string | undefined {
  const text = raw.trim();
  if (/^\d+$/.test(text)) return text;
  // A number alone reads as an hour with nothing else said; take its value.
  const value = Object.entries(spoken.numbers).find(([phrase]) => phrase.toLocaleLowerCase(language) === text.toLocaleLowerCase(language))?.[1];
  return value === undefined ? undefined : String(value);
}

/** The parser for a built-in slot type, or undefined for a custom type. */
export function builtinSlotParser(type: string, spoken: SpokenNumbers, language: string): ((raw: string) => string | undefined) | undefined {
  if (type === 'AMAZON.TIME') return (raw) => parseAmazonTime(raw, spoken, language);
  if (type === 'AMAZON.DURATION') return (raw) => parseAmazonDuration(raw, spoken, language);
  if (type === 'AMAZON.NUMBER') return (raw) => parseAmazonNumber(raw, spoken, language);
  return undefined;
}
