import { type RequestEnvelope } from 'ask-sdk-model';
import { localClient } from '../../test/support/dynalite';
import { DynamoDbPersonStore } from '../../lambda/persistence/dynamoDbPersonStore';
import { personChanges, type PersonStore } from '../../lambda/persistence/personStore';
import { readPersonState } from '../../lambda/personState';
import { protocol } from '../../lambda/protocol';
import { TABLE } from './children';

/** The skill's own DynamoDB store on the bench's dynalite, for writing people's saved state beforehand. */
export function benchStore(endpoint: string): { store: DynamoDbPersonStore; close: () => void } {
  const client = localClient(endpoint, { callTimeoutMs: 10_000 });
  return { store: new DynamoDbPersonStore({ tableName: TABLE, recordDays: protocol.storage.recordDays, client }), close: () => client.close() };
}

/** Stores a person's saved state as the skill would have written it. */
export async function seedPerson(store: PersonStore, event: RequestEnvelope, saved: Record<string, unknown>): Promise<void> {
  const changes = personChanges({}, readPersonState(saved));
  if (changes) await store.update(event, changes);
}
