import { type RequestEnvelope, type ResponseEnvelope } from 'ask-sdk-model';
import { jsonLogger } from './logger';
import { dynamoDbClientFromEnvironment } from './persistence/dynamoDbClient';
import { DynamoDbPersonStore } from './persistence/dynamoDbPersonStore';
import { SKILL_ID_ENV, TABLE_NAME_ENV } from './persistence/recordSchema';
import { protocol } from './protocol';
import { createSkill } from './skill';

const tableName = process.env[TABLE_NAME_ENV];
if (!tableName) throw new Error(`${TABLE_NAME_ENV} must name the DynamoDB table`);

// Built once per Lambda container, reused by every request it serves: the DynamoDB client
// keeps its connections warm between requests. Region, credentials and (for a local
// DynamoDB) AWS_ENDPOINT_URL_DYNAMODB come from the environment Lambda sets.
const skill = createSkill({
  personStore: new DynamoDbPersonStore({ tableName, recordDays: protocol.storage.recordDays, client: dynamoDbClientFromEnvironment() }),
  logger: jsonLogger(),
  skillId: process.env[SKILL_ID_ENV] || undefined,
});

/** The Lambda entry point; `context` is Lambda's invocation context, passed to the SDK as is. */
export async function handler(event: RequestEnvelope, context?: unknown): Promise<ResponseEnvelope> {
  return skill.invoke(event, context);
}
