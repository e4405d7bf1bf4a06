import { type RequestEnvelope } from 'ask-sdk-model';
import { systemClock, type Clock } from '../clock';
import { attributeType, fromItem, stringSet, toAttributeValue, type AttributeValue, type Item } from './attributeValue';
import { ConditionalCheckFailedError, type DynamoDbClient } from './dynamoDbClient';
import { personKey } from './personKey';
import { addsAnything, classifyRecord, UnreadableRecordError, type PersonChanges, type PersonStore, type StoredPerson } from './personStore';
import { RECORD_ATTRIBUTES_ATTRIBUTE, RECORD_KEY_ATTRIBUTE, RECORD_TTL_ATTRIBUTE } from './recordSchema';

export interface DynamoDbPersonStoreOptions {
  readonly tableName: string;
  /** Days a record lives after its last write; DynamoDB's TTL then deletes it. */
  readonly recordDays: number;
  readonly client: DynamoDbClient;
  readonly clock?: Clock;
}

/** Attribute names of the item itself, never a person's field. */
const ITEM_ATTRIBUTES = new Set([RECORD_KEY_ATTRIBUTE, RECORD_TTL_ATTRIBUTE, RECORD_ATTRIBUTES_ATTRIBUTE]);

/** Builds an update expression with placeholders for every name and value. */
class Expression {
  readonly names: Record<string, string> = {};
  readonly values: Record<string, AttributeValue> = {};
  private readonly clauses: Record<'SET' | 'REMOVE' | 'ADD' | 'DELETE', string[]> = { SET: [], REMOVE: [], ADD: [], DELETE: [] };

  name(attribute: string): string {
    const placeholder = `#n${Object.keys(this.names).length}`;
    this.names[placeholder] = attribute;
    return placeholder;
  }

  value(value: AttributeValue): string {
    const placeholder = `:v${Object.keys(this.values).length}`;
    this.values[placeholder] = value;
    return placeholder;
  }

  add(clause: 'SET' | 'REMOVE' | 'ADD' | 'DELETE', text: string): void {
    this.clauses[clause].push(text);
  }

  get text(): string {
    return (Object.entries(this.clauses) as [string, string[]][])
      .filter(([, parts]) => parts.length > 0)
      .map(([clause, parts]) => `${clause} ${parts.join(', ')}`)
      .join(' ');
  }
}

/**
 * People's state in DynamoDB, one item per person: the key (a hash of the user id), each field
 * of PersonState as a top-level attribute (reminder tokens as a string set), and the TTL. Writes
 * are UpdateItem with SET/REMOVE per changed field and ADD/DELETE per token, so a write never
 * carries a field its request did not change. Items of the first version, which kept every field
 * in one `attributes` map, are moved to top-level attributes the first time they are read.
 */
export class DynamoDbPersonStore implements PersonStore {
  private readonly clock: Clock;

  constructor(private readonly options: DynamoDbPersonStoreOptions) {
    this.clock = options.clock ?? systemClock;
  }

  private key(envelope: RequestEnvelope): Item {
    return { [RECORD_KEY_ATTRIBUTE]: { S: personKey(envelope) } };
  }

  private async getItem(key: Item): Promise<Item | undefined> {
    const result = await this.options.client.send<{ Item?: Item }>('GetItem', { TableName: this.options.tableName, Key: key, ConsistentRead: true });
    return result.Item;
  }

  async read(envelope: RequestEnvelope): Promise<StoredPerson> {
    const key = this.key(envelope);
    // Each pass settles one thing (an expired item, an old-format item); three are enough.
    for (let pass = 0; pass < 3; pass++) {
      const item = await this.getItem(key);
      if (!item) return { kind: 'missing' };
      const ttl = item[RECORD_TTL_ATTRIBUTE];
      if (ttl && attributeType(ttl) === 'N' && Number((ttl as { N: string }).N) * 1000 <= this.clock.now()) {
        // DynamoDB deletes expired items lazily. Updating one would bring its old fields back to
        // life, so it is deleted now, as TTL would have; if it was renewed meanwhile, read again.
        if (await this.deleteIf(key, '#ttl = :seen', { '#ttl': RECORD_TTL_ATTRIBUTE }, { ':seen': ttl })) return { kind: 'missing' };
        continue;
      }
      const legacy = item[RECORD_ATTRIBUTES_ATTRIBUTE];
      if (legacy !== undefined) {
        if (attributeType(legacy) !== 'M') return { kind: 'unreadable', reason: 'its attributes map is not a map' };
        await this.moveLegacyFields(key, (legacy as { M: Item }).M);
        continue;
      }
      const fields: Record<string, unknown> = fromItem(Object.fromEntries(Object.entries(item).filter(([name]) => !ITEM_ATTRIBUTES.has(name))));
      const stored = classifyRecord(fields);
      const tokens = item.reminderTokens;
      if (stored.kind === 'found' && tokens !== undefined && attributeType(tokens) !== 'SS' && !stored.invalidFields.includes('reminderTokens')) {
        // A list of strings reads, but is not a set that tokens can be added to one by one.
        return { ...stored, invalidFields: [...stored.invalidFields, 'reminderTokens'] };
      }
      return stored;
    }
    throw new Error('stored record kept changing while being read');
  }

