import {
  DeleteItemCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  type DynamoDBClientConfig,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { type PersistenceAdapter } from 'ask-sdk-core';
import { type RequestEnvelope } from 'ask-sdk-model';
import { systemClock, type Clock } from '../clock';
import { personKey } from './personKey';
import { RECORD_ATTRIBUTES_ATTRIBUTE, RECORD_KEY_ATTRIBUTE, RECORD_TTL_ATTRIBUTE } from './recordSchema';

export interface DynamoDbAdapterOptions {
  readonly tableName: string;
  /** Days a record lives after its last write; DynamoDB's TTL then deletes it. */
  readonly recordDays: number;
  readonly client?: DynamoDBClient;
  readonly clientConfig?: DynamoDBClientConfig;
  readonly clock?: Clock;
}

/**
 * The SDK's PersistenceAdapter over DynamoDB with AWS SDK v3 (the SDK's own adapter
 * still needs the end-of-life v2). One item per person: key, attributes map, TTL.
 */
export class DynamoDbPersistenceAdapter implements PersistenceAdapter {
  private readonly client: DynamoDBClient;
  private readonly clock: Clock;

  constructor(private readonly options: DynamoDbAdapterOptions) {
    this.client = options.client ?? new DynamoDBClient({ maxAttempts: 2, ...options.clientConfig });
    this.clock = options.clock ?? systemClock;
  }

  async getAttributes(envelope: RequestEnvelope): Promise<Record<string, unknown>> {
    const result = await this.client.send(
      new GetItemCommand({
        TableName: this.options.tableName,
        Key: { [RECORD_KEY_ATTRIBUTE]: { S: personKey(envelope) } },
        ConsistentRead: true,
      }),
    );
    if (!result.Item) return {};
    const item = unmarshall(result.Item);
    const expiresAt = item[RECORD_TTL_ATTRIBUTE];
    // DynamoDB deletes expired items lazily; an expired one must already read as gone.
    if (typeof expiresAt === 'number' && expiresAt * 1000 <= this.clock.now()) return {};
    const attributes: unknown = item[RECORD_ATTRIBUTES_ATTRIBUTE];
    return typeof attributes === 'object' && attributes !== null ? (attributes as Record<string, unknown>) : {};
  }

  async saveAttributes(envelope: RequestEnvelope, attributes: Record<string, unknown>): Promise<void> {
    const expiresAt = Math.floor(this.clock.now() / 1000) + this.options.recordDays * 24 * 60 * 60;
    await this.client.send(
      new PutItemCommand({
        TableName: this.options.tableName,
        Item: marshall(
          {
            [RECORD_KEY_ATTRIBUTE]: personKey(envelope),
            [RECORD_ATTRIBUTES_ATTRIBUTE]: attributes,
            [RECORD_TTL_ATTRIBUTE]: expiresAt,
          },
          { removeUndefinedValues: true },
        ),
      }),
    );
  }

  async deleteAttributes(envelope: RequestEnvelope): Promise<void> {
    await this.client.send(
      new DeleteItemCommand({
        TableName: this.options.tableName,
        Key: { [RECORD_KEY_ATTRIBUTE]: { S: personKey(envelope) } },
      }),
    );
  }
}
