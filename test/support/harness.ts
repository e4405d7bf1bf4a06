import { type Skill } from 'ask-sdk-core';
import { randomUUID } from 'node:crypto';
import { startAlexaApiEmulator, type AlexaApiEmulator, type PermissionScope } from '../../emulator';
import { TestClock } from '../../emulator/testClock';
import { type LogFields, type Logger, type LogLevel } from '../../lambda/logger';
import { type PersistenceAdapter } from 'ask-sdk-core';
import { DynamoDbPersonStore } from '../../lambda/persistence/dynamoDbPersonStore';
import { sdkPersistenceAdapter } from '../../lambda/persistence/sdkAdapters';
import { protocol } from '../../lambda/protocol';
import { createSkill, type SkillDeps } from '../../lambda/skill';
import { Conversation, type ConversationOptions } from '../../tools/conversation';
import { startLocalDynamo, type LocalDynamo } from './dynalite';

/** A logger that keeps lines, so tests can check what was (and was not) logged. */
export class RecordingLogger implements Logger {
  readonly lines: { level: LogLevel; message: string; fields: LogFields }[] = [];
  log(level: LogLevel, message: string, fields: LogFields = {}): void {
    this.lines.push({ level, message, fields });
  }
}

/**
 * The skill as production wires it, but against dynalite on loopback and a clock the
 * test controls. One per test file: start in beforeAll, close in afterAll.
 */
export class SkillHarness {
  readonly logger = new RecordingLogger();
  private constructor(
    readonly dynamo: LocalDynamo,
    readonly tableName: string,
    readonly alexa: AlexaApiEmulator,
    readonly clock: TestClock,
  ) {}

  static async start(): Promise<SkillHarness> {
    const clock = new TestClock(Date.UTC(2026, 10, 25, 15, 0, 0));
    const dynamo = await startLocalDynamo();
    const tableName = `bsh-test-${randomUUID()}`;
    await dynamo.createTable(tableName);
    // The emulator reads the same clock, so timers ring when a test moves time on. A hung
    // call outlasts the skill's own API deadline, so 'timeout' exercises that deadline.
    const alexa = await startAlexaApiEmulator({ clock, timeoutMs: 2000 });
    return new SkillHarness(dynamo, tableName, alexa, clock);
  }

  /** The production DynamoDB store on this harness's table (dynalite), through the skill's own client. */
  store(): DynamoDbPersonStore {
    return new DynamoDbPersonStore({ tableName: this.tableName, recordDays: protocol.storage.recordDays, client: this.dynamo.client, clock: this.clock });
  }

  /** The same skill on a table of its own that holds nothing: storage that never heard of anyone. */
  async skillWithEmptyStorage(): Promise<Skill> {
    const tableName = `bsh-empty-${randomUUID()}`;
    await this.dynamo.createTable(tableName);
    return this.skill({
      personStore: new DynamoDbPersonStore({ tableName, recordDays: protocol.storage.recordDays, client: this.dynamo.client, clock: this.clock }),
    });
  }
  /** The same store as an ASK SDK PersistenceAdapter (reads and deletes; whole-record saves are refused). */
  adapter(): PersistenceAdapter {
    return sdkPersistenceAdapter(this.store());
  }

  /** The skill as production wires it; an override may bring its own personStore or persistenceAdapter. */
  skill(overrides: Partial<SkillDeps> = {}): Skill {
    const storage = overrides.persistenceAdapter || overrides.personStore ? {} : { personStore: this.store() };
    return createSkill({ ...storage, clock: this.clock, logger: this.logger, apiTimeoutMs: 300, ...overrides });
  }

  /**
   * A fresh person (their own user id and device) talking in a locale, reaching the
   * Alexa APIs only through the emulator's address and a token it issued.
   */
  conversation(locale = 'en-US', options: Partial<ConversationOptions> = {}): Conversation {
    const userId = options.userId ?? `amzn1.ask.account.${randomUUID()}`;
    return new Conversation({
      skill: options.skill ?? this.skill(),
      locale,
      clock: this.clock,
      userId,
      deviceId: `amzn1.ask.device.${randomUUID()}`,
      apiEndpoint: this.alexa.url,
      apiAccessToken: () => this.alexa.tokenFor(userId),
      onPermissionAnswer: (scope, status) => {
        if (status === 'ACCEPTED') this.alexa.grant(userId, scope as PermissionScope);
      },
      ...options,
    });
  }

  async close(): Promise<void> {
    await this.alexa.close();
    await this.dynamo.close();
  }
}
