import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { protocol, topicItems } from '../../lambda/protocol';
import { clockWords, entry, REGISTRY, words } from './contentWords';

/**
 * What the tests know about the words: the leaf strings of every content file, and what
 * lambda/ asks of them (which keys, which {{placeholders}} it fills in). The second part
 * is read from the code itself, so a new key or value in a handler is checked with no
 * list to update here.
 */

export type ContentTree = { readonly [key: string]: string | ContentTree };

/** Every leaf string of a content tree, as [dotted key, text]. */
export function leafEntries(tree: ContentTree, prefix = ''): Array<[string, string]> {
  return Object.entries(tree).flatMap(([key, value]): Array<[string, string]> => {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    return typeof value === 'string' ? [[path, value]] : leafEntries(value, path);
  });
}

const CONTENT_DIR = join(__dirname, '..', '..', 'content');

/** Every words file of content/: each language's own, and each locale's differences. */
export const CONTENT_FILES = readdirSync(CONTENT_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(CONTENT_DIR, entry.name, 'speech.json')))
  .map((entry) => ({
    lng: entry.name,
    leaves: leafEntries(JSON.parse(readFileSync(join(CONTENT_DIR, entry.name, 'speech.json'), 'utf8')) as ContentTree),
  }));
/** The language every other language must say everything of. */
export const BASE_LANGUAGE = 'en';
export const BASE_LEAVES: ReadonlyMap<string, string> = new Map(CONTENT_FILES.find(({ lng }) => lng === BASE_LANGUAGE)?.leaves ?? []);
export const LANGUAGES: readonly string[] = Object.keys(REGISTRY.languages);

/** The {{names}} a sentence interpolates. */
export function placeholdersIn(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([^}\s,]+)[^}]*\}\}/g)].map((match) => match[1] ?? '');
}

/** How a call in lambda/ names its content key. */
export type KeyReference =
  | { readonly kind: 'static'; readonly key: string }
  /** A template literal: `topics.${topic}.done` matches each key this pattern matches. */
  | { readonly kind: 'template'; readonly text: string; readonly pattern: RegExp }
  /** Anything else (a variable): the call passes on whatever key it was given. */
  | { readonly kind: 'dynamic' };

export interface TranslationCall {
  readonly where: string;
  readonly key: KeyReference;
  /** Names of the interpolation values this call passes. */
  readonly values: readonly string[];
}

const LAMBDA_DIR = join(__dirname, '..', '..', 'lambda');
/** The names under which lambda/ calls i18next's translate function. */
const TRANSLATE_CALLEES = new Set(['t', 'translate']);

function lambdaSources(dir = LAMBDA_DIR): ts.SourceFile[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return lambdaSources(path);
    if (!entry.name.endsWith('.ts')) return [];
    return [ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.ES2022, true)];
  });
}

function calleeName(call: ts.CallExpression): string | undefined {
  const callee = call.expression;
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  return undefined;
}

function keyReference(node: ts.Expression | undefined): KeyReference {
  if (node && ts.isStringLiteralLike(node)) return { kind: 'static', key: node.text };
  if (node && ts.isTemplateExpression(node)) {
    const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const source = escape(node.head.text) + node.templateSpans.map((span) => `[^.]+${escape(span.literal.text)}`).join('');
    return { kind: 'template', text: node.getText(), pattern: new RegExp(`^${source}$`) };
  }
  return { kind: 'dynamic' };
}

/** Property names of an object literal, following `cond ? {...} : {...}` both ways, spreads and local calls. */
function objectKeys(node: ts.Expression): string[] {
  if (ts.isParenthesizedExpression(node)) return objectKeys(node.expression);
  if (ts.isConditionalExpression(node)) return [...objectKeys(node.whenTrue), ...objectKeys(node.whenFalse)];
  if (ts.isIdentifier(node)) return variableKeys(node);
  if (ts.isCallExpression(node) && ts.isIdentifier(node.expression)) return returnedKeys(node.expression);
  if (!ts.isObjectLiteralExpression(node)) return [];
  return node.properties.flatMap((property) => {
    if (ts.isSpreadAssignment(property)) return objectKeys(property.expression);
    return (ts.isPropertyAssignment(property) || ts.isShorthandPropertyAssignment(property)) && ts.isIdentifier(property.name)
      ? [property.name.text]
      : [];
  });
}

