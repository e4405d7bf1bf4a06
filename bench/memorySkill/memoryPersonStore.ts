import { type RequestEnvelope } from 'ask-sdk-model';
import { personKey } from '../../lambda/persistence/personKey';
import { addsAnything, applyPersonChanges, classifyRecord, type PersonChanges, type PersonStore, type StoredPerson } from '../../lambda/persistence/personStore';

/** Saved attributes by Alexa user id. */
export type PersonRecords = Record<string, Record<string, unknown>>;

function keyOf(userId: string): string {
  return personKey({ context: { System: { user: { userId } } } } as unknown as RequestEnvelope);
}

/**
 * A person's state in this process's memory, keyed like the DynamoDB store (a hash of the
 * user id), with the same field-by-field updates. For the benchmark only: it measures the
 * skill without a storage round trip.
 */
export class MemoryPersonStore implements PersonStore {
  private readonly records = new Map<string, Record<string, unknown>>();

  /** `seed` lets a fresh process start with someone already part-way through a walk. */
  constructor(seed: PersonRecords = {}) {
    for (const [userId, attributes] of Object.entries(seed)) this.records.set(keyOf(userId), attributes);
  }

  attributesOf(userId: string): Record<string, unknown> | undefined {
    return this.records.get(keyOf(userId));
  }

  // Copies in and out, as a real store's serialization does: handlers may not share objects.
  async read(envelope: RequestEnvelope): Promise<StoredPerson> {
    const record = this.records.get(personKey(envelope));
    return record === undefined ? { kind: 'missing' } : classifyRecord(structuredClone(record));
  }

  async update(envelope: RequestEnvelope, changes: PersonChanges): Promise<void> {
    const key = personKey(envelope);
    const record = this.records.get(key);
    if (record === undefined && !addsAnything(changes)) return;
    this.records.set(key, applyPersonChanges(record ?? {}, structuredClone(changes)));
  }

  async delete(envelope: RequestEnvelope): Promise<void> {
    this.records.delete(personKey(envelope));
  }
}
