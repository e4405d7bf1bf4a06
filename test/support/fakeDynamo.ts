import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo, type Socket } from 'node:net';
import { crc32 as zlibCrc32 } from 'node:zlib';

/** What the fake server saw of one request. */
export interface SeenRequest {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  readonly target: string;
  readonly at: number;
}

/** How the fake answers one request: a status and DynamoDB-style error, a JSON body, a hang or a dropped connection. */
export type FakeAnswer =
  | { readonly status: number; readonly error?: string; readonly message?: string; readonly body?: string; readonly errorTypeHeader?: string }
  /** `crc32`: send DynamoDB's x-amz-crc32 header, computed by zlib over the body, or off by one. */
  | { readonly ok: Record<string, unknown>; readonly crc32?: 'right' | 'wrong' }
  | 'hang'
  | 'reset'
  /** Bytes that are not an HTTP answer, then the close. */
  | 'garbage';

/**
 * A tiny HTTP server that answers like DynamoDB (application/x-amz-json-1.0, errors as
 * {"__type": "com.amazonaws.dynamodb.v20120810#Code", "message": ...}), for what dynalite
 * cannot do on demand: throttling, 5xx, hangs and resets.
 */
export class FakeDynamo {
  readonly requests: SeenRequest[] = [];
  /** Sockets closed by the client, counted so a test can see an abandoned call was cut off. */
  closedSockets = 0;
  private readonly sockets = new Set<Socket>();
  private constructor(
    private readonly server: Server,
    readonly endpoint: string,
    private readonly answers: FakeAnswer[],
    private readonly otherwise: FakeAnswer,
  ) {}

  static async start(answers: FakeAnswer[], otherwise: FakeAnswer = { ok: {} }): Promise<FakeDynamo> {
    const self: { fake?: FakeDynamo } = {};
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => self.fake?.answer(request.headers, Buffer.concat(chunks).toString('utf8'), response));
    });
    server.on('connection', (socket) => {
      self.fake?.sockets.add(socket);
      socket.on('close', () => {
        self.fake?.sockets.delete(socket);
        if (self.fake) self.fake.closedSockets += 1;
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    self.fake = new FakeDynamo(server, `http://127.0.0.1:${port}`, [...answers], otherwise);
    return self.fake;
  }

  private answer(headers: IncomingHttpHeaders, body: string, response: ServerResponse): void {
    this.requests.push({ headers, body, target: String(headers['x-amz-target'] ?? ''), at: performance.now() });
    const answer = this.answers.shift() ?? this.otherwise;
    if (answer === 'hang') return;
    if (answer === 'garbage') {
      response.socket?.end('<html>proxy error</html>\r\n\r\n');
      return;
    }
    if (answer === 'reset') {
      response.socket?.destroy();
      return;
    }
    if ('ok' in answer) {
      const body = JSON.stringify(answer.ok);
      const checksum = answer.crc32 === undefined ? {} : { 'x-amz-crc32': String(zlibCrc32(body) + (answer.crc32 === 'wrong' ? 1 : 0)) };
      response.writeHead(200, { 'content-type': 'application/x-amz-json-1.0', ...checksum }).end(body);
      return;
    }
    const payload =
      answer.body ?? JSON.stringify({ __type: `com.amazonaws.dynamodb.v20120810#${answer.error ?? 'InternalServerError'}`, message: answer.message ?? 'fake' });
    response
      .writeHead(answer.status, {
        'content-type': answer.body === undefined ? 'application/x-amz-json-1.0' : 'text/html',
        ...(answer.errorTypeHeader ? { 'x-amzn-errortype': answer.errorTypeHeader } : {}),
      })
      .end(payload);
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
