import { execFileSync } from 'node:child_process';
import fs, { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type RequestEnvelope, type ResponseEnvelope } from 'ask-sdk-model';
import { words } from '../support/contentWords';
import { SKILL_ID_ENV, TABLE_NAME_ENV } from '../../lambda/persistence/recordSchema';
import { topicItems } from '../../lambda/protocol';
import { envelope, intentRequest, launchRequest } from '../../tools/envelopes';
import { speechText } from '../../tools/conversation';
import { startLocalDynamo, type LocalDynamo } from '../support/dynalite';

const ROOT = join(__dirname, '..', '..');
const BUNDLE = join(ROOT, 'dist', 'lambda', 'index.js');
const SKILL_ID = 'amzn1.ask.skill.11111111-2222-3333-4444-555555555555';
type Handler = (event: RequestEnvelope, context?: unknown) => Promise<ResponseEnvelope>;

let dynamo: LocalDynamo;
let handler: Handler;
const saved = { ...process.env };

beforeAll(async () => {
  // The deployable artifact itself, built exactly as `npm run build` builds it.
  execFileSync(process.execPath, [require.resolve('tsx/cli'), 'tools/build-lambda.ts'], { cwd: ROOT, stdio: 'pipe' });
  dynamo = await startLocalDynamo();
  await dynamo.createTable('bundle-test');
  Object.assign(process.env, {
    [TABLE_NAME_ENV]: 'bundle-test',
    [SKILL_ID_ENV]: SKILL_ID,
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
  });
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    handler = (require(BUNDLE) as { handler: Handler }).handler;
  });
}, 60000);

afterAll(async () => {
  process.env = saved;
  await dynamo.close();
});

const caller = (skillId: string) => ({
  skillId,
  userId: 'amzn1.ask.account.BUNDLE',
  deviceId: 'amzn1.ask.device.BUNDLE',
  locale: 'en-GB',
  apiEndpoint: 'http://127.0.0.1:9',
  apiAccessToken: 'token',
});

test('the bundle is one minified file, with its own small DynamoDB client and no AWS SDK', () => {
  expect(existsSync(BUNDLE)).toBe(true);
  expect(statSync(BUNDLE).size).toBeLessThan(400 * 1024);
  const source = readFileSync(BUNDLE, 'utf8');
  expect(source).not.toMatch(/@aws-sdk\//);
  expect(source).not.toMatch(/@smithy\//);
  expect(source).toContain('DynamoDB_20120810.');
  // The file store is for local use only and never ships.
  expect(source).not.toContain('corrupt-');
});

test('the bundled handler answers a launch and a question, and remembers across invocations', async () => {
  const session = { sessionId: 'amzn1.echo-api.session.b', isNew: true, attributes: {} };
  const launch = await handler(envelope(caller(SKILL_ID), launchRequest('en-GB', Date.now()), session));
  const ssml = (launch.response.outputSpeech as { ssml: string }).ssml;
  expect(speechText(ssml)).toContain(words('en-GB', 'disclaimer'));
  expect(launch.response.shouldEndSession).toBe(false);
  const next = await handler(
    envelope(
      caller(SKILL_ID),
      intentRequest('en-GB', Date.now(), { name: 'TreatmentIntent', confirmationStatus: 'NONE', slots: {} }),
      { ...session, isNew: false, attributes: launch.sessionAttributes ?? {} },
    ),
  );
  expect(speechText((next.response.outputSpeech as { ssml: string }).ssml)).toContain(
    words('en-GB', 'topics.treatment.label', { number: 1, count: topicItems('treatment').length }),
  );
  const again = await handler(envelope(caller(SKILL_ID), launchRequest('en-GB', Date.now()), { ...session, sessionId: 'amzn1.echo-api.session.c' }));
  // Stored in DynamoDB by the first invocations: no disclaimer now, and the offer to resume.
  expect(speechText((again.response.outputSpeech as { ssml: string }).ssml)).not.toContain(words('en-GB', 'disclaimer'));
  expect(speechText((again.response.outputSpeech as { ssml: string }).ssml)).toContain(words('en-GB', 'launch.welcomeBack'));
});

test("a request loads only its own language's words, and answers in that language", async () => {
  // Every language registered has its words beside the bundle, none inside it.
  const packs = readdirSync(join(ROOT, 'dist', 'lambda', 'words')).sort();
  expect(packs.length).toBeGreaterThan(5);
  const read = jest.spyOn(fs, 'readFileSync');
  try {
    const session = { sessionId: 'amzn1.echo-api.session.ja', isNew: true, attributes: {} };
    const reply = await handler(envelope({ ...caller(SKILL_ID), userId: 'amzn1.ask.account.BUNDLE-JA', locale: 'ja-JP' }, launchRequest('ja-JP', Date.now()), session));
    expect(speechText((reply.response.outputSpeech as { ssml: string }).ssml)).toContain(words('ja-JP', 'disclaimer'));
    const wordFiles = read.mock.calls.map(([file]) => String(file)).filter((file) => file.includes(`${join('lambda', 'words')}`));
    expect(wordFiles).toEqual([join(ROOT, 'dist', 'lambda', 'words', 'ja.json')]);
  } finally {
    read.mockRestore();
  }
});

test('a request for another skill id is refused when SKILL_ID is set', async () => {
  await expect(handler(envelope(caller('amzn1.ask.skill.someone-else'), launchRequest('en-US', Date.now()), undefined))).rejects.toThrow(
    /verification failed/i,
  );
});
