import { sections } from '../../tools/models/backTranslation';
import { entry } from './contentWords';

/**
 * What a person heard, read in English through the back-translation the language's writer
 * gave (content/<language>/meaning.json, content/<locale>/meaning.json): each sentence of the
 * locale's words found in the speech is replaced by its meaning, its {{values}} carried over.
 * Tests that check facts by their English words then check every language alike; English
 * speech is returned as heard.
 */
const PLACEHOLDER = /\{\{\s*(\w+)[^}]*\}\}/g;
/** Sentences shorter than this (in literal characters) are labels, times and titles: too short to find reliably. */
const MIN_LITERAL = 12;

interface Pair {
  readonly pattern: RegExp;
  readonly names: readonly string[];
  readonly meaning: string;
}

const pairsByLocale = new Map<string, readonly Pair[]>();

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Spoken text as the conversation tool writes it: single spaces, no space before punctuation. */
function asHeard(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/\s+([.,:;?!])/g, '$1').trim();
}

function pairs(locale: string): readonly Pair[] {
  const known = pairsByLocale.get(locale);
  if (known) return known;
  const [language, ...locales] = sections(entry(locale).language);
  const rows = new Map((language?.rows ?? []).map((row) => [row.key, row] as const));
  for (const row of locales.find((section) => section.code === locale)?.rows ?? []) rows.set(row.key, row);
  const literal = (text: string): string => text.replace(PLACEHOLDER, '');
  const built = [...rows.values()]
    .filter((row) => row.meaning !== undefined && literal(row.said).trim().length >= MIN_LITERAL && !/\}\}\s*$/.test(row.said))
    .sort((a, b) => literal(b.said).length - literal(a.said).length)
    .map((row): Pair => {
      const names: string[] = [];
      const source = asHeard(row.said)
        .split(/(\{\{\s*\w+[^}]*\}\})/)
        .map((piece) => {
          const name = /^\{\{\s*(\w+)/.exec(piece)?.[1];
          if (name === undefined) return escape(piece);
          names.push(name);
          return '(.+?)';
        })
        .join('');
      return { pattern: new RegExp(source, 'g'), names, meaning: row.meaning ?? '' };
    });
  pairsByLocale.set(locale, built);
  return built;
}

export function heardInEnglish(locale: string, speech: string): string {
  if (entry(locale).language === 'en') return speech;
  let text = speech;
  for (const { pattern, names, meaning } of pairs(locale)) {
    text = text.replace(pattern, (...match: string[]) => meaning.replace(PLACEHOLDER, (_, name: string) => match[names.indexOf(name) + 1] ?? ''));
  }
  return text;
}
