/**
 * The skill as an HTTPS web service, over real HTTP on 127.0.0.1.
 *
 * About the network: there is none here, and the tests must not need it. The SDK's signature
 * verifier checks the certificate URL *before* downloading anything, so bad URLs are refused
 * offline. For a good-looking URL it downloads the chain with `https.get`; those tests replace
 * that one call with a home-made chain (test/server/support/testCertificates.ts) and, where
 * the test needs a chain that verifies, add the home-made root to the verifier's trust store.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { type Server } from 'node:http';
import type * as HttpsModule from 'node:https';
import { type AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { type Skill } from 'ask-sdk-core';
import { type RequestEnvelope, type ResponseEnvelope } from 'ask-sdk-model';
import { type Express } from 'express';
import { silentLogger, type LogFields, type Logger, type LogLevel } from '../../lambda/logger';
import { createSkill } from '../../lambda/skill';
import { createWebServer, createWebServiceApp } from '../../server/createServer';
import { stopAndDrain } from '../../server/shutdown';
import { alexaRequest, TEST_SKILL_ID, type EnvelopeOptions } from './support/envelopes';
import { FIXED_CLOCK, instrumentedSkill, RecordingPersonStore } from './support/instrumentedSkill';
import { createTestCertificateAuthority, fakeCertificateDownload, type TestCertificateAuthority } from './support/testCertificates';

// The same module objects the verifier requires, so replacing a property here replaces it there.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const https = require('node:https') as typeof HttpsModule;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const verifierHelper = require('ask-sdk-express-adapter/dist/verifier/helper') as {
  generateCAStore(certificates: readonly string[]): unknown;
};

const repoRoot = path.resolve(__dirname, '../..');
const GOOD_CERT_URL = 'https://s3.amazonaws.com/echo.api/echo-api-cert-test.pem';

interface Running {
  url: string;
  server: Server;
  close(): Promise<void>;
}

/**
 * The app behind the same HTTP server `npm run serve` runs (its timeouts included): a bare
 * `app.listen` closes idle keep-alive sockets after 5 s, so a client reusing one at that moment
 * got ECONNRESET now and then under load.
 */
