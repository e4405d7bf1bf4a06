import { type PersistenceAdapter } from 'ask-sdk-core';
import { type RequestEnvelope } from 'ask-sdk-model';
import { applyPersonChanges, classifyRecord, UnreadableRecordError, type PersonChanges, type PersonStore, type StoredPerson } from './personStore';

/**
 * The store seen through the ASK SDK's PersistenceAdapter, for the SDK's AttributesManager:
 * handlers may read the person's fields and delete the record with the SDK's own calls. A
 * whole-record save is refused: changes go through context.person, field by field.
 */
export function sdkPersistenceAdapter(store: PersonStore): PersistenceAdapter {
  return {
    async getAttributes(envelope: RequestEnvelope): Promise<Record<string, unknown>> {
      const stored = await store.read(envelope);
      if (stored.kind === 'unreadable') throw new UnreadableRecordError(stored.reason);
      return stored.kind === 'found' ? { ...stored.person } : {};
    },
    async saveAttributes(): Promise<void> {
      throw new Error('whole-record saves are not supported: change context.person, and the fields that changed are written');
    },
    async deleteAttributes(envelope: RequestEnvelope): Promise<void> {
      await store.delete(envelope);
    },
  };
}

/**
 * A PersonStore over an ASK SDK PersistenceAdapter, for callers (test doubles, older tools)
 * that have one. Updates read the record afresh, apply just the changed fields and save it:
 * fields other requests changed are kept, but the read and the save are not one atomic step,
 * so production stores implement PersonStore themselves.
 */
export function personStoreOverAdapter(adapter: PersistenceAdapter): PersonStore {
  return {
    async read(envelope: RequestEnvelope): Promise<StoredPerson> {
      const attributes = await adapter.getAttributes(envelope);
      if (typeof attributes === 'object' && attributes !== null && Object.keys(attributes).length === 0) return { kind: 'missing' };
      return classifyRecord(attributes);
    },
    async update(envelope: RequestEnvelope, changes: PersonChanges): Promise<void> {
      const current: unknown = (await adapter.getAttributes(envelope)) ?? {};
      const stored = classifyRecord(current);
      if (stored.kind === 'unreadable') throw new UnreadableRecordError(stored.reason);
      await adapter.saveAttributes(envelope, applyPersonChanges(current as Record<string, unknown>, changes));
    },
    async delete(envelope: RequestEnvelope): Promise<void> {
      if (!adapter.deleteAttributes) throw new Error('this persistence adapter cannot delete');
      await adapter.deleteAttributes(envelope);
    },
  };
}
