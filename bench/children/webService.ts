/**
 * A Lambda bundle behind the project's own web-service code (server/createServer.ts), for the
 * throughput benchmark. Verification is off because the benchmark's requests are unsigned.
 * Input: BENCH_BUNDLE. Output (IPC): { port } once listening on 127.0.0.1.
 */
import { type AddressInfo } from 'node:net';
import { type Skill } from 'ask-sdk-core';
import { type RequestEnvelope, type ResponseEnvelope } from 'ask-sdk-model';
import { jsonLogger } from '../../lambda/logger';
import { createWebServiceApp } from '../../server/createServer';

type Handler = (event: RequestEnvelope, context: unknown) => Promise<ResponseEnvelope>;

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { handler } = require(process.env.BENCH_BUNDLE ?? '') as { handler: Handler };

// The express adapter wants the SDK's skill object; both bundles expose only the Lambda
// handler, so the same thin wrapper serves both.
const skill = {
  invoke: (envelope: RequestEnvelope, context?: unknown) => handler(envelope, context),
  supports: () => true,
  appendAdditionalUserAgent: () => undefined,
} as unknown as Skill;

const app = createWebServiceApp({ skill, verifySignature: false, verifyTimestamp: false, logger: jsonLogger() });
const server = app.listen(0, '127.0.0.1', () => {
  process.send?.({ port: (server.address() as AddressInfo).port });
});
process.on('disconnect', () => process.exit(0));