/** The keys of the objects a function of the same file returns (and of `x.key = ...` on its variables). */
function returnedKeys(name: ts.Identifier): string[] {
  const file = name.getSourceFile();
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionDeclaration(node) && node.name?.text === name.text && node.body) {
      const inner = (child: ts.Node): void => {
        if (ts.isReturnStatement(child) && child.expression) found.push(...objectKeys(child.expression));
        ts.forEachChild(child, inner);
      };
      inner(node.body);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/**
 * For `t(key, values)`: the keys `values` is declared with, and any `values.x = ...`, in the
 * nearest enclosing function that declares it (closures see their outer function's variables).
 */
function variableKeys(name: ts.Identifier): string[] {
  let scope: ts.Node | undefined = name;
  while (scope) {
    do scope = scope.parent;
    while (scope && !ts.isFunctionLike(scope) && !ts.isSourceFile(scope));
    if (!scope) break;
    const found: string[] = [];
    let declared = false;
    const visit = (node: ts.Node): void => {
      if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.name.text === name.text && node.initializer) {
        declared = true;
        if (!ts.isIdentifier(node.initializer)) found.push(...objectKeys(node.initializer));
      }
      if (
        ts.isBinaryExpression(node) &&
        node.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
        ts.isPropertyAccessExpression(node.left) &&
        ts.isIdentifier(node.left.expression) &&
        node.left.expression.text === name.text
      ) {
        found.push(node.left.name.text);
      }
      ts.forEachChild(node, visit);
    };
    visit(scope);
    if (declared) return found;
    if (ts.isSourceFile(scope)) break;
  }
  return [];
}

function valueNames(node: ts.Expression | undefined): string[] {
  if (!node) return [];
  return ts.isIdentifier(node) ? variableKeys(node) : objectKeys(node);
}

/** Every call of the translate function in lambda/, with its key and the values it passes. */
export function translationCalls(): TranslationCall[] {
  const calls: TranslationCall[] = [];
  for (const source of lambdaSources()) {
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && TRANSLATE_CALLEES.has(calleeName(node) ?? '') && node.arguments.length > 0) {
        const [key, values] = node.arguments;
        const { line } = source.getLineAndCharacterOfPosition(node.getStart());
        calls.push({
          where: `${source.fileName.slice(LAMBDA_DIR.length + 1)}:${line + 1}`,
          key: keyReference(key),
          values: valueNames(values),
        });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return calls;
}

/** Every plain string literal in lambda/ that has the shape of a dotted content key ("help.pendingResume"). */
export function keyShapedLiterals(): string[] {
  const topLevel = new Set([...BASE_LEAVES.keys()].map((key) => key.split('.')[0]));
  const found = new Set<string>();
  for (const source of lambdaSources()) {
    const visit = (node: ts.Node): void => {
      if (ts.isStringLiteral(node) && /^[a-zA-Z]+(\.[a-zA-Z_]+)+$/.test(node.text) && topLevel.has(node.text.split('.')[0])) {
        found.add(node.text);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return [...found];
}

/**
 * Interpolation values as the skill really passes them for a locale: the numbers, titles and
 * red-flag words from content, timings from the protocol (read through the tests' own
 * content reader, not the skill's).
 */
export function realisticValues(locale: string): Record<string, string | number> {
  const [first, second] = topicItems('treatment');
  const cold = protocol.compresses.cold.phases[0]?.minutes ?? 0;
  return {
    number: 1,
    count: topicItems('treatment').length,
    minutes: cold,
    title: words(locale, `topics.treatment.items.${first?.id}.title`),
    nextTitle: words(locale, `topics.treatment.items.${second?.id}.title`),
    topicTitle: words(locale, 'topics.treatment.title'),
    what: words(locale, `redFlag.what.${protocol.redFlags.urgent[0]}`),
    hours: words(locale, 'time.hours', { count: 1 }),
    left: words(locale, 'time.minutes', { count: 7 }),
    wait: words(locale, 'time.hoursAndMinutes', { hours: words(locale, 'time.hours', { count: 1 }), minutes: words(locale, 'time.minutes', { count: 20 }) }),
    label: words(locale, `compressTimer.labels.${protocol.compresses.cold.phases[0]?.id}`),
    labels: words(locale, `compressTimer.labels.${protocol.compresses.massage.phases[0]?.id}`),
    compress: words(locale, 'compressTimer.names.cold'),
    towelMinutes: protocol.compresses.massage.phases[1]?.minutes ?? 0,
    times: ['2026-11-25T18:30:00', '2026-11-25T20:30:00', '2026-11-25T22:30:00'].map((time) => clockWords(locale, time)).join(', '),
    done: 2,
    hour: 10,
    minute: '30',
    period: entry(locale).hourCycle === 'h12' ? words(locale, 'time.pm') : '',
    // i18next's context for time.am / time.pm: the part of the day a clock time falls in.
    context: 'night',
  };
}

const DIGIT_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

/** The ways a person can hear or say an emergency number: "000", "zero zero zero", "triple zero". */
export function spokenForms(number: string): string[] {
  const words = [...number].map((digit) => DIGIT_WORDS[Number(digit)] ?? digit);
  const forms = [number, words.join(' ')];
  if (number.length === 3 && new Set(number).size === 1) forms.push(`triple ${words[0]}`);
  return forms;
}
