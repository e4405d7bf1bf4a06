import { build } from 'esbuild';
import { statSync } from 'node:fs';

/**
 * Bundles the Lambda handler into one minified file, dist/lambda/index.js. AWS SDK v3
 * stays external: the Lambda Node.js runtime ships it.
 */
async function main(): Promise<void> {
  const outfile = 'dist/lambda/index.js';
  await build({
    entryPoints: ['lambda/index.ts'],
    outfile,
    bundle: true,
    minify: true,
    sourcemap: 'external',
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['@aws-sdk/*'],
    legalComments: 'none',
    logLevel: 'warning',
  });
  process.stdout.write(`built ${outfile} (${statSync(outfile).size} bytes)\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
