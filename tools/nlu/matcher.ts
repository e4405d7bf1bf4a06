import { type Intent, type Slot, type slu } from 'ask-sdk-model';
import { builtinSlotParser, type SpokenNumbers } from './builtinSlotTypes';
import { type InteractionModel, type ModelIntent, type ModelSlot, type ModelType } from './interactionModel';
import { isUnspaced, normalizeUtterance } from './normalize';
import { parseInvocation, type Invocation, type InvocationPhrases } from './invocation';

/**
 * A local stand-in for Alexa's language understanding, driven only by the skill's real
 * interaction model, in three strengths:
 * - 'exact': a sample matches word for word and every custom slot value is one of the
 *   type's values or synonyms (as virtual-alexa and Alexa's built-in intents match);
 * - 'tolerant': a sample word for word, else the nearest sample, allowing missing, extra and misheard words, scored 0..1
 *   and accepted from TOLERANT_THRESHOLD up (fixed before any development set was read);
 * - 'alexa' (npm start, conversation tests): exact, else a sample whose custom slot caught
 *   words it cannot resolve (Alexa passes those on, ER_SUCCESS_NO_MATCH), else tolerant,
 *   else the catch-all slot (the whole utterance, as a slot-only sample catches speech on a
 *   device), else AMAZON.FallbackIntent.
 */
export type MatchMode = 'exact' | 'tolerant' | 'alexa';

export interface Match {
  readonly intent: Intent;
  /** The sample utterance that matched, or undefined for the fallback. */
  readonly sample?: string;
  /** How the match was made. */
  readonly how: 'exact' | 'unresolved' | 'tolerant' | 'caught' | 'fallback';
  /** The tolerant matcher's score (1 for exact matches). */
  readonly score: number;
}

export const TOLERANT_THRESHOLD = 0.6;

type Token = { readonly word: string } | { readonly slot: string };

interface CompiledSample {
  readonly intent: ModelIntent;
  readonly sample: string;
  readonly pattern: RegExp;
  /** The literal words (or characters), all of which an utterance must have to match exactly. */
  readonly literals: readonly string[];
  readonly slotNames: readonly string[];
  readonly literalLength: number;
  readonly tokens: readonly Token[];
}

export interface LanguageWords {
  readonly language: string;
  /** Phrases Alexa understands for its built-in intents in this language. */
  readonly builtins: Readonly<Record<string, readonly string[]>>;
  /** Words that weigh little in tolerant matching ("the", "um"). */
  readonly minorWords: readonly string[];
  /** How the language says numbers and times, for built-in slot types. */
  readonly spoken: SpokenNumbers;
  /** Words that turn a meaning round ("not", "no"): dropping or adding one costs much more. */
  readonly negations?: readonly string[];
  /**
   * Where speech no sample places ends up, as a slot-only sample catches it on a device:
   * the intent and its slot, given the whole utterance as an unresolved value.
   */
  readonly catchAll?: { readonly intent: string; readonly slot: string };
  /** What Alexa accepts to open a skill in this language (launch and one-shot phrases). */
  readonly invocation?: InvocationPhrases;
  /** What Alexa's own permission question takes as yes in this language. */
  readonly approvals?: readonly string[];
}

const MAX_SLOT_TOKENS = 12;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** How many ways of sharing words between a sample's slots are tried before giving up. */
const MAX_SPLITS = 256;

/**
 * Every way the slots of a sample can share an utterance's words (or characters), in the
 * order a lazy match would find them. A regular expression finds only the first ("{lead}
 * {symptom}" gives the lead one word); Alexa matches the sample if any sharing resolves.
 */
