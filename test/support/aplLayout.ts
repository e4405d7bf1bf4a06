import { type Device } from '../../tools/devices';

/**
 * A small, independent reading of an APL document for one device: data binding evaluated
 * (the expressions this project's documents use: literals, paths, resources, arithmetic,
 * comparisons, && || ! and ?:), `when` applied, `data` arrays repeated, layouts expanded,
 * then a rough measure of whether each text fits its lines and the whole fits the screen.
 * No browser can render APL here (apl-viewhost-web needs a download from outside the
 * registry); this stands in for one, and the resolved tree also goes through Amazon's
 * validator, so bound values are checked against the schema too.
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Scope = Record<string, unknown>;

// ------------------------------------------------------------------ expressions

type Tok = { t: 'num'; v: number } | { t: 'str'; v: string } | { t: 'id'; v: string } | { t: 'res'; v: string } | { t: 'op'; v: string };

function lex(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i] as string;
    if (/\s/.test(c)) {
      i += 1;
    } else if (/[0-9]/.test(c)) {
      const m = /^[0-9]+(\.[0-9]+)?/.exec(src.slice(i)) as RegExpExecArray;
      out.push({ t: 'num', v: Number(m[0]) });
      i += m[0].length;
    } else if (c === "'" || c === '"') {
      const end = src.indexOf(c, i + 1);
      out.push({ t: 'str', v: src.slice(i + 1, end) });
      i = end + 1;
    } else if (c === '@') {
      const m = /^@[A-Za-z0-9_]+/.exec(src.slice(i)) as RegExpExecArray;
      out.push({ t: 'res', v: m[0].slice(1) });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*/.exec(src.slice(i)) as RegExpExecArray;
      out.push({ t: 'id', v: m[0] });
      i += m[0].length;
    } else {
      const two = src.slice(i, i + 2);
      if (['==', '!=', '<=', '>=', '&&', '||'].includes(two)) {
        out.push({ t: 'op', v: two });
        i += 2;
      } else {
        out.push({ t: 'op', v: c });
        i += 1;
      }
    }
  }
  return out;
}

function evaluate(src: string, scope: Scope, resources: Scope): unknown {
  const toks = lex(src);
  let p = 0;
  const peek = (): Tok | undefined => toks[p];
  const take = (): Tok => toks[p++] as Tok;
  const isOp = (v: string): boolean => peek()?.t === 'op' && peek()?.v === v;
  const primary = (): unknown => {
    const tok = take();
    if (tok.t === 'num' || tok.t === 'str') return tok.v;
    if (tok.t === 'res') {
      if (!Object.hasOwn(resources, tok.v)) throw new Error(`unknown resource @${tok.v}`);
      return resources[tok.v];
    }
    if (tok.t === 'id') {
      if (tok.v === 'true') return true;
      if (tok.v === 'false') return false;
      if (tok.v === 'null') return null;
      let value: unknown = scope;
      for (const part of tok.v.split('.')) value = typeof value === 'object' && value !== null ? (value as Scope)[part] : undefined;
      return value;
    }
    if (tok.v === '(') {
      const value = ternary();
      take();
      return value;
    }
    if (tok.v === '!') return !unary();
    if (tok.v === '-') return -Number(unary());
    throw new Error(`cannot read ${src}`);
  };
  const unary = (): unknown => primary();
  const mul = (): unknown => {
    let left = unary();
    while (isOp('*') || isOp('/')) left = take().v === '*' ? Number(left) * Number(unary()) : Number(left) / Number(unary());
    return left;
  };
  const add = (): unknown => {
    let left = mul();
    while (isOp('+') || isOp('-')) {
      const op = take().v;
      const right = mul();
      left = op === '+' ? (typeof left === 'string' || typeof right === 'string' ? `${String(left)}${String(right)}` : Number(left) + Number(right)) : Number(left) - Number(right);
    }
    return left;
  };
  const cmp = (): unknown => {
    const left = add();
    for (const op of ['==', '!=', '<=', '>=', '<', '>']) {
      if (isOp(op)) {
        take();
        const right = add();
        if (op === '==') return left === right;
        if (op === '!=') return left !== right;
        const [a, b] = [Number(left), Number(right)];
        return op === '<' ? a < b : op === '>' ? a > b : op === '<=' ? a <= b : a >= b;
      }
    }
    return left;
  };
  const and = (): unknown => {
    let left = cmp();
    while (isOp('&&')) {
      take();
      const right = cmp();
      left = Boolean(left) && Boolean(right);
    }
    return left;
  };
  const or = (): unknown => {
    let left = and();
    while (isOp('||')) {
      take();
      const right = and();
      left = Boolean(left) || Boolean(right);
    }
    return left;
  };
  const ternary = (): unknown => {
    const test = or();
    if (!isOp('?')) return test;
    take();
    const yes = ternary();
    take(); // ':'
    const no = ternary();
    return test ? yes : no;
  };
  const value = ternary();
  if (p !== toks.length) throw new Error(`unread tail in ${src}`);
  return value;
}

