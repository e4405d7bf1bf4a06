/**
 * `npm run bench`: cold start, warm latency, bundle size, peak memory and web-service throughput
 * of the skill, side by side with a bare ASK SDK skill (bench/bareSkill) and with the skill on
 * in-memory storage (bench/memorySkill). Prints a markdown table; writes bench/results/latest.json
 * and latest.md. Offline: dynalite and the Alexa API emulator run on loopback. See bench/README.md.
 */
import { execFileSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type RequestEnvelope, type ResponseEnvelope } from 'ask-sdk-model';
import autocannon from 'autocannon';
import { startAlexaApiEmulator, type AlexaApiEmulator } from '../emulator';
import { translatorFor } from '../lambda/i18n';
import { type SupportedLocale } from '../lambda/locales';
import { type PersonStore } from '../lambda/persistence/personStore';
import { protocol } from '../lambda/protocol';
import { buildAll, ROOT, VARIANTS, type Bundles, type Variant } from './lib/builds';
import { NO_AWS_PROFILES, childEnvironment, coldStart, exited, firstMessage, forkChild, startDynamo, startWebService, type ColdStart } from './lib/children';
import { describeMachine } from './lib/machine';
import { benchStore, seedPerson } from './lib/seed';
import { markdownTable, score, type Row } from './lib/report';
import { intentEnvelope, launchEnvelope, midWalkState, spoken, type Person } from './lib/requests';
import { warmScenarios } from './lib/scenarios';
import { type StorageClientName, type StorageCpuSample, type WarmJob, type WarmResult } from './lib/samples';
import { median, percentile } from './lib/stats';

const { values: options } = parseArgs({
  options: {
    runs: { type: 'string', default: '15' },
    iterations: { type: 'string', default: '400' },
    duration: { type: 'string', default: '5' },
    connections: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '2' },
    'storage-calls': { type: 'string', default: '800' },
    'storage-rounds': { type: 'string', default: '2' },
    /** Locales besides en-US whose first launch is timed cold: a request loads only its own language. */
    locales: { type: 'string', default: 'ja-JP' },
  },
});
const EXTRA_LOCALES = (options.locales ?? '').split(',').map((locale) => locale.trim()).filter((locale) => locale !== '' && locale !== 'en-US');
const COLD_RUNS = Number(options.runs);
const WARM_ITERATIONS = Number(options.iterations);
const WARM_WARMUP = Math.max(20, Math.round(WARM_ITERATIONS / 8));
const THROUGHPUT_SECONDS = Number(options.duration);
const CONNECTIONS = Number(options.connections);
const THROUGHPUT_ROUNDS = Number(options.rounds);
const STORAGE_CALLS = Number(options['storage-calls']);
const STORAGE_ROUNDS = Number(options['storage-rounds']);
/** Targets (the storage issue): cold start with storage, web-service throughput, CPU per storage call against AWS SDK v3. */
const COLD_START_TARGET = 2.2;
const THROUGHPUT_TARGET = 0.4;
const STORAGE_CPU_TARGET = 0.55;

const t = translatorFor('en-US' as SupportedLocale);
const say = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** What each scenario must answer, so a benchmark never times an error path by mistake. */
const EXPECTED: Readonly<Record<string, (variant: Variant) => string>> = {
  launch: (v) => (v === 'bare' ? 'Hello' : say(t('launch.welcome'))),
  launchReturning: (v) => (v === 'bare' ? 'Hello' : say(t('launch.welcomeBack'))),
  next: (v) => (v === 'bare' ? 'Hello' : say(t('topics.treatment.label', { number: 4, count: 4 }))),
  redFlag: (v) => (v === 'bare' ? 'Hello' : say(t('redFlag.what.numb_legs'))),
  coldTimer: (v) => (v === 'bare' ? 'Hello' : say(t('compressTimer.started.cold', { minutes: protocol.compresses.cold.phases[0]?.minutes ?? 0 }))),
};

