import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The words a test expects, read straight from the content files: not through i18next, the
 * words loader or any function the skill uses, so a sentence the skill fails to say, or says
 * from the wrong file or language, makes a test fail. Numbers are written as a card (and the
 * test conversation's `speech`) shows them: "911", "116 123".
 */
const CONTENT = join(__dirname, '..', '..', 'content');

type Tree = { readonly [key: string]: string | Tree };

interface RegistryEntry {
  readonly language: string;
  readonly emergency: { readonly display: string; readonly spoken?: string };
  readonly crisis: { readonly display: string; readonly spoken?: string } | null;
  readonly nonUrgent: { readonly display: string; readonly spoken?: string } | null;
  readonly invocationName?: string;
  readonly hourCycle: string;
}

export const REGISTRY = JSON.parse(readFileSync(join(CONTENT, 'locales.json'), 'utf8')) as {
  readonly defaultLocale: string;
  readonly languages: Readonly<Record<string, unknown>>;
  readonly locales: Readonly<Record<string, RegistryEntry>>;
};

/** Locales whose language has words, as the registry and the content folders say. */
export const LOCALES: readonly string[] = Object.keys(REGISTRY.locales).filter((locale) =>
  Object.hasOwn(REGISTRY.languages, REGISTRY.locales[locale]?.language ?? ''),
);

export function entry(locale: string): RegistryEntry {
  const found = REGISTRY.locales[locale];
  if (!found) throw new Error(`no registry entry for ${locale}`);
  return found;
}

const PROTOCOL = JSON.parse(readFileSync(join(CONTENT, 'protocol.json'), 'utf8')) as {
  compresses: Record<string, { phases: { minutes: number }[]; minutesBetween?: number }>;
};

/** The timings every sentence may use, from the protocol file. */
export const TIMINGS: Readonly<Record<string, number>> = {
  coldMinutes: PROTOCOL.compresses.cold?.phases[0]?.minutes ?? NaN,
  hoursBetween: (PROTOCOL.compresses.cold?.minutesBetween ?? NaN) / 60,
  warmMinutes: PROTOCOL.compresses.warm?.phases[0]?.minutes ?? NaN,
  massageMinutes: PROTOCOL.compresses.massage?.phases[0]?.minutes ?? NaN,
  towelMinutes: PROTOCOL.compresses.massage?.phases[1]?.minutes ?? NaN,
};

const files = new Map<string, Tree | undefined>();

function file(code: string): Tree | undefined {
  if (!files.has(code)) {
    const path = join(CONTENT, code, 'speech.json');
    files.set(code, existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Tree) : undefined);
  }
  return files.get(code);
}

function lookUp(tree: Tree | undefined, key: string): string | undefined {
  let node: string | Tree | undefined = tree;
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  return typeof node === 'string' ? node : undefined;
}

/** The raw sentence for a key in a locale: the locale's own file, else its language's. */
export function rawWords(locale: string, key: string, count?: number): string {
  const language = entry(locale).language;
  const keys = count === undefined ? [key] : [`${key}_${new Intl.PluralRules(locale).select(count)}`, `${key}_other`, key];
  for (const candidate of keys) {
    for (const code of [locale, language]) {
      const found = lookUp(file(code), candidate);
      if (found !== undefined) return found;
    }
  }
  throw new Error(`${locale} has no words for ${key}`);
}

/** Whether a locale has words for a key, in its own file or its language's. */
function hasRawWords(locale: string, key: string): boolean {
  return [locale, entry(locale).language].some((code) => lookUp(file(code), key) !== undefined);
}

/** The numbers of a locale as the card shows them. */
export function numbersShown(locale: string): Record<string, string> {
  const info = entry(locale);
  return { emergency: info.emergency.display, crisis: info.crisis?.display ?? '', nonUrgent: info.nonUrgent?.display ?? '' };
}

/** A sentence with its values filled in, as the person's speech text shows it: a number written "[[tel:112|…]]" shows its digits. */
export function words(locale: string, key: string, values: Readonly<Record<string, string | number>> = {}): string {
  const count = typeof values.count === 'number' ? values.count : undefined;
  const all: Record<string, string | number> = { ...TIMINGS, ...numbersShown(locale), ...values };
  return rawWords(locale, key, count)
    .replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => {
      if (!Object.hasOwn(all, name)) throw new Error(`${locale} ${key}: no value for {{${name}}}`);
      return String(all[name]);
    })
    .replace(/\[\[tel:([0-9 -]+)(?:\|[^\]]+)?\]\]/g, '$1');
}

/**
 * A local wall-clock time ("2026-11-25T17:30:00") as the locale says it, from the words
 * time.clock / time.clockOnTheHour and the registry's hour cycle: "5:30 PM", "17:30".
 */
export function clockWords(locale: string, local: string): string {
  const [hourText = '0', minute = '00'] = local.slice(11, 16).split(':');
  const hour24 = Number(hourText);
  const twelveHour = entry(locale).hourCycle === 'h12';
  const half = hour24 < 12 ? 'time.am' : 'time.pm';
  // A language may name the part of the day instead (time.pm_night), as i18next's context:
  // night 20:00-03:59, morning 04:00-11:59, afternoon 12:00-15:59, evening 16:00-19:59.
  const part = hour24 < 4 || hour24 >= 20 ? 'night' : hour24 < 12 ? 'morning' : hour24 < 16 ? 'afternoon' : 'evening';
  const period = twelveHour ? words(locale, hasRawWords(locale, `${half}_${part}`) ? `${half}_${part}` : half) : '';
  const hour = String(twelveHour ? (hour24 % 12 === 0 ? 12 : hour24 % 12) : hour24);
  return words(locale, minute === '00' ? 'time.clockOnTheHour' : 'time.clock', { hour, minute, period }).replace(/\s+/g, ' ').trim();
}

/** The first words of a sentence, up to its first placeholder: for sentences with values a test cannot know. */
export function opening(locale: string, key: string, length = 30): string {
  return rawWords(locale, key).split('{{')[0]?.slice(0, length).trim() ?? '';
}

/** A duration as the skill says it, rounded up to the minute, from the words time.*. */
export function durationWords(locale: string, minutes: number): string {
  if (minutes < 1) return words(locale, 'time.underAMinute');
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return words(locale, 'time.minutes', { count: rest });
  if (rest === 0) return words(locale, 'time.hours', { count: hours });
  return words(locale, 'time.hoursAndMinutes', { hours: words(locale, 'time.hours', { count: hours }), minutes: words(locale, 'time.minutes', { count: rest }) });
}
