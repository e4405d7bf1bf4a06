import { type Skill } from 'ask-sdk-core';
import { randomUUID } from 'node:crypto';
import { TestClock } from '../../emulator/testClock';
import { type LogFields, type Logger, type LogLevel } from '../../lambda/logger';
import { DynamoDbPersistenceAdapter } from '../../lambda/persistence/dynamoDbAdapter';
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
  readonly clock = new TestClock(Date.UTC(2026, 10, 25, 15, 0, 0));
  readonly logger = new RecordingLogger();
  private constructor(
    readonly dynamo: LocalDynamo,
    readonly tableName: string,
  ) {}

  static async start(): Promise<SkillHarness> {
    const dynamo = await startLocalDynamo();
    const tableName = `bsh-test-${randomUUID()}`;
    await dynamo.createTable(tableName);
    return new SkillHarness(dynamo, tableName);
  }

  adapter(): DynamoDbPersistenceAdapter {
    return new DynamoDbPersistenceAdapter({
      tableName: this.tableName,
      recordDays: protocol.storage.recordDays,
      client: this.dynamo.client,
      clock: this.clock,
    });
  }

  skill(overrides: Partial<SkillDeps> = {}): Skill {
    return createSkill({ persistenceAdapter: this.adapter(), clock: this.clock, logger: this.logger, ...overrides });
  }

  /** A fresh person (their own user id) talking in a locale. */
  conversation(locale = 'en-US', options: Partial<ConversationOptions> = {}): Conversation {
    return new Conversation({
      skill: options.skill ?? this.skill(),
      locale,
      clock: this.clock,
      userId: `amzn1.ask.account.${randomUUID()}`,
      ...options,
    });
  }

  close(): Promise<void> {
    return this.dynamo.close();
  }
}
