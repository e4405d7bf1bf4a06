import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { entry } from './contentWords';

/**
 * What a person says, by meaning, in a locale's own language (test/phrases/<language>.json,
 * test/phrases/<locale>.json where a locale says it differently): the conversation tests run
 * in every locale of the registry and assume no language.
 */
const DIR = join(__dirname, '..', 'phrases');
const files = new Map<string, Record<string, string>>();

function file(code: string): Record<string, string> {
  let found = files.get(code);
  if (!found) {
    const path = join(DIR, `${code}.json`);
    found = existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>) : {};
    files.set(code, found);
  }
  return found;
}

export function phrase(locale: string, key: string, values: Readonly<Record<string, string>> = {}): string {
  const text = file(locale)[key] ?? file(entry(locale).language)[key];
  if (text === undefined) throw new Error(`test/phrases has no "${key}" for ${locale}`);
  return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? `{{${name}}}`);
}

/**
 * Rows one language keeps under a key of its own phrase file (test/phrases/<language>.json),
 * such as sentences it once got wrong: every language that has them, with its rows.
 */
export function languageRows<Row>(key: string): Array<readonly [language: string, rows: Row[]]> {
  return readdirSync(DIR)
    .filter((name) => /^[a-z]{2}\.json$/.test(name))
    .map((name) => name.slice(0, 2))
    .map((language) => [language, (file(language) as unknown as Record<string, Row[] | undefined>)[key] ?? []] as const)
    .filter(([, rows]) => rows.length > 0);
}
