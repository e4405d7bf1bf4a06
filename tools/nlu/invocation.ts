import { normalizeUtterance, isUnspaced } from './normalize';

/**
 * How a person starts the skill, as Alexa parses it: "open back spasm helper" is a
 * launch; "ask back spasm helper how do I treat a back spasm" is a one-shot request
 * whose utterance is what follows the name ("to", "for", "about" dropped).
 */
export type Invocation = { readonly kind: 'launch' } | { readonly kind: 'oneShot'; readonly utterance: string };

/**
 * What Alexa itself accepts in a language to open a skill, from content/<language>/model.json
 * ('alexaInvocation'): phrases with {name} and, for one-shot requests, {utterance}, tried in
 * order, so "ask {name} to {utterance}" goes before "ask {name} {utterance}". 'wake' are the
 * wake words a typed line may start with.
 */
export interface InvocationPhrases {
  readonly wake: readonly string[];
  readonly launch: readonly string[];
  readonly oneShot: readonly string[];
}

interface CompiledPhrases {
  readonly wake: readonly string[];
  readonly launch: readonly RegExp[];
  readonly oneShot: readonly RegExp[];
}

const compiled = new Map<string, CompiledPhrases>();

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** One phrase as a pattern over normalised text: "ask {name} to {utterance}" -> /^ask back spasm helper to (.+)$/. */
function compile(phrase: string, name: string, language: string): RegExp {
  const gap = isUnspaced(language) ? '' : ' ';
  const pieces = phrase
    .split(/(\{name\}|\{utterance\})/)
    .map((piece) => {
      if (piece === '{name}') return escape(normalizeUtterance(name, language));
      if (piece === '{utterance}') return '(.+)';
      return escape(normalizeUtterance(piece, language));
    })
    .filter((piece) => piece !== '');
  return new RegExp(`^${pieces.join(gap)}$`, 'u');
}

function compiledFor(phrases: InvocationPhrases, name: string, language: string): CompiledPhrases {
  const key = `${language}|${name}|${JSON.stringify(phrases)}`;
  let found = compiled.get(key);
  if (!found) {
    found = {
      wake: phrases.wake.map((word) => normalizeUtterance(word, language)),
      launch: phrases.launch.map((phrase) => compile(phrase, name, language)),
      oneShot: phrases.oneShot.map((phrase) => compile(phrase, name, language)),
    };
    compiled.set(key, found);
  }
  return found;
}

export function parseInvocation(text: string, invocationName: string, phrases: InvocationPhrases, language: string): Invocation | undefined {
  const patterns = compiledFor(phrases, invocationName, language);
  let utterance = normalizeUtterance(text, language);
  const gap = isUnspaced(language) ? '' : ' ';
  const wake = patterns.wake.find((word) => utterance.startsWith(`${word}${gap}`) || utterance.startsWith(`${word},`));
  if (wake) utterance = utterance.slice(wake.length + gap.length).trim();
  if (patterns.launch.some((pattern) => pattern.test(utterance))) return { kind: 'launch' };
  for (const pattern of patterns.oneShot) {
    const rest = pattern.exec(utterance)?.[1]?.trim();
    if (rest) return { kind: 'oneShot', utterance: rest };
  }
  return undefined;
}
