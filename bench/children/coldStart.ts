/**
 * One cold start: a fresh Node process loads a Lambda bundle and answers one request, as the
 * Lambda runtime would on a new container. Run by bench/run.ts with plain `node` (bundled by
 * bench/lib/builds.ts, no TypeScript loader) and nothing else in the process.
 *
 * Input (environment): BENCH_BUNDLE, the bundle's path; BENCH_EVENT, the request envelope (JSON).
 * Output (IPC): a ColdStartSample. Times are milliseconds since the process started
 * (performance.timeOrigin), so they include Node's own start-up.
 */
import { type RequestEnvelope, type ResponseEnvelope } from 'ask-sdk-model';
import { type ColdStartSample } from '../lib/samples';

const firstLineMs = performance.now();

async function main(): Promise<void> {
  const bundle = process.env.BENCH_BUNDLE ?? '';
  const event = JSON.parse(process.env.BENCH_EVENT ?? '{}') as RequestEnvelope;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { handler } = require(bundle) as { handler: (event: RequestEnvelope, context: unknown) => Promise<ResponseEnvelope> };
  const loadedMs = performance.now();
  const response = await handler(event, {});
  const answeredMs = performance.now();
  const sample: ColdStartSample = {
    firstLineMs,
    loadedMs,
    answeredMs,
    maxRssKb: process.resourceUsage().maxRSS,
    response,
  };
  process.send?.(sample, () => process.exit(0));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