function check(scenario: string, variant: Variant, response: ResponseEnvelope): void {
  const inLocale = /^launch:(.+)$/.exec(scenario)?.[1];
  const want = inLocale ? (variant === 'bare' ? 'Hello' : say(translatorFor(inLocale as SupportedLocale)('launch.welcome'))) : (EXPECTED[scenario]?.(variant) ?? '');
  const got = spoken(response);
  if (!got.includes(want)) throw new Error(`${variant} ${scenario}: expected "${want}" in "${got}"`);
}

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** Rotates the order each round so no variant always runs first (or right after another). */
function rotated<T>(items: readonly T[], by: number): T[] {
  return items.map((_, i) => items[(i + by) % items.length] as T);
}

/** The size of each language's words file beside the bundle, as the build wrote them. */
function wordsSizes(): string {
  const dir = join(ROOT, 'dist', 'bench', 'skill', 'words');
  try {
    return readdirSync(dir)
      .map((file) => `${file.replace(/\.json$/, '')} ${(statSync(join(dir, file)).size / 1024).toFixed(0)} KB`)
      .join(', ');
  } catch {
    return 'not found';
  }
}

// ---------------------------------------------------------------- cold start

interface ColdKind {
  /** 'launch', 'next', or 'launch:<locale>' for a first launch in another language. */
  readonly name: string;
  /** The request, and the saved state it needs, for the run's own fresh person. */
  prepare(variant: Variant, run: number): Promise<{ event: RequestEnvelope; env: NodeJS.ProcessEnv }>;
}

async function coldStarts(bundles: Bundles, env: NodeJS.ProcessEnv, dynamo: PersonStore): Promise<Record<string, Record<Variant, ColdStart[]>>> {
  const midWalk = await midWalkState();
  const kinds: ColdKind[] = [
    {
      // A first-ever launch: storage read (nothing there), welcome and disclaimer, storage write.
      name: 'launch',
      prepare: async (variant, run) => ({ event: launchEnvelope({ userId: `amzn1.ask.account.bench-cold-launch-${variant}-${run}` }), env }),
    },
    {
      // "Next" at step 3 of the treatment, mid-session: storage read, step 4, storage write.
      name: 'next',
      prepare: async (variant, run) => {
        const person: Person = { userId: `amzn1.ask.account.bench-cold-next-${variant}-${run}` };
        const event = intentEnvelope(person, 'next', midWalk.session);
        if (variant === 'skill') await seedPerson(dynamo, event, midWalk.saved);
        const seed = variant === 'memory' ? { BENCH_MEMORY_SEED: JSON.stringify({ [person.userId]: midWalk.saved }) } : {};
        return { event, env: { ...env, ...seed } };
      },
    },
    ...EXTRA_LOCALES.map(
      (locale): ColdKind => ({
        name: `launch:${locale}`,
        prepare: async (variant, run) => ({ event: launchEnvelope({ userId: `amzn1.ask.account.bench-cold-${locale}-${variant}-${run}` }, locale), env }),
      }),
    ),
  ];
  const results: Record<string, Record<Variant, ColdStart[]>> = {};
  for (const kind of kinds) results[kind.name] = { skill: [], memory: [], bare: [] };
  for (let run = 0; run < COLD_RUNS; run++) {
    for (const kind of kinds) {
      for (const variant of rotated(VARIANTS, run)) {
        const { event, env: runEnv } = await kind.prepare(variant, run);
        const result = await coldStart(bundles.child.coldStart, bundles.bundle[variant], event, runEnv);
        check(kind.name, variant, result.sample.response);
        results[kind.name]?.[variant].push(result);
      }
    }
  }
  return results;
}

// ---------------------------------------------------------------- warm latency

async function warmLatency(bundles: Bundles, env: NodeJS.ProcessEnv, emulator: AlexaApiEmulator): Promise<Record<Variant, WarmResult[]>> {
  const { session } = await midWalkState();
  const results = {} as Record<Variant, WarmResult[]>;
  for (const variant of VARIANTS) {
    const { child, stderr } = forkChild(bundles.child.warmLatency, env);
    const job: WarmJob = { bundle: bundles.bundle[variant], scenarios: warmScenarios(variant, emulator, session, WARM_ITERATIONS, WARM_WARMUP) };
    const answer = firstMessage<WarmResult[]>(child, stderr, 'warm-latency child');
    child.send(job);
    results[variant] = await answer;
    await exited(child);
    for (const result of results[variant]) check(result.name, variant, result.lastResponse);
  }
  return results;
}