/** A property value with its bindings evaluated: "${a}" keeps a's type; "x ${a} y" is a string. */
function bind(value: Json, scope: Scope, resources: Scope): unknown {
  if (typeof value === 'string') {
    const whole = /^\$\{([^}]*)\}$/.exec(value);
    if (whole) return evaluate(whole[1] ?? '', scope, resources);
    if (value.startsWith('@') && Object.hasOwn(resources, value.slice(1))) return resources[value.slice(1)];
    return value.replace(/\$\{([^}]*)\}/g, (_, src: string) => String(evaluate(src, scope, resources) ?? ''));
  }
  if (Array.isArray(value)) return value.map((item) => bind(item, scope, resources));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, bind(item, scope, resources)]));
  return value;
}

// ------------------------------------------------------------------ the tree

export interface Resolved {
  readonly type: string;
  readonly props: Record<string, unknown>;
  readonly items: Resolved[];
}

export interface Document {
  readonly version: string;
  readonly import?: Json;
  readonly resources?: { when?: string; dimensions?: Record<string, string> }[];
  readonly layouts?: Record<string, { parameters?: { name: string }[]; items: Json[] }>;
  readonly mainTemplate: { parameters: string[]; items: Json[] };
}

/** The viewport object a document's bindings see, from a device. */
export function viewportOf(device: Device): Scope {
  const v = device.viewport;
  if (!v) throw new Error(`${device.name} has no screen`);
  const toDp = (px: number): number => Math.round((px * 160) / v.dpi);
  return { width: toDp(v.pixelWidth), height: toDp(v.pixelHeight), shape: v.shape.toLowerCase(), mode: v.mode.toLowerCase(), dpi: v.dpi, theme: v.theme };
}

function resourcesFor(document: Document, scope: Scope): Scope {
  const out: Scope = {};
  for (const block of document.resources ?? []) {
    if (block.when !== undefined && !bind(block.when, scope, out)) continue;
    Object.assign(out, block.dimensions ?? {});
  }
  return out;
}

function inflate(item: Json, scope: Scope, document: Document, resources: Scope): Resolved[] {
  const node = item as Record<string, Json>;
  if (node.when !== undefined && !bind(node.when, scope, resources)) return [];
  if (node.data !== undefined) {
    const data = bind(node.data, scope, resources);
    const rest = { ...node };
    delete rest.data;
    // A component with data repeats its children once per datum.
    const children = (Array.isArray(data) ? data : []).flatMap((datum, index) =>
      ((rest.items ?? []) as Json[]).flatMap((child) => inflate(child, { ...scope, data: datum, index }, document, resources)),
    );
    return [{ type: String(rest.type), props: bindProps(rest, scope, resources), items: children }];
  }
  const type = String(node.type);
  const layout = document.layouts?.[type];
  if (layout) {
    const inner: Scope = { ...scope };
    for (const parameter of layout.parameters ?? []) inner[parameter.name] = bind(node[parameter.name] ?? null, scope, resources);
    return layout.items.flatMap((child) => inflate(child, inner, document, resources));
  }
  const children = ((node.items ?? []) as Json[]).flatMap((child) => inflate(child, scope, document, resources));
  return [{ type, props: bindProps(node, scope, resources), items: children }];
}

function bindProps(node: Record<string, Json>, scope: Scope, resources: Scope): Record<string, unknown> {
  const props: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'items' || key === 'type' || key === 'when' || key === 'data') continue;
    props[key] = bind(value, scope, resources);
  }
  return props;
}

export interface Layout {
  readonly viewport: Scope;
  readonly resources: Scope;
  readonly root: Resolved;
}

export function resolve(document: Document, datasources: Scope, device: Device): Layout {
  const viewport = viewportOf(device);
  const scope: Scope = { viewport, environment: { lang: '' } };
  const resources = resourcesFor(document, scope);
  const parameter = document.mainTemplate.parameters[0] ?? 'payload';
  const inner = { ...scope, [parameter]: datasources[parameter] };
  const roots = document.mainTemplate.items.flatMap((item) => inflate(item, inner, document, resources));
  if (roots.length !== 1) throw new Error(`the main template inflates ${roots.length} roots`);
  return { viewport, resources, root: roots[0] as Resolved };
}

/** The resolved tree as an APL document of plain values, for the validator. */
export function asStaticDocument(document: Document, layout: Layout): Json {
  const strip = (node: Resolved): Json => ({ type: node.type, ...(node.props as Record<string, Json>), ...(node.items.length > 0 ? { items: node.items.map(strip) } : {}) });
  return { type: 'APL', version: document.version, ...(document.import ? { import: document.import } : {}), mainTemplate: { parameters: [], items: [strip(layout.root)] } };
}

