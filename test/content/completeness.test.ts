import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BACK_TRANSLATION_DIR, backTranslationDoc, sections, TRANSLATED_LANGUAGES } from '../../tools/models/backTranslation';
import { itemParts, protocol, timingValues, TOPIC_IDS, topicItems } from '../../lambda/protocol';
import {
  BASE_LANGUAGE,
  BASE_LEAVES,
  CONTENT_FILES,
  keyShapedLiterals,
  LANGUAGES,
  placeholdersIn,
  realisticValues,
  translationCalls,
  type TranslationCall,
} from '../support/contentKeys';
import { LOCALES, rawWords, REGISTRY, words } from '../support/contentWords';

const calls = translationCalls();
const enKeys = [...BASE_LEAVES.keys()];

/** Fields the code reads for every topic, e.g. `topics.${topic}.done` -> "done". */
function fieldsCodeReads(prefix: RegExp): string[] {
  return calls.flatMap((call) => {
    if (call.key.kind !== 'template') return [];
    const field = prefix.exec(call.key.text)?.[1];
    return field === undefined ? [] : [field];
  });
}

/** Whether a locale has words for a key within its own language (a plural by any of its forms). */
function has(locale: string, key: string): boolean {
  const stem = key.replace(/_(zero|one|two|few|many|other)$/, '');
  try {
    rawWords(locale, stem === key ? key : stem, stem === key ? undefined : 2);
    return true;
  } catch {
    return false;
  }
}

/** Every key the protocol makes the code ask for, with whether its words may be empty. */
function protocolKeys(): Array<{ key: string; mayBeEmpty: boolean }> {
  const topicFields = new Set(fieldsCodeReads(/^`topics\.\$\{[^}]+\}\.([A-Za-z]+)`$/));
  const facts = Object.values(protocol.intents).flatMap((route) => ('fact' in route ? [route.fact] : []));
  const slotFacts = Object.values(protocol.intents).flatMap((route) => ('slotFacts' in route ? Object.values(route.slotFacts ?? {}) : []));
  const signs = [...protocol.redFlags.urgent, ...protocol.redFlags.doctor];
  return [
    // A topic's label is empty on purpose where its items need no "Step 1 of 4".
    // A summary's "say next" belongs only to topics that start with a summary.
    ...TOPIC_IDS.flatMap((topic) =>
      [...topicFields]
        .filter((field) => field !== 'summaryNext' || protocol.topics[topic].summary)
        .map((field) => ({ key: `topics.${topic}.${field}`, mayBeEmpty: field === 'label' })),
    ),
    ...TOPIC_IDS.flatMap((topic) =>
      topicItems(topic).flatMap((item) => ['title', ...itemParts(item)].map((field) => `topics.${topic}.items.${item.id}.${field}`)),
    ).map((key) => ({ key, mayBeEmpty: false })),
    ...signs
      .map((id) => (protocol.redFlags.ownAnswer.includes(id) ? `redFlag.answers.${id}` : `redFlag.what.${id}`))
      .map((key) => ({ key, mayBeEmpty: false })),
    ...[...facts, ...slotFacts].map((fact) => ({ key: `facts.${fact}`, mayBeEmpty: false })),
    ...topicItems('treatment').map((item) => ({ key: `duration.${item.id}`, mayBeEmpty: false })),
    ...Object.keys(protocol.compresses).flatMap((kind) =>
      ['howTo', 'started', 'offer', 'names'].map((group) => ({ key: `compressTimer.${group}.${kind}`, mayBeEmpty: false })),
    ),
  ];
}

describe.each(LOCALES)('%s has words, in its own language, for', (locale) => {
  test(`every key of the "${BASE_LANGUAGE}" words`, () => {
    expect([...BASE_LEAVES.keys()].filter((key) => !has(locale, key))).toEqual([]);
  });

  test('everything the protocol makes the skill say', () => {
    const keys = protocolKeys();
    expect(keys.length).toBeGreaterThan(TOPIC_IDS.length);
    const missing = keys.filter(({ key }) => !has(locale, key)).map(({ key }) => key);
    const empty = keys
      .filter(({ key, mayBeEmpty }) => !mayBeEmpty && has(locale, key) && words(locale, key, realisticValues(locale)).trim() === '')
      .map(({ key }) => key);
    expect({ missing, empty }).toEqual({ missing: [], empty: [] });
  });
});

describe('content files', () => {
  test('every language of the registry has its words, and every words folder is a registered language or locale', () => {
    const folders = CONTENT_FILES.map(({ lng }) => lng);
    expect(LANGUAGES.filter((language) => !folders.includes(language))).toEqual([]);
    expect(folders.filter((folder) => !LANGUAGES.includes(folder) && !Object.hasOwn(REGISTRY.locales, folder))).toEqual([]);
  });

  test.each(CONTENT_FILES.filter(({ lng }) => lng.includes('-')).map(({ lng, leaves }) => [lng, leaves] as const))(
    '%s overrides only keys its language has (no typos)',
    (lng, leaves) => {
      const language = CONTENT_FILES.find(({ lng: code }) => code === lng.split('-')[0]);
      const own = new Set((language?.leaves ?? []).map(([key]) => key));
      expect(leaves.map(([key]) => key).filter((key) => !own.has(key))).toEqual([]);
    },
  );
});