  async update(envelope: RequestEnvelope, changes: PersonChanges): Promise<void> {
    const key = this.key(envelope);
    const expression = new Expression();
    for (const [field, value] of Object.entries(changes.set)) {
      const name = expression.name(field);
      expression.add('SET', `${name} = ${expression.value(field === 'reminderTokens' ? stringSet(value as string[]) : toAttributeValue(value))}`);
    }
    for (const field of changes.remove) expression.add('REMOVE', expression.name(field));
    const expiresAt = Math.floor(this.clock.now() / 1000) + this.options.recordDays * 24 * 60 * 60;
    expression.add('SET', `${expression.name(RECORD_TTL_ATTRIBUTE)} = ${expression.value({ N: String(expiresAt) })}`);
    const legacy = expression.name(RECORD_ATTRIBUTES_ATTRIBUTE);
    // DynamoDB refuses ADD and DELETE of one attribute in one expression: the deletions go in a
    // second write, after the additions, so a token is never missing in between.
    const tokens = changes.addTokens.length > 0 ? 'ADD' : changes.deleteTokens.length > 0 ? 'DELETE' : undefined;
    if (tokens) {
      const list = tokens === 'ADD' ? changes.addTokens : changes.deleteTokens;
      expression.add(tokens, `${expression.name('reminderTokens')} ${expression.value(stringSet(list))}`);
    }
    // Only taking things away from a record that is not there must not create one; and an
    // old-format item is never written beside (read() moves its fields first).
    const condition = addsAnything(changes)
      ? `attribute_not_exists(${legacy})`
      : `attribute_exists(${expression.name(RECORD_KEY_ATTRIBUTE)}) AND attribute_not_exists(${legacy})`;
    const written = await this.updateIf(key, expression, condition);
    if (!written) {
      if (!addsAnything(changes)) return;
      const stored = await this.read(envelope);
      if (stored.kind === 'unreadable') throw new UnreadableRecordError(stored.reason);
      if (!(await this.updateIf(key, expression, condition))) throw new Error('stored record changed format while being written');
    }
    if (tokens === 'ADD' && changes.deleteTokens.length > 0) {
      const deletion = new Expression();
      deletion.add('DELETE', `${deletion.name('reminderTokens')} ${deletion.value(stringSet(changes.deleteTokens))}`);
      await this.updateIf(key, deletion, `attribute_exists(${deletion.name(RECORD_KEY_ATTRIBUTE)})`);
    }
  }

  async delete(envelope: RequestEnvelope): Promise<void> {
    await this.options.client.send('DeleteItem', { TableName: this.options.tableName, Key: this.key(envelope) });
  }

  /** UpdateItem with a condition; false when the condition was not met. */
  private async updateIf(key: Item, expression: Expression, condition: string): Promise<boolean> {
    try {
      await this.options.client.send('UpdateItem', {
        TableName: this.options.tableName,
        Key: key,
        UpdateExpression: expression.text,
        ConditionExpression: condition,
        ExpressionAttributeNames: expression.names,
        ...(Object.keys(expression.values).length > 0 ? { ExpressionAttributeValues: expression.values } : {}),
      });
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedError) return false;
      throw error;
    }
  }

  private async deleteIf(key: Item, condition: string, names: Record<string, string>, values: Record<string, AttributeValue>): Promise<boolean> {
    try {
      await this.options.client.send('DeleteItem', {
        TableName: this.options.tableName,
        Key: key,
        ConditionExpression: condition,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      });
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedError) return false;
      throw error;
    }
  }

  /**
   * Moves the fields of a first-version item out of its `attributes` map to top-level
   * attributes, value for value (one that cannot be read is moved as it is, not dropped). A
   * field already at the top level was written later and wins; tokens are merged. If another
   * request moved them first, nothing happens.
   */
  private async moveLegacyFields(key: Item, fields: Item): Promise<void> {
    const expression = new Expression();
    for (const [field, value] of Object.entries(fields)) {
      if (ITEM_ATTRIBUTES.has(field)) continue;
      const name = expression.name(field);
      const list = attributeType(value) === 'L' ? (value as { L: AttributeValue[] }).L : undefined;
      if (field === 'reminderTokens' && list && list.length > 0 && list.every((entry) => attributeType(entry) === 'S')) {
        expression.add('ADD', `${name} ${expression.value(stringSet(list.map((entry) => (entry as { S: string }).S)))}`);
      } else if (field !== 'reminderTokens' || !list || list.length > 0) {
        expression.add('SET', `${name} = if_not_exists(${name}, ${expression.value(value)})`);
      }
    }
    const legacy = expression.name(RECORD_ATTRIBUTES_ATTRIBUTE);
    expression.add('REMOVE', legacy);
    await this.updateIf(key, expression, `attribute_exists(${legacy})`);
  }
}
