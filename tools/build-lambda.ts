import { build } from 'esbuild';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { BUNDLED_WORDS_DIR, packFromContent } from '../lambda/language/languagePack';
import { LANGUAGES } from '../lambda/locales';

const CONTENT_DIR = join(__dirname, '..', 'content');

/**
 * Each language's words, one JSON file per language beside the bundle (words/<language>.json):
 * a request loads only its own language's, so the bundle stays small however many there are.
 */
export function writeLanguagePacks(bundleDir: string): number {
  const dir = join(bundleDir, BUNDLED_WORDS_DIR);
  mkdirSync(dir, { recursive: true });
  let bytes = 0;
  for (const language of LANGUAGES) {
    const text = JSON.stringify(packFromContent(CONTENT_DIR, language));
    writeFileSync(join(dir, `${language}.json`), text);
    bytes += Buffer.byteLength(text);
  }
  return bytes;
}

/**
 * Bundles a Lambda handler module into one minified file with everything it needs: the skill
 * uses no AWS SDK (its DynamoDB client is its own, lambda/persistence/dynamoDbClient.ts). The
 * benchmarks build the bare-SDK skill with this same function, so both bundles are compared on
 * equal terms. Returns the bundle's size in bytes.
 */
export async function bundleLambda(entry: string, outfile: string): Promise<number> {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    minify: true,
    sourcemap: 'external',
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    legalComments: 'none',
    logLevel: 'warning',
  });
  writeLanguagePacks(dirname(outfile));
  return statSync(outfile).size;
}

/** `npm run build`: the skill's handler, lambda/index.ts, into dist/lambda/index.js. */
async function main(): Promise<void> {
  const outfile = 'dist/lambda/index.js';
  const size = await bundleLambda('lambda/index.ts', outfile);
  process.stdout.write(`built ${outfile} (${size} bytes)\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exit(1);
  });
}
