import { type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { DynamoDbClient } from '../../lambda/persistence/dynamoDbClient';
import { RECORD_KEY_ATTRIBUTE } from '../../lambda/persistence/recordSchema';

// dynalite ships no types; this is the part of its API the tests use.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const dynalite = require('dynalite') as (options: { createTableMs: number; deleteTableMs: number; updateTableMs: number }) => Server;

/** A real DynamoDB-compatible server (dynalite, in memory) on loopback, owned by one test file. */
export interface LocalDynamo {
  /** The skill's own DynamoDB client, pointed at this server. */
  readonly client: DynamoDbClient;
  readonly endpoint: string;
  createTable(name: string): Promise<void>;
  close(): Promise<void>;
}

/** The DynamoDB client the skill uses, pointed at a local endpoint with dummy credentials. */
export function localClient(endpoint: string, options: { callTimeoutMs?: number; maxAttempts?: number } = {}): DynamoDbClient {
  return new DynamoDbClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, ...options });
}

export async function startLocalDynamo(): Promise<LocalDynamo> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  // Generous: dynalite on a busy 2-core machine can take a while, and a test is not Alexa.
  const client = localClient(endpoint, { callTimeoutMs: 10_000 });
  return {
    client,
    endpoint,
    async createTable(name) {
      await client.send('CreateTable', {
        TableName: name,
        AttributeDefinitions: [{ AttributeName: RECORD_KEY_ATTRIBUTE, AttributeType: 'S' }],
        KeySchema: [{ AttributeName: RECORD_KEY_ATTRIBUTE, KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      });
    },
    async close() {
      client.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
