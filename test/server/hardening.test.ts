/**
 * The web service against what the open internet sends: error answers that say nothing from
 * inside, timestamps from the future, certificate URLs that climb out of /echo.api/, slow and
 * greedy clients, a server started without its skill id, and requests that must get no speech.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { type Server } from 'node:http';
import type * as HttpsModule from 'node:https';
import { connect, type AddressInfo, type Socket } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { type Skill } from 'ask-sdk-core';
import { type RequestEnvelope } from 'ask-sdk-model';
import { type Express } from 'express';
import { silentLogger, type LogFields, type Logger, type LogLevel } from '../../lambda/logger';
import { createWebServer, createWebServiceApp, type ServerLimits } from '../../server/createServer';
import { certificateUrlProblem } from '../../server/verification';
import { alexaRequest, TEST_SKILL_ID } from './support/envelopes';
import { instrumentedSkill } from './support/instrumentedSkill';
import { fakeCertificateDownload } from './support/testCertificates';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const https = require('node:https') as typeof HttpsModule;
const repoRoot = path.resolve(__dirname, '../..');

class CapturingLogger implements Logger {
  readonly lines: Array<{ level: LogLevel; msg: string } & LogFields> = [];
  log(level: LogLevel, msg: string, fields: LogFields = {}): void {
    this.lines.push({ level, msg, ...fields });
  }
}

interface Running {
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

async function listen(app: Express, limits?: ServerLimits): Promise<Running> {
  const server = limits ? createWebServer(app, limits) : createWebServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    server,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function post(url: string, body: string | Buffer, headers: Record<string, string> = {}): Promise<{ status: number; text: string; type: string }> {
  const response = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
  return { status: response.status, text: await response.text(), type: response.headers.get('content-type') ?? '' };
}

afterEach(() => {
  jest.restoreAllMocks();
});

describe('error answers say nothing from inside', () => {
  let running: Running;
  let failingRunning: Running;
  let logger: CapturingLogger;
  beforeAll(async () => {
    logger = new CapturingLogger();
    const { skill } = instrumentedSkill();
    const failing = { ...skill, invoke: () => Promise.reject(new Error('secret internal detail at /srv/app/lambda/skill.ts:42')) } as unknown as Skill;
    running = await listen(createWebServiceApp({ skill, verifySignature: false, verifyTimestamp: true, logger }));
    failingRunning = await listen(createWebServiceApp({ skill: failing, verifySignature: false, verifyTimestamp: false, logger }));
  });
  afterAll(async () => {
    await running.close();
    await failingRunning.close();
  });

  function expectBare(response: { status: number; text: string; type: string }, status: number, words: string): void {
    expect(response.status).toBe(status);
    expect(response.type).toMatch(/^application\/json/);
    expect(JSON.parse(response.text)).toEqual({ error: words });
    expect(response.text).not.toMatch(/\bat\b|node_modules|Error|\.ts|\.js|stack/);
  }

  test('413: a body larger than any Alexa request', async () => {
    expectBare(await post(running.url, 'x'.repeat(200 * 1024)), 413, 'payload too large');
  });

  test('415: a charset or content encoding it cannot read', async () => {
    expectBare(await post(running.url, JSON.stringify(alexaRequest()), { 'content-type': 'application/json; charset=x-no-such-charset' }), 415, 'unsupported media type');
    expectBare(await post(running.url, gzipSync('{}'), { 'content-encoding': 'br' }), 415, 'unsupported media type');
  });

  test('400: a body that is not JSON, and a request that fails verification', async () => {
    expectBare(await post(running.url, '{"request": '), 400, 'bad request');
    expectBare(await post(running.url, JSON.stringify(alexaRequest({ timestamp: new Date(Date.now() - 10 * 60_000) }))), 400, 'bad request');
  });

  test('500: the skill throws; its message and stack go only to the log', async () => {
    const response = await post(`${failingRunning.url}/alexa`, JSON.stringify(alexaRequest()));
    expectBare(response, 500, 'internal server error');
    expect(response.text).not.toContain('secret internal detail');
    expect(JSON.stringify(logger.lines)).toContain('secret internal detail');
  });

  test('404: anything else', async () => {
    expectBare(await post(`${running.url}/admin`, '{}'), 404, 'not found');
  });
});

describe('request timestamps', () => {
  let running: Running;
  beforeAll(async () => {
    running = await listen(createWebServiceApp({ skill: instrumentedSkill().skill, verifySignature: false, verifyTimestamp: true, logger: silentLogger }));
  });
  afterAll(() => running.close());

  const sent = (timestamp: Date, type?: string): Promise<{ status: number; text: string }> => {
    const envelope = alexaRequest({ timestamp }) as unknown as { request: Record<string, unknown> };
    if (type) envelope.request = { type, requestId: 'amzn1.echo-api.request.event', timestamp: timestamp.toISOString(), body: { userInformation: { persistenceStatus: 'PERSISTED' } } };
    return post(running.url, JSON.stringify(envelope));
  };

  test.each([
    ['151 s in the future', 151_000, 400],
    ['10 minutes in the future', 600_000, 400],
    ['140 s in the future', 140_000, 200],
    ['now', 0, 200],
    ['140 s old', -140_000, 200],
    ['151 s old', -151_000, 400],
  ])('a request dated %s: %i', async (_label, offsetMs, status) => {
    expect((await sent(new Date(Date.now() + offsetMs))).status).toBe(status);
  });

  test('a skill event may be up to an hour old, but not from the future', async () => {
    expect((await sent(new Date(Date.now() - 30 * 60_000), 'AlexaSkillEvent.SkillDisabled')).status).toBe(200);
    expect((await sent(new Date(Date.now() - 61 * 60_000), 'AlexaSkillEvent.SkillDisabled')).status).toBe(400);
    expect((await sent(new Date(Date.now() + 151_000), 'AlexaSkillEvent.SkillDisabled')).status).toBe(400);
  });

  test('an unreadable timestamp is refused', async () => {
    const envelope = alexaRequest() as unknown as { request: Record<string, unknown> };
    envelope.request.timestamp = 'yesterday';
    expect((await post(running.url, JSON.stringify(envelope))).status).toBe(400);
  });
});

describe('certificate URLs that climb out of /echo.api/ are refused before any download', () => {
  let running: Running;
  let downloads: ReturnType<typeof fakeCertificateDownload>;
  beforeAll(async () => {
    running = await listen(createWebServiceApp({ skill: instrumentedSkill().skill, logger: silentLogger }));
  });
  afterAll(() => running.close());
  beforeEach(() => {
    downloads = fakeCertificateDownload(new Map());
    jest.spyOn(https, 'get').mockImplementation(downloads.get as unknown as typeof https.get);
  });

  test.each([
    'https://s3.amazonaws.com/echo.api/../evil/cert.pem',
    'https://s3.amazonaws.com/echo.api/../../cert.pem',
    'https://s3.amazonaws.com/echo.api/./cert.pem',
    'https://s3.amazonaws.com/echo.api/%2e%2e/evil/cert.pem',
    'https://s3.amazonaws.com/echo.api/%2E%2E/evil/cert.pem',
    'https://s3.amazonaws.com/echo.api/%2e%2E/evil/cert.pem',
    'https://s3.amazonaws.com/echo.api/.%2e/evil/cert.pem',
    'https://s3.amazonaws.com/echo.api/%2E./evil/cert.pem',
    'https://s3.amazonaws.com/echo.api/%2e/cert.pem',
    'https://s3.amazonaws.com/echo.api/..%2fevil/cert.pem',
    'https://s3.amazonaws.com/echo.api/..\\evil\\cert.pem',
    'https://s3.amazonaws.com/echo.api/%5c..%5cevil.pem',
    'https://s3.amazonaws.com/echo.api/%zz/cert.pem',
  ])('%s', async (certUrl) => {
    expect(certificateUrlProblem(certUrl)).toBeDefined();
    const response = await post(running.url, JSON.stringify(alexaRequest()), { SignatureCertChainUrl: certUrl, 'Signature-256': Buffer.from('x').toString('base64') });
    expect(response.status).toBe(400);
    expect(downloads.requested).toEqual([]);
  });

  test('a good URL still goes on to the download (answered 404 here, so refused after it)', async () => {
    const good = 'https://s3.amazonaws.com/echo.api/echo-api-cert-guard.pem';
    expect(certificateUrlProblem(good)).toBeUndefined();
    expect(certificateUrlProblem('https://s3.amazonaws.com/echo.api/echo..api-cert.pem')).toBeUndefined();
    const response = await post(running.url, JSON.stringify(alexaRequest()), { SignatureCertChainUrl: good, 'Signature-256': Buffer.from('x').toString('base64') });
    expect(response.status).toBe(400);
    expect(downloads.requested).toEqual([good]);
  });
});

describe('slow and greedy clients are held off', () => {
  const LIMITS: ServerLimits = { headersTimeoutMs: 300, requestTimeoutMs: 600, keepAliveTimeoutMs: 1000, maxConnections: 3, checkIntervalMs: 50 };
  let running: Running;
  const sockets: Socket[] = [];
  beforeEach(async () => {
    running = await listen(createWebServiceApp({ skill: instrumentedSkill().skill, verifySignature: false, verifyTimestamp: false, logger: silentLogger }), LIMITS);
  });
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.destroy();
    await running.close();
  });

  function open(): Promise<{ socket: Socket; closed: Promise<{ afterMs: number; received: string }> }> {
    return new Promise((resolve) => {
      const socket = connect(running.port, '127.0.0.1', () => {
        const openedAt = Date.now();
        let received = '';
        socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
        socket.on('error', () => undefined);
        const closed = new Promise<{ afterMs: number; received: string }>((done) => socket.on('close', () => done({ afterMs: Date.now() - openedAt, received })));
        resolve({ socket, closed });
      });
      sockets.push(socket);
    });
  }

  test('headers sent too slowly: the connection is closed at the headers timeout', async () => {
    const { socket, closed } = await open();
    socket.write('POST /alexa HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    const { afterMs, received } = await closed;
    expect(afterMs).toBeLessThan(2000);
    expect(received).toMatch(/^HTTP\/1\.1 408|^$/);
  });

  test('a body dribbled in: the connection is closed at the request timeout', async () => {
    const { socket, closed } = await open();
    socket.write('POST /alexa HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"req');
    const dribble = setInterval(() => socket.write(' '), 100);
    try {
      const { afterMs } = await closed;
      expect(afterMs).toBeLessThan(2500);
    } finally {
      clearInterval(dribble);
    }
  });

  test('connections beyond the cap are closed at once; the ones inside it are served', async () => {
    const held = await Promise.all([open(), open(), open()]);
    const extra = await open();
    const { afterMs } = await extra.closed;
    expect(afterMs).toBeLessThan(200);
    // Those inside the cap can still be used.
    const [first] = held;
    const body = JSON.stringify(alexaRequest());
    first?.socket.write(`POST /alexa HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
    const answer = await first?.closed;
    expect(answer?.received).toMatch(/^HTTP\/1\.1 200/);
  });
});

describe('requests that must get no speech get none through the web service', () => {
  test('AlexaSkillEvent.SkillDisabled deletes the record; audio player reports are answered empty', async () => {
    const instrumented = instrumentedSkill();
    const running = await listen(createWebServiceApp({ skill: instrumented.skill, verifySignature: false, verifyTimestamp: true, logger: silentLogger }));
    try {
      const base = alexaRequest({ userId: 'amzn1.ask.account.LEAVING' }) as RequestEnvelope;
      await post(running.url, JSON.stringify(base));
      const now = new Date().toISOString();
      const disabled = { version: '1.0', context: base.context, request: { type: 'AlexaSkillEvent.SkillDisabled', requestId: 'amzn1.echo-api.request.disabled', timestamp: now, body: { userInformation: { persistenceStatus: 'NOT_PERSISTED' } } } };
      const response = await post(running.url, JSON.stringify(disabled));
      expect(response.status).toBe(200);
      expect(JSON.parse(response.text)).toEqual({ version: '1.0', response: {} });
      expect(instrumented.persistence.calls.filter((call) => call.userId === 'amzn1.ask.account.LEAVING').map((call) => call.op)).toEqual(['get', 'save', 'delete']);
      const playback = { version: '1.0', context: base.context, request: { type: 'AudioPlayer.PlaybackStopped', requestId: 'amzn1.echo-api.request.audio', timestamp: now, locale: 'en-US', token: 't', offsetInMilliseconds: 5 } };
      const silent = await post(running.url, JSON.stringify(playback));
      expect(JSON.parse(silent.text)).toEqual({ version: '1.0', response: {} });
    } finally {
      await running.close();
    }
  });
});

describe('npm run serve', () => {
  test('refuses to start without SKILL_ID, saying why', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bsh-web-data-'));
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir };
    delete env.SKILL_ID;
    delete env.ALEXA_SKIP_VERIFICATION;
    delete env.TABLE_NAME;
    const child = spawn(process.execPath, ['--import', 'tsx', path.join('server', 'main.ts')], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    fs.rmSync(dataDir, { recursive: true, force: true });
    expect(code).toBe(1);
    expect(stderr).toMatch(/SKILL_ID must be set/);
    expect(stdout).not.toMatch(/listening/);
    expect(TEST_SKILL_ID).toMatch(/^amzn1\.ask\.skill\./);
  }, 30_000);
});