// ---------------------------------------------------------------- web-service throughput

interface ThroughputRound {
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly requests: number;
  /** CPU time the web-service process used per request, microseconds. */
  readonly serverCpuUsPerRequest: number;
  /** Cores busy while loaded: the web-service process, and dynalite. */
  readonly serverCores: number;
  readonly dynamoCores: number;
}

interface Throughput extends Omit<ThroughputRound, 'requests'> {
  readonly rounds: readonly ThroughputRound[];
}

const CLOCK_TICKS = ((): number => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** User + system CPU seconds a process has used so far (Linux /proc), NaN elsewhere. */
function cpuSeconds(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return Number.NaN;
  }
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

/**
 * Each skill behind its own web-service process, all three started first; then rounds in which
 * each is loaded in turn (order rotating), so a slow moment of the machine is shared out.
 */
async function throughput(bundles: Bundles, env: NodeJS.ProcessEnv, dynamoPid: number | undefined): Promise<Record<Variant, Throughput>> {
  const servers = [] as { variant: Variant; child: ChildProcess; url: string; body: string }[];
  const headers = { 'content-type': 'application/json' };
  const load = (url: string, body: string, duration: number): Promise<autocannon.Result> =>
    autocannon({ url, method: 'POST', headers, body, connections: CONNECTIONS, duration });
  try {
    for (const variant of VARIANTS) {
      const { child, url } = await startWebService(bundles.child.webService, bundles.bundle[variant], env);
      // A returning person opening the skill, over and over: the first request makes them known.
      const body = JSON.stringify(launchEnvelope({ userId: `amzn1.ask.account.bench-web-${variant}` }));
      servers.push({ variant, child, url, body });
      check('launch', variant, (await (await fetch(url, { method: 'POST', headers, body })).json()) as ResponseEnvelope);
      await load(url, body, 1); // warm-up: JIT, connection pools
    }
    const rounds = byVariant((): ThroughputRound[] => []);
    for (let round = 0; round < THROUGHPUT_ROUNDS; round++) {
      for (const server of rotated(servers, round)) {
        const before = { server: cpuSeconds(server.child.pid), dynamo: cpuSeconds(dynamoPid) };
        const startedAt = performance.now();
        const result = await load(server.url, server.body, THROUGHPUT_SECONDS);
        const seconds = (performance.now() - startedAt) / 1000;
        const used = { server: cpuSeconds(server.child.pid) - before.server, dynamo: cpuSeconds(dynamoPid) - before.dynamo };
        if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0) {
          throw new Error(`${server.variant}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`);
        }
        rounds[server.variant].push({
          requestsPerSecond: result.requests.average,
          p50Ms: result.latency.p50,
          p99Ms: result.latency.p99,
          requests: result.requests.total,
          serverCpuUsPerRequest: (used.server / result.requests.total) * 1e6,
          serverCores: used.server / seconds,
          dynamoCores: used.dynamo / seconds,
        });
      }
    }
    return byVariant((variant) => {
      const all = rounds[variant];
      const average = (pick: (round: ThroughputRound) => number): number => mean(all.map(pick));
      return {
        requestsPerSecond: average((r) => r.requestsPerSecond),
        p50Ms: average((r) => r.p50Ms),
        p99Ms: average((r) => r.p99Ms),
        serverCpuUsPerRequest: average((r) => r.serverCpuUsPerRequest),
        serverCores: average((r) => r.serverCores),
        dynamoCores: average((r) => r.dynamoCores),
        rounds: all,
      };
    });
  } finally {
    for (const { child } of servers) {
      if (child.connected) child.disconnect();
      await exited(child);
    }
  }
}

// ---------------------------------------------------------------- CPU per storage call

const STORAGE_CLIENTS: readonly StorageClientName[] = ['skill', 'awsSdk'];

