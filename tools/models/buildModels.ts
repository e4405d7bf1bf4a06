import { BACK_TRANSLATION_DIR, backTranslationDoc, TRANSLATED_LANGUAGES } from './backTranslation';
import { SKILL_JSON, skillJsonText } from './buildListing';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { localeInfo, SUPPORTED_LOCALES, languageOf, type SupportedLocale } from '../../lambda/locales';
import { expandAll, type PhraseTable } from './templates';

/**
 * Builds interactionModels/custom/<locale>.json for every locale of the registry from one
 * source per language (content/<language>/model.json) and, where a locale speaks
 * differently, a small variant (content/<locale>/model.json). The ASK CLI deploys the built
 * files, so they are committed; a test fails when they are stale (`npm run models`).
 */
export interface IntentSource {
  readonly slots?: Readonly<Record<string, string>>;
  readonly samples: readonly string[];
  /** Slots the skill may ask for with Dialog.ElicitSlot: the prompt (a content key) and what people answer. */
  readonly elicit?: Readonly<Record<string, { readonly promptKey: string; readonly samples: readonly string[] }>>;
}

/** Slot type values by id: the first entry is the value, the rest its synonyms (templates allowed). */
export type TypeSource = Readonly<Record<string, readonly string[]>>;

export interface ModelSource {
  /** What Alexa itself understands for its built-in intents in this language (local matcher only). */
  readonly alexaBuiltins?: Readonly<Record<string, readonly string[]>>;
  readonly phrases?: PhraseTable;
  readonly types?: Readonly<Record<string, TypeSource>>;
  readonly intents: Readonly<Record<string, IntentSource>>;
}

export interface LocaleVariant {
  /** Phrase lists that replace the language's lists of the same name. */
  readonly phrases?: PhraseTable;
  readonly add?: { readonly intents?: Readonly<Record<string, readonly string[]>>; readonly types?: Readonly<Record<string, TypeSource>> };
  /** Expanded samples or synonyms this locale does not say. */
  readonly remove?: { readonly intents?: Readonly<Record<string, readonly string[]>>; readonly types?: Readonly<Record<string, TypeSource>> };
}

export const CONTENT_DIR = join(__dirname, '..', '..', 'content');
export const MODELS_OUT_DIR = join(__dirname, '..', '..', 'interactionModels', 'custom');

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

export function modelSource(language: string): ModelSource {
  return readJson<ModelSource>(join(CONTENT_DIR, language, 'model.json'));
}

export function localeVariant(locale: string): LocaleVariant {
  const file = join(CONTENT_DIR, locale, 'model.json');
  return existsSync(file) ? readJson<LocaleVariant>(file) : {};
}

type Tree = { readonly [key: string]: string | Tree };

/** A sentence of content for a locale, falling back to its language only. */
function contentText(locale: string, language: string, key: string): string {
  for (const code of [locale, language]) {
    const file = join(CONTENT_DIR, code, 'speech.json');
    if (!existsSync(file)) continue;
    let node: string | Tree | undefined = readJson<Tree>(file);
    for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
    if (typeof node === 'string') return node;
  }
  throw new Error(`${locale}: no words for prompt ${key}`);
}

const SLOT_REF = /\{([A-Za-z0-9_]+)\}/g;

export interface BuiltModel {
  readonly interactionModel: {
    readonly languageModel: {
      readonly invocationName: string;
      readonly intents: ReadonlyArray<{ name: string; slots?: Array<{ name: string; type: string; samples?: string[] }>; samples: string[] }>;
      readonly types: ReadonlyArray<{ name: string; values: Array<{ id: string; name: { value: string; synonyms?: string[] } }> }>;
    };
    readonly dialog?: unknown;
    readonly prompts?: unknown;
  };
}

