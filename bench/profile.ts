/**
 * `npm run bench:profile`: where a cold start (or a warm request) spends its time. Runs the
 * cold-start child of bench/run.ts under `node --cpu-prof` a few times and prints the self time
 * by package and by function, mapped through the bundle's source map. Profiles are kept in
 * bench/results/profiles/ (open them in Chrome DevTools or VS Code for the flame chart).
 *
 *   npm run bench:profile                               # the shipped skill, launch, cold
 *   npm run bench:profile -- --variant memory --request next
 *   npm run bench:profile -- --variant memory --warm --request next   # 3000 warm "next"s in one process
 *   npm run bench:profile -- --web                      # the web service under the throughput bench's load
 */
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { startAlexaApiEmulator } from '../emulator';
import { buildAll, ROOT, VARIANTS, type Variant } from './lib/builds';
import { NO_AWS_PROFILES, childEnvironment, coldStart, exited, firstMessage, forkChild, startDynamo, startWebService } from './lib/children';
import { summarizeProfiles } from './lib/cpuProfile';
import { benchStore, seedPerson } from './lib/seed';
import { intentEnvelope, launchEnvelope, midWalkState } from './lib/requests';
import { WARM_SCENARIOS, warmScenarios, type WarmScenarioName } from './lib/scenarios';
import { type WarmJob, type WarmResult } from './lib/samples';

const { values: options } = parseArgs({
  options: {
    variant: { type: 'string', default: 'skill' },
    request: { type: 'string', default: 'launch' },
    runs: { type: 'string', default: '5' },
    top: { type: 'string', default: '25' },
    warm: { type: 'boolean', default: false },
    /** The bundle behind the web service, loaded as the throughput bench loads it. */
    web: { type: 'boolean', default: false },
    seconds: { type: 'string', default: '5' },
    /** Sampling interval, microseconds. */
    interval: { type: 'string', default: '50' },
  },
});
const variant = options.variant as Variant;
if (!VARIANTS.includes(variant)) throw new Error(`--variant must be one of ${VARIANTS.join(', ')}`);
const WARM_PROFILE_ITERATIONS = 3000;
const coldRequests = ['launch', 'next'];
const warmRequests = ['launch', ...WARM_SCENARIOS.filter((name) => name !== 'launchReturning')];
if (!(options.warm ? warmRequests : coldRequests).includes(options.request)) {
  throw new Error(`--request must be one of ${(options.warm ? warmRequests : coldRequests).join(', ')}`);
}

async function main(): Promise<void> {
  Object.assign(process.env, NO_AWS_PROFILES);
  const bundles = await buildAll();
  const dynamo = await startDynamo(bundles.child.localDynamo);
  const { store, close: closeStore } = benchStore(dynamo.endpoint);
  const env = childEnvironment(dynamo.endpoint);
  const dir = join(ROOT, 'bench', 'results', 'profiles', options.web ? `web-${variant}` : `${options.warm ? 'warm' : 'cold'}-${variant}-${options.request}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const profiling = ['--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-interval', options.interval];
  const midWalk = await midWalkState();
  try {
    if (options.web) {
      // The throughput bench's load: a returning person's launch over 10 connections.
      const { child, url } = await startWebService(bundles.child.webService, bundles.bundle[variant], env, profiling);
      const headers = { 'content-type': 'application/json' };
      const body = JSON.stringify(launchEnvelope({ userId: `amzn1.ask.account.bench-profile-web-${variant}` }));
      await fetch(url, { method: 'POST', headers, body });
      const result = await autocannon({ url, method: 'POST', headers, body, connections: 10, duration: Number(options.seconds) });
      process.stderr.write(`${result.requests.total} requests, ${result.requests.average.toFixed(0)} req/s (${result.non2xx} non-2xx, ${result.errors} errors)\n`);
      child.disconnect();
      await exited(child);
    } else if (options.warm) {
      // The bench's own warm scenario, many more times, in one process.
      const emulator = await startAlexaApiEmulator();
      try {
        const name = options.request === 'launch' ? 'launchReturning' : (options.request as WarmScenarioName);
        const scenarios = warmScenarios(variant, emulator, midWalk.session, WARM_PROFILE_ITERATIONS, 200, [name]);
        const { child, stderr } = forkChild(bundles.child.warmLatency, env, profiling);
        const answer = firstMessage<WarmResult[]>(child, stderr, 'warm child');
        child.send({ bundle: bundles.bundle[variant], scenarios } satisfies WarmJob);
        await answer;
        await exited(child);
      } finally {
        await emulator.close();
      }
    } else {
      for (let run = 0; run < Number(options.runs); run++) {
        const userId = `amzn1.ask.account.bench-profile-${variant}-${options.request}-${run}`;
        let runEnv = env;
        const event = options.request === 'launch' ? launchEnvelope({ userId }) : intentEnvelope({ userId }, 'next', midWalk.session);
        if (options.request === 'next' && variant === 'skill') await seedPerson(store, event, midWalk.saved);
        if (options.request === 'next' && variant === 'memory') runEnv = { ...env, BENCH_MEMORY_SEED: JSON.stringify({ [userId]: midWalk.saved }) };
        const { sample } = await coldStart(bundles.child.coldStart, bundles.bundle[variant], event, runEnv, profiling);
        process.stderr.write(`run ${run + 1}: answered at ${sample.answeredMs.toFixed(1)} ms (bundle loaded at ${sample.loadedMs.toFixed(1)} ms)\n`);
      }
    }
  } finally {
    closeStore();
    await dynamo.stop();
  }

  const files = readdirSync(dir).filter((name) => name.endsWith('.cpuprofile')).map((name) => join(dir, name));
  const summary = summarizeProfiles(files, Object.values(bundles.bundle));
  const top = Number(options.top);
  const ms = (value: number): string => value.toFixed(1).padStart(7);
  const lines = [
    `${options.web ? `Web service under load (${options.seconds} s)` : options.warm ? `Warm (${WARM_PROFILE_ITERATIONS} requests)` : 'Cold start'}: ${variant}${options.web ? '' : `, ${options.request}`}; ${files.length} profile(s), ${summary.totalMs.toFixed(1)} ms sampled per profile`,
    '',
    'Self time by package (Node internals and native code charged to the package that called them):',
    ...summary.byModule.slice(0, top).map((m) => `${ms(m.ms)} ms  ${m.module}`),
    '',
    'Time with a package on the stack (inclusive of what it calls and loads):',
    ...summary.inclusiveByModule.slice(0, top).map((m) => `${ms(m.ms)} ms  ${m.module}`),
    '',
    'Our own functions, inclusive:',
    ...summary.inclusiveOurs.slice(0, top).map((f) => `${ms(f.ms)} ms  ${f.fn}`),
    '',
    'Top functions by self time:',
    ...summary.byFunction.slice(0, top).map((f) => `${ms(f.ms)} ms  ${f.fn}  <- ${f.module}`),
    '',
    `profiles: ${dir}`,
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