/**
 * The skill's DynamoDB client and AWS SDK v3 side by side: each in its own fresh process, the same
 * GetItem and UpdateItem calls against the same dynalite, the clients taking turns each round.
 */
async function storageCpu(bundles: Bundles, env: NodeJS.ProcessEnv): Promise<Record<StorageClientName, StorageCpuSample[]>> {
  const results: Record<StorageClientName, StorageCpuSample[]> = { skill: [], awsSdk: [] };
  for (let round = 0; round < STORAGE_ROUNDS; round++) {
    for (const client of rotated(STORAGE_CLIENTS, round)) {
      const { child, stderr } = forkChild(bundles.child.storageCpu, { ...env, BENCH_STORAGE_CLIENT: client, BENCH_CALLS: String(STORAGE_CALLS) });
      results[client].push(await firstMessage<StorageCpuSample>(child, stderr, `storage-cpu child (${client})`));
      await exited(child);
    }
  }
  return results;
}

function storageTable(results: Record<StorageClientName, StorageCpuSample[]>): { markdown: string; ratio: number } {
  const cpu = (client: StorageClientName, operation: 'GetItem' | 'UpdateItem'): number => mean(results[client].map((sample) => sample.cpuUsPerCall[operation]));
  const wall = (client: StorageClientName, operation: 'GetItem' | 'UpdateItem'): number => mean(results[client].map((sample) => sample.p50Ms[operation]));
  const lines = [
    '| CPU per storage call (client process) | The skill\'s client | AWS SDK v3 | Ratio | Target | Result |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  const both = (client: StorageClientName): number => (cpu(client, 'GetItem') + cpu(client, 'UpdateItem')) / 2;
  const rows: [string, number, number][] = [
    ['GetItem', cpu('skill', 'GetItem'), cpu('awsSdk', 'GetItem')],
    ['UpdateItem', cpu('skill', 'UpdateItem'), cpu('awsSdk', 'UpdateItem')],
    ['Both (mean)', both('skill'), both('awsSdk')],
  ];
  for (const [name, skill, sdk] of rows) {
    const ratio = skill / sdk;
    lines.push(`| ${name} | ${skill.toFixed(0)} µs | ${sdk.toFixed(0)} µs | ${ratio.toFixed(2)}× | ≤ ${STORAGE_CPU_TARGET}× | **${ratio <= STORAGE_CPU_TARGET ? 'PASS' : 'MISS'}** |`);
  }
  lines.push(
    `| Wall time per call, p50 (GetItem / UpdateItem) | ${wall('skill', 'GetItem').toFixed(2)} / ${wall('skill', 'UpdateItem').toFixed(2)} ms | ${wall('awsSdk', 'GetItem').toFixed(2)} / ${wall('awsSdk', 'UpdateItem').toFixed(2)} ms |  |  |  |`,
  );
  return { markdown: lines.join('\n') + '\n', ratio: both('skill') / both('awsSdk') };
}

// ---------------------------------------------------------------- report

function byVariant<T>(make: (variant: Variant) => T): Record<Variant, T> {
  return { skill: make('skill'), memory: make('memory'), bare: make('bare') };
}

function row(measure: string, unit: Row['unit'], values: Record<Variant, number>, target?: Row['target']): Row {
  return { measure, unit, skill: values.skill, memory: values.memory, bare: values.bare, target };
}

async function main(): Promise<void> {
  Object.assign(process.env, NO_AWS_PROFILES);
  const startedAt = performance.now();
  const machine = describeMachine();
  log('building bundles...');
  const bundles = await buildAll();
  const dynamo = await startDynamo(bundles.child.localDynamo);
  const emulator = await startAlexaApiEmulator();
  const { store, close: closeStore } = benchStore(dynamo.endpoint);
  const env = childEnvironment(dynamo.endpoint);
  try {
    log(`cold start: ${COLD_RUNS} runs x ${2 + EXTRA_LOCALES.length} requests x ${VARIANTS.length} skills...`);
    const cold = await coldStarts(bundles, env, store);
    log(`warm latency: ${WARM_ITERATIONS} timed iterations (+${WARM_WARMUP} warm-up) per scenario...`);
    const warm = await warmLatency(bundles, env, emulator);
    log(`web-service throughput: ${THROUGHPUT_ROUNDS} rounds of ${THROUGHPUT_SECONDS} s per skill, ${CONNECTIONS} connections...`);
    const web = await throughput(bundles, env, dynamo.pid);
    log(`CPU per storage call: ${STORAGE_ROUNDS} rounds of ${STORAGE_CALLS} GetItem + ${STORAGE_CALLS} UpdateItem per client...`);
    const storage = await storageCpu(bundles, env);

    const coldOf = (kind: string, pick: (c: ColdStart) => number): Record<Variant, number> =>
      byVariant((v) => median((cold[kind]?.[v] ?? []).map(pick)));
    const warmOf = (name: string, p: number): Record<Variant, number> =>
      byVariant((v) => percentile(warm[v].find((r) => r.name === name)?.latenciesMs ?? [], p));
    const coldTarget = { kind: 'ratioAtMost', value: COLD_START_TARGET } as const;
    const warmTarget = { kind: 'ratioAtMost', value: 2 } as const;
    const rows: Row[] = [
      row('Cold start, launch: process start → answer (median)', 'ms', coldOf('launch', (c) => c.sample.answeredMs), coldTarget),
      row('Cold start, launch: wall, spawn → answer (median)', 'ms', coldOf('launch', (c) => c.wallMs), coldTarget),
      ...EXTRA_LOCALES.map((locale) => row(`Cold start, launch in ${locale}: process start → answer`, 'ms', coldOf(`launch:${locale}`, (c) => c.sample.answeredMs), coldTarget)),
      row('Cold start, "next" at step 3: process start → answer', 'ms', coldOf('next', (c) => c.sample.answeredMs), coldTarget),
      row('Cold start, "next" at step 3: wall, spawn → answer', 'ms', coldOf('next', (c) => c.wallMs), coldTarget),
      row('  of which: Node start-up (to the first line)', 'ms', coldOf('launch', (c) => c.sample.firstLineMs)),
      row('  of which: bundle load (require)', 'ms', coldOf('launch', (c) => c.sample.loadedMs - c.sample.firstLineMs)),
      row('  of which: first request (launch)', 'ms', coldOf('launch', (c) => c.sample.answeredMs - c.sample.loadedMs)),
      row('Peak RSS of the cold-start process (launch)', 'MB', coldOf('launch', (c) => c.sample.maxRssKb / 1024)),
      row('Warm p50: launch (returning person)', 'ms', warmOf('launchReturning', 50), warmTarget),
      row('Warm p99: launch', 'ms', warmOf('launchReturning', 99)),
      row('Warm p50: "next", step 3 → 4', 'ms', warmOf('next', 50), warmTarget),
      row('Warm p99: "next"', 'ms', warmOf('next', 99)),
      row('Warm p50: red flag', 'ms', warmOf('redFlag', 50), warmTarget),
      row('Warm p99: red flag', 'ms', warmOf('redFlag', 99)),
      row('Warm p50: start cold compress timer', 'ms', warmOf('coldTimer', 50), warmTarget),
      row('Warm p99: start cold compress timer', 'ms', warmOf('coldTimer', 99)),
      row('Bundle, minified', 'KB', byVariant((v) => bundles.size[v].rawBytes / 1024), { kind: 'atMost', value: 400 }),
      row('Bundle, gzip -9', 'KB', byVariant((v) => bundles.size[v].gzipBytes / 1024)),
      row('Web service throughput (launch)', 'req/s', byVariant((v) => web[v].requestsPerSecond), { kind: 'ratioAtLeast', value: THROUGHPUT_TARGET }),
      row('Web service p99 latency', 'ms', byVariant((v) => web[v].p99Ms)),
      row('Web service CPU per request (server process)', 'µs', byVariant((v) => web[v].serverCpuUsPerRequest)),
    ];
    const scored = rows.map(score);
    const elapsedS = (performance.now() - startedAt) / 1000;
    const notes = [
      '"This skill" is the bundle `npm run build` makes (DynamoDB on dynalite, loopback). "In-memory variant" is the same skill code with state in process memory (bench/memorySkill): it leaves out what the bare skill cannot have, loading a DynamoDB client and a storage round trip per request. The bare SDK skill is bench/bareSkill.',
      `Cold start: median of ${COLD_RUNS} fresh \`node\` processes per cell, the skills alternating; "process start" is performance.now() in the child (from its time origin), "wall" is the parent's clock from spawn to the answer arriving over IPC. Launch is a first-ever launch (storage read and write); "next" is mid-session at step 3: the session carries the saved state, so it writes the new step without a read.`,
      `Warm: ${WARM_ITERATIONS} timed requests per scenario in one process after ${WARM_WARMUP} untimed; the timer scenario calls the local Alexa API emulator (list, create) for a new person each time.`,
      `Throughput: autocannon, ${CONNECTIONS} connections, mean of ${THROUGHPUT_ROUNDS} rounds of ${THROUGHPUT_SECONDS} s per skill (after a 1 s warm-up), each skill behind server/createServer.ts in its own process (verification off: the requests are unsigned), the same launch request for a returning person. While loaded, this skill's server process kept ${web.skill.serverCores.toFixed(2)} cores busy and dynalite ${web.skill.dynamoCores.toFixed(2)}; the bare skill's server ${web.bare.serverCores.toFixed(2)}, the in-memory variant's ${web.memory.serverCores.toFixed(2)} (${machine.nproc} cores in all, the load generator included).`,
      ...EXTRA_LOCALES.map((locale) => {
        const here = coldOf(`launch:${locale}`, (c) => c.sample.answeredMs).skill;
        const english = coldOf('launch', (c) => c.sample.answeredMs).skill;
        return `Languages: a first launch in ${locale} took ${here.toFixed(1)} ms to answer against ${english.toFixed(1)} ms in en-US (${(here / english).toFixed(2)}×): each request loads only its own language's words (words/<language>.json beside the bundle: ${wordsSizes()}).`;
      }),
      `Whole run: ${elapsedS.toFixed(0)} s.`,
    ];
    const storageReport = storageTable(storage);
    const markdown = `${markdownTable(scored, machine, notes)}\n${storageReport.markdown}\n- ${[
      `CPU per storage call: each client in its own fresh \`node\` process making ${STORAGE_CALLS} GetItem (consistent read) and then ${STORAGE_CALLS} UpdateItem calls (SET of a field and the TTL, with a condition), as the skill sends them, one at a time against the same dynalite, after a warm-up; CPU is the process's user + system time (process.cpuUsage) over the calls, mean of ${STORAGE_ROUNDS} rounds, the clients taking turns. AWS SDK v3 (@aws-sdk/client-dynamodb, a dev dependency kept for this comparison) is the client the skill used before.`,
    ].join('')}\n`;
    process.stdout.write(markdown);

    const resultsDir = join(ROOT, 'bench', 'results');
    mkdirSync(resultsDir, { recursive: true });
    const raw = {
      cold: Object.fromEntries(
        Object.entries(cold).map(([kind, perVariant]) => [
          kind,
          byVariant((v) => perVariant[v].map((c) => ({ wallMs: c.wallMs, firstLineMs: c.sample.firstLineMs, loadedMs: c.sample.loadedMs, answeredMs: c.sample.answeredMs, maxRssKb: c.sample.maxRssKb }))),
        ]),
      ),
      warm: byVariant((v) => Object.fromEntries(warm[v].map((r) => [r.name, r.latenciesMs]))),
      throughput: web,
      bundles: bundles.size,
      storageCpu: storage,
    };
    writeFileSync(join(resultsDir, 'latest.json'), JSON.stringify({ date: new Date().toISOString(), machine, elapsedS, rows: scored, raw }, null, 2) + '\n');
    writeFileSync(join(resultsDir, 'latest.md'), markdown);
    log(`wrote bench/results/latest.json and latest.md (${elapsedS.toFixed(0)} s)`);
  } finally {
    closeStore();
    await emulator.close();
    await dynamo.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