export function buildModel(locale: SupportedLocale): BuiltModel {
  const language = languageOf(locale);
  const source = modelSource(language);
  const variant = localeVariant(locale);
  const phrases: PhraseTable = { ...(source.phrases ?? {}), ...(variant.phrases ?? {}) };
  const invocationName = localeInfo(locale)?.invocationName;
  if (!invocationName) throw new Error(`${locale}: the registry names no invocation name`);

  const intents = Object.entries(source.intents).map(([name, intent]) => {
    const removed = new Set(variant.remove?.intents?.[name] ?? []);
    const samples = expandAll([...intent.samples, ...(variant.add?.intents?.[name] ?? [])], phrases).filter((sample) => !removed.has(sample));
    for (const sample of samples) {
      for (const [, slot] of sample.matchAll(SLOT_REF)) {
        if (!intent.slots || !Object.hasOwn(intent.slots, slot ?? '')) throw new Error(`${locale} ${name}: sample names undeclared slot {${slot}}: ${sample}`);
      }
    }
    const slots = Object.entries(intent.slots ?? {}).map(([slotName, type]) => {
      const elicit = intent.elicit?.[slotName];
      return elicit ? { name: slotName, type, samples: expandAll(elicit.samples, phrases) } : { name: slotName, type };
    });
    return { name, ...(slots.length > 0 ? { slots } : {}), samples };
  });

  const owner = new Map<string, string>();
  for (const intent of intents) {
    for (const sample of intent.samples) {
      const other = owner.get(sample);
      if (other !== undefined && other !== intent.name) throw new Error(`${locale}: "${sample}" is a sample of both ${other} and ${intent.name}`);
      owner.set(sample, intent.name);
    }
  }

  const typeNames = new Set([...Object.keys(source.types ?? {}), ...Object.keys(variant.add?.types ?? {})]);
  const types = [...typeNames].map((typeName) => {
    const base = source.types?.[typeName] ?? {};
    const added = variant.add?.types?.[typeName] ?? {};
    const removed = variant.remove?.types?.[typeName] ?? {};
    const ids = [...new Set([...Object.keys(base), ...Object.keys(added)])];
    return {
      name: typeName,
      values: ids.map((id) => {
        const drop = new Set(removed[id] ?? []);
        const all = expandAll([...(base[id] ?? []), ...(added[id] ?? [])], phrases).filter((value) => !drop.has(value));
        const [value = id, ...synonyms] = all;
        return { id, name: synonyms.length > 0 ? { value, synonyms } : { value } };
      }),
    };
  });

  const elicited = Object.entries(source.intents).flatMap(([name, intent]) =>
    Object.entries(intent.elicit ?? {}).map(([slotName, elicit]) => ({ name, slotName, type: intent.slots?.[slotName] ?? '', elicit })),
  );
  const dialogIntents = [...new Set(elicited.map((entry) => entry.name))].map((name) => ({
    name,
    delegationStrategy: 'SKILL_RESPONSE',
    confirmationRequired: false,
    prompts: {},
    slots: Object.entries(source.intents[name]?.slots ?? {}).map(([slotName, type]) => {
      const elicit = source.intents[name]?.elicit?.[slotName];
      return {
        name: slotName,
        type,
        confirmationRequired: false,
        elicitationRequired: false,
        prompts: elicit ? { elicitation: `Elicit.Slot.${name}.${slotName}` } : {},
      };
    }),
  }));
  const prompts = elicited.map((entry) => ({
    id: `Elicit.Slot.${entry.name}.${entry.slotName}`,
    variations: [{ type: 'PlainText', value: contentText(locale, language, entry.elicit.promptKey) }],
  }));

  return {
    interactionModel: {
      languageModel: { invocationName, intents, types },
      ...(dialogIntents.length > 0 ? { dialog: { intents: dialogIntents, delegationStrategy: 'SKILL_RESPONSE' }, prompts } : {}),
    },
  };
}

export function modelFile(locale: string): string {
  return join(MODELS_OUT_DIR, `${locale}.json`);
}

/** Structure indented; samples and synonyms one a line with no indentation, to keep the file small. */
export function serialise(model: BuiltModel): string {
  return `${JSON.stringify(model, null, 1).replace(/^ +("(?:[^"\\]|\\.)*",?)$/gm, '$1')}\n`;
}

/** `npm run models`: writes every locale's model. */
function main(): void {
  writeFileSync(SKILL_JSON, skillJsonText());
  mkdirSync(BACK_TRANSLATION_DIR, { recursive: true });
  for (const language of TRANSLATED_LANGUAGES) writeFileSync(join(BACK_TRANSLATION_DIR, `${language}.md`), backTranslationDoc(language));
  for (const locale of SUPPORTED_LOCALES) {
    const text = serialise(buildModel(locale));
    writeFileSync(modelFile(locale), text);
    const model = JSON.parse(text) as BuiltModel;
    const samples = model.interactionModel.languageModel.intents.reduce((sum, intent) => sum + intent.samples.length, 0);
    process.stdout.write(`${locale}: ${samples} samples, ${Buffer.byteLength(text)} bytes (UTF-8, the size the limit counts)\n`);
  }
}

if (require.main === module) main();
