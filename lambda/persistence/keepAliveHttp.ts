import type * as Net from 'node:net';
import type * as Tls from 'node:tls';

/**
 * The HTTP/1.1 the DynamoDB client needs, on keep-alive sockets of its own: one request at a
 * time per socket, the whole request written at once, the answer framed by Content-Length or
 * chunked encoding (or, from an HTTP/1.0 peer, by the close). node:http does far more than a
 * JSON API needs, and its request and agent machinery cost about three times the CPU of the
 * rest of a storage call (bench/README.md); this file is what replaces it, and
 * test/persistence/keepAliveHttp.test.ts holds it to the protocol, byte by byte.
 */

export interface HttpAnswer {
  readonly statusCode: number;
  /** Header names in lower case; a repeated header keeps its last value. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** The body as it came, before decoding (for a checksum over its bytes). */
  readonly bytes: Buffer;
}

/** What went wrong on the wire. `code` follows Node's socket codes where one fits ("ECONNRESET"). */
export class HttpConnectionError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'HttpConnectionError';
  }
}

export interface KeepAlivePoolOptions {
  /** Sockets open at once; a request beyond them waits for one to be free. */
  readonly maxSockets?: number;
  /** The longest answer read (head and body); a longer one fails the request and closes its socket. */
  readonly maxResponseBytes?: number;
  /** Extra TLS options for https (tests pass their own certificate authority). */
  readonly tls?: Tls.ConnectionOptions;
}

const MAX_HEAD_BYTES = 64 * 1024;
const CRLF_CRLF = Buffer.from('\r\n\r\n');

type Settle = (error: Error | undefined, answer?: HttpAnswer) => void;

/** Reads one answer from the bytes a socket gives, in whatever pieces they come. */
class AnswerReader {
  private buffered: Buffer = Buffer.alloc(0);
  private head: { statusCode: number; headers: Record<string, string>; version: string } | undefined;
  private readonly chunks: Buffer[] = [];
  private bodyBytes = 0;
  /** Body bytes still to come, for Content-Length framing. */
  private remaining = 0;
  private framing: 'length' | 'chunked' | 'close' = 'length';
  /** Chunked framing: bytes left in the current chunk, or undefined when a chunk-size line is next. */
  private chunkLeft: number | undefined;
  private chunkTrailer = false;

  constructor(private readonly maxBytes: number) {}

  /** Whether the socket may carry another request after this answer. */
  reusable = false;

  /** Takes bytes; returns the answer when it is complete. Throws HttpConnectionError on anything malformed. */
  push(data: Buffer): HttpAnswer | undefined {
    this.buffered = this.buffered.length === 0 ? data : Buffer.concat([this.buffered, data]);
    if (!this.head) {
      const end = this.buffered.indexOf(CRLF_CRLF);
      if (end < 0) {
        if (this.buffered.length > MAX_HEAD_BYTES) throw new HttpConnectionError('the answer head is too large', 'BadResponse');
        return undefined;
      }
      this.head = parseHead(this.buffered.subarray(0, end).toString('latin1'));
      this.buffered = this.buffered.subarray(end + 4);
      const { headers, version } = this.head;
      const connection = (headers.connection ?? '').toLowerCase();
      this.reusable = version === '1.1' ? !connection.split(',').some((token) => token.trim() === 'close') : connection === 'keep-alive';
      if ((headers['transfer-encoding'] ?? '').toLowerCase().split(',').pop()?.trim() === 'chunked') {
        this.framing = 'chunked';
      } else if (headers['content-length'] !== undefined) {
        if (!/^\d+$/.test(headers['content-length'])) throw new HttpConnectionError('the answer has an invalid Content-Length', 'BadResponse');
        this.remaining = Number(headers['content-length']);
        if (this.remaining > this.maxBytes) throw new HttpConnectionError('the answer is too large', 'ResponseTooLarge');
      } else if (this.head.statusCode === 204 || this.head.statusCode === 304) {
        this.remaining = 0;
      } else {
        this.framing = 'close';
        this.reusable = false;
      }
    }
    return this.framing === 'chunked' ? this.readChunked() : this.framing === 'length' ? this.readLength() : this.readToClose();
  }

  /** The socket closed: an answer framed by the close is complete; any other is cut off. */
  closed(): HttpAnswer | undefined {
    if (this.head && this.framing === 'close') return this.answer();
    return undefined;
  }

  /** Whether bytes arrived beyond the answer (a peer that does not speak one answer per request). */
  get leftover(): boolean {
    return this.buffered.length > 0;
  }

  private take(bytes: number): void {
    this.bodyBytes += bytes;
    if (this.bodyBytes > this.maxBytes) throw new HttpConnectionError('the answer is too large', 'ResponseTooLarge');
    this.chunks.push(this.buffered.subarray(0, bytes));
    this.buffered = this.buffered.subarray(bytes);
  }

  private readLength(): HttpAnswer | undefined {
    const bytes = Math.min(this.remaining, this.buffered.length);
    this.take(bytes);
    this.remaining -= bytes;
    return this.remaining === 0 ? this.answer() : undefined;
  }

