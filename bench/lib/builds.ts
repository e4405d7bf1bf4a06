import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { bundleLambda } from '../../tools/build-lambda';

export const ROOT = join(__dirname, '..', '..');
const OUT = join(ROOT, 'dist', 'bench');

/** The skills compared: what ships, the same minus DynamoDB, and the bare ASK SDK. */
export type Variant = 'skill' | 'memory' | 'bare';
export const VARIANTS: readonly Variant[] = ['skill', 'memory', 'bare'];

const ENTRIES: Readonly<Record<Variant, string>> = {
  skill: 'lambda/index.ts',
  memory: 'bench/memorySkill/index.ts',
  bare: 'bench/bareSkill/index.ts',
};

export interface Bundles {
  readonly bundle: Readonly<Record<Variant, string>>;
  readonly size: Readonly<Record<Variant, { readonly rawBytes: number; readonly gzipBytes: number }>>;
  readonly child: { readonly coldStart: string; readonly warmLatency: string; readonly webService: string; readonly localDynamo: string; readonly storageCpu: string };
}

/**
 * Builds the three skill bundles with the very function `npm run build` uses (same esbuild
 * options), into dist/bench/ so the deployable dist/lambda/ is left alone, and the child
 * scripts that run them, so every child is plain `node` with no TypeScript loader.
 */
export async function buildAll(): Promise<Bundles> {
  const bundle = {} as Record<Variant, string>;
  const size = {} as Record<Variant, { rawBytes: number; gzipBytes: number }>;
  for (const variant of VARIANTS) {
    const outfile = join(OUT, variant, 'index.js');
    const rawBytes = await bundleLambda(join(ROOT, ENTRIES[variant]), outfile);
    bundle[variant] = outfile;
    size[variant] = { rawBytes, gzipBytes: gzipSync(readFileSync(outfile), { level: 9 }).length };
  }
  const children = ['coldStart', 'warmLatency', 'webService', 'localDynamo', 'storageCpu'] as const;
  await build({
    entryPoints: children.map((name) => join(ROOT, 'bench', 'children', `${name}.ts`)),
    outdir: join(OUT, 'children'),
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    packages: 'external',
    logLevel: 'warning',
  });
  const child = Object.fromEntries(children.map((name) => [name, join(OUT, 'children', `${name}.js`)])) as Bundles['child'];
  return { bundle, size, child };
}
