import { isUnspaced } from './normalize';

/**
 * What speech recognition would have written for typed text: "cant" is "can't", "2 hours"
 * is "two hours", "11pm" is "eleven pm". The language's own spellings and number words come
 * from content/<language>/heard.json, so this works for any language that has them.
 */
export interface TypingHabits {
  readonly numbers: Readonly<Record<string, number>>;
  /** Typed spellings and what recognition writes instead: [["cant", "can't"]]. */
  readonly spellings?: ReadonlyArray<readonly [string, string]>;
}

export function asSpoken(text: string, language: string, habits: TypingHabits): string {
  let result = text.toLocaleLowerCase(language);
  for (const [typed, spoken] of habits.spellings ?? []) {
    result = result.replace(new RegExp(`(^|[^\\p{L}'])${typed}(?=$|[^\\p{L}'])`, 'gu'), `$1${spoken}`);
  }
  if (isUnspaced(language)) return result;
  // The shortest word for each small number ("two", not "a couple of").
  const wordFor = new Map<number, string>();
  for (const [word, value] of Object.entries(habits.numbers)) {
    if (!Number.isInteger(value) || value < 0) continue;
    const known = wordFor.get(value);
    if (known === undefined || word.length < known.length || (word.length === known.length && word < known)) wordFor.set(value, word);
  }
  return result
    .replace(/(\d)(am|pm|a\.m\.|p\.m\.)(?=$|\s|[.,!?])/g, '$1 $2')
    .replace(/(^|\s)(\d{1,2})(?=$|\s|[.,!?])/g, (whole: string, space: string, digits: string) => {
      const word = wordFor.get(Number(digits));
      return word === undefined ? whole : `${space}${word}`;
    });
}