  private readToClose(): undefined {
    this.take(this.buffered.length);
    return undefined;
  }

  private readChunked(): HttpAnswer | undefined {
    for (;;) {
      if (this.chunkTrailer) {
        // Trailer lines after the last chunk, ended by an empty line.
        const end = this.buffered.indexOf('\r\n');
        if (end < 0) {
          if (this.buffered.length > MAX_HEAD_BYTES) throw new HttpConnectionError('the answer trailer is too large', 'BadResponse');
          return undefined;
        }
        const line = this.buffered.subarray(0, end);
        this.buffered = this.buffered.subarray(end + 2);
        if (line.length === 0) return this.answer();
        continue;
      }
      if (this.chunkLeft === undefined) {
        const end = this.buffered.indexOf('\r\n');
        if (end < 0) {
          if (this.buffered.length > 1024) throw new HttpConnectionError('a chunk size line is too long', 'BadResponse');
          return undefined;
        }
        const sizeText = this.buffered.subarray(0, end).toString('latin1').split(';')[0]?.trim() ?? '';
        if (!/^[0-9a-fA-F]{1,8}$/.test(sizeText)) throw new HttpConnectionError('the answer has an invalid chunk size', 'BadResponse');
        this.buffered = this.buffered.subarray(end + 2);
        const size = Number.parseInt(sizeText, 16);
        if (size === 0) {
          this.chunkTrailer = true;
          continue;
        }
        if (this.bodyBytes + size > this.maxBytes) throw new HttpConnectionError('the answer is too large', 'ResponseTooLarge');
        this.chunkLeft = size;
      }
      if (this.chunkLeft > 0) {
        const bytes = Math.min(this.chunkLeft, this.buffered.length);
        this.take(bytes);
        this.chunkLeft -= bytes;
        if (this.chunkLeft > 0) return undefined;
      }
      // The chunk's data is read; its closing CRLF comes next.
      if (this.buffered.length < 2) return undefined;
      if (this.buffered[0] !== 0x0d || this.buffered[1] !== 0x0a) throw new HttpConnectionError('a chunk does not end with CRLF', 'BadResponse');
      this.buffered = this.buffered.subarray(2);
      this.chunkLeft = undefined;
    }
  }

  private answer(): HttpAnswer {
    const head = this.head as NonNullable<AnswerReader['head']>;
    const bytes = Buffer.concat(this.chunks);
    return { statusCode: head.statusCode, headers: head.headers, body: bytes.toString('utf8'), bytes };
  }
}

function parseHead(text: string): { statusCode: number; headers: Record<string, string>; version: string } {
  const lines = text.split('\r\n');
  const status = /^HTTP\/(1\.[01]) (\d{3})(?: .*)?$/.exec(lines[0] ?? '');
  if (!status) throw new HttpConnectionError('the answer is not HTTP/1.x', 'BadResponse');
  const statusCode = Number(status[2]);
  if (statusCode < 200) throw new HttpConnectionError(`unexpected informational answer ${statusCode}`, 'BadResponse');
  const headers: Record<string, string> = {};
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon <= 0) throw new HttpConnectionError('the answer has a malformed header line', 'BadResponse');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { statusCode, headers, version: status[1] as string };
}

/** One socket and the request it carries, if any. */
class Connection {
  private settle: Settle | undefined;
  private reader: AnswerReader | undefined;
  closed = false;

  constructor(
    readonly socket: Net.Socket,
    private readonly maxBytes: number,
    private readonly onIdle: (connection: Connection) => void,
    private readonly onClosed: (connection: Connection) => void,
  ) {
    socket.on('data', (data: Buffer) => this.data(data));
    socket.on('error', (error: NodeJS.ErrnoException) => this.fail(new HttpConnectionError(error.message, error.code ?? 'ECONNRESET')));
    socket.on('close', () => {
      const answer = this.reader?.closed();
      if (answer && this.settle) this.finish(undefined, answer);
      else this.fail(new HttpConnectionError('the connection closed before the answer was complete', 'ECONNRESET'));
    });
  }

  send(request: string, settle: Settle): void {
    this.settle = settle;
    this.reader = new AnswerReader(this.maxBytes);
    this.socket.ref();
    this.socket.write(request, 'utf8');
  }

  /** Ends the connection, failing its request (if any) with the error. */
  destroy(error?: Error): void {
    this.fail(error ?? new HttpConnectionError('the connection was closed', 'ECONNRESET'));
  }

  private data(data: Buffer): void {
    if (!this.reader || !this.settle) {
      // Bytes nobody asked for: the peer is not speaking one answer per request.
      this.fail(new HttpConnectionError('unexpected bytes on an idle connection', 'BadResponse'));
      return;
    }
    let answer: HttpAnswer | undefined;
    try {
      answer = this.reader.push(data);
    } catch (error) {
      this.fail(error as Error);
      return;
    }
    if (answer) this.finish(undefined, answer);
  }

  private finish(error: Error | undefined, answer?: HttpAnswer): void {
    const settle = this.settle;
    const reusable = !error && this.reader?.reusable === true && !this.reader.leftover && !this.closed;
    this.settle = undefined;
    this.reader = undefined;
    if (reusable) {
      this.onIdle(this);
    } else {
      this.close();
    }
    settle?.(error, answer);
  }

