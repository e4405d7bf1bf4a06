import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { type RequestEnvelope } from 'ask-sdk-model';
import { TABLE_NAME_ENV } from '../../lambda/persistence/recordSchema';
import { ROOT } from './builds';
import { type ColdStartSample } from './samples';

export const TABLE = 'back-spasm-helper-bench';

/**
 * Where the AWS SDK is told its shared config and credentials files are: a path that does not
 * exist, so neither the bench nor a skill under test ever reads a real AWS profile.
 */
export const NO_AWS_PROFILES = {
  AWS_CONFIG_FILE: join(ROOT, 'bench', 'results', 'no-aws-config'),
  AWS_SHARED_CREDENTIALS_FILE: join(ROOT, 'bench', 'results', 'no-aws-credentials'),
};

/**
 * The whole environment of a child under test: what the Lambda runtime would give the skill
 * (region, credentials, table name), with the AWS SDK pointed at dynalite. Nothing is inherited
 * (no NODE_OPTIONS, no TypeScript loader).
 */
export function childEnvironment(dynamoEndpoint: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    [TABLE_NAME_ENV]: TABLE,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'bench',
    AWS_SECRET_ACCESS_KEY: 'bench',
    AWS_ENDPOINT_URL_DYNAMODB: dynamoEndpoint,
    AWS_EC2_METADATA_DISABLED: 'true',
    ...NO_AWS_PROFILES,
  };
}

/** Forks a bundled child script with plain node: no inherited flags unless given. */
export function forkChild(script: string, env: NodeJS.ProcessEnv, execArgv: string[] = []): { child: ChildProcess; stderr: () => string } {
  const child = fork(script, [], { env, execArgv, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return { child, stderr: () => stderr };
}

/** Resolves with the child's first IPC message; rejects if it exits first. */
export function firstMessage<T>(child: ChildProcess, stderr: () => string, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onExit = (code: number | null): void => reject(new Error(`${what} exited (${code}) before answering: ${stderr()}`));
    child.once('exit', onExit);
    child.once('message', (message) => {
      child.off('exit', onExit);
      resolve(message as T);
    });
  });
}

export function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

export interface ColdStart {
  readonly sample: ColdStartSample;
  /** Parent's wall clock from spawning the process to receiving its answer. */
  readonly wallMs: number;
}

/** One fresh process: load `bundle`, answer `event`, report, exit. */
export async function coldStart(
  script: string,
  bundle: string,
  event: RequestEnvelope,
  env: NodeJS.ProcessEnv,
  execArgv: string[] = [],
): Promise<ColdStart> {
  const spawnedAt = process.hrtime.bigint();
  const { child, stderr } = forkChild(script, { ...env, BENCH_BUNDLE: bundle, BENCH_EVENT: JSON.stringify(event) }, execArgv);
  const sample = await firstMessage<ColdStartSample>(child, stderr, 'cold-start child');
  const wallMs = Number(process.hrtime.bigint() - spawnedAt) / 1e6;
  const code = await exited(child);
  if (code !== 0) throw new Error(`cold-start child exited ${code}: ${stderr()}`);
  return { sample, wallMs };
}

/** A skill bundle behind the project's web service (the webService child), listening on loopback. */
export async function startWebService(
  script: string,
  bundle: string,
  env: NodeJS.ProcessEnv,
  execArgv: string[] = [],
): Promise<{ child: ChildProcess; url: string }> {
  const { child, stderr } = forkChild(script, { ...env, BENCH_BUNDLE: bundle }, execArgv);
  try {
    const { port } = await firstMessage<{ port: number }>(child, stderr, 'web-service child');
    return { child, url: `http://127.0.0.1:${port}/` };
  } catch (error) {
    child.kill();
    throw error;
  }
}

/** dynalite with the benchmark's table, in its own process. */
export async function startDynamo(script: string): Promise<{ endpoint: string; pid: number | undefined; stop: () => Promise<void> }> {
  const { child, stderr } = forkChild(script, { PATH: process.env.PATH, BENCH_TABLE: TABLE, ...NO_AWS_PROFILES });
  const { endpoint } = await firstMessage<{ endpoint: string }>(child, stderr, 'dynalite');
  return {
    endpoint,
    pid: child.pid,
    stop: async () => {
      child.disconnect();
      await exited(child);
    },
  };
}
