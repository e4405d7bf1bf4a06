import { AttributesManagerFactory, ResponseFactory, type HandlerInput, type RequestHandler } from 'ask-sdk-core';
import { type Intent, type Slot } from 'ask-sdk-model';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unhandled } from '../../lambda/handlers/builtins';
import { REQUEST_HANDLERS } from '../../lambda/handlers/order';
import { loadRequestContext } from '../../lambda/interceptors';
import { SUPPORTED_LOCALES } from '../../lambda/locale';
import { COMPRESS_KINDS, protocol, topicItems } from '../../lambda/protocol';
import { envelope, intentRequest } from '../../tools/envelopes';
import { loadInteractionModel, MODELS_DIR, type InteractionModel, type ModelIntent, type ModelType } from '../../tools/nlu/interactionModel';
import { parseInvocation } from '../../tools/nlu/invocation';
import { UtteranceMatcher } from '../../tools/nlu/matcher';
import { normalizeUtterance } from '../../tools/nlu/normalize';
import { SkillHarness } from '../support/harness';

/** The interaction models, the manifest and the locale variants, checked against each other and the code. */

const ROOT = join(__dirname, '..', '..');
const MODEL_LOCALES = readdirSync(MODELS_DIR)
  .filter((file) => file.endsWith('.json'))
  .map((file) => file.replace(/\.json$/, ''));
const MODELS = new Map(MODEL_LOCALES.map((locale) => [locale, loadInteractionModel(locale)] as const));
const BASE_LOCALE = 'en-US';
const MIN_CUSTOM_SAMPLES = 30;

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

type Changes<T> = { add?: Record<string, T>; remove?: Record<string, T> };
interface LocaleVariant {
  samples: Changes<string[]>;
  synonyms: Changes<Record<string, string[]>>;
  reasons: string[];
}
const VARIANTS = JSON.parse(readFileSync(join(ROOT, 'interactionModels', 'locale-variants.json'), 'utf8')) as Record<string, LocaleVariant>;

const languageModel = (locale: string): InteractionModel['interactionModel']['languageModel'] => {
  const model = MODELS.get(locale);
  if (!model) throw new Error(`no model for ${locale}`);
  return model.interactionModel.languageModel;
};
const isCustom = (intent: { name: string }): boolean => !intent.name.startsWith('AMAZON.');
const sorted = (values: Iterable<string>): string[] => [...values].sort();

