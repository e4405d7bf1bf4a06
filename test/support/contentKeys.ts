import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { RESOURCES, translatorFor } from '../../lambda/i18n';
import { type SupportedLocale } from '../../lambda/locale';
import { protocol, topicItems } from '../../lambda/protocol';

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

export const CONTENT_FILES = Object.entries(RESOURCES).map(([lng, tree]) => ({ lng, leaves: leafEntries(tree as ContentTree) }));
export const BASE_LANGUAGE = 'en';
export const BASE_LEAVES: ReadonlyMap<string, string> = new Map(leafEntries(RESOURCES[BASE_LANGUAGE] as ContentTree));

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

/** Property names of an object literal, following `cond ? {...} : {...}` both ways. */
function objectKeys(node: ts.Expression): string[] {
  if (ts.isParenthesizedExpression(node)) return objectKeys(node.expression);
  if (ts.isConditionalExpression(node)) return [...objectKeys(node.whenTrue), ...objectKeys(node.whenFalse)];
  if (!ts.isObjectLiteralExpression(node)) return [];
  return node.properties.flatMap((property) =>
    (ts.isPropertyAssignment(property) || ts.isShorthandPropertyAssignment(property)) && ts.isIdentifier(property.name)
      ? [property.name.text]
      : [],
  );
}

/** For `t(key, values)`: the keys `values` is declared with, and any `values.x = ...` in the same function. */
function variableKeys(name: ts.Identifier): string[] {
  let scope: ts.Node = name;
  while (scope.parent && !ts.isFunctionLike(scope)) scope = scope.parent;
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.name.text === name.text && node.initializer) {
      found.push(...objectKeys(node.initializer));
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
  return found;
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
 * Interpolation values as the skill really passes them for a locale: the emergency
 * number rendered through `emergency.number` (or `emergency.unknown`), titles and
 * red-flag words from content, numbers from the protocol.
 */
export function realisticValues(locale: SupportedLocale, emergency: 'known' | 'unknown' = 'known'): Record<string, string | number> {
  const t = translatorFor(locale);
  const number = protocol.emergencyNumbers[locale];
  const [first, second] = topicItems('treatment');
  const cold = protocol.compresses.cold.phases[0]?.minutes ?? 0;
  return {
    emergencyNumber: emergency === 'known' && number !== undefined ? t('emergency.number', { number }) : t('emergency.unknown'),
    number: 1,
    count: topicItems('treatment').length,
    minutes: cold,
    title: t(`topics.treatment.items.${first?.id}.title`),
    nextTitle: t(`topics.treatment.items.${second?.id}.title`),
    topicTitle: t('topics.treatment.title'),
    what: t(`redFlag.what.${protocol.redFlags.urgent[0]}`),
    // Compress timers and reminders: durations and labels as the timer handlers word them.
    hours: t('time.hours', { count: 1 }),
    left: t('time.minutes', { count: 7 }),
    wait: t('time.hoursAndMinutes', { hours: t('time.hours', { count: 1 }), minutes: t('time.minutes', { count: 20 }) }),
    label: t(`compressTimer.labels.${protocol.compresses.cold.phases[0]?.id}`),
    labels: t(`compressTimer.labels.${protocol.compresses.massage.phases[0]?.id}`),
    times: '6:30 PM, 8:30 PM and 10:30 PM',
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
