import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { heardClockTime, heardDurationMinutes, type HeardWords } from '../../lambda/heardTime';
import { REGISTRY } from '../support/contentWords';

/**
 * Times and durations said in words, in every language: the cases and the answers are the
 * language writer's own (test/phrases/<language>.json: heardTimes, heardDurations), read
 * with that language's content/<language>/heard.json. null: not a time (or not a duration).
 */
const ROOT = join(__dirname, '..', '..');
const LANGUAGES = Object.keys(REGISTRY.languages);

function cases<T>(language: string, field: string): [string, T | null][] {
  const file = join(ROOT, 'test', 'phrases', `${language}.json`);
  const all = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  return Object.entries((all[field] ?? {}) as Record<string, T | null>);
}

describe.each(LANGUAGES)('%s', (language) => {
  const heard = JSON.parse(readFileSync(join(ROOT, 'content', language, 'heard.json'), 'utf8')) as HeardWords;
  const times = cases<string>(language, 'heardTimes');
  const durations = cases<number>(language, 'heardDurations');

  test('has cases for clock times and durations, including words that are neither', () => {
    expect(times.filter(([, want]) => want !== null).length).toBeGreaterThanOrEqual(8);
    expect(times.some(([, want]) => want === null)).toBe(true);
    expect(durations.filter(([, want]) => want !== null).length).toBeGreaterThanOrEqual(4);
  });

  test.each(times)('clock time "%s" is %s', (said, want) => {
    const time = heardClockTime(said, heard, language);
    expect(time ? `${String(time.hour).padStart(2, '0')}:${String(time.minute).padStart(2, '0')}` : null).toBe(want);
  });

  test.each(durations)('duration "%s" is %s minutes', (said, want) => {
    expect(heardDurationMinutes(said, heard, language) ?? null).toBe(want);
  });
});

test('every language of the registry has its test phrases', () => {
  const files = readdirSync(join(ROOT, 'test', 'phrases')).map((file) => file.replace(/\.json$/, ''));
  expect(LANGUAGES.filter((language) => !files.includes(language))).toEqual([]);
});

/** Rows of sentences one language once got wrong, kept where they were found: not owed by every language. */
const OWN_ROWS = ['signReadings', 'safetyRows'];

test.each(LANGUAGES)('%s test phrases say everything the English ones do', (language) => {
  const read = (code: string): Record<string, unknown> => JSON.parse(readFileSync(join(ROOT, 'test', 'phrases', `${code}.json`), 'utf8')) as Record<string, unknown>;
  const own = read(language);
  expect(Object.keys(read('en')).filter((key) => !OWN_ROWS.includes(key) && !Object.hasOwn(own, key))).toEqual([]);
});