test('skill.json locales, SUPPORTED_LOCALES and the model files are the same set', () => {
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

  test('the invocation name is the skill name, lower case, in words Alexa accepts', () => {
    const skillName = manifest.publishingInformation.locales[locale]?.name ?? '';
    expect(model.invocationName).toBe(skillName.toLowerCase());
    expect(model.invocationName).toBe('back spasm helper');
    expect(model.invocationName).toMatch(/^[a-z]+( [a-z]+)+$/);
  });

  test('samples follow the ASK rules: words only, braces name the intent\'s own slots, once each', () => {
    const problems: string[] = [];
    for (const intent of model.intents) {
      const slotNames = new Set((intent.slots ?? []).map((slot) => slot.name));
      const check = (sample: string, where: string, mustUse?: string): void => {
        if (/\d/.test(sample)) problems.push(`${where}: digits in "${sample}"`);
        if (/[^A-Za-z' .{}_]/.test(sample.replace(/\{[A-Za-z_]+\}/g, ''))) problems.push(`${where}: punctuation in "${sample}"`);
        if (/[{}]/.test(sample.replace(/\{[A-Za-z_]+\}/g, ''))) problems.push(`${where}: stray brace in "${sample}"`);
        if (sample.length > 200) problems.push(`${where}: longer than 200 characters`);
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
      const ids = idsOf(intentName, route.itemSlot);
      const items = topicItems(route.topic).map((item) => item.id);
      if (!ids) problems.push(`${intentName} has no custom slot ${route.itemSlot}`);
      else problems.push(...ids.filter((id) => !items.includes(id)).map((id) => `${intentName}.${route.itemSlot}: ${id} is no ${route.topic} item`));
    }
    const redFlagIds = idsOf('RedFlagIntent', 'symptom');
    expect(sorted(redFlagIds ?? [])).toEqual(sorted(Object.values(protocol.redFlags).flat()));
    const compressIds = (model.types ?? []).find((type) => type.name === 'COMPRESS')?.values.map((value) => value.id);
    if (compressIds) expect(sorted(compressIds.map(String))).toEqual(sorted(COMPRESS_KINDS));
    expect(problems).toEqual([]);
  });
});

describe('locale models are en-US plus exactly their locale variants', () => {
  /** A model in a comparable form: intents and types by name, samples and synonyms as sorted sets. */
  function canonical(model: InteractionModel): unknown {
    const { languageModel, ...rest } = model.interactionModel;
    const intent = (it: ModelIntent): unknown => ({ ...it, samples: sorted(it.samples ?? []), slots: it.slots ?? [] });
    const type = (ty: ModelType): unknown => ({
      name: ty.name,
      values: [...ty.values]
        .sort((a, b) => (a.id ?? '').localeCompare(b.id ?? ''))
        .map((value) => ({ id: value.id, name: value.name.value, synonyms: sorted(value.name.synonyms ?? []) })),
    });
    return {
      ...rest,
      languageModel: {
        ...languageModel,
        intents: [...languageModel.intents].sort((a, b) => a.name.localeCompare(b.name)).map(intent),
        types: [...(languageModel.types ?? [])].sort((a, b) => a.name.localeCompare(b.name)).map(type),
      },
    };
  }

  function applyVariant(base: InteractionModel, variant: LocaleVariant | undefined): InteractionModel {
    const copy = JSON.parse(JSON.stringify(base)) as InteractionModel;
    if (!variant) return copy;
    const edited = copy.interactionModel.languageModel as unknown as { intents: Array<{ name: string; samples?: string[] }>; types?: ModelType[] };
    for (const intent of edited.intents) {
      const removed = new Set(variant.samples.remove?.[intent.name] ?? []);
      intent.samples = [...(intent.samples ?? []).filter((sample) => !removed.has(sample)), ...(variant.samples.add?.[intent.name] ?? [])];
    }
    for (const type of edited.types ?? []) {
      for (const value of type.values as Array<{ id?: string; name: { value: string; synonyms?: string[] } }>) {
        const id = value.id ?? value.name.value;
        const removed = new Set(variant.synonyms.remove?.[type.name]?.[id] ?? []);
        value.name.synonyms = [...(value.name.synonyms ?? []).filter((word) => !removed.has(word)), ...(variant.synonyms.add?.[type.name]?.[id] ?? [])];
      }
    }
    return copy;
  }

  const base = MODELS.get(BASE_LOCALE) as InteractionModel;
  const others = MODEL_LOCALES.filter((locale) => locale !== BASE_LOCALE);

  test('every variant is for a model locale and says why', () => {
    expect(Object.keys(VARIANTS).filter((locale) => !others.includes(locale))).toEqual([]);
    expect(Object.entries(VARIANTS).filter(([, variant]) => variant.reasons.length === 0)).toEqual([]);
  });

  test.each(others)('%s', (locale) => {
    expect(canonical(MODELS.get(locale) as InteractionModel)).toEqual(canonical(applyVariant(base, VARIANTS[locale])));
  });

  test.each(Object.keys(VARIANTS))('%s: removes what en-US has, adds what it lacks (no typos, no no-ops)', (locale) => {
    const variant = VARIANTS[locale] as LocaleVariant;
    const baseModel = base.interactionModel.languageModel;
    const samplesOf = (name: string): readonly string[] => baseModel.intents.find((intent) => intent.name === name)?.samples ?? [];
    const synonymsOf = (typeName: string, id: string): readonly string[] | undefined =>
      baseModel.types?.find((type) => type.name === typeName)?.values.find((value) => (value.id ?? value.name.value) === id)?.name.synonyms;
    const problems: string[] = [];
    for (const [intent, samples] of Object.entries(variant.samples.remove ?? {})) {
      problems.push(...samples.filter((sample) => !samplesOf(intent).includes(sample)).map((sample) => `remove ${intent}: "${sample}" not in en-US`));
    }
    for (const [intent, samples] of Object.entries(variant.samples.add ?? {})) {
      if (!baseModel.intents.some((candidate) => candidate.name === intent)) problems.push(`add: no intent ${intent}`);
      problems.push(...samples.filter((sample) => samplesOf(intent).includes(sample)).map((sample) => `add ${intent}: "${sample}" already in en-US`));
    }
    for (const [direction, byType] of Object.entries(variant.synonyms)) {
      for (const [typeName, byId] of Object.entries(byType as Record<string, Record<string, string[]>>)) {
        for (const [id, words] of Object.entries(byId)) {
          const existing = synonymsOf(typeName, id);
          if (!existing) problems.push(`${direction} ${typeName}.${id}: no such value in en-US`);
          else if (direction === 'remove') problems.push(...words.filter((word) => !existing.includes(word)).map((word) => `remove ${typeName}.${id}: "${word}" not in en-US`));
          else problems.push(...words.filter((word) => existing.includes(word)).map((word) => `add ${typeName}.${id}: "${word}" already in en-US`));
        }
      }
    }
    expect(problems).toEqual([]);
  });
});

describe.each(SUPPORTED_LOCALES)('%s store listing', (locale) => {
  const info = manifest.publishingInformation.locales[locale] as LocaleInfo;
  const matcher = new UtteranceMatcher(loadInteractionModel(locale));

  test('the description gives the locale\'s emergency number', () => {
    const number = protocol.emergencyNumbers[locale];
    expect(number).toBeDefined();
    expect(info.description).toContain(number);
  });

  test('the first example phrase launches the skill', () => {
    expect(parseInvocation(info.examplePhrases[0] ?? '', matcher.invocationName)).toEqual({ kind: 'launch' });
  });

  test('every other example phrase reaches a real intent through the model', () => {
    const reached = info.examplePhrases.slice(1).map((phrase) => {
      const invocation = parseInvocation(phrase, matcher.invocationName);
      return { phrase, intent: invocation?.kind === 'oneShot' ? matcher.match(invocation.utterance).intent.name : invocation?.kind };
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
