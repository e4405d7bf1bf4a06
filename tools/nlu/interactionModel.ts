import { readFileSync } from 'node:fs';
import { join } from 'node:path';

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

export function loadInteractionModel(locale: string): InteractionModel {
  return JSON.parse(readFileSync(join(MODELS_DIR, `${locale}.json`), 'utf8')) as InteractionModel;
}
