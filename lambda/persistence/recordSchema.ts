/**
 * The shape of one person's record in DynamoDB. Infrastructure code imports these names,
 * so the table definition and what the adapter writes cannot drift apart.
 */
export const RECORD_KEY_ATTRIBUTE = 'id';
export const RECORD_ATTRIBUTES_ATTRIBUTE = 'attributes';
/** Epoch seconds; DynamoDB's TTL deletes the record some time after this. */
export const RECORD_TTL_ATTRIBUTE = 'expiresAt';
/** Environment variable that names the table in production. */
export const TABLE_NAME_ENV = 'TABLE_NAME';
/** Environment variable that holds the skill id the handler accepts. */
export const SKILL_ID_ENV = 'SKILL_ID';
