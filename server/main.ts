/**
 * Runs the skill as a web service: `tsx server/main.ts` (put a TLS-terminating proxy or tunnel
 * in front; Alexa only calls HTTPS on port 443). Environment: PORT (3000), HOST, SKILL_ID,
 * TABLE_NAME (DynamoDB; otherwise a local file store under .data/ or DATA_DIR).
 */
import { type AddressInfo } from 'node:net';
import { jsonLogger, describeError, type Logger } from '../lambda/logger';
import { dynamoDbClientFromEnvironment } from '../lambda/persistence/dynamoDbClient';
import { DynamoDbPersonStore } from '../lambda/persistence/dynamoDbPersonStore';
import { FilePersonStore } from '../lambda/persistence/filePersonStore';
import { type PersonStore } from '../lambda/persistence/personStore';
import { protocol } from '../lambda/protocol';
import { createSkill } from '../lambda/skill';
import { readServerConfig, INSECURE_DEV_FLAG, SKIP_VERIFICATION_ENV, type ServerConfig } from './config';
import { createWebServer, createWebServiceApp } from './createServer';
import { stopAndDrain } from './shutdown';

function storeFor(config: ServerConfig, logger: Logger): PersonStore {
  // DynamoDB with the region and credentials from the environment (AWS_REGION, AWS_ACCESS_KEY_ID, ...).
  return config.persistence.kind === 'dynamodb'
    ? new DynamoDbPersonStore({ tableName: config.persistence.tableName, recordDays: protocol.storage.recordDays, client: dynamoDbClientFromEnvironment() })
    : new FilePersonStore({ directory: config.persistence.directory, logger });
}

function warnLoudly(logger: Logger, config: ServerConfig): void {
  if (!config.verifyRequests) {
    process.stderr.write(
      [
        '',
        '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
        '!!  REQUEST VERIFICATION IS OFF (--insecure-dev / ALEXA_SKIP_VERIFICATION=true)  !!',
        '!!  Anyone who can reach this port can drive the skill and read saved state.    !!',
        '!!  For local testing only. Never expose this to the internet.                 !!',
        '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
        '',
      ].join('\n') + '\n',
    );
    logger.log('warn', 'REQUEST SIGNATURE AND TIMESTAMP VERIFICATION IS OFF', {
      reason: `--${INSECURE_DEV_FLAG} or ${SKIP_VERIFICATION_ENV}=true`,
    });
  }
  if (!config.skillId) {
    // Only possible with verification off (readServerConfig refuses it otherwise).
    logger.log('warn', 'SKILL_ID is not set: requests for any skill id are answered');
  }
}

function main(): void {
  const logger = jsonLogger();
  const config = readServerConfig(process.argv.slice(2), process.env);
  warnLoudly(logger, config);

  const skill = createSkill({ personStore: storeFor(config, logger), logger, skillId: config.skillId });
  const app = createWebServiceApp({
    skill,
    verifySignature: config.verifyRequests,
    verifyTimestamp: config.verifyRequests,
    logger,
  });

  const server = createWebServer(app);
  server.listen(config.port, config.host, () => {
    const { port } = server.address() as AddressInfo;
    logger.log('info', 'listening', {
      host: config.host,
      port,
      verification: config.verifyRequests,
      persistence: config.persistence.kind,
    });
  });

  server.on('error', (error) => {
    // Typically EADDRINUSE: say so in one line instead of an unhandled-error stack.
    logger.log('error', 'server error', describeError(error));
    process.exit(1);
  });

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) {
      // A second Ctrl-C means "now".
      logger.log('warn', 'second signal: exiting without waiting', { signal });
      process.exit(1);
    }
    stopping = true;
    logger.log('info', 'stopping: no new connections, finishing requests in flight', { signal });
    stopAndDrain(server, config.shutdownGraceMs).then((result) => {
      logger.log(result === 'drained' ? 'info' : 'warn', 'stopped', { result });
      process.exit(result === 'drained' ? 0 : 1);
    }, (error: unknown) => {
      logger.log('error', 'stop failed', describeError(error));
      process.exit(1);
    });
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

try {
  main();
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
