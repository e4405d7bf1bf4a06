import { type RequestEnvelope, type ResponseEnvelope } from 'ask-sdk-model';
import { jsonLogger } from './logger';
import { DynamoDbPersistenceAdapter } from './persistence/dynamoDbAdapter';
import { SKILL_ID_ENV, TABLE_NAME_ENV } from './persistence/recordSchema';
import { protocol } from './protocol';
import { createSkill } from './skill';

const tableName = process.env[TABLE_NAME_ENV];
if (!tableName) throw new Error(`${TABLE_NAME_ENV} must name the DynamoDB table`);

// Built once per Lambda container, reused by every request it serves.
const skill = createSkill({
  persistenceAdapter: new DynamoDbPersistenceAdapter({ tableName, recordDays: protocol.storage.recordDays }),
  logger: jsonLogger(),
  skillId: process.env[SKILL_ID_ENV] || undefined,
});

/** The Lambda entry point; `context` is Lambda's invocation context, passed to the SDK as is. */
export async function handler(event: RequestEnvelope, context?: unknown): Promise<ResponseEnvelope> {
  return skill.invoke(event, context);
}
