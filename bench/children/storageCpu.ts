/**
 * CPU per storage call, one client per process: the skill's own DynamoDB client
 * (lambda/persistence/dynamoDbClient.ts) or AWS SDK v3's DynamoDBClient, making the same GetItem
 * and UpdateItem calls (what the skill sends for a person) against the same dynalite. Run by
 * bench/run.ts with plain `node`; the other client's code is never loaded.
 *
 * Input (environment): BENCH_STORAGE_CLIENT (skill | awsSdk), BENCH_CALLS, AWS_ENDPOINT_URL_DYNAMODB,
 * TABLE_NAME and the AWS_* variables Lambda sets. Output (IPC): a StorageCpuSample.
 */
import type * as AwsSdk from '@aws-sdk/client-dynamodb';
import type * as SkillClient from '../../lambda/persistence/dynamoDbClient';
import { type StorageCpuSample, type StorageClientName } from '../lib/samples';

type Call = (operation: 'GetItem' | 'UpdateItem', input: Record<string, unknown>) => Promise<unknown>;

function skillClient(): Call {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { dynamoDbClientFromEnvironment } = require('../../lambda/persistence/dynamoDbClient') as typeof SkillClient;
  const client = dynamoDbClientFromEnvironment();
  return (operation, input) => client.send(operation, input);
}

function awsSdkClient(): Call {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sdk = require('@aws-sdk/client-dynamodb') as typeof AwsSdk;
  const client = new sdk.DynamoDBClient({});
  return (operation, input) =>
    operation === 'GetItem'
      ? client.send(new sdk.GetItemCommand(input as unknown as ConstructorParameters<typeof sdk.GetItemCommand>[0]))
      : client.send(new sdk.UpdateItemCommand(input as unknown as ConstructorParameters<typeof sdk.UpdateItemCommand>[0]));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function main(): Promise<void> {
  const name = (process.env.BENCH_STORAGE_CLIENT ?? 'skill') as StorageClientName;
  const calls = Number(process.env.BENCH_CALLS ?? '1000');
  const table = process.env.TABLE_NAME ?? '';
  const call = name === 'awsSdk' ? awsSdkClient() : skillClient();
  const key = { id: { S: `bench-storage-cpu-${name}-${process.pid}` } };
  // The calls the skill makes for a person: a consistent read, and an update of one field and the TTL.
  const inputs = {
    GetItem: (): Record<string, unknown> => ({ TableName: table, Key: key, ConsistentRead: true }),
    UpdateItem: (i: number): Record<string, unknown> => ({
      TableName: table,
      Key: key,
      UpdateExpression: 'SET #n0 = :v0, #n1 = :v1',
      ConditionExpression: 'attribute_not_exists(#n2)',
      ExpressionAttributeNames: { '#n0': 'position', '#n1': 'expiresAt', '#n2': 'attributes' },
      ExpressionAttributeValues: {
        ':v0': { M: { topic: { S: 'treatment' }, index: { N: String(i % 4) }, at: { N: String(Date.now()) } } },
        ':v1': { N: String(Math.floor(Date.now() / 1000) + 90 * 86400) },
      },
    }),
  };
  // Warm-up: connections, JIT, the SDK's lazy set-up.
  for (let i = 0; i < Math.max(50, calls / 10); i++) {
    await call('UpdateItem', inputs.UpdateItem(i));
    await call('GetItem', inputs.GetItem());
  }
  const cpuUsPerCall = { GetItem: 0, UpdateItem: 0 };
  const p50Ms = { GetItem: 0, UpdateItem: 0 };
  for (const operation of ['GetItem', 'UpdateItem'] as const) {
    const walls: number[] = [];
    const before = process.cpuUsage();
    for (let i = 0; i < calls; i++) {
      const startedAt = performance.now();
      await call(operation, operation === 'GetItem' ? inputs.GetItem() : inputs.UpdateItem(i));
      walls.push(performance.now() - startedAt);
    }
    const used = process.cpuUsage(before);
    cpuUsPerCall[operation] = (used.user + used.system) / calls;
    p50Ms[operation] = median(walls);
  }
  const sample: StorageCpuSample = { client: name, cpuUsPerCall, p50Ms, calls };
  process.send?.(sample, () => process.exit(0));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
