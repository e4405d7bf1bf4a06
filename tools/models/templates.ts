/**
 * Sample-utterance templates, so a language's model is written once, compactly:
 * - `(a|b|)` is one of the alternatives; an empty alternative makes the group optional;
 * - `<name>` is one of the phrases listed under that name (each itself a template);
 * - `{slot}` is a slot, kept as is.
 * "how (do|can) i (treat|ease) <spasm>" expands to every combination, once each.
 */
export type PhraseTable = Readonly<Record<string, readonly string[]>>;

const MAX_DEPTH = 8;

function splitTopLevel(body: string): string[] {
  const alternatives: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of body) {
    if (char === '(') depth += 1;
    if (char === ')') depth -= 1;
    if (char === '|' && depth === 0) {
      alternatives.push(current);
      current = '';
    } else current += char;
  }
  alternatives.push(current);
  return alternatives;
}

function expandOnce(template: string, phrases: PhraseTable, depth: number): string[] {
  if (depth > MAX_DEPTH) throw new Error(`template nests too deep: ${template}`);
  const macro = /<([A-Za-z0-9_]+)>/.exec(template);
  const open = template.indexOf('(');
  if (macro && (open < 0 || macro.index < open)) {
    const list = phrases[macro[1] ?? ''];
    if (!list) throw new Error(`unknown phrase <${macro[1]}> in: ${template}`);
    const before = template.slice(0, macro.index);
    const after = template.slice(macro.index + macro[0].length);
    return list.flatMap((phrase) => expandOnce(`${before}(${phrase})${after}`, phrases, depth + 1));
  }
  if (open < 0) return [template];
  let depthCount = 0;
  let close = -1;
  for (let i = open; i < template.length; i += 1) {
    if (template[i] === '(') depthCount += 1;
    if (template[i] === ')') depthCount -= 1;
    if (depthCount === 0) {
      close = i;
      break;
    }
  }
  if (close < 0) throw new Error(`unbalanced ( in: ${template}`);
  const before = template.slice(0, open);
  const after = template.slice(close + 1);
  return splitTopLevel(template.slice(open + 1, close)).flatMap((alternative) => expandOnce(`${before}${alternative}${after}`, phrases, depth));
}

/** Every sentence a template stands for, with single spaces, in first-seen order. */
export function expandTemplate(template: string, phrases: PhraseTable = {}): string[] {
  const out = new Set<string>();
  for (const sentence of expandOnce(template, phrases, 0)) {
    const clean = sentence.replace(/\s+/g, ' ').trim();
    if (clean !== '') out.add(clean);
  }
  return [...out];
}

export function expandAll(templates: readonly string[], phrases: PhraseTable = {}): string[] {
  const out = new Set<string>();
  for (const template of templates) for (const sentence of expandTemplate(template, phrases)) out.add(sentence);
  return [...out];
}