describe('the keys lambda/ asks for', () => {
  test('the code scan finds calls of every kind, so the checks below are not vacuous', () => {
    expect(calls.filter((call) => call.key.kind === 'static').length).toBeGreaterThan(10);
    expect(calls.filter((call) => call.key.kind === 'template').length).toBeGreaterThan(3);
  });

  test('every fixed key, and every string literal shaped like a key, exists in the base', () => {
    const fixed = [...calls.flatMap((call) => (call.key.kind === 'static' ? [call.key.key] : [])), ...keyShapedLiterals()];
    // A plural ("time.minutes") is asked for by its stem and stored as "time.minutes_other" and its kin.
    const exists = (key: string): boolean => BASE_LEAVES.has(key) || BASE_LEAVES.has(`${key}_other`);
    expect([...new Set(fixed)].filter((key) => !exists(key))).toEqual([]);
  });

  test('every key built from ids (`topics.${topic}.done`) matches some key in the base', () => {
    const templates = calls.filter((call) => call.key.kind === 'template');
    const unmatched = templates.filter((call) => call.key.kind === 'template' && !enKeys.some((key) => call.key.kind === 'template' && call.key.pattern.test(key)));
    expect(unmatched.map((call) => call.where)).toEqual([]);
  });

  test('every compress phase that has words under some key has words under it for every phase', () => {
    const phaseIds = Object.values(protocol.compresses).flatMap((compress) => compress.phases.map((phase) => phase.id));
    const groups = new Set(enKeys.filter((key) => phaseIds.includes(key.split('.').pop() ?? '')).map((key) => key.slice(0, key.lastIndexOf('.'))));
    expect(groups.size).toBeGreaterThan(0);
    const missing = [...groups].flatMap((group) => phaseIds.map((id) => `${group}.${id}`).filter((key) => !BASE_LEAVES.has(key)));
    expect(missing).toEqual([]);
  });
});

describe('every {{placeholder}} is one the code fills in', () => {
  /** Values every sentence gets: the timings (i18n defaults) and what the request interceptor adds to every call. */
  const everywhere = new Set([
    ...Object.keys(timingValues()),
    ...calls.filter((call) => call.key.kind === 'dynamic').flatMap((call) => call.values),
  ]);
  const anywhere = new Set([...everywhere, ...calls.flatMap((call) => call.values)]);

  function callsFor(key: string): TranslationCall[] {
    // i18next plural forms ("minutes_one") are asked for by their stem ("minutes").
    const asked = key.replace(/_(zero|one|two|few|many|other)$/, '');
    return calls.filter((call) =>
      call.key.kind === 'static' ? call.key.key === asked : call.key.kind === 'template' && call.key.pattern.test(asked),
    );
  }

  test('the scan sees the interceptor add the numbers to every sentence', () => {
    expect(['emergency', 'crisis', 'nonUrgent'].filter((name) => !everywhere.has(name))).toEqual([]);
  });

  test.each(CONTENT_FILES.map(({ lng, leaves }) => [lng, leaves] as const))('in %s', (_lng, leaves) => {
    const problems = leaves.flatMap(([key, text]) => {
      const callers = callsFor(key);
      // A sentence the code asks for by name must get its values from those calls; any other from anywhere.
      const supplied = callers.length > 0 ? new Set([...everywhere, ...callers.flatMap((call) => call.values), ...pluralCount(key)]) : anywhere;
      return placeholdersIn(text)
        .filter((name) => !supplied.has(name))
        .map((name) => `${key}: {{${name}}} (asked for at ${callers.map((call) => call.where).join(', ') || 'no call by name'})`);
    });
    expect(problems).toEqual([]);
  });
});

/** i18next passes `count` to a plural form itself. */
function pluralCount(key: string): string[] {
  return /_(zero|one|two|few|many|other)$/.test(key) ? ['count'] : [];
}

describe.each(TRANSLATED_LANGUAGES.length > 0 ? TRANSLATED_LANGUAGES : ['en'])('%s back-translation', (language) => {
  const translated = TRANSLATED_LANGUAGES.includes(language);

  test('every sentence has its meaning in English, and no meaning is left for a sentence that is gone', () => {
    if (!translated) return expect(TRANSLATED_LANGUAGES).toEqual([]);
    for (const section of sections(language)) {
      expect({ code: section.code, missing: section.rows.filter((row) => !row.meaning?.trim()).map((row) => row.key) }).toEqual({ code: section.code, missing: [] });
      const meant = JSON.parse(readFileSync(join(__dirname, '..', '..', 'content', section.code, 'meaning.json'), 'utf8')) as Record<string, string>;
      const said = new Set(section.rows.map((row) => row.key));
      expect(Object.keys(meant).filter((key) => key !== '$comment' && !said.has(key))).toEqual([]);
    }
  });

  test('docs/back-translation is what `npm run models` writes', () => {
    if (!translated) return expect(TRANSLATED_LANGUAGES).toEqual([]);
    expect(readFileSync(join(BACK_TRANSLATION_DIR, `${language}.md`), 'utf8')).toBe(backTranslationDoc(language));
  });
});
