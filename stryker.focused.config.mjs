// @ts-check
/**
 * A focused mutation run: one module of lambda/ against its rule-by-rule tests, in a minute or
 * two rather than the hours of the whole of lambda/ (stryker.config.json, npm run test:mutation).
 * Node.js 22 or later. Pick the module by name:
 *
 *   STRYKER_FOCUS=heardTime npx stryker run stryker.focused.config.mjs
 *   STRYKER_FOCUS=signWords npx stryker run stryker.focused.config.mjs
 *   STRYKER_FOCUS=assess    npx stryker run stryker.focused.config.mjs
 *   STRYKER_FOCUS=http      npx stryker run stryker.focused.config.mjs
 *   STRYKER_FOCUS=sigV4     npx stryker run stryker.focused.config.mjs
 *   STRYKER_FOCUS=storage   npx stryker run stryker.focused.config.mjs
 */
import { readFileSync } from 'node:fs';

/** What each focus mutates, and the tests that must catch it. */
const FOCUSES = {
  // Reads spoken times and durations in every language (bedtimes, reminders, timers).
  heardTime: { mutate: 'lambda/heardTime.ts', tests: ['test/content/heardTime.test.ts', 'test/content/heardTimeRules.test.ts'] },
  // Decides from a person's words which warning signs they mention and which they only deny.
  signWords: { mutate: 'lambda/safety/signWords.ts', tests: ['test/safety/signWords.test.ts'] },
  // Decides what a request means for safety: the intent, the slots worth reading, the most pressing finding.
  assess: { mutate: 'lambda/safety/assess.ts', tests: ['test/safety/assess.test.ts'] },
  // The DynamoDB client's own HTTP/1.1 and the checksum it checks answers with.
  http: {
    mutate: ['lambda/persistence/keepAliveHttp.ts', 'lambda/persistence/crc32.ts'],
    tests: ['test/persistence/keepAliveHttp.test.ts', 'test/persistence/crc32.test.ts'],
    // A mutant that loses an answer leaves its request waiting: fail it in seconds, not minutes.
    testTimeout: 8000,
    timeoutMS: 15000,
  },
  // The DynamoDB client's own Signature V4.
  sigV4: { mutate: 'lambda/persistence/sigV4.ts', tests: ['test/persistence/sigV4.test.ts'] },
  // How a person's state is stored: per-field changes, record reading, the DynamoDB store and client.
  storage: {
    mutate: [
      'lambda/persistence/personStore.ts',
      'lambda/persistence/dynamoDbPersonStore.ts',
      'lambda/persistence/dynamoDbClient.ts',
      'lambda/persistence/attributeValue.ts',
      'lambda/persistence/recordSchema.ts',
      'lambda/persistence/personKey.ts',
    ],
    tests: [
      'test/persistence/attributeValue.test.ts',
      'test/persistence/personStore.test.ts',
      'test/persistence/dynamoDbPersonStore.test.ts',
      'test/persistence/dynamoDbClient.test.ts',
    ],
    testTimeout: 15000,
    timeoutMS: 20000,
  },
};

const name = process.env.STRYKER_FOCUS ?? '';
if (!Object.hasOwn(FOCUSES, name)) {
  throw new Error(`STRYKER_FOCUS must be one of ${Object.keys(FOCUSES).join(', ')} (got "${name}")`);
}
const focus = FOCUSES[/** @type {keyof typeof FOCUSES} */ (name)];
const base = JSON.parse(readFileSync(new URL('./stryker.config.json', import.meta.url), 'utf8'));
delete base.$schema;
delete base._comment;

export default {
  ...base,
  jest: { ...base.jest, config: { testMatch: focus.tests.map((test) => `**/${test}`), ...('testTimeout' in focus ? { testTimeout: focus.testTimeout } : {}) } },
  ...('timeoutMS' in focus ? { timeoutMS: focus.timeoutMS } : {}),
  mutate: Array.isArray(focus.mutate) ? focus.mutate : [focus.mutate],
  htmlReporter: { fileName: `reports/mutation-${name}/mutation.html` },
  jsonReporter: { fileName: `reports/mutation-${name}/mutation.json` },
  ignorePatterns: [...base.ignorePatterns, 'devsets'],
  dryRunTimeoutMinutes: 40,
};