  private fail(error: Error): void {
    if (this.settle) this.finish(error);
    else this.close();
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    this.socket.destroy();
    this.onClosed(this);
  }
}

/** A limit on one request: after `ms`, its socket is closed and it fails with `error()`. */
export interface RequestLimit {
  readonly ms: number;
  readonly error: () => Error;
}

/** Keep-alive connections to one origin. */
export class KeepAlivePool {
  private readonly idle: Connection[] = [];
  private readonly open = new Set<Connection>();
  private readonly waiting: Array<(connection: Connection) => void> = [];
  private readonly maxSockets: number;
  private readonly maxResponseBytes: number;
  private readonly hostHeader: string;

  constructor(
    private readonly url: URL,
    private readonly options: KeepAlivePoolOptions = {},
  ) {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`only http and https are supported, not ${url.protocol}`);
    this.maxSockets = Math.max(1, options.maxSockets ?? 50);
    this.maxResponseBytes = options.maxResponseBytes ?? 1024 * 1024;
    this.hostHeader = url.host;
  }

  /** The value of the Host header requests to this origin carry (the port only when not the default). */
  get host(): string {
    return this.hostHeader;
  }

  /** Number of sockets open now, idle or busy. */
  get openSockets(): number {
    return this.open.size;
  }

  /**
   * Sends one request and resolves with the whole answer. `headers` are written as given, after
   * Host; Content-Length and Connection are set here. A header that could break the request
   * (a line break in a value, a name that is not a token) is refused before anything is sent.
   */
  request(method: string, path: string, headers: Readonly<Record<string, string | number>>, body: string, limit?: RequestLimit): Promise<HttpAnswer> {
    let text: string;
    try {
      text = requestText(method, path, this.hostHeader, headers, body);
    } catch (error) {
      return Promise.reject(error as Error);
    }
    return new Promise<HttpAnswer>((resolve, reject) => {
      let settled = false;
      let connection: Connection | undefined;
      const finish: Settle = (error, answer) => {
        if (settled) return;
        settled = true;
        if (timer) clearTimeout(timer);
        if (error) reject(error);
        else resolve(answer as HttpAnswer);
      };
      const start = (free: Connection): void => {
        connection = free;
        free.send(text, finish);
      };
      const timer = limit
        ? setTimeout(() => {
            const error = limit.error();
            if (connection) {
              connection.destroy(error);
            } else {
              const index = this.waiting.indexOf(start);
              if (index >= 0) this.waiting.splice(index, 1);
              finish(error);
            }
          }, limit.ms)
        : undefined;
      const reused = this.idle.pop();
      if (reused) start(reused);
      else if (this.open.size < this.maxSockets) start(this.connect());
      else this.waiting.push(start);
    });
  }

  /** Closes every socket; requests in flight fail. */
  destroy(): void {
    for (const connection of [...this.open]) connection.destroy();
    this.idle.length = 0;
  }

  private connect(): Connection {
    const port = Number(this.url.port || (this.url.protocol === 'https:' ? 443 : 80));
    const host = this.url.hostname.replace(/^\[|\]$/g, '');
    /* eslint-disable @typescript-eslint/no-require-imports */
    // Only the module the origin needs is loaded, when it is first needed.
    const socket =
      this.url.protocol === 'https:'
        ? (require('node:tls') as typeof Tls).connect({
            host,
            port,
            // SNI names a host, never an address (RFC 6066).
            ...((require('node:net') as typeof Net).isIP(host) === 0 ? { servername: host } : {}),
            ALPNProtocols: ['http/1.1'],
            ...this.options.tls,
          })
        : (require('node:net') as typeof Net).connect({ host, port });
    /* eslint-enable @typescript-eslint/no-require-imports */
    socket.setNoDelay(true);
    socket.setKeepAlive(true, 10_000);
    const connection = new Connection(
      socket,
      this.maxResponseBytes,
      (free) => {
        const next = this.waiting.shift();
        if (next) {
          next(free);
        } else {
          free.socket.unref();
          this.idle.push(free);
        }
      },
      (gone) => {
        this.open.delete(gone);
        const index = this.idle.indexOf(gone);
        if (index >= 0) this.idle.splice(index, 1);
        const next = this.waiting.shift();
        if (next) next(this.connect());
      },
    );
    this.open.add(connection);
    return connection;
  }
}

function requestText(method: string, path: string, host: string, headers: Readonly<Record<string, string | number>>, body: string): string {
  let head = `${method} ${path} HTTP/1.1\r\nHost: ${host}\r\n`;
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (lower === 'host' || lower === 'content-length' || lower === 'connection') continue;
    const text = String(value);
    if (/[\r\n\0]/.test(text) || !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) throw new HttpConnectionError(`header ${name} cannot be sent`, 'BadRequest');
    head += `${name}: ${text}\r\n`;
  }
  return `${head}Content-Length: ${Buffer.byteLength(body)}\r\nConnection: keep-alive\r\n\r\n${body}`;
}
