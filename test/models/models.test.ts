import { AttributesManagerFactory, ResponseFactory, type HandlerInput, type RequestHandler } from 'ask-sdk-core';
import { type Intent, type Slot } from 'ask-sdk-model';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unhandled } from '../../lambda/handlers/builtins';
import { REQUEST_HANDLERS } from '../../lambda/handlers/order';
import { loadRequestContext } from '../../lambda/interceptors';
import { SUPPORTED_LOCALES, type SupportedLocale } from '../../lambda/locales';
import { COMPRESS_KINDS, itemSlotsOf, protocol, topicItems } from '../../lambda/protocol';
import { findingOf, signReader } from '../../lambda/safety/assess';
import { SKILL_JSON, skillJsonText } from '../../tools/models/buildListing';
import { buildModel, modelFile, serialise } from '../../tools/models/buildModels';
import { envelope, intentRequest } from '../../tools/envelopes';
import { loadInteractionModel, matcherFor, MODELS_DIR, type InteractionModel, type ModelIntent } from '../../tools/nlu/interactionModel';
import { isUnspaced, normalizeUtterance } from '../../tools/nlu/normalize';
import { entry } from '../support/contentWords';
import { SkillHarness } from '../support/harness';

/** The interaction models, the manifest and the locale variants, checked against each other and the code. */

const ROOT = join(__dirname, '..', '..');
const MODEL_LOCALES = readdirSync(MODELS_DIR)
  .filter((file) => file.endsWith('.json'))
  .map((file) => file.replace(/\.json$/, ''));
const MODELS = new Map(MODEL_LOCALES.map((locale) => [locale, loadInteractionModel(locale)] as const));
const BASE_LOCALE = 'en-US';
const MIN_CUSTOM_SAMPLES = 30;
/**
 * Amazon's table of interaction model limits could not be read here (see README); these are
 * the limits the project holds itself to, at or inside the figures Amazon's own error
 * messages and the published model schema state: 250 custom intents, 140 characters a slot
 * value, 1.5 MB a model; 200 characters a sample and 2,000 samples an intent are our own caps.
 */
const LIMITS = { intents: 250, samplesPerIntent: 2000, sampleCharacters: 200, slotValueCharacters: 140, modelBytes: 1_500_000 };

interface LocaleInfo {
  name: string;
  description: string;
  examplePhrases: string[];
}
const manifest = JSON.parse(readFileSync(join(ROOT, 'skill.json'), 'utf8')).manifest as {
  publishingInformation: { locales: Record<string, LocaleInfo> };
  privacyAndCompliance: { locales: Record<string, unknown> };
  permissions: Array<{ name: string }>;
};

const languageModel = (locale: string): InteractionModel['interactionModel']['languageModel'] => {
  const model = MODELS.get(locale);
  if (!model) throw new Error(`no model for ${locale}`);
  return model.interactionModel.languageModel;
};
const isCustom = (intent: { name: string }): boolean => !intent.name.startsWith('AMAZON.');
const sorted = (values: Iterable<string>): string[] => [...values].sort();

test('skill.json locales, the registry\'s supported locales and the model files are the same set', () => {
  expect(sorted(Object.keys(manifest.publishingInformation.locales))).toEqual(sorted(SUPPORTED_LOCALES));
  expect(sorted(Object.keys(manifest.privacyAndCompliance.locales))).toEqual(sorted(SUPPORTED_LOCALES));
  expect(sorted(MODEL_LOCALES)).toEqual(sorted(SUPPORTED_LOCALES));
});

test('the manifest asks for the timers and reminders permissions (Alexa scope names)', () => {
  const scopes = manifest.permissions.map((permission) => permission.name);
  expect(scopes).toEqual(expect.arrayContaining(['alexa::alerts:timers:skill:readwrite', 'alexa::alerts:reminders:skill:readwrite']));
});