function* slotSplits(tokens: readonly Token[], units: readonly string[], joiner: string): Generator<string[]> {
  const values: string[] = [];
  let found = 0;
  function* walk(token: number, unit: number): Generator<string[]> {
    if (found >= MAX_SPLITS) return;
    const current = tokens[token];
    if (current === undefined) {
      if (unit === units.length) {
        found += 1;
        yield [...values];
      }
      return;
    }
    if ('word' in current) {
      if (units[unit] === current.word) yield* walk(token + 1, unit + 1);
      return;
    }
    for (let end = unit + 1; end <= units.length; end += 1) {
      values.push(units.slice(unit, end).join(joiner));
      yield* walk(token + 1, end);
      values.pop();
    }
  }
  yield* walk(0, 0);
}

function fallback(): Match {
  return { intent: { name: 'AMAZON.FallbackIntent', slots: {}, confirmationStatus: 'NONE' }, how: 'fallback', score: 0 };
}

/** Levenshtein distance, for words misheard by a letter or two. */
function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i += 1) {
    let previous = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const current = row[j] ?? 0;
      row[j] = Math.min((row[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length] ?? 0;
}

export class UtteranceMatcher {
  private readonly samples: CompiledSample[] = [];
  private readonly types = new Map<string, ModelType>();
  /** Every value and synonym of a custom type, normalised, to its value. */
  private readonly typeValues = new Map<string, Map<string, { name: string; id: string }>>();
  /** For each custom type, the significant words of each value, and the values each word is in. */
  private readonly typeWords = new Map<string, { valueWords: string[][]; byWord: Map<string, number[]> }>();
  /** Slot costs of the utterance being matched, by type and words. */
  private slotCosts = new Map<string, { cost: number; slot?: Slot }>();
  private readonly intents = new Map<string, ModelIntent>();
  private readonly unspaced: boolean;
  private readonly minor: ReadonlySet<string>;
  private readonly negations: ReadonlySet<string>;
  /** Samples by each literal word they contain, to find tolerant candidates fast. */
  private readonly byWord = new Map<string, Set<CompiledSample>>();
  private readonly slotOnly: CompiledSample[] = [];

  constructor(
    readonly model: InteractionModel,
    readonly words: LanguageWords,
    private readonly skillId = 'amzn1.ask.skill.00000000-0000-0000-0000-000000000000',
  ) {
    this.unspaced = isUnspaced(words.language);
    this.minor = new Set(words.minorWords.map((word) => this.normalize(word)));
    this.negations = new Set((words.negations ?? []).filter((word) => !word.includes(' ')).map((word) => this.normalize(word)));
    const languageModel = model.interactionModel.languageModel;
    for (const type of languageModel.types ?? []) {
      this.types.set(type.name, type);
      const values = new Map<string, { name: string; id: string }>();
      for (const value of type.values) {
        for (const name of [value.name.value, ...(value.name.synonyms ?? [])]) {
          const key = this.normalize(name);
          if (!values.has(key)) values.set(key, { name: value.name.value, id: value.id ?? value.name.value });
        }
      }
      this.typeValues.set(type.name, values);
      const valueWords = [...values.keys()].map((key) => (this.unspaced ? [...key] : key.split(' ')).filter((word) => !this.minor.has(word)));
      const byWord = new Map<string, number[]>();
      valueWords.forEach((list, index) => {
        for (const word of new Set(list)) {
          const indexes = byWord.get(word) ?? [];
          indexes.push(index);
          byWord.set(word, indexes);
        }
      });
      this.typeWords.set(type.name, { valueWords, byWord });
    }
    for (const intent of languageModel.intents) {
      this.intents.set(intent.name, intent);
      const samples = new Set([...(intent.samples ?? []), ...(words.builtins[intent.name] ?? [])]);
      for (const sample of samples) this.add(this.compile(intent, sample));
    }
  }

  private normalize(text: string): string {
    return normalizeUtterance(text, this.words.language);
  }

  private tokenize(text: string): string[] {
    const normalized = this.normalize(text);
    if (normalized === '') return [];
    return this.unspaced ? [...normalized] : normalized.split(' ');
  }

  private compile(intent: ModelIntent, sample: string): CompiledSample {
    const slotNames: string[] = [];
    const tokens: Token[] = [];
    const pieces = sample.split(/(\{[A-Za-z0-9_]+\})/).filter((piece) => piece.trim() !== '');
    const regexParts: string[] = [];
    let literalLength = 0;
    for (const piece of pieces) {
      const slot = /^\{([A-Za-z0-9_]+)\}$/.exec(piece);
      if (slot) {
        slotNames.push(slot[1] ?? '');
        tokens.push({ slot: slot[1] ?? '' });
        regexParts.push('(.+?)');
        continue;
      }
      const text = this.normalize(piece);
      if (text === '') continue;
      literalLength += text.replace(/\s/g, '').length;
      for (const word of this.unspaced ? [...text] : text.split(' ')) tokens.push({ word });
      regexParts.push(escapeRegExp(text));
    }
    // Words and slots joined by single spaces: a slot value is whole words, never part of one.
    const pattern = new RegExp(`^${regexParts.join(this.unspaced ? '' : ' ')}$`);
    const literals = [...new Set(tokens.flatMap((token) => ('word' in token ? [token.word] : [])))];
    return { intent, sample, pattern, literals, slotNames, literalLength, tokens };
  }

  private add(compiled: CompiledSample): void {
    this.samples.push(compiled);
    const words = compiled.tokens.flatMap((token) => ('word' in token && !this.minor.has(token.word) ? [token.word] : []));
    if (words.length === 0) this.slotOnly.push(compiled);
    for (const word of words) {
      let set = this.byWord.get(word);
      if (!set) this.byWord.set(word, (set = new Set()));
      set.add(compiled);
    }
  }

  get invocationName(): string {
    return this.model.interactionModel.languageModel.invocationName;
  }

  /** How text opens the skill in this model's language ("open …", "ask … to …"), if it does. */
  invocationOf(text: string): Invocation | undefined {
    const phrases = this.words.invocation;
    return phrases ? parseInvocation(text, this.invocationName, phrases, this.words.language) : undefined;
  }

  /** Whether an answer to Alexa's own permission question is a yes. */
  approves(text: string): boolean {
    const said = this.normalize(text);
    return (this.words.approvals ?? []).some((phrase) => this.normalize(phrase) === said);
  }

  hasIntent(name: string): boolean {
    return this.intents.has(name);
  }

  /**
   * Matches one utterance. While the skill is eliciting a slot (Dialog.ElicitSlot), the
   * slot's own samples ("at {bedtime}") are tried first, as Alexa does.
   */
  match(text: string, eliciting?: { intent: Intent; slotName: string }, mode: MatchMode = 'alexa'): Match {
    const utterance = this.normalize(text);
    if (utterance === '') return fallback();
    if (eliciting) {
      const elicited = this.matchElicitation(utterance, eliciting.intent, eliciting.slotName);
      if (elicited) return elicited;
    }
    // A sample said word for word is the match in every mode.
    const exact = this.matchPatterns(utterance, false);
    if (exact) return exact;
    if (mode === 'exact') return fallback();
    if (mode !== 'tolerant') {
      const unresolved = this.matchPatterns(utterance, true);
      if (unresolved) return unresolved;
    }
    return this.matchTolerant(utterance) ?? (mode === 'alexa' ? this.caught(utterance) : undefined) ?? fallback();
  }

  /** The whole utterance in the catch-all slot, unresolved, as a device passes on what it heard. */
  private caught(utterance: string): Match | undefined {
    const catchAll = this.words.catchAll;
    const intent = catchAll ? this.intents.get(catchAll.intent) : undefined;
    const definition = intent?.slots?.find((slot) => slot.name === catchAll?.slot);
    if (!intent || !definition) return undefined;
    const slot = this.resolve(definition, utterance);
    if (!slot) return undefined;
    return { intent: this.intentWith(intent, { [definition.name]: slot }), how: 'caught', score: 0 };
  }

  private matchPatterns(utterance: string, allowUnresolved: boolean): Match | undefined {
    let best: { score: number; match: Match } | undefined;
    const units = this.unspaced ? [...utterance] : utterance.split(' ');
    const present = new Set(units);
    for (const compiled of this.samples) {
      if (!compiled.literals.every((word) => present.has(word))) continue;
      const found = compiled.pattern.exec(utterance);
      if (!found) continue;
      const filled = this.bestFill(compiled, found.slice(1), units);
      if (!filled || (!filled.allResolved && !allowUnresolved)) continue;
      // Alexa passes on words it could not resolve only when they resemble the slot's kind:
      // a sample must not swallow every unmatched phrase ("what is the capital of peru").
      if (!filled.allResolved && (compiled.literalLength < 6 || !this.resemblesSlotKind(compiled, filled.slots))) continue;
      // As virtual-alexa ranks: the most literal characters, then the most slots filled.
      const score = compiled.literalLength * 10 + compiled.slotNames.length;
      if (!best || score > best.score) {
        best = {
          score,
          match: {
            intent: this.intentWith(compiled.intent, filled.slots),
            sample: compiled.sample,
            how: filled.allResolved ? 'exact' : 'unresolved',
            score: 1,
          },
        };
      }
    }
    return best?.match;
  }

  private matchElicitation(utterance: string, intent: Intent, slotName: string): Match | undefined {
    const modelIntent = this.intents.get(intent.name);
    const slot = modelIntent?.slots?.find((candidate) => candidate.name === slotName);
    if (!modelIntent || !slot) return undefined;
    for (const sample of slot.samples ?? []) {
      const compiled = this.compile(modelIntent, sample);
      const found = compiled.pattern.exec(utterance);
      if (!found) continue;
      const filled = this.fillSlots(compiled, found.slice(1));
      if (!filled?.allResolved) continue;
      const slots = { ...(intent.slots ?? {}), ...filled.slots };
      return { intent: { name: intent.name, confirmationStatus: 'NONE', slots }, sample, how: 'exact', score: 1 };
    }
    return undefined;
  }

  /** Every unresolved slot shares at least one significant word with its type's values. */
  private resemblesSlotKind(compiled: CompiledSample, slots: Record<string, Slot>): boolean {
    return Object.values(slots).every((slot) => {
      if (slot.resolutions?.resolutionsPerAuthority?.[0]?.status.code !== 'ER_SUCCESS_NO_MATCH') return true;
      const type = compiled.intent.slots?.find((candidate) => candidate.name === slot.name)?.type ?? '';
      const known = this.typeWords.get(type)?.byWord;
      const words = this.unspaced ? [...this.normalize(slot.value ?? '')] : this.normalize(slot.value ?? '').split(' ');
      return words.some((word) => !this.minor.has(word) && known?.has(word) === true);
    });
  }

  private intentWith(intent: ModelIntent, filled: Record<string, Slot>): Intent {
    const slots: Record<string, Slot> = {};
    for (const slot of intent.slots ?? []) slots[slot.name] = filled[slot.name] ?? { name: slot.name, confirmationStatus: 'NONE' };
    return { name: intent.name, confirmationStatus: 'NONE', slots };
  }

  /** The slots of the first sharing of words, or of the first that resolves them all. */
  private bestFill(compiled: CompiledSample, first: string[], units: readonly string[]): { slots: Record<string, Slot>; allResolved: boolean } | undefined {
    const filled = this.fillSlots(compiled, first);
    if ((filled && filled.allResolved) || compiled.slotNames.length < 2) return filled;
    for (const values of slotSplits(compiled.tokens, units, this.unspaced ? '' : ' ')) {
      const other = this.fillSlots(compiled, values);
      if (other?.allResolved) return other;
    }
    return filled;
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
    return { slots, allResolved };
  }

  private resolve(definition: ModelSlot, raw: string): Slot | undefined {
    const builtin = builtinSlotParser(definition.type, this.words.spoken, this.words.language);
    if (builtin) {
      const value = builtin(raw);
      return value === undefined ? undefined : { name: definition.name, value, confirmationStatus: 'NONE' };
    }
    const type = this.types.get(definition.type);
    if (!type) return undefined;
    const authority = `amzn1.er-authority.echo-sdk.${this.skillId}.${type.name}`;
    const found = this.typeValues.get(type.name)?.get(this.normalize(raw));
    return {
      name: definition.name,
      value: raw,
      confirmationStatus: 'NONE',
      resolutions: {
        resolutionsPerAuthority: [
          found
            ? { authority, status: { code: 'ER_SUCCESS_MATCH' }, values: [{ value: { name: found.name, id: found.id } }] }
            : // Alexa sends no values for a miss, though the SDK's type wants them.
              ({ authority, status: { code: 'ER_SUCCESS_NO_MATCH' } } as unknown as slu.entityresolution.Resolution),
        ],
      },
    };
  }

  private weight(word: string): number {
    if (this.negations.has(word)) return 3;
    return this.minor.has(word) ? 0.4 : 1;
  }

  /** How well words fill a slot: 0 when they are one of its values, more the less they resemble one. */
  private slotCost(definition: ModelSlot, words: readonly string[]): { cost: number; slot?: Slot } {
    const raw = words.join(this.unspaced ? '' : ' ');
    const key = `${definition.type}|${definition.name}|${raw}`;
    const known = this.slotCosts.get(key);
    if (known) return known;
    const result = this.computeSlotCost(definition, words, raw);
    this.slotCosts.set(key, result);
    return result;
  }

  private computeSlotCost(definition: ModelSlot, words: readonly string[], raw: string): { cost: number; slot?: Slot } {
    const slot = this.resolve(definition, raw);
    const weight = words.reduce((sum, word) => sum + this.weight(word), 0);
    if (!slot) return { cost: weight + 1 };
    if (slot.resolutions?.resolutionsPerAuthority?.[0]?.status.code !== 'ER_SUCCESS_NO_MATCH') return { cost: 0, slot };
    // Unresolved: the nearest value by shared words decides how much is missing.
    const heard = new Set(words.filter((word) => !this.minor.has(word)));
    const index = this.typeWords.get(definition.type);
    let bestShare = 0;
    const seen = new Set<number>();
    for (const word of heard) {
      for (const value of index?.byWord.get(word) ?? []) {
        if (seen.has(value)) continue;
        seen.add(value);
        const valueWords = index?.valueWords[value] ?? [];
        const shared = valueWords.filter((candidate) => heard.has(candidate)).length;
        bestShare = Math.max(bestShare, (2 * shared) / (valueWords.length + heard.size || 1));
      }
    }
    return { cost: weight * (1 - bestShare) + 0.5, slot };
  }

  private candidates(words: readonly string[]): CompiledSample[] {
    const found = new Set<CompiledSample>(this.slotOnly);
    for (const word of words) {
      if (this.minor.has(word)) continue;
      for (const sample of this.byWord.get(word) ?? []) found.add(sample);
      // A word misheard by a letter still finds its samples.
      if (!this.unspaced && word.length >= 5) {
        for (const [known, samples] of this.byWord) {
          if (Math.abs(known.length - word.length) <= 1 && known[0] === word[0] && editDistance(known, word) === 1) for (const sample of samples) found.add(sample);
        }
      }
    }
    return [...found];
  }

  /** The nearest sample by a weighted alignment of words, slots absorbing what they can. */
  private matchTolerant(utterance: string): Match | undefined {
    this.slotCosts = new Map();
    const words = this.unspaced ? [...utterance] : utterance.split(' ');
    const utteranceWeight = words.reduce((sum, word) => sum + this.weight(word), 0);
    let best: { score: number; match: Match } | undefined;
    for (const compiled of this.candidates(words)) {
      const aligned = this.align(compiled, words);
      if (!aligned) continue;
      const sampleWeight = compiled.tokens.reduce((sum, token) => sum + ('word' in token ? this.weight(token.word) : 1), 0);
      const score = 1 - aligned.cost / Math.max(sampleWeight, utteranceWeight, 1);
      if (!best || score > best.score) {
        best = { score, match: { intent: this.intentWith(compiled.intent, aligned.slots), sample: compiled.sample, how: 'tolerant', score } };
      }
    }
    return best && best.score >= TOLERANT_THRESHOLD ? best.match : undefined;
  }

  private align(compiled: CompiledSample, words: readonly string[]): { cost: number; slots: Record<string, Slot> } | undefined {
    const tokens = compiled.tokens;
    const m = tokens.length;
    const n = words.length;
    const cost: number[][] = Array.from({ length: m + 1 }, () => new Array<number>(n + 1).fill(Number.POSITIVE_INFINITY));
    const back: Array<Array<{ i: number; j: number; slot?: Slot } | undefined>> = Array.from({ length: m + 1 }, () => new Array(n + 1).fill(undefined));
    cost[0]![0] = 0;
    for (let j = 1; j <= n; j += 1) {
      cost[0]![j] = cost[0]![j - 1]! + this.weight(words[j - 1] ?? '');
      back[0]![j] = { i: 0, j: j - 1 };
    }
    for (let i = 1; i <= m; i += 1) {
      const token = tokens[i - 1] as Token;
      for (let j = 0; j <= n; j += 1) {
        const here = cost[i]!;
        // The sample's token is missing from what was said.
        const skip = cost[i - 1]![j]! + ('word' in token ? this.weight(token.word) : 1.5);
        if (skip < here[j]!) {
          here[j] = skip;
          back[i]![j] = { i: i - 1, j };
        }
        if (j === 0) continue;
        // A word said that the sample does not have.
        const extra = here[j - 1]! + this.weight(words[j - 1] ?? '');
        if (extra < here[j]!) {
          here[j] = extra;
          back[i]![j] = { i, j: j - 1 };
        }
        if ('word' in token) {
          const word = words[j - 1] ?? '';
          let substitute: number;
          if (word === token.word) substitute = 0;
          else if (!this.unspaced && word.length >= 4 && editDistance(word, token.word) <= 1) substitute = 0.3;
          else substitute = Math.max(this.weight(word), this.weight(token.word)) * 1.2;
          const value = cost[i - 1]![j - 1]! + substitute;
          if (value < here[j]!) {
            here[j] = value;
            back[i]![j] = { i: i - 1, j: j - 1 };
          }
        } else {
          const definition = compiled.intent.slots?.find((slot) => slot.name === token.slot);
          if (!definition) return undefined;
          for (let k = 1; k <= Math.min(MAX_SLOT_TOKENS * (this.unspaced ? 3 : 1), j); k += 1) {
            const filled = this.slotCost(definition, words.slice(j - k, j));
            const value = cost[i - 1]![j - k]! + filled.cost;
            if (value < here[j]!) {
              here[j] = value;
              back[i]![j] = { i: i - 1, j: j - k, ...(filled.slot ? { slot: filled.slot } : {}) };
            }
          }
        }
      }
    }
    const slots: Record<string, Slot> = {};
    let i = m;
    let j = n;
    while (i > 0 || j > 0) {
      const step = back[i]![j];
      if (!step) break;
      if (step.slot && step.i === i - 1) {
        const token = tokens[i - 1];
        if (token && 'slot' in token) slots[token.slot] = step.slot;
      }
      i = step.i;
      j = step.j;
    }
    return { cost: cost[m]![n]!, slots };
  }
}
