import { type RequestEnvelope, type ResponseEnvelope } from 'ask-sdk-model';
import { jsonLogger } from '../../lambda/logger';
import { createSkill } from '../../lambda/skill';
import { MemoryPersonStore, type PersonRecords } from './memoryPersonStore';

/**
 * The real skill as lambda/index.ts wires it, except that state is kept in memory instead of
 * DynamoDB: the skill without the part the bare skill can never have (loading a DynamoDB client
 * and a storage round trip per request). BENCH_MEMORY_SEED (JSON, user id -> attributes) lets a
 * fresh process start mid-walk.
 */
const seed = JSON.parse(process.env.BENCH_MEMORY_SEED ?? '{}') as PersonRecords;
const skill = createSkill({ personStore: new MemoryPersonStore(seed), logger: jsonLogger() });

export async function handler(event: RequestEnvelope, context?: unknown): Promise<ResponseEnvelope> {
  return skill.invoke(event, context);
}