// ------------------------------------------------------------------ measuring

/** "56dp", "6vw", "5vh", 12 -> dp on this viewport. */
export function dp(value: unknown, layout: Layout, along: 'width' | 'height' = 'width'): number {
  if (typeof value === 'number') return value;
  const text = String(value ?? '0');
  const m = /^(-?[0-9.]+)(dp|px|vw|vh|%)?$/.exec(text);
  if (!m) return 0;
  const n = Number(m[1]);
  if (m[2] === 'vw') return (n * Number(layout.viewport.width)) / 100;
  if (m[2] === 'vh') return (n * Number(layout.viewport.height)) / 100;
  if (m[2] === '%') return (n * Number(layout.viewport[along])) / 100;
  return n;
}

/** Rough width of text at a size: wide for CJK and similar, narrow for Latin, Arabic, Devanagari. */
export function textWidth(text: string, fontSize: number): number {
  let units = 0;
  for (const char of text) units += /[\u1100-\u11ff\u2e80-\u9fff\uac00-\ud7af\uff00-\uffef]/u.test(char) ? 1 : 0.55;
  return units * fontSize;
}

/** Lines a text needs in a width, wrapping at spaces (anywhere in scripts without them). */
export function linesNeeded(text: string, fontSize: number, width: number): number {
  if (text === '') return 0;
  const words = /\s/.test(text) ? text.split(/\s+/) : [...text];
  const space = textWidth(' ', fontSize);
  let lines = 1;
  let used = 0;
  for (const word of words) {
    const w = textWidth(word, fontSize);
    if (used > 0 && used + space + w > width) {
      lines += 1;
      used = w;
    } else {
      used += (used > 0 ? space : 0) + w;
    }
    while (used > width) {
      lines += 1;
      used -= width;
    }
  }
  return lines;
}

export interface Fit {
  /** Texts cut short by their maxLines: what, and how many lines it needs. */
  readonly cut: { text: string; needs: number; maxLines: number }[];
  /** Height of the content against the height there is, in dp. */
  readonly height: number;
  readonly room: number;
  readonly texts: { text: string; fontSize: number }[];
  readonly buttons: { text: string; args: unknown }[];
}

const BUTTON_HEIGHT = 64;

export function measure(layout: Layout): Fit {
  const root = layout.root;
  const padX = dp(root.props.paddingLeft, layout) + dp(root.props.paddingRight, layout);
  const padY = dp(root.props.paddingTop, layout, 'height') + dp(root.props.paddingBottom, layout, 'height');
  const width = Number(layout.viewport.width) - padX;
  const cut: Fit['cut'] = [];
  const texts: Fit['texts'] = [];
  const buttons: Fit['buttons'] = [];
  let height = 0;
  for (const node of root.items) {
    if (node.props.position === 'absolute') continue;
    const padTop = dp(node.props.paddingTop, layout, 'height');
    if (node.type === 'Text') {
      const text = String(node.props.text ?? '');
      const fontSize = dp(node.props.fontSize ?? '40dp', layout);
      const maxLines = Number(node.props.maxLines ?? 0);
      const needs = linesNeeded(text, fontSize, width);
      if (maxLines > 0 && needs > maxLines) cut.push({ text, needs, maxLines });
      texts.push({ text, fontSize });
      height += padTop + Math.min(needs, maxLines > 0 ? maxLines : needs) * fontSize * 1.25;
    } else if (node.type === 'Container') {
      const kids = node.items;
      if (kids.every((kid) => kid.type === 'AlexaButton')) {
        let rows = kids.length > 0 ? 1 : 0;
        let used = 0;
        for (const kid of kids) {
          const text = String(kid.props.buttonText ?? '');
          buttons.push({ text, args: (kid.props.primaryAction as { arguments?: unknown } | undefined)?.arguments });
          const w = textWidth(text, 24) + 64 + 16;
          if (used > 0 && used + w > width) {
            rows += 1;
            used = w;
          } else used += w;
        }
        height += padTop + rows * BUTTON_HEIGHT;
      } else if (kids.every((kid) => kid.type === 'Text')) {
        for (const kid of kids) {
          const text = String(kid.props.text ?? '');
          const fontSize = dp(kid.props.fontSize, layout);
          const maxLines = Number(kid.props.maxLines ?? 0);
          const needs = linesNeeded(text, fontSize, width);
          if (maxLines > 0 && needs > maxLines) cut.push({ text, needs, maxLines });
          texts.push({ text, fontSize });
          height += dp(kid.props.paddingTop, layout, 'height') + Math.min(needs, maxLines || needs) * fontSize * 1.25;
        }
        height += padTop;
      } else {
        height += padTop + dp(node.props.height, layout, 'height');
      }
    }
  }
  return { cut, height, room: Number(layout.viewport.height) - padY, texts, buttons };
}
