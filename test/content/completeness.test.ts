import { hasWords, RESOURCES, translatorFor } from '../../lambda/i18n';
import { SUPPORTED_LOCALES } from '../../lambda/locale';
import { protocol, timingValues, TOPIC_IDS, topicItems } from '../../lambda/protocol';
import { toSsml } from '../../lambda/speech';
import { speechText } from '../../tools/conversation';
import { loadInteractionModel } from '../../tools/nlu/interactionModel';
import {
  BASE_LANGUAGE,
  BASE_LEAVES,
  CONTENT_FILES,
  keyShapedLiterals,
  placeholdersIn,
  realisticValues,
  translationCalls,
  type TranslationCall,
} from '../support/contentKeys';
import { SkillHarness } from '../support/harness';
import { walkEverything, wordCount } from '../support/voiceWalk';

const MAX_ITEM_WORDS = 75;
const MAX_RESPONSE_WORDS = 110;

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

/** Every key the protocol makes the code ask for, with whether its words may be empty. */
function protocolKeys(): Array<{ key: string; mayBeEmpty: boolean }> {
  const topicFields = new Set(fieldsCodeReads(/^`topics\.\$\{[^}]+\}\.([A-Za-z]+)`$/));
  const itemFields = new Set(fieldsCodeReads(/^`topics\.\$\{[^}]+\}\.items\.\$\{[^}]+\}\.([A-Za-z]+)`$/));
  const remedyIds = new Set(
    SUPPORTED_LOCALES.flatMap(
      (locale) =>
        loadInteractionModel(locale)
          .interactionModel.languageModel.types?.find((type) => type.name === 'REMEDY')
          ?.values.map((value) => value.id ?? value.name.value) ?? [],
    ),
  );
  const facts = Object.values(protocol.intents).flatMap((route) => ('fact' in route ? [route.fact] : []));
  return [
    // A topic's label is empty on purpose where its items need no "Step 1 of 4".
    ...TOPIC_IDS.flatMap((topic) => [...topicFields].map((field) => ({ key: `topics.${topic}.${field}`, mayBeEmpty: field === 'label' }))),
    ...TOPIC_IDS.flatMap((topic) =>
      topicItems(topic).flatMap((item) => ['title', 'speech', ...itemFields].map((field) => `topics.${topic}.items.${item.id}.${field}`)),
    ).map((key) => ({ key, mayBeEmpty: false })),
    ...Object.values(protocol.redFlags).flat().map((id) => ({ key: `redFlag.what.${id}`, mayBeEmpty: false })),
    ...facts.map((fact) => ({ key: `facts.${fact}`, mayBeEmpty: false })),
    ...[...remedyIds, ...topicItems('treatment').map((item) => item.id)].map((id) => ({ key: `duration.${id}`, mayBeEmpty: false })),
  ];
}

describe.each(SUPPORTED_LOCALES)('%s has words for', (locale) => {
  test(`every key of the "${BASE_LANGUAGE}" base, after fallback`, () => {
    expect(enKeys.filter((key) => !hasWords(locale, key))).toEqual([]);
  });

  test('everything the protocol makes the skill say', () => {
    const t = translatorFor(locale);
    const keys = protocolKeys();
    expect(keys.length).toBeGreaterThan(TOPIC_IDS.length);
    const missing = keys.filter(({ key }) => !hasWords(locale, key)).map(({ key }) => key);
    const empty = keys.filter(({ key, mayBeEmpty }) => !mayBeEmpty && t(key, realisticValues(locale)).trim() === '').map(({ key }) => key);
    expect({ missing, empty }).toEqual({ missing: [], empty: [] });
  });
});

describe('locale files', () => {
  const overrides = CONTENT_FILES.filter(({ lng }) => lng !== BASE_LANGUAGE);

  test('every supported locale falls back to a language we have words for', () => {
    expect(SUPPORTED_LOCALES.filter((locale) => !Object.keys(RESOURCES).includes(locale.split('-')[0] ?? ''))).toEqual([]);
  });

  test.each(overrides.map(({ lng, leaves }) => [lng, leaves] as const))(
    '%s is a supported locale and overrides only keys the base has (no typos)',
    (lng, leaves) => {
      expect(SUPPORTED_LOCALES as readonly string[]).toContain(lng);
      expect(leaves.map(([key]) => key).filter((key) => !BASE_LEAVES.has(key))).toEqual([]);
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

  test('the scan sees the interceptor add the emergency number to every sentence', () => {
    expect(everywhere.has('emergencyNumber')).toBe(true);
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

describe('speech length', () => {
  let harness: SkillHarness;
  beforeAll(async () => {
    harness = await SkillHarness.start();
  });
  afterAll(() => harness.close());

  test.each(SUPPORTED_LOCALES)(`%s: every topic item is at most ${MAX_ITEM_WORDS} words`, (locale) => {
    const t = translatorFor(locale);
    const items = TOPIC_IDS.flatMap((topic) =>
      topicItems(topic).map((item) => {
        const key = `topics.${topic}.items.${item.id}.speech`;
        return { key, words: wordCount(speechText(toSsml([t(key, realisticValues(locale))]))) };
      }),
    );
    const longest = [...items].sort((a, b) => b.words - a.words)[0];
    console.log(`${locale}: longest item ${longest?.key} has ${longest?.words} words`);
    expect(items.filter(({ words }) => words > MAX_ITEM_WORDS)).toEqual([]);
  });

  test.each(SUPPORTED_LOCALES)(
    `%s: every response of a walk through everything is at most ${MAX_RESPONSE_WORDS} words, besides the first-use disclaimer`,
    async (locale) => {
      const turns = await walkEverything(harness.conversation(locale));
      const t = translatorFor(locale);
      const disclaimer = speechText(toSsml([t('disclaimer', realisticValues(locale))]));
      expect(turns[0]?.speech).toContain(disclaimer);
      const measured = turns.map((turn) => ({
        said: turn.request.request.type === 'IntentRequest' ? turn.intent : turn.request.request.type,
        words: wordCount(turn.speech.replace(disclaimer, '')),
      }));
      const longest = [...measured].sort((a, b) => b.words - a.words)[0];
      console.log(`${locale}: ${turns.length} responses, longest ${longest?.words} words (${longest?.said})`);
      expect(measured.filter(({ words }) => words > MAX_RESPONSE_WORDS)).toEqual([]);
    },
  );
});
