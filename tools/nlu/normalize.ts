/**
 * Turns typed text into the kind of transcript Alexa's speech recognition hands to its
 * language model, in any script: lower case, no punctuation but apostrophes inside words
 * (and periods of spelled abbreviations), single spaces; languages written without spaces
 * (Japanese) lose them. `withDigits` keeps ':' between digits ("10:30").
 */
const UNSPACED = new Set(['ja', 'zh', 'th']);

export function isUnspaced(language: string): boolean {
  return UNSPACED.has(language);
}

export function normalizeUtterance(text: string, language = 'en'): string {
  let result = text
    .normalize('NFC')
    .toLocaleLowerCase(language)
    .replace(/[\u2018\u2019\u02bc`´]/g, "'")
    .replace(/(\d)[.](\d)/g, '$1:$2')
    // Spelled abbreviations as Alexa writes them ("e. r."): keep the dot after a lone letter.
    .replace(/(^|\s)(\p{L})\.(?=\s|$)/gu, '$1$2.')
    .replace(/[^\p{L}\p{M}\p{N}':.\s]+/gu, ' ')
    .replace(/(\p{L}{2,})\.(?=\s|$)/gu, '$1')
    .replace(/(^|\s)'+|'+(?=\s|$)/g, '$1')
    .replace(/:(?!\d)|(?<!\d):/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (isUnspaced(language)) result = result.replace(/\s+/g, '');
  return result;
}
