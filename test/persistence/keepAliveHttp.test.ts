/**
 * The DynamoDB client's own HTTP/1.1 (lambda/persistence/keepAliveHttp.ts), against servers
 * written here on raw sockets that answer byte by byte, in chunks, by closing, with garbage,
 * or not at all, and against a TLS server presenting a certificate from a home-made root.
 */
import { createServer as createNetServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { HttpConnectionError, KeepAlivePool } from '../../lambda/persistence/keepAliveHttp';
import { createTestCertificateAuthority } from '../server/support/testCertificates';

/** What a scripted server does with one request it has read in full. */
type Script = (socket: Socket, request: SeenRequest) => unknown;

interface SeenRequest {
  readonly head: string;
  readonly headers: Record<string, string>;
  readonly body: string;
}

interface ScriptedServer {
  readonly url: URL;
  readonly requests: SeenRequest[];
  /** Connections accepted so far. */
  connections: number;
  /** Connections the server has seen closed. */
  closed: number;
  readonly sockets: Set<Socket>;
}

const servers: Server[] = [];
const pools: KeepAlivePool[] = [];
afterEach(async () => {
  for (const pool of pools.splice(0)) pool.destroy();
  for (const server of servers.splice(0)) await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** Reads requests off each socket (Content-Length framing) and runs the next script for each. */
function serve(server: Server, scripts: Script[], otherwise?: Script, event: 'connection' | 'secureConnection' = 'connection'): ScriptedServer {
  const state: ScriptedServer = { url: new URL('http://127.0.0.1'), requests: [], connections: 0, closed: 0, sockets: new Set() };
  const onSocket = (socket: Socket): void => {
    state.connections += 1;
    state.sockets.add(socket);
    // Each write goes out at once (no Nagle delay), so a test's timing is the script's own.
    socket.setNoDelay(true);
    socket.on('close', () => {
      state.closed += 1;
      state.sockets.delete(socket);
    });
    socket.on('error', () => undefined);
    let buffered = Buffer.alloc(0);
    socket.on('data', (data: Buffer) => {
      buffered = Buffer.concat([buffered, data]);
      for (;;) {
        const end = buffered.indexOf('\r\n\r\n');
        if (end < 0) return;
        const head = buffered.subarray(0, end).toString('latin1');
        const headers: Record<string, string> = {};
        for (const line of head.split('\r\n').slice(1)) {
          const colon = line.indexOf(':');
          headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
        }
        const length = Number(headers['content-length'] ?? '0');
        if (buffered.length < end + 4 + length) return;
        const request = { head, headers, body: buffered.subarray(end + 4, end + 4 + length).toString('utf8') };
        buffered = buffered.subarray(end + 4 + length);
        state.requests.push(request);
        const script = scripts.shift() ?? otherwise;
        if (script) void script(socket, request);
      }
    });
  };
  server.on(event, onSocket);
  servers.push(server);
  return state;
}

async function listen(server: Server, state: ScriptedServer, protocol = 'http:'): Promise<ScriptedServer> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  (state as { url: URL }).url = new URL(`${protocol}//127.0.0.1:${port}`);
  return state;
}

async function scripted(scripts: Script[], otherwise?: Script): Promise<ScriptedServer> {
  const server = createNetServer();
  return listen(server, serve(server, scripts, otherwise));
}

function poolFor(state: ScriptedServer, options: ConstructorParameters<typeof KeepAlivePool>[1] = {}): KeepAlivePool {
  const pool = new KeepAlivePool(state.url, options);
  pools.push(pool);
  return pool;
}

const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `check` holds (sockets close when the other side gets to it, later on a busy machine), at most 5 s. */
async function eventually(check: () => boolean): Promise<void> {
  for (let waited = 0; !check() && waited < 5000; waited += 10) await wait(10);
}

/** Writes the bytes one at a time, a tick apart. */
async function trickle(socket: Socket, bytes: Buffer): Promise<void> {
  for (const byte of bytes) {
    socket.write(Buffer.from([byte]));
    await wait(0);
  }
}

const ok = (body: string, extra = ''): Script => (socket) => {
  socket.write(`HTTP/1.1 200 OK\r\nContent-Type: application/x-amz-json-1.0\r\n${extra}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
};

const POST = (pool: KeepAlivePool, body = '{}', headers: Record<string, string> = { 'X-Amz-Target': 'DynamoDB_20120810.GetItem' }) =>
  pool.request('POST', '/', headers, body);

describe('what is sent', () => {
  test('one request: method, path, Host, the given headers, Content-Length in bytes, keep-alive, then the body', async () => {
    const server = await scripted([ok('{}')]);
    const body = '{"Key":{"id":{"S":"Grüße 痛い"}}}';
    await POST(poolFor(server), body, { 'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Target': 'DynamoDB_20120810.GetItem', Authorization: 'AWS4-HMAC-SHA256 x' });
    const [seen] = server.requests;
    expect(seen?.head.split('\r\n')[0]).toBe('POST / HTTP/1.1');
    expect(seen?.headers).toEqual({
      host: server.url.host,
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': 'DynamoDB_20120810.GetItem',
      authorization: 'AWS4-HMAC-SHA256 x',
      'content-length': String(Buffer.byteLength(body)),
      connection: 'keep-alive',
    });
    expect(Buffer.byteLength(body)).toBeGreaterThan(body.length);
    expect(seen?.body).toBe(body);
  });

  test('a header value with a line break, or a name that is not a token, is refused and nothing is sent', async () => {
    const server = await scripted([], ok('{}'));
    const pool = poolFor(server);
    const refused: Array<Record<string, string>> = [{ 'X-Amz-Security-Token': 'abc\r\nX-Evil: 1' }, { 'X-Amz-Target': 'a\nb' }, { 'Bad Name': 'x' }, { 'X-Nul': 'a\0b' }];
    for (const headers of refused) {
      await expect(POST(pool, '{}', headers)).rejects.toMatchObject({ name: 'HttpConnectionError', code: 'BadRequest' });
    }
    await wait(20);
    expect(server.connections).toBe(0);
  });
});

describe('reading the answer', () => {
  test('an answer that arrives one byte at a time, multi-byte characters split, is read whole', async () => {
    const body = '{"Item":{"note":{"S":"Grüße, 痛い, ألم"}}}';
    const server = await scripted([
      (socket) => trickle(socket, Buffer.from(`HTTP/1.1 200 OK\r\nContent-Length: ${Buffer.byteLength(body)}\r\nX-Amzn-ErrorType: none\r\n\r\n${body}`)),
    ]);
    const answer = await POST(poolFor(server));
    expect(answer).toEqual({ statusCode: 200, headers: { 'content-length': String(Buffer.byteLength(body)), 'x-amzn-errortype': 'none' }, body, bytes: Buffer.from(body) });
  });

  test('chunked answers, with chunk extensions and trailers, in pieces that cut across chunk lines', async () => {
    const raw = 'HTTP/1.1 400 Bad Request\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\n{"__t\r\n18\r\nype":"x#ValidationExcept\r\n4\r\nion"\r\n1\r\n}\r\n0\r\nX-Trailer: yes\r\n\r\n';
    const server = await scripted([
      async (socket) => {
        for (let at = 0; at < raw.length; at += 7) {
          socket.write(raw.slice(at, at + 7));
          await wait(1);
        }
      },
      ok('{"second":true}'),
    ]);
    const pool = poolFor(server);
    expect(await POST(pool)).toMatchObject({ statusCode: 400, body: '{"__type":"x#ValidationException"}' });
    // The trailer was read to its end: the same socket carries the next answer.
    expect(await POST(pool)).toMatchObject({ body: '{"second":true}' });
    expect(server.connections).toBe(1);
  });

  test('an HTTP/1.0 answer without a length ends at the close, and its socket is not reused', async () => {
    const server = await scripted([(socket) => socket.end('HTTP/1.0 200 OK\r\n\r\n{"old":"style"}')], ok('{}'));
    const pool = poolFor(server);
    expect(await POST(pool)).toMatchObject({ statusCode: 200, body: '{"old":"style"}' });
    await POST(pool);
    expect(server.connections).toBe(2);
  });

  test('204 without a length is an empty answer on a socket that stays open', async () => {
    const server = await scripted([(socket) => socket.write('HTTP/1.1 204 No Content\r\n\r\n')], ok('{}'));
    const pool = poolFor(server);
    expect(await POST(pool)).toEqual({ statusCode: 204, headers: {}, body: '', bytes: Buffer.alloc(0) });
    await POST(pool);
    expect(server.connections).toBe(1);
  });

  test.each([
    ['not HTTP at all', 'SSH-2.0-OpenSSH_9.6\r\n\r\n'],
    ['a status line without a code', 'HTTP/1.1 OK\r\n\r\n'],
    ['HTTP/2 spoken over HTTP/1', 'HTTP/2 200\r\n\r\n'],
    ['a header line without a colon', 'HTTP/1.1 200 OK\r\nContent-Length 2\r\n\r\n{}'],
    ['a Content-Length that is not a number', 'HTTP/1.1 200 OK\r\nContent-Length: 2x\r\n\r\n{}'],
    ['a chunk size that is not hex', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n'],
    ['a chunk not ended by CRLF', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}XX0\r\n\r\n'],
    ['an informational answer', 'HTTP/1.1 100 Continue\r\n\r\n'],
  ])('%s: a BadResponse error, and the socket closed', async (_name, raw) => {
    const server = await scripted([(socket) => socket.write(raw)], ok('{}'));
    const pool = poolFor(server);
    await expect(POST(pool)).rejects.toMatchObject({ name: 'HttpConnectionError', code: 'BadResponse' });
    await eventually(() => server.closed === 1 && pool.openSockets === 0);
    expect(server.closed).toBe(1);
    expect(pool.openSockets).toBe(0);
    // The next request gets a fresh connection and its answer.
    expect(await POST(pool)).toMatchObject({ statusCode: 200 });
  });

  test('a head that never ends is cut off past 64 KB', async () => {
    const server = await scripted([(socket) => socket.write(`HTTP/1.1 200 OK\r\nX-Long: ${'a'.repeat(70 * 1024)}`)]);
    await expect(POST(poolFor(server))).rejects.toMatchObject({ code: 'BadResponse' });
  });

  test('an answer larger than the limit fails as too large, by its Content-Length or by its chunks', async () => {
    const big = 'x'.repeat(2000);
    const server = await scripted([
      ok(big),
      (socket) => socket.write(`HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3e8\r\n${big.slice(0, 1000)}\r\n3e8\r\n${big.slice(0, 1000)}\r\n0\r\n\r\n`),
      (socket) => socket.end(`HTTP/1.0 200 OK\r\n\r\n${big}`),
      ok(big.slice(0, 1500)),
    ]);
    const pool = poolFor(server, { maxResponseBytes: 1500 });
    await expect(POST(pool)).rejects.toMatchObject({ code: 'ResponseTooLarge' });
    await expect(POST(pool)).rejects.toMatchObject({ code: 'ResponseTooLarge' });
    await expect(POST(pool)).rejects.toMatchObject({ code: 'ResponseTooLarge' });
    expect((await POST(pool)).body).toHaveLength(1500);
  });

  test('a connection cut in the middle of the body is a reset, not a short answer', async () => {
    const server = await scripted([(socket) => socket.end('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{"Item":')]);
    await expect(POST(poolFor(server))).rejects.toMatchObject({ name: 'HttpConnectionError', code: 'ECONNRESET' });
  });

  test('nobody listening: the socket error, with its code', async () => {
    const server = await scripted([]);
    const url = server.url;
    await new Promise<void>((resolve) => servers.pop()?.close(() => resolve()));
    const pool = new KeepAlivePool(url);
    pools.push(pool);
    await expect(POST(pool)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});

describe('keeping connections', () => {
  test('one socket carries one request after another', async () => {
    const server = await scripted([], ok('{}'));
    const pool = poolFor(server);
    for (let i = 0; i < 5; i++) await POST(pool);
    expect(server.connections).toBe(1);
    expect(pool.openSockets).toBe(1);
  });

  test('"Connection: close" from the server: that socket is closed and the next request opens another', async () => {
    const server = await scripted([ok('{}', 'Connection: close\r\n')], ok('{}'));
    const pool = poolFor(server);
    await POST(pool);
    await POST(pool);
    expect(server.connections).toBe(2);
  });

  test('an idle socket the server closed is dropped; the next request opens a new one', async () => {
    const server = await scripted([], ok('{}'));
    const pool = poolFor(server);
    await POST(pool);
    for (const socket of server.sockets) socket.destroy();
    await eventually(() => pool.openSockets === 0);
    expect(pool.openSockets).toBe(0);
    expect(await POST(pool)).toMatchObject({ statusCode: 200 });
    expect(server.connections).toBe(2);
  });

  test('bytes after the answer, in the same read or later on an idle socket, mean that socket is not used again', async () => {
    const server = await scripted(
      [
        (socket) => socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}HTTP/1.1 200 OK\r\n'),
        (socket, request) => {
          ok('{}')(socket, request);
          setTimeout(() => socket.write('HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n'), 10);
        },
      ],
      ok('{}'),
    );
    const pool = poolFor(server);
    expect(await POST(pool)).toMatchObject({ statusCode: 200, body: '{}' });
    await POST(pool);
    expect(server.connections).toBe(2);
    await eventually(() => server.closed === 2 && pool.openSockets === 0);
    expect(server.closed).toBe(2);
    expect(pool.openSockets).toBe(0);
    await POST(pool);
    expect(server.connections).toBe(3);
  });

  test('with one socket allowed, a second request waits for it and is then sent on it', async () => {
    const server = await scripted([async (socket, request) => {
      await wait(30);
      ok(request.body)(socket, request);
    }], (socket, request) => ok(request.body)(socket, request));
    const pool = poolFor(server, { maxSockets: 1 });
    const answers = await Promise.all([POST(pool, '{"n":1}'), POST(pool, '{"n":2}')]);
    expect(answers.map((answer) => answer.body)).toEqual(['{"n":1}', '{"n":2}']);
    expect(server.connections).toBe(1);
  });
});

describe('limits', () => {
  test('a request that gets no answer fails with the given error at its limit, and its socket is closed', async () => {
    const server = await scripted([() => undefined]);
    const pool = poolFor(server);
    const started = performance.now();
    const error = await pool.request('POST', '/', {}, '{}', { ms: 100, error: () => new Error('too slow') }).catch((caught: unknown) => caught);
    expect(error).toEqual(new Error('too slow'));
    expect(performance.now() - started).toBeGreaterThanOrEqual(95);
    await eventually(() => server.closed === 1 && pool.openSockets === 0);
    expect(server.closed).toBe(1);
    expect(pool.openSockets).toBe(0);
  });

  test('a request still waiting for a socket when its limit comes is never sent', async () => {
    const server = await scripted([async (socket, request) => {
      await wait(150);
      ok('{}')(socket, request);
    }]);
    const pool = poolFor(server, { maxSockets: 1 });
    const first = POST(pool);
    const second = pool.request('POST', '/', {}, '{"late":true}', { ms: 50, error: () => new Error('waited too long') });
    await expect(second).rejects.toThrow('waited too long');
    await first;
    await wait(20);
    expect(server.requests.map((request) => request.body)).toEqual(['{}']);
  });
});

describe('https', () => {
  // RSA key generation is slow (seconds on a busy machine with OpenSSL 3): one authority and
  // one server certificate serve both tests.
  let authority: ReturnType<typeof createTestCertificateAuthority>;
  let leaf: ReturnType<ReturnType<typeof createTestCertificateAuthority>['issueSigningCertificate']>;
  beforeAll(() => {
    authority = createTestCertificateAuthority();
    leaf = authority.issueSigningCertificate({ dnsName: 'dynamodb.test' });
  }, 120_000);

  async function tlsServer(): Promise<{ state: ScriptedServer; rootPem: string }> {
    const server = createTlsServer({ key: leaf.keyPem, cert: leaf.chainPem, ALPNProtocols: ['http/1.1'] });
    const state = await listen(server, serve(server, [], ok('{"secure":true}'), 'secureConnection'), 'https:');
    return { state, rootPem: authority.rootPem };
  }

  test('an answer over TLS from a server whose certificate the client trusts, on one kept connection', async () => {
    const { state, rootPem } = await tlsServer();
    const pool = poolFor(state, { tls: { ca: rootPem, servername: 'dynamodb.test' } });
    expect(await POST(pool)).toMatchObject({ statusCode: 200, body: '{"secure":true}' });
    expect(await POST(pool)).toMatchObject({ statusCode: 200 });
    expect(state.connections).toBe(1);
  });

  test('a certificate the client does not trust, or for another name, fails the request', async () => {
    const { state, rootPem } = await tlsServer();
    const untrusted = poolFor(state, { tls: { servername: 'dynamodb.test' } });
    const error = await POST(untrusted).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(HttpConnectionError);
    expect((error as HttpConnectionError).code).toMatch(/SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/);
    const wrongName = poolFor(state, { tls: { ca: rootPem, servername: 'dynamodb.other' } });
    await expect(POST(wrongName)).rejects.toMatchObject({ code: 'ERR_TLS_CERT_ALTNAME_INVALID' });
    expect(state.requests).toHaveLength(0);
  });
});