async function listen(app: Express): Promise<Running> {
  const server = createWebServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function post(url: string, body: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  const response = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
  return { status: response.status, text: await response.text() };
}

function speechOf(text: string): string {
  const envelope = JSON.parse(text) as ResponseEnvelope;
  const speech = envelope.response.outputSpeech;
  return speech && 'ssml' in speech ? speech.ssml : '';
}

function body(options: EnvelopeOptions = {}): string {
  return JSON.stringify(alexaRequest(options));
}

class CapturingLogger implements Logger {
  readonly lines: Array<{ level: LogLevel; msg: string } & LogFields> = [];
  log(level: LogLevel, msg: string, fields: LogFields = {}): void {
    this.lines.push({ level, msg, ...fields });
  }
}

afterEach(() => {
  jest.restoreAllMocks();
});

const BAD_REQUEST = JSON.stringify({ error: 'bad request' });
/** Refusals log why; the answer says only "bad request". */
const refusals = new CapturingLogger();

function expectRefused(response: { status: number; text: string }, reason: RegExp): void {
  expect(response.status).toBe(400);
  expect(response.text).toBe(BAD_REQUEST);
  const logged = refusals.lines.filter((line) => line.msg === 'alexa request').at(-1);
  expect(String(logged?.reason)).toMatch(reason);
}

describe('with verification on (the default), requests that fail it never reach the skill', () => {
  let running: Running;
  let instrumented: ReturnType<typeof instrumentedSkill>;
  let downloads: ReturnType<typeof fakeCertificateDownload>;

  beforeAll(async () => {
    instrumented = instrumentedSkill();
    running = await listen(createWebServiceApp({ skill: instrumented.skill, logger: refusals }));
  });
  afterAll(() => running.close());
  beforeEach(() => {
    // Any download attempt is recorded and answered 404, so none of these tests can touch the network.
    downloads = fakeCertificateDownload(new Map());
    jest.spyOn(https, 'get').mockImplementation(downloads.get as unknown as typeof https.get);
  });
  afterEach(() => {
    expect(instrumented.invocations()).toBe(0);
    expect(instrumented.persistence.calls).toEqual([]);
  });

  test('no signature headers: 400', async () => {
    const response = await post(running.url, body());
    expect(response.status).toBe(400);
    expectRefused(response, /Missing Certificate/);
    expect(downloads.requested).toEqual([]);
  });

  test('a signature but no certificate URL: 400', async () => {
    const response = await post(running.url, body(), { 'Signature-256': Buffer.from('x').toString('base64') });
    expect(response.status).toBe(400);
  });

  test('a certificate URL but no signature: 400', async () => {
    const response = await post(running.url, body(), { SignatureCertChainUrl: GOOD_CERT_URL });
    expect(response.status).toBe(400);
    expectRefused(response, /Missing Signature/);
  });

  test.each([
    ['http instead of https', 'http://s3.amazonaws.com/echo.api/echo-api-cert.pem', /unsupported protocol http:/],
    ['another host', 'https://evil.example.com/echo.api/echo-api-cert.pem', /invalid host name: evil\.example\.com/],
    ['a look-alike host', 'https://s3.amazonaws.com.evil.example/echo.api/echo-api-cert.pem', /invalid host name/],
    ['a path outside /echo.api/', 'https://s3.amazonaws.com/EcHo.aPi/echo-api-cert.pem', /invalid path/],
    ['a path that climbs out of /echo.api/', 'https://s3.amazonaws.com/not-echo.api/../echo.api/cert.pem', /dot segments/],
    ['a port other than 443', 'https://s3.amazonaws.com:563/echo.api/echo-api-cert.pem', /invalid port: 563/],
  ])('a certificate URL with %s: 400, refused before any download', async (_label, certUrl, reason) => {
    const response = await post(running.url, body(), {
      SignatureCertChainUrl: certUrl,
      'Signature-256': Buffer.from('forged').toString('base64'),
    });
    expect(response.status).toBe(400);
    expectRefused(response, reason);
    expect(downloads.requested).toEqual([]);
  });

  test('a body that is not JSON: 400 (not a 500, and not the skill)', async () => {
    const response = await post(running.url, '{"request": ', {
      SignatureCertChainUrl: GOOD_CERT_URL,
      'Signature-256': Buffer.from('forged').toString('base64'),
    });
    expect(response.status).toBe(400);
  });

  test('a forged signature with a real-looking URL and no stand-in download: 400', async () => {
    // Here the verifier really tries to fetch the chain. Offline the fetch fails (ENOTFOUND);
    // online it would get Amazon's real certificate, which cannot have made this made-up
    // signature. Either way the request is refused before the skill sees it.
    jest.restoreAllMocks();
    const response = await post(running.url, body(), {
      SignatureCertChainUrl: 'https://s3.amazonaws.com/echo.api/echo-api-cert-12.pem',
      'Signature-256': Buffer.from('a'.repeat(256)).toString('base64'),
    });
    expectRefused(response, /./);
  });

  test('a chain from an untrusted authority (someone minting their own "echo-api.amazon.com"): 400', async () => {
    const signer = createTestCertificateAuthority().issueSigningCertificate();
    downloads = fakeCertificateDownload(new Map([[GOOD_CERT_URL, signer.chainPem]]));
    jest.spyOn(https, 'get').mockImplementation(downloads.get as unknown as typeof https.get);
    const payload = body();
    const response = await post(running.url, payload, {
      SignatureCertChainUrl: GOOD_CERT_URL,
      'Signature-256': signer.sign(payload),
    });
    expect(response.status).toBe(400);
    expect(downloads.requested).toEqual([GOOD_CERT_URL]);
  });
});

describe('with a trusted signing chain (home-made root added to the trust store)', () => {
  let authority: TestCertificateAuthority;
  let instrumented: ReturnType<typeof instrumentedSkill>;
  let running: Running;
  let certUrlCounter = 0;

  /** A fresh URL per test: the verifier caches each URL's chain for the life of the app. */
  function serveChain(chainPem: string): string {
    const url = `https://s3.amazonaws.com/echo.api/echo-api-cert-${++certUrlCounter}.pem`;
    const downloads = fakeCertificateDownload(new Map([[url, chainPem]]));
    jest.spyOn(https, 'get').mockImplementation(downloads.get as unknown as typeof https.get);
    return url;
  }

  beforeAll(async () => {
    authority = createTestCertificateAuthority();
    instrumented = instrumentedSkill();
    running = await listen(createWebServiceApp({ skill: instrumented.skill, logger: refusals }));
  });
  afterAll(() => running.close());
  beforeEach(() => {
    const buildStore = verifierHelper.generateCAStore.bind(verifierHelper);
    jest
      .spyOn(verifierHelper, 'generateCAStore')
      .mockImplementation((roots: readonly string[]) => buildStore([...roots, authority.rootPem]));
  });

  test('a correctly signed, fresh request is answered (so the refusals below are the verifier, not the harness)', async () => {
    const signer = authority.issueSigningCertificate();
    const payload = body({ requestId: 'amzn1.echo-api.request.signed-ok' });
    const before = instrumented.invocations();
    const response = await post(running.url, payload, {
      SignatureCertChainUrl: serveChain(signer.chainPem),
      'Signature-256': signer.sign(payload),
    });
    expect(response.status).toBe(200);
    expect(speechOf(response.text)).toMatch(/Back Spasm Helper/);
    expect(instrumented.invocations()).toBe(before + 1);
  });

  describe('refused with 400, and the skill never runs', () => {
    let invocationsBefore: number;
    let storageCallsBefore: number;
    beforeEach(() => {
      invocationsBefore = instrumented.invocations();
      storageCallsBefore = instrumented.persistence.calls.length;
    });
    afterEach(() => {
      expect(instrumented.invocations()).toBe(invocationsBefore);
      expect(instrumented.persistence.calls).toHaveLength(storageCallsBefore);
    });

    test('a body changed after signing (forged: signature does not match)', async () => {
      const signer = authority.issueSigningCertificate();
      const signed = body({ intent: { name: 'CausesIntent' } });
      const tampered = body({ intent: { name: 'ForgetMeIntent' } });
      const response = await post(running.url, tampered, {
        SignatureCertChainUrl: serveChain(signer.chainPem),
        'Signature-256': signer.sign(signed),
      });
      expect(response.status).toBe(400);
      expectRefused(response, /signature does not match/);
    });

    test('a signature made with a different key than the certificate (forged)', async () => {
      const certificate = authority.issueSigningCertificate();
      const otherKey = authority.issueSigningCertificate();
      const payload = body();
      const response = await post(running.url, payload, {
        SignatureCertChainUrl: serveChain(certificate.chainPem),
        'Signature-256': otherKey.sign(payload),
      });
      expect(response.status).toBe(400);
      expectRefused(response, /signature does not match/);
    });

    test('a validly signed request older than 150 s (a replay)', async () => {
      const signer = authority.issueSigningCertificate();
      const payload = body({ timestamp: new Date(Date.now() - 151_000) });
      const response = await post(running.url, payload, {
        SignatureCertChainUrl: serveChain(signer.chainPem),
        'Signature-256': signer.sign(payload),
      });
      expect(response.status).toBe(400);
      expectRefused(response, /too old/);
    });

    test('a certificate that does not name echo-api.amazon.com', async () => {
      const signer = authority.issueSigningCertificate({ dnsName: 'echo-api.example.com' });
      const payload = body();
      const response = await post(running.url, payload, {
        SignatureCertChainUrl: serveChain(signer.chainPem),
        'Signature-256': signer.sign(payload),
      });
      expect(response.status).toBe(400);
      expectRefused(response, /echo-api\.amazon\.com domain missing/);
    });

    test('an expired certificate', async () => {
      const signer = authority.issueSigningCertificate({ expired: true });
      const payload = body();
      const response = await post(running.url, payload, {
        SignatureCertChainUrl: serveChain(signer.chainPem),
        'Signature-256': signer.sign(payload),
      });
      expect(response.status).toBe(400);
      expectRefused(response, /expired/);
    });
  });
});

describe('timestamp verification alone', () => {
  let running: Running;
  let instrumented: ReturnType<typeof instrumentedSkill>;
  beforeAll(async () => {
    instrumented = instrumentedSkill();
    running = await listen(
      createWebServiceApp({ skill: instrumented.skill, verifySignature: false, verifyTimestamp: true, logger: refusals }),
    );
  });
  afterAll(() => running.close());

  test('older than 150 s: 400, skill untouched', async () => {
    const response = await post(running.url, body({ timestamp: new Date(Date.now() - 150_000 - 5_000) }));
    expect(response.status).toBe(400);
    expectRefused(response, /too old/);
    expect(instrumented.invocations()).toBe(0);
    expect(instrumented.persistence.calls).toEqual([]);
  });

  test('missing timestamp: 400', async () => {
    const envelope = alexaRequest() as unknown as { request: Record<string, unknown> };
    delete envelope.request.timestamp;
    expect((await post(running.url, JSON.stringify(envelope))).status).toBe(400);
    expect(instrumented.invocations()).toBe(0);
  });

  test('two minutes old is still inside the window: answered', async () => {
    const response = await post(running.url, body({ timestamp: new Date(Date.now() - 120_000) }));
    expect(response.status).toBe(200);
    expect(instrumented.invocations()).toBe(1);
  });
});

describe('development mode (verification off)', () => {
  let running: Running;
  let instrumented: ReturnType<typeof instrumentedSkill>;
  let logger: CapturingLogger;
  beforeAll(async () => {
    instrumented = instrumentedSkill();
    logger = new CapturingLogger();
    running = await listen(
      createWebServiceApp({ skill: instrumented.skill, verifySignature: false, verifyTimestamp: false, logger }),
    );
  });
  afterAll(() => running.close());

  test('an unsigned LaunchRequest is answered on / and on /alexa', async () => {
    for (const route of ['/', '/alexa']) {
      const response = await post(`${running.url}${route}`, body({ userId: `amzn1.ask.account.DEV-${route}` }));
      expect(response.status).toBe(200);
      expect(speechOf(response.text)).toMatch(/Welcome to Back Spasm Helper/);
    }
    expect(instrumented.persistence.calls.filter((call) => call.op === 'get')).toHaveLength(2);
  });

  test('GET /health answers {"status":"ok"}', async () => {
    const response = await fetch(`${running.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  test('other paths and methods are not the skill', async () => {
    expect((await post(`${running.url}/admin`, body())).status).toBe(404);
    expect((await fetch(`${running.url}/alexa`)).status).toBe(404);
  });

  test('20 concurrent requests get 20 correct, independent answers', async () => {
    const intents = ['CausesIntent', 'SymptomsIntent', 'PreventionIntent', 'WhenToSeeDoctorIntent', 'TreatmentIntent'];
    const envelopes = Array.from({ length: 20 }, (_, i) =>
      alexaRequest({
        userId: `amzn1.ask.account.CONCURRENT-${i}`,
        requestId: `amzn1.echo-api.request.concurrent-${i}`,
        locale: i % 2 === 0 ? 'en-US' : 'en-GB',
        ...(i % 5 === 4 ? {} : { intent: { name: intents[i % intents.length] as string } }),
      }),
    );
    // What each request should get, worked out one at a time by a separate skill and store.
    const reference: Skill = createSkill({
      personStore: new RecordingPersonStore(),
      logger: silentLogger,
      clock: FIXED_CLOCK,
    });
    const expected: string[] = [];
    for (const envelope of envelopes) {
      const answer = await reference.invoke(structuredClone(envelope) as RequestEnvelope);
      expected.push(JSON.stringify(answer.response));
    }
    expect(new Set(expected).size).toBeGreaterThan(5);

    const responses = await Promise.all(envelopes.map((envelope) => post(running.url, JSON.stringify(envelope))));
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(responses.map((r) => JSON.stringify((JSON.parse(r.text) as ResponseEnvelope).response))).toEqual(expected);
    const usersSaved = new Set(
      instrumented.persistence.calls.filter((c) => c.op === 'save' && c.userId.includes('CONCURRENT')).map((c) => c.userId),
    );
    expect(usersSaved.size).toBe(20);
  });

  test('one JSON log line per request, without the user id or anything the person said', async () => {
    const secretUser = 'amzn1.ask.account.SECRET-USER-ID';
    const secretWords = 'my neighbour bob hurt his back';
    logger.lines.length = 0;
    const response = await post(
      `${running.url}/alexa`,
      body({
        userId: secretUser,
        requestId: 'amzn1.echo-api.request.logged',
        locale: 'en-GB',
        intent: { name: 'CausesIntent', slots: { note: { name: 'note', value: secretWords, confirmationStatus: 'NONE' } } },
      }),
    );
    expect(response.status).toBe(200);
    const requestLines = logger.lines.filter((line) => line.msg === 'alexa request');
    expect(requestLines).toHaveLength(1);
    expect(requestLines[0]).toEqual({
      level: 'info',
      msg: 'alexa request',
      requestId: 'amzn1.echo-api.request.logged',
      requestType: 'IntentRequest',
      intent: 'CausesIntent',
      locale: 'en-GB',
      latencyMs: expect.any(Number),
      status: 200,
      outcome: 'answered',
    });
    const everything = JSON.stringify(logger.lines);
    expect(everything).not.toContain('SECRET-USER-ID');
    expect(everything).not.toContain(secretWords);
  });
});

describe('request log for refused requests', () => {
  test('logged as a warning with outcome "rejected"', async () => {
    const logger = new CapturingLogger();
    const running = await listen(createWebServiceApp({ skill: instrumentedSkill().skill, logger }));
    try {
      expect((await post(running.url, body({ requestId: 'amzn1.echo-api.request.unsigned' }))).status).toBe(400);
      expect(logger.lines).toEqual([
        expect.objectContaining({ level: 'warn', requestId: 'amzn1.echo-api.request.unsigned', status: 400, outcome: 'rejected' }),
      ]);
    } finally {
      await running.close();
    }
  });
});

describe('shutdown', () => {
  test('stopping lets an in-flight request finish and refuses new connections', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { skill } = instrumentedSkill();
    const slowInvoke = skill.invoke.bind(skill);
    skill.invoke = async (envelope, context) => {
      await gate;
      return slowInvoke(envelope, context);
    };
    const running = await listen(createWebServiceApp({ skill, verifySignature: false, verifyTimestamp: false, logger: silentLogger }));
    const inFlight = post(running.url, body());
    await new Promise((resolve) => setTimeout(resolve, 100));

    const stopped = stopAndDrain(running.server, 5_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await expect(fetch(`${running.url}/health`)).rejects.toThrow();
    release();

    expect((await inFlight).status).toBe(200);
    await expect(stopped).resolves.toBe('drained');
  });

  test('a request still running after the grace period is cut off', async () => {
    const { skill } = instrumentedSkill();
    skill.invoke = () => new Promise<ResponseEnvelope>(() => undefined);
    const running = await listen(createWebServiceApp({ skill, verifySignature: false, verifyTimestamp: false, logger: silentLogger }));
    const hanging = post(running.url, body()).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await expect(stopAndDrain(running.server, 200)).resolves.toBe('forced');
    // fetch reports the cut connection as its own TypeError (from another realm than jest's Error).
    expect(await hanging).toMatchObject({ name: 'TypeError', message: 'fetch failed' });
  });
});

describe('server/main.ts as a process', () => {
  interface Child {
    port: number;
    stdout: () => string;
    stderr: () => string;
    exit: Promise<number | null>;
    kill(signal: NodeJS.Signals): void;
  }

  function startMain(args: string[], env: Record<string, string> = {}): Promise<Child> {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bsh-web-data-'));
    const childEnv: NodeJS.ProcessEnv = { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, SKILL_ID: TEST_SKILL_ID, ...env };
    delete childEnv.TABLE_NAME;
    delete childEnv.ALEXA_SKIP_VERIFICATION;
    // node --import tsx: one process, so the signal reaches main.ts itself and not a wrapper.
    const child = spawn(process.execPath, ['--import', 'tsx', path.join('server', 'main.ts'), ...args], {
      cwd: repoRoot,
      env: childEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const exit = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => {
        fs.rmSync(dataDir, { recursive: true, force: true });
        resolve(code);
      }),
    );
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}\n${err}`)), 20_000);
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const listening = out
          .split('\n')
          .filter((line) => line.startsWith('{'))
          .map((line) => JSON.parse(line) as { msg: string; port?: number })
          .find((line) => line.msg === 'listening');
        if (listening?.port) {
          clearTimeout(timer);
          resolve({
            port: listening.port,
            stdout: () => out,
            stderr: () => err,
            exit,
            kill: (signal) => child.kill(signal),
          });
        }
      });
      child.on('exit', () => reject(new Error(`server exited early:\n${out}\n${err}`)));
    });
  }

  test('serves /health, refuses unsigned requests, and exits 0 on SIGTERM', async () => {
    const child = await startMain([]);
    const base = `http://127.0.0.1:${child.port}`;
    expect((await fetch(`${base}/health`)).status).toBe(200);
    expect((await post(base, body())).status).toBe(400);
    child.kill('SIGTERM');
    expect(await child.exit).toBe(0);
    expect(child.stdout()).toMatch(/"msg":"stopped","result":"drained"/);
    expect(child.stderr()).not.toMatch(/VERIFICATION IS OFF/);
  }, 30_000);

  test('--insecure-dev warns loudly, answers unsigned requests, and exits 0 on SIGINT', async () => {
    const child = await startMain(['--insecure-dev']);
    expect(child.stderr()).toMatch(/REQUEST VERIFICATION IS OFF/);
    expect(child.stdout()).toMatch(/"level":"warn","msg":"REQUEST SIGNATURE AND TIMESTAMP VERIFICATION IS OFF"/);
    const response = await post(`http://127.0.0.1:${child.port}/alexa`, body());
    expect(response.status).toBe(200);
    expect(speechOf(response.text)).toMatch(/Welcome to Back Spasm Helper/);
    child.kill('SIGINT');
    expect(await child.exit).toBe(0);
  }, 30_000);
});
