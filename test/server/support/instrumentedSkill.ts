import { type Skill } from 'ask-sdk-core';
import { type RequestEnvelope, type ResponseEnvelope } from 'ask-sdk-model';
import { type Clock } from '../../../lambda/clock';
import { silentLogger } from '../../../lambda/logger';
import { applyPersonChanges, classifyRecord, type PersonChanges, type PersonStore, type StoredPerson } from '../../../lambda/persistence/personStore';
import { createSkill } from '../../../lambda/skill';

/** Keeps people's state in memory and remembers every call, so a test can prove storage was never touched. */
export class RecordingPersonStore implements PersonStore {
  readonly calls: Array<{ op: 'get' | 'save' | 'delete'; userId: string }> = [];
  private readonly records = new Map<string, Record<string, unknown>>();

  private userOf(envelope: RequestEnvelope): string {
    return envelope.context?.System?.user?.userId ?? '';
  }

  async read(envelope: RequestEnvelope): Promise<StoredPerson> {
    this.calls.push({ op: 'get', userId: this.userOf(envelope) });
    const record = this.records.get(this.userOf(envelope));
    return record ? classifyRecord(structuredClone(record)) : { kind: 'missing' };
  }

  async update(envelope: RequestEnvelope, changes: PersonChanges): Promise<void> {
    this.calls.push({ op: 'save', userId: this.userOf(envelope) });
    this.records.set(this.userOf(envelope), applyPersonChanges(this.records.get(this.userOf(envelope)) ?? {}, structuredClone(changes)));
  }

  async delete(envelope: RequestEnvelope): Promise<void> {
    this.calls.push({ op: 'delete', userId: this.userOf(envelope) });
    this.records.delete(this.userOf(envelope));
  }
}

export const FIXED_CLOCK: Clock = { now: () => Date.parse('2025-03-10T15:00:00Z') };

export interface InstrumentedSkill {
  skill: Skill;
  persistence: RecordingPersonStore;
  /** How many envelopes reached the skill (after any verification). */
  invocations(): number;
}

/** The real skill from createSkill, with a recording store and a counter in front of invoke. */
export function instrumentedSkill(): InstrumentedSkill {
  const persistence = new RecordingPersonStore();
  const skill = createSkill({ personStore: persistence, logger: silentLogger, clock: FIXED_CLOCK });
  let count = 0;
  const invoke = skill.invoke.bind(skill);
  skill.invoke = (envelope: RequestEnvelope, context?: unknown): Promise<ResponseEnvelope> => {
    count += 1;
    return invoke(envelope, context);
  };
  return { skill, persistence, invocations: () => count };
}
