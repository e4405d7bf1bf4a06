/**
 * How the web service is started, from the command line and environment. Verification can only
 * be switched off by an explicit, oddly named flag, so it is never off by accident in production.
 */
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { SKILL_ID_ENV, TABLE_NAME_ENV } from '../lambda/persistence/recordSchema';

export const INSECURE_DEV_FLAG = 'insecure-dev';
export const SKIP_VERIFICATION_ENV = 'ALEXA_SKIP_VERIFICATION';

export interface ServerConfig {
  port: number;
  host: string;
  /** False only with --insecure-dev or ALEXA_SKIP_VERIFICATION=true. */
  verifyRequests: boolean;
  skillId: string | undefined;
  persistence: { kind: 'dynamodb'; tableName: string } | { kind: 'file'; directory: string };
  /** How long in-flight requests may take to finish after SIGTERM/SIGINT. */
  shutdownGraceMs: number;
}

const repoRoot = path.resolve(__dirname, '..');

function parsePort(value: string | undefined): number {
  if (value === undefined || value === '') return 3000;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT "${value}" is not a port number`);
  return port;
}

export function readServerConfig(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): ServerConfig {
  const { values } = parseArgs({
    args: [...argv],
    options: { [INSECURE_DEV_FLAG]: { type: 'boolean' } },
    strict: true,
    allowPositionals: false,
  });
  const skipFromEnv = env[SKIP_VERIFICATION_ENV];
  if (skipFromEnv !== undefined && skipFromEnv !== 'true' && skipFromEnv !== 'false' && skipFromEnv !== '') {
    // A typo such as "yes" must not silently leave verification in a state nobody intended.
    throw new Error(`${SKIP_VERIFICATION_ENV} must be "true" or "false", not "${skipFromEnv}"`);
  }
  const verifyRequests = !(values[INSECURE_DEV_FLAG] === true || skipFromEnv === 'true');
  const skillId = env[SKILL_ID_ENV] || undefined;
  if (verifyRequests && !skillId) {
    // A signed request is Amazon's, but for any skill: without the id this one would answer them all.
    throw new Error(`${SKILL_ID_ENV} must be set to this skill's id (amzn1.ask.skill....); only --${INSECURE_DEV_FLAG} runs without it`);
  }
  const tableName = env[TABLE_NAME_ENV];
  return {
    port: parsePort(env.PORT),
    // Without verification the service answers anyone, so it listens on this machine only unless told otherwise.
    host: env.HOST || (verifyRequests ? '0.0.0.0' : '127.0.0.1'),
    verifyRequests,
    skillId,
    persistence: tableName
      ? { kind: 'dynamodb', tableName }
      : { kind: 'file', directory: env.DATA_DIR ? path.resolve(env.DATA_DIR) : path.join(repoRoot, '.data', 'web-service') },
    shutdownGraceMs: 10_000,
  };
}
