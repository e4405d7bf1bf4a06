import { type Intent, type Slot, type slu } from 'ask-sdk-model';
import { BUILTIN_SAMPLES } from './builtinSamples';
import { BUILTIN_SLOT_PARSERS } from './builtinSlotTypes';
import { type InteractionModel, type ModelIntent, type ModelSlot, type ModelType } from './interactionModel';
import { normalizeUtterance } from './normalize';

/**
 * A local stand-in for Alexa's language understanding, driven only by the skill's real
 * interaction model: typed text matches a sample utterance (slot values resolved
 * against the model's slot types, as entity resolution does) or becomes
 * AMAZON.FallbackIntent. It is exact where Alexa is statistical, so a phrase that
 * matches here is one the model really contains.
 */
export interface Match {
  readonly intent: Intent;
  /** The sample utterance that matched, or undefined for the fallback. */
  readonly sample?: string;
}

interface CompiledSample {
  readonly intent: ModelIntent;
  readonly sample: string;
  readonly pattern: RegExp;
  readonly slotNames: readonly string[];
  readonly literalWords: number;
}

const SLOT_REFERENCE = /\{([A-Za-z0-9_]+)\}/g;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function compileSample(intent: ModelIntent, sample: string): CompiledSample {
  const slotNames: string[] = [];
  // Words and slots, joined by single spaces: a slot value is whole words, never part of one.
  const tokens = sample
    .replace(SLOT_REFERENCE, ' {$1} ')
    .split(/\s+/)
    .filter((token) => token !== '')
    .flatMap((token) => {
      const slot = /^\{([A-Za-z0-9_]+)\}$/.exec(token);
      if (slot) {
        slotNames.push(slot[1] ?? '');
        return ['(.+?)'];
      }
      const word = normalizeUtterance(token);
      return word === '' ? [] : [escapeRegExp(word)];
    });
  const literal = normalizeUtterance(sample.replace(SLOT_REFERENCE, ' '));
  const pattern = new RegExp(`^${tokens.join(' ')}$`);
  return { intent, sample, pattern, slotNames, literalWords: literal === '' ? 0 : literal.split(' ').length };
}

export class UtteranceMatcher {
  private readonly samples: CompiledSample[] = [];
  private readonly types = new Map<string, ModelType>();
  private readonly intents = new Map<string, ModelIntent>();

  constructor(
    readonly model: InteractionModel,
    private readonly skillId = 'amzn1.ask.skill.00000000-0000-0000-0000-000000000000',
  ) {
    const languageModel = model.interactionModel.languageModel;
    for (const type of languageModel.types ?? []) this.types.set(type.name, type);
    for (const intent of languageModel.intents) {
      this.intents.set(intent.name, intent);
      const samples = new Set([...(intent.samples ?? []), ...(BUILTIN_SAMPLES[intent.name] ?? [])]);
      for (const sample of samples) this.samples.push(compileSample(intent, sample));
    }
  }

  get invocationName(): string {
    return this.model.interactionModel.languageModel.invocationName;
  }

  hasIntent(name: string): boolean {
    return this.intents.has(name);
  }

  /**
   * Matches one utterance. While the skill is eliciting a slot (Dialog.ElicitSlot), the
   * slot's own samples ("at {bedtime}") are tried first, as Alexa does.
   */
  match(text: string, eliciting?: { intent: Intent; slotName: string }): Match {
    const utterance = normalizeUtterance(text);
    if (eliciting) {
      const elicited = this.matchElicitation(utterance, eliciting.intent, eliciting.slotName);
      if (elicited) return elicited;
    }
    let best: { score: number; match: Match } | undefined;
    for (const compiled of this.samples) {
      const found = compiled.pattern.exec(utterance);
      if (!found) continue;
      const filled = this.fillSlots(compiled, found.slice(1));
      if (!filled) continue;
      const score = (filled.allResolved ? 1000 : 0) + compiled.literalWords * 10 - compiled.slotNames.length;
      if (!best || score > best.score) {
        best = { score, match: { intent: this.intentWith(compiled.intent, filled.slots), sample: compiled.sample } };
      }
    }
    return best?.match ?? { intent: { name: 'AMAZON.FallbackIntent', slots: {}, confirmationStatus: 'NONE' } };
  }

  private matchElicitation(utterance: string, intent: Intent, slotName: string): Match | undefined {
    const modelIntent = this.intents.get(intent.name);
    const slot = modelIntent?.slots?.find((candidate) => candidate.name === slotName);
    if (!modelIntent || !slot) return undefined;
    for (const sample of slot.samples ?? []) {
      const compiled = compileSample(modelIntent, sample);
      const found = compiled.pattern.exec(utterance);
      if (!found) continue;
      const filled = this.fillSlots(compiled, found.slice(1));
      if (!filled?.allResolved) continue;
      const slots = { ...(intent.slots ?? {}), ...filled.slots };
      return { intent: { name: intent.name, confirmationStatus: 'NONE', slots }, sample };
    }
    return undefined;
  }

  private intentWith(intent: ModelIntent, filled: Record<string, Slot>): Intent {
    const slots: Record<string, Slot> = {};
    for (const slot of intent.slots ?? []) slots[slot.name] = filled[slot.name] ?? { name: slot.name, confirmationStatus: 'NONE' };
    return { name: intent.name, confirmationStatus: 'NONE', slots };
  }

  private fillSlots(compiled: CompiledSample, values: string[]): { slots: Record<string, Slot>; allResolved: boolean } | undefined {
    const slots: Record<string, Slot> = {};
    let allResolved = true;
    for (const [position, slotName] of compiled.slotNames.entries()) {
      const raw = (values[position] ?? '').trim();
      const definition = compiled.intent.slots?.find((slot) => slot.name === slotName);
      if (!definition || raw === '') return undefined;
      const slot = this.resolve(definition, raw);
      if (!slot) return undefined;
      if (slot.resolutions?.resolutionsPerAuthority?.[0]?.status.code === 'ER_SUCCESS_NO_MATCH') allResolved = false;
      slots[slotName] = slot;
    }
    // A sample that is nothing but a slot must not swallow every unmatched phrase.
    if (!allResolved && compiled.literalWords < 2) return undefined;
    return { slots, allResolved };
  }

  private resolve(definition: ModelSlot, raw: string): Slot | undefined {
    const builtin = BUILTIN_SLOT_PARSERS[definition.type];
    if (builtin) {
      const value = builtin(raw);
      return value === undefined ? undefined : { name: definition.name, value, confirmationStatus: 'NONE' };
    }
    const type = this.types.get(definition.type);
    if (!type) return undefined;
    const authority = `amzn1.er-authority.echo-sdk.${this.skillId}.${type.name}`;
    const found = type.values.find((value) =>
      [value.name.value, ...(value.name.synonyms ?? [])].some((name) => normalizeUtterance(name) === raw),
    );
    return {
      name: definition.name,
      value: raw,
      confirmationStatus: 'NONE',
      resolutions: {
        resolutionsPerAuthority: [
          found
            ? {
                authority,
                status: { code: 'ER_SUCCESS_MATCH' },
                values: [{ value: { name: found.name.value, id: found.id ?? found.name.value } }],
              }
            : // Alexa sends no values for a miss, though the SDK's type wants them.
              ({ authority, status: { code: 'ER_SUCCESS_NO_MATCH' } } as unknown as slu.entityresolution.Resolution),
        ],
      },
    };
  }
}
