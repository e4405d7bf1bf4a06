import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { localeInfo } from '../../lambda/locales';
import { type SpokenNumbers } from './builtinSlotTypes';
import { type InvocationPhrases } from './invocation';
import { UtteranceMatcher, type LanguageWords } from './matcher';

/** The parts of an ASK interaction model JSON file that matching reads. */
export interface ModelSlot {
  readonly name: string;
  readonly type: string;
  readonly samples?: readonly string[];
}
export interface ModelIntent {
  readonly name: string;
  readonly slots?: readonly ModelSlot[];
  readonly samples?: readonly string[];
}
export interface ModelTypeValue {
  readonly id?: string;
  readonly name: { readonly value: string; readonly synonyms?: readonly string[] };
}
export interface ModelType {
  readonly name: string;
  readonly values: readonly ModelTypeValue[];
}
export interface InteractionModel {
  readonly interactionModel: {
    readonly languageModel: {
      readonly invocationName: string;
      readonly intents: readonly ModelIntent[];
      readonly types?: readonly ModelType[];
    };
    readonly dialog?: unknown;
    readonly prompts?: unknown;
  };
}

export const MODELS_DIR = join(__dirname, '..', '..', 'interactionModels', 'custom');

const models = new Map<string, InteractionModel>();

/** A locale's interaction model file, read once per process. */
export function loadInteractionModel(locale: string): InteractionModel {
  let model = models.get(locale);
  if (!model) {
    model = JSON.parse(readFileSync(join(MODELS_DIR, `${locale}.json`), 'utf8')) as InteractionModel;
    models.set(locale, model);
  }
  return model;
}

const CONTENT_DIR = join(__dirname, '..', '..', 'content');

/**
 * Speech the model cannot place is caught by the red-flag slot's slot-only sample, as such a
 * sample does on a device; the skill then reads the words for warning signs (design.md).
 */
const CATCH_ALL = { intent: 'RedFlagIntent', slot: 'symptom' } as const;

/** What the local matcher needs to know of a language, from content/<language>/. */
export function languageWords(language: string): LanguageWords {
  const read = <T>(file: string): T => JSON.parse(readFileSync(join(CONTENT_DIR, language, file), 'utf8')) as T;
  const model = read<{ alexaBuiltins?: Record<string, string[]>; alexaInvocation?: InvocationPhrases; alexaConsent?: { approve?: string[] } }>('model.json');
  const heard = read<SpokenNumbers & { minorWords?: string[] }>('heard.json');
  const signs = read<{ negations?: { before?: string[]; after?: string[] } }>('signs.json');
  return {
    language,
    builtins: model.alexaBuiltins ?? {},
    minorWords: heard.minorWords ?? [],
    spoken: heard,
    negations: [...(signs.negations?.before ?? []), ...(signs.negations?.after ?? [])],
    catchAll: CATCH_ALL,
    invocation: model.alexaInvocation,
    approvals: model.alexaConsent?.approve ?? [],
  };
}

const matchers = new Map<string, UtteranceMatcher>();

/** The matcher of a locale's real interaction model (built once per process). */
export function matcherFor(locale: string): UtteranceMatcher {
  let matcher = matchers.get(locale);
  if (!matcher) {
    const language = localeInfo(locale)?.language;
    if (!language) throw new Error(`unknown locale ${locale}`);
    matcher = new UtteranceMatcher(loadInteractionModel(locale), languageWords(language));
    matchers.set(locale, matcher);
  }
  return matcher;
}
