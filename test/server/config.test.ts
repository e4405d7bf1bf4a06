import * as path from 'node:path';
import { readServerConfig } from '../../server/config';
import { summarizeRequest } from '../../server/requestLog';
import { SKILL_ID_ENV, TABLE_NAME_ENV } from '../../lambda/persistence/recordSchema';

describe('readServerConfig', () => {
  const SKILL = { [SKILL_ID_ENV]: 'amzn1.ask.skill.x' };

  test('defaults: port 3000 on all interfaces, verification on, local file store', () => {
    const config = readServerConfig([], SKILL);
    expect(config).toMatchObject({ port: 3000, host: '0.0.0.0', verifyRequests: true, skillId: 'amzn1.ask.skill.x' });
    expect(config.persistence).toEqual({ kind: 'file', directory: path.resolve(__dirname, '../../.data/web-service') });
  });

  test('only --insecure-dev or ALEXA_SKIP_VERIFICATION=true turn verification off, and then it listens on loopback', () => {
    expect(readServerConfig(['--insecure-dev'], {})).toMatchObject({ verifyRequests: false, host: '127.0.0.1' });
    expect(readServerConfig([], { ALEXA_SKIP_VERIFICATION: 'true' })).toMatchObject({ verifyRequests: false });
    expect(readServerConfig([], { ...SKILL, ALEXA_SKIP_VERIFICATION: 'false' })).toMatchObject({ verifyRequests: true });
    expect(readServerConfig([], { ...SKILL, NODE_ENV: 'development' })).toMatchObject({ verifyRequests: true });
  });

  test("with verification on, SKILL_ID is required: without it any skill's signed requests would be answered", () => {
    expect(() => readServerConfig([], {})).toThrow(/SKILL_ID must be set/);
    expect(() => readServerConfig([], { ALEXA_SKIP_VERIFICATION: 'false' })).toThrow(/SKILL_ID must be set/);
    expect(readServerConfig(['--insecure-dev'], {})).toMatchObject({ verifyRequests: false, skillId: undefined });
  });

  test('an ambiguous ALEXA_SKIP_VERIFICATION value is an error, not a guess', () => {
    expect(() => readServerConfig([], { ALEXA_SKIP_VERIFICATION: 'yes' })).toThrow(/must be "true" or "false"/);
  });

  test('unknown flags are refused (a typo of --insecure-dev must not start a server)', () => {
    expect(() => readServerConfig(['--insecure'], SKILL)).toThrow(/Unknown option/);
    expect(() => readServerConfig(['insecure-dev'], SKILL)).toThrow(/Unexpected argument/);
  });

  test('TABLE_NAME selects DynamoDB; SKILL_ID, PORT and HOST are read', () => {
    const config = readServerConfig([], {
      [TABLE_NAME_ENV]: 'people',
      [SKILL_ID_ENV]: 'amzn1.ask.skill.x',
      PORT: '8080',
      HOST: '::1',
    });
    expect(config).toMatchObject({
      port: 8080,
      host: '::1',
      skillId: 'amzn1.ask.skill.x',
      persistence: { kind: 'dynamodb', tableName: 'people' },
    });
  });

  test.each(['-1', '65536', 'http', '80.5'])('PORT %s is refused', (port) => {
    expect(() => readServerConfig([], { ...SKILL, PORT: port })).toThrow(/not a port number/);
  });
});

describe('summarizeRequest (what a log line may say about a request)', () => {
  test('reads only request id, type, intent name and locale', () => {
    const raw = JSON.stringify({
      session: { user: { userId: 'amzn1.ask.account.SECRET' }, attributes: { a: 1 } },
      context: { System: { user: { userId: 'amzn1.ask.account.SECRET' }, apiAccessToken: 'TOKEN' } },
      request: {
        requestId: 'r-1',
        type: 'IntentRequest',
        locale: 'en-US',
        intent: { name: 'CausesIntent', slots: { s: { name: 's', value: 'private words' } } },
      },
    });
    expect(summarizeRequest(raw)).toEqual({ requestId: 'r-1', requestType: 'IntentRequest', intent: 'CausesIntent', locale: 'en-US' });
    // The envelope as the web service parsed it reads the same.
    expect(summarizeRequest(JSON.parse(raw))).toEqual({ requestId: 'r-1', requestType: 'IntentRequest', intent: 'CausesIntent', locale: 'en-US' });
  });

  test.each([undefined, '', 'not json', 'null', '[]', '{"request": 5}', {}])('unreadable body %p gives an empty summary', (raw) => {
    expect(summarizeRequest(raw)).toEqual({});
  });

  test('hostile field lengths are cut', () => {
    const summary = summarizeRequest(JSON.stringify({ request: { requestId: 'x'.repeat(10_000), type: 7 } }));
    expect(summary.requestId).toHaveLength(120);
    expect(summary.requestType).toBeUndefined();
  });
});
