import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Everything one language says and recognises: its words (per locale, a locale holding only
 * what differs from its language) and its sign words for red flags. A request loads only its
 * own language's pack, so the cost of a request does not grow with the number of languages.
 */
export type WordTree = { readonly [key: string]: string | WordTree };

export interface LanguagePack {
  readonly language: string;
  /** i18next resources by code: the language ("en") and each locale that differs ("en-GB"). */
  readonly speech: Readonly<Record<string, WordTree>>;
  /** The sign-word lists of content/<language>/signs.json (see lambda/safety/signWords.ts). */
  readonly signs: unknown;
  /** How the language says numbers and times, content/<language>/heard.json (see lambda/slotValues.ts). */
  readonly heard: unknown;
}

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8')) as unknown;
}

/** Builds a language's pack from the content folder, as written (tests, tools, the build). */
export function packFromContent(contentDir: string, language: string): LanguagePack {
  const speech: Record<string, WordTree> = { [language]: readJson(join(contentDir, language, 'speech.json')) as WordTree };
  for (const entry of readdirSync(contentDir, { withFileTypes: true })) {
    if (!entry.isDirectory() || !entry.name.startsWith(`${language}-`)) continue;
    const file = join(contentDir, entry.name, 'speech.json');
    if (existsSync(file)) speech[entry.name] = readJson(file) as WordTree;
  }
  return {
    language,
    speech,
    signs: readJson(join(contentDir, language, 'signs.json')),
    heard: readJson(join(contentDir, language, 'heard.json')),
  };
}

/** Where packs come from: the Lambda bundle carries one JSON file per language beside it. */
export type PackSource = (language: string) => LanguagePack;

export function bundledPacks(wordsDir: string): PackSource {
  return (language) => readJson(join(wordsDir, `${language}.json`)) as LanguagePack;
}

export function contentPacks(contentDir: string): PackSource {
  return (language) => packFromContent(contentDir, language);
}

/** The bundle's folder holds words/<language>.json (tools/build-lambda.ts writes them); run from
 * source, the content folder is read directly. */
export const BUNDLED_WORDS_DIR = 'words';

export function defaultPackSource(here: string = __dirname): PackSource {
  const bundled = join(here, BUNDLED_WORDS_DIR);
  if (existsSync(bundled)) return bundledPacks(bundled);
  return contentPacks(join(here, '..', '..', 'content'));
}
