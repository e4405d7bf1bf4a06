/**
 * Warm latency: one process loads a Lambda bundle once, then answers the scenarios' requests
 * one at a time, timing each measured one from the handler call to its answer. Run by
 * bench/run.ts with plain `node`; the job arrives, and the results leave, over IPC.
 */
import { type RequestEnvelope, type ResponseEnvelope } from 'ask-sdk-model';
import { type WarmJob, type WarmResult } from '../lib/samples';

type Handler = (event: RequestEnvelope, context: unknown) => Promise<ResponseEnvelope>;

async function run(job: WarmJob): Promise<WarmResult[]> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { handler } = require(job.bundle) as { handler: Handler };
  const results: WarmResult[] = [];
  for (const scenario of job.scenarios) {
    for (const step of scenario.setup) await handler(step.envelope, {});
    const latenciesMs: number[] = [];
    let lastResponse: ResponseEnvelope | undefined;
    for (const [index, iteration] of scenario.iterations.entries()) {
      for (const step of iteration) {
        const startedAt = performance.now();
        const response = await handler(step.envelope, {});
        const tookMs = performance.now() - startedAt;
        if (step.measured) {
          lastResponse = response;
          if (index >= scenario.warmup) latenciesMs.push(tookMs);
        }
      }
    }
    if (!lastResponse) throw new Error(`scenario ${scenario.name} measured nothing`);
    results.push({ name: scenario.name, latenciesMs, lastResponse });
  }
  return results;
}

process.once('message', (job: WarmJob) => {
  run(job).then(
    (results) => process.send?.(results, () => process.exit(0)),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
});