describe.each(MODEL_LOCALES)('%s model', (locale) => {
  const model = languageModel(locale);
  const types = new Map((model.types ?? []).map((type) => [type.name, type] as const));

  test('the model is what the generator builds from content/ today (npm run models)', () => {
    expect(readFileSync(modelFile(locale), 'utf8')).toBe(serialise(buildModel(locale as SupportedLocale)));
  });

  test('the invocation name is the registry\'s, in words Alexa accepts', () => {
    expect(model.invocationName).toBe(entry(locale).invocationName);
    // Two words or more (counted by the platform's word breaker where a language writes no spaces), no launch words or wake words, no "skill" or "app".
    const language = entry(locale).language;
    const words = isUnspaced(language)
      ? [...new Intl.Segmenter(locale, { granularity: 'word' }).segment(model.invocationName)].filter((segment) => segment.isWordLike)
      : model.invocationName.split(' ');
    expect(words.length).toBeGreaterThanOrEqual(2);
    expect(model.invocationName).not.toMatch(/\b(alexa|amazon|echo|computer|skill|app|launch|ask|tell|open|load|begin|enable)\b/);
    if (entry(locale).language === 'en') expect(model.invocationName).toMatch(/^[a-z]+( [a-z]+)+$/);
  });

  test('within the limits of an Alexa model', () => {
    expect(model.intents.filter(isCustom).length).toBeLessThanOrEqual(LIMITS.intents);
    expect(model.intents.filter((intent) => (intent.samples?.length ?? 0) > LIMITS.samplesPerIntent).map((intent) => intent.name)).toEqual([]);
    const longValues = (model.types ?? []).flatMap((type) =>
      type.values.flatMap((value) => [value.name.value, ...(value.name.synonyms ?? [])]).filter((word) => word.length > LIMITS.slotValueCharacters),
    );
    expect(longValues).toEqual([]);
    // As the file is uploaded, and as the model itself (compact JSON).
    expect(Buffer.byteLength(readFileSync(modelFile(locale)))).toBeLessThanOrEqual(LIMITS.modelBytes);
    expect(Buffer.byteLength(JSON.stringify(MODELS.get(locale)))).toBeLessThanOrEqual(LIMITS.modelBytes);
  });

  test('samples follow the ASK rules: words only, braces name the intent\'s own slots, once each', () => {
    const problems: string[] = [];
    for (const intent of model.intents) {
      const slotNames = new Set((intent.slots ?? []).map((slot) => slot.name));
      const check = (sample: string, where: string, mustUse?: string): void => {
        if (/\d/.test(sample)) problems.push(`${where}: digits in "${sample}"`);
        // Letters of any script (Alexa's Italian, German, French models have accented letters); no digits or punctuation.
        if (/[^\p{L}\p{M}' .{}_]/u.test(sample.replace(/\{[A-Za-z_]+\}/g, ''))) problems.push(`${where}: punctuation in "${sample}"`);
        if (/[{}]/.test(sample.replace(/\{[A-Za-z_]+\}/g, ''))) problems.push(`${where}: stray brace in "${sample}"`);
        if (sample.length > LIMITS.sampleCharacters) problems.push(`${where}: longer than ${LIMITS.sampleCharacters} characters`);
        const used = [...sample.matchAll(/\{([A-Za-z_]+)\}/g)].map((match) => match[1] ?? '');
        for (const name of used) if (!slotNames.has(name)) problems.push(`${where}: {${name}} is not a slot of ${intent.name}`);
        if (new Set(used).size !== used.length) problems.push(`${where}: a slot used twice in "${sample}"`);
        if (mustUse && !used.includes(mustUse)) problems.push(`${where}: slot sample "${sample}" does not use {${mustUse}}`);
      };
      for (const sample of intent.samples ?? []) check(sample, intent.name);
      for (const slot of intent.slots ?? []) for (const sample of slot.samples ?? []) check(sample, `${intent.name}.${slot.name}`, slot.name);
    }
    expect(problems).toEqual([]);
  });

  test('no sample is given twice, in one intent or across intents', () => {
    const owner = new Map<string, string>();
    const duplicates: string[] = [];
    for (const intent of model.intents) {
      for (const sample of intent.samples ?? []) {
        const key = normalizeUtterance(sample.replace(/\{([A-Za-z_]+)\}/g, 'slot$1'));
        const first = owner.get(key);
        if (first) duplicates.push(`"${sample}" in ${first} and ${intent.name}`);
        else owner.set(key, intent.name);
      }
    }
    expect(duplicates).toEqual([]);
  });

  test('every slot type exists, and no slot value or synonym belongs to two ids', () => {
    const slotTypes = model.intents.flatMap((intent) => (intent.slots ?? []).map((slot) => slot.type));
    expect(slotTypes.filter((type) => !type.startsWith('AMAZON.') && !types.has(type))).toEqual([]);
    const ambiguous = (model.types ?? []).flatMap((type) => {
      const idOf = new Map<string, string>();
      return type.values.flatMap((value) =>
        [value.name.value, ...(value.name.synonyms ?? [])].flatMap((word) => {
          const id = value.id ?? value.name.value;
          const earlier = idOf.get(normalizeUtterance(word));
          idOf.set(normalizeUtterance(word), id);
          return earlier !== undefined && earlier !== id ? [`${type.name}: "${word}" is ${earlier} and ${id}`] : [];
        }),
      );
    });
    expect(ambiguous).toEqual([]);
  });

  test('the dialog model names real intents, slots and prompts', () => {
    const full = MODELS.get(locale)?.interactionModel as {
      dialog?: { intents?: Array<{ name: string; slots?: Array<{ name: string; prompts?: Record<string, string> }> }> };
      prompts?: Array<{ id: string }>;
    };
    const promptIds = new Set((full.prompts ?? []).map((prompt) => prompt.id));
    const problems = (full.dialog?.intents ?? []).flatMap((dialogIntent) => {
      const intent = model.intents.find((candidate) => candidate.name === dialogIntent.name);
      if (!intent) return [`dialog intent ${dialogIntent.name} is not in the model`];
      return (dialogIntent.slots ?? []).flatMap((slot) => [
        ...(intent.slots?.some((candidate) => candidate.name === slot.name) ? [] : [`${intent.name}.${slot.name} is not a slot`]),
        ...Object.values(slot.prompts ?? {}).filter((id) => !promptIds.has(id)).map((id) => `prompt ${id} does not exist`),
      ]);
    });
    expect(problems).toEqual([]);
  });

  test(`every custom intent has at least ${MIN_CUSTOM_SAMPLES} samples`, () => {
    const counts = Object.fromEntries(model.intents.filter(isCustom).map((intent) => [intent.name, intent.samples?.length ?? 0]));
    console.log(`${locale} samples per custom intent: ${JSON.stringify(counts)}`);
    expect(Object.entries(counts).filter(([, count]) => count < MIN_CUSTOM_SAMPLES)).toEqual([]);
  });

  test('every intent and item slot of the protocol is in the model, with slot ids the protocol knows', () => {
    const problems: string[] = [];
    const idsOf = (intentName: string, slotName: string): string[] | undefined => {
      const slot = model.intents.find((intent) => intent.name === intentName)?.slots?.find((candidate) => candidate.name === slotName);
      return types.get(slot?.type ?? '')?.values.map((value) => value.id ?? value.name.value);
    };
    for (const [intentName, route] of Object.entries(protocol.intents)) {
      if (!model.intents.some((intent) => intent.name === intentName)) problems.push(`${intentName} missing`);
      if (!('topic' in route) || !route.itemSlot) continue;
      const items = [...topicItems(route.topic).map((item) => item.id), ...Object.keys(route.slotFacts ?? {})];
      for (const slotName of itemSlotsOf(route)) {
        const ids = idsOf(intentName, slotName);
        if (!ids) problems.push(`${intentName} has no custom slot ${slotName}`);
        else problems.push(...ids.filter((id) => !items.includes(id)).map((id) => `${intentName}.${slotName}: ${id} is no ${route.topic} item`));
      }
    }
    const redFlagIds = idsOf('RedFlagIntent', 'symptom');
    expect(sorted(redFlagIds ?? [])).toEqual(sorted([...protocol.redFlags.urgent, ...protocol.redFlags.doctor]));
    const compressIds = (model.types ?? []).find((type) => type.name === 'COMPRESS')?.values.map((value) => value.id);
    if (compressIds) expect(sorted(compressIds.map(String))).toEqual(sorted(COMPRESS_KINDS));
    expect(problems).toEqual([]);
  });
});

describe.each(MODEL_LOCALES)('%s: slot words and warning signs agree', (locale) => {
  const model = languageModel(locale);
  const reader = signReader(entry(locale).language);
  const typeOf = (name: string) => (model.types ?? []).find((type) => type.name === name);
  const URGENCY: Record<string, number> = { distress: 0, urgent: 1, doctor: 2 };

  test('every way the red-flag slot names a sign reads as that sign, or a more urgent one', () => {
    const weaker = (typeOf('RED_FLAG')?.values ?? []).flatMap((value) => {
      const id = value.id ?? value.name.value;
      const wanted = protocol.redFlags.urgent.includes(id) ? URGENCY.urgent : URGENCY.doctor;
      return [value.name.value, ...(value.name.synonyms ?? [])].flatMap((words) => {
        const finding = findingOf(reader.read(words));
        // Words the sign lists do not know are left to Alexa's resolution, which names the sign.
        if (!finding) return [];
        const got = URGENCY[finding.kind] ?? 9;
        return got <= (wanted ?? 9) ? [] : [`${id}: "${words}" reads as ${JSON.stringify(finding)}`];
      });
    });
    expect(weaker).toEqual([]);
  });

  test('no word of an ordinary slot (a remedy, a cause, how one hurt one\'s back) reads as a warning sign', () => {
    const ordinary = ['BACK_PROBLEM', 'INJURY', 'REMEDY', 'COMPRESS', 'PREVENTION_TIP', 'ASKING', 'THERAPY', 'CARE'];
    const alarming = ordinary.flatMap((name) =>
      (typeOf(name)?.values ?? []).flatMap((value) =>
        [value.name.value, ...(value.name.synonyms ?? [])].flatMap((words) => {
          const finding = findingOf(reader.read(words));
          // Naming the back problem (a wish for the steps) or a denial is no warning.
          return finding && !['denied', 'treatment', 'nothing'].includes(finding.kind) ? [`${name}: "${words}" reads as ${finding.kind}`] : [];
        }),
      ),
    );
    expect(alarming).toEqual([]);
  });
});

test('skill.json is what `npm run models` writes from content/*/listing.json and the registry', () => {
  expect(readFileSync(SKILL_JSON, 'utf8')).toBe(skillJsonText());
});

describe.each(SUPPORTED_LOCALES)('%s store listing', (locale) => {
  const info = manifest.publishingInformation.locales[locale] as LocaleInfo & { name: string; summary: string; keywords: string[] };
  const matcher = matcherFor(locale);

  test('fits the store: name, summary, description, three example phrases, keywords', () => {
    expect(info.name.length).toBeGreaterThan(1);
    expect(info.name.length).toBeLessThanOrEqual(50);
    expect(info.summary.length).toBeLessThanOrEqual(160);
    expect(info.description.length).toBeLessThanOrEqual(4000);
    expect(info.examplePhrases.length).toBeGreaterThanOrEqual(1);
    expect(info.examplePhrases.length).toBeLessThanOrEqual(3);
    expect(info.keywords.length).toBeLessThanOrEqual(30);
    expect(new Set(info.keywords).size).toBe(info.keywords.length);
  });

  test('the description gives the locale\'s emergency number', () => {
    expect(info.description).toContain(entry(locale).emergency.display);
  });

  test('the first example phrase launches the skill', () => {
    expect(matcher.invocationOf(info.examplePhrases[0] ?? '')).toEqual({ kind: 'launch' });
  });

  test('every other example phrase reaches a real intent through the model', () => {
    const reached = info.examplePhrases.slice(1).map((phrase) => {
      const invocation = matcher.invocationOf(phrase);
      return { phrase, intent: invocation?.kind === 'oneShot' ? matcher.match(invocation.utterance, undefined, 'exact').intent.name : invocation?.kind };
    });
    expect(reached.length).toBeGreaterThan(0);
    expect(reached.filter(({ intent }) => intent === undefined || intent === 'launch' || intent === 'AMAZON.FallbackIntent')).toEqual([]);
  });
});

describe('every intent of every model has a handler of its own', () => {
  let harness: SkillHarness;
  beforeAll(async () => {
    harness = await SkillHarness.start();
  });
  afterAll(() => harness.close());

  /** The handler the SDK would pick for this intent, with empty slots, after the real request interceptor. */
  async function handlerFor(locale: string, intent: ModelIntent | { name: string }): Promise<RequestHandler | undefined> {
    const slots = Object.fromEntries(
      ('slots' in intent ? (intent.slots ?? []) : []).map((slot): [string, Slot] => [slot.name, { name: slot.name, confirmationStatus: 'NONE' }]),
    );
    const request = intentRequest(locale, harness.clock.now(), { name: intent.name, confirmationStatus: 'NONE', slots } as Intent);
    const caller = {
      skillId: 'amzn1.ask.skill.test',
      userId: `amzn1.ask.account.${locale}-${intent.name}`,
      deviceId: 'amzn1.ask.device.test',
      locale,
      apiEndpoint: 'http://127.0.0.1:9',
      apiAccessToken: 'token',
    };
    const requestEnvelope = envelope(caller, request, { sessionId: 'amzn1.echo-api.session.test', isNew: true, attributes: {} });
    const handlerInput: HandlerInput = {
      requestEnvelope,
      context: {},
      attributesManager: AttributesManagerFactory.init({ requestEnvelope, persistenceAdapter: harness.adapter() }),
      responseBuilder: ResponseFactory.init(),
    };
    await loadRequestContext({ clock: harness.clock, logger: harness.logger, apiTimeoutMs: 1000 }).process(handlerInput);
    for (const handler of REQUEST_HANDLERS) if (await handler.canHandle(handlerInput)) return handler;
    return undefined;
  }

  test('the check can fail: an intent no model has goes to the catch-all', async () => {
    expect(REQUEST_HANDLERS[REQUEST_HANDLERS.length - 1]).toBe(unhandled);
    expect(await handlerFor(BASE_LOCALE, { name: 'NoSuchIntent' })).toBe(unhandled);
  });

  test.each(MODEL_LOCALES)('%s', async (locale) => {
    const caughtAll: string[] = [];
    for (const intent of languageModel(locale).intents) {
      const handler = await handlerFor(locale, intent);
      if (handler === undefined || handler === unhandled) caughtAll.push(intent.name);
    }
    expect(caughtAll).toEqual([]);
  });
});
