import { type PersistenceAdapter } from 'ask-sdk-core';
import { type RequestEnvelope } from 'ask-sdk-model';
import { personKey } from '../../lambda/persistence/personKey';

/** Saved attributes by Alexa user id. */
export type PersonRecords = Record<string, Record<string, unknown>>;

function keyOf(userId: string): string {
  return personKey({ context: { System: { user: { userId } } } } as unknown as RequestEnvelope);
}

/**
 * A person's state in this process's memory, keyed like the DynamoDB adapter (a hash of the
 * user id). For the benchmark only: it measures the skill without a storage round trip.
 */
export class MemoryPersistenceAdapter implements PersistenceAdapter {
  private readonly records = new Map<string, Record<string, unknown>>();

  /** `seed` lets a fresh process start with someone already part-way through a walk. */
  constructor(seed: PersonRecords = {}) {
    for (const [userId, attributes] of Object.entries(seed)) this.records.set(keyOf(userId), attributes);
  }

  attributesOf(userId: string): Record<string, unknown> | undefined {
    return this.records.get(keyOf(userId));
  }

  // Copies in and out, as a real store's serialization does: handlers may not share objects.
  async getAttributes(envelope: RequestEnvelope): Promise<Record<string, unknown>> {
    return structuredClone(this.records.get(personKey(envelope)) ?? {});
  }

  async saveAttributes(envelope: RequestEnvelope, attributes: Record<string, unknown>): Promise<void> {
    this.records.set(personKey(envelope), structuredClone(attributes));
  }

  async deleteAttributes(envelope: RequestEnvelope): Promise<void> {
    this.records.delete(personKey(envelope));
  }
}
