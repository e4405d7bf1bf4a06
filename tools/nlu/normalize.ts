/**
 * Turns typed text into the kind of transcript Alexa's speech recognition hands to
 * its language model: lower case, no punctuation but apostrophes, single spaces.
 */
export function normalizeUtterance(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/(\d)\.(\d)/g, '$1:$2')
    .replace(/[^a-z0-9':\s]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
