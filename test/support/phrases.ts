import { existsSync, readFileSync } from 'node:fs';
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
