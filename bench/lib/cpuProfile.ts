import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROOT } from './builds';

/** The parts of a V8 .cpuprofile (node --cpu-prof) this summary reads. */
interface CpuProfile {
  readonly nodes: readonly {
    readonly id: number;
    readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number; readonly columnNumber: number };
    readonly children?: readonly number[];
  }[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

export interface ProfileSummary {
  /** Sampled time, ms, over all profiles read. */
  readonly totalMs: number;
  /** Self time by package (or our own file), ms, largest first. */
  readonly byModule: readonly { readonly module: string; readonly ms: number }[];
  /** Self time by function, ms, largest first. */
  readonly byFunction: readonly { readonly fn: string; readonly module: string; readonly ms: number }[];
  /** Time with a package's code anywhere on the stack (what it costs, callees included), ms. */
  readonly inclusiveByModule: readonly { readonly module: string; readonly ms: number }[];
  /** Time with one of our own functions (lambda/, content/) on the stack, ms. */
  readonly inclusiveOurs: readonly { readonly fn: string; readonly ms: number }[];
}

const SPECIAL = new Set(['(program)', '(garbage collector)', '(idle)', '(root)']);

/** node_modules/@scope/name/... -> @scope/name; our files relative to the repository. */
function moduleOf(path: string): string {
  const inPackages = path.lastIndexOf('node_modules/');
  if (inPackages >= 0) {
    const [first = '', second = ''] = path.slice(inPackages + 'node_modules/'.length).split('/');
    return first.startsWith('@') ? `${first}/${second}` : first;
  }
  return relative(ROOT, path);
}

function pathOf(url: string): string {
  return url.startsWith('file://') ? fileURLToPath(url) : url;
}

/**
 * Reads V8 CPU profiles and charges each sample's time to where it was spent. Frames inside a
 * bundle are mapped back through its source map to the package or file they came from. Node's
 * own frames (module loader, compiler, fs) and native frames are charged to the nearest package
 * frame above them, so loading a package's modules is charged to the code that required them.
 */
export function summarizeProfiles(files: readonly string[], bundles: readonly string[]): ProfileSummary {
  const maps = new Map<string, SourceMap>();
  for (const bundle of bundles) maps.set(bundle, new SourceMap(JSON.parse(readFileSync(`${bundle}.map`, 'utf8')) as never));

  type Place = { module: string; fn: string } | undefined;
  const modules = new Map<string, number>();
  const functions = new Map<string, { fn: string; module: string; ms: number }>();
  const inclusiveModules = new Map<string, number>();
  const inclusiveOurs = new Map<string, number>();
  const isOurs = (module: string): boolean => module.startsWith('lambda/') || module.startsWith('content/');
  let totalMs = 0;

  for (const file of files) {
    const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
    const byId = new Map(profile.nodes.map((node) => [node.id, node]));
    const parent = new Map<number, number>();
    for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

    const placeCache = new Map<number, Place>();
    /** Where one frame's own code lives, or undefined for Node internals and native code. */
    const placeOf = (id: number): Place => {
      if (placeCache.has(id)) return placeCache.get(id);
      const frame = byId.get(id)?.callFrame;
      let place: Place;
      if (frame && frame.url !== '' && !frame.url.startsWith('node:')) {
        const path = pathOf(frame.url);
        const map = maps.get(path);
        const entry = map?.findEntry(frame.lineNumber, frame.columnNumber) as { originalSource?: string; originalLine?: number; name?: string } | undefined;
        if (map && entry?.originalSource) {
          const original = moduleOf(entry.originalSource.replace(/^(\.\.\/)+/, `${ROOT}/`));
          place = { module: original, fn: `${entry.name ?? frame.functionName ?? ''} (${relative(ROOT, entry.originalSource.replace(/^(\.\.\/)+/, `${ROOT}/`))}:${(entry.originalLine ?? 0) + 1})` };
        } else {
          place = { module: moduleOf(path), fn: `${frame.functionName || '(anonymous)'} (${relative(ROOT, path)}:${frame.lineNumber + 1})` };
        }
      }
      placeCache.set(id, place);
      return place;
    };

    profile.samples.forEach((id, index) => {
      const ms = (profile.timeDeltas[index + 1] ?? 0) / 1000;
      totalMs += ms;
      const frame = byId.get(id)?.callFrame;
      const name = frame?.functionName ?? '';
      let module: string;
      if (SPECIAL.has(name)) {
        module = name;
      } else {
        let owner: number | undefined = id;
        while (owner !== undefined && !placeOf(owner)) owner = parent.get(owner);
        module = owner === undefined ? 'node (internals)' : (placeOf(owner)?.module ?? '');
      }
      modules.set(module, (modules.get(module) ?? 0) + ms);
      const own = placeOf(id);
      const fn = own?.fn ?? `${name || '(anonymous)'} [${frame?.url || 'native'}]`;
      const onStack = new Set<string>();
      const oursOnStack = new Set<string>();
      for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
        const place = placeOf(at);
        if (!place) continue;
        onStack.add(place.module);
        if (isOurs(place.module)) oursOnStack.add(place.fn);
      }
      for (const m of onStack) inclusiveModules.set(m, (inclusiveModules.get(m) ?? 0) + ms);
      for (const f of oursOnStack) inclusiveOurs.set(f, (inclusiveOurs.get(f) ?? 0) + ms);
      const key = `${fn}\u0000${module}`;
      const entry = functions.get(key) ?? { fn, module, ms: 0 };
      entry.ms += ms;
      functions.set(key, entry);
    });
  }

  const runs = files.length || 1;
  return {
    totalMs: totalMs / runs,
    byModule: [...modules.entries()].map(([module, ms]) => ({ module, ms: ms / runs })).sort((a, b) => b.ms - a.ms),
    byFunction: [...functions.values()].map((f) => ({ ...f, ms: f.ms / runs })).sort((a, b) => b.ms - a.ms),
    inclusiveByModule: [...inclusiveModules.entries()].map(([module, ms]) => ({ module, ms: ms / runs })).sort((a, b) => b.ms - a.ms),
    inclusiveOurs: [...inclusiveOurs.entries()].map(([fn, ms]) => ({ fn, ms: ms / runs })).sort((a, b) => b.ms - a.ms),
  };
}
