import { callBudgetMs } from '../deadline';
import { TimeoutError } from '../withTimeout';
import { crc32 } from './crc32';
import { HttpConnectionError, KeepAlivePool, type KeepAlivePoolOptions } from './keepAliveHttp';
import { signRequest, type SigningCredentials } from './sigV4';

/**
 * A small DynamoDB client for Lambda cold starts: AWS Signature V4 (sigV4.ts), JSON over a
 * pool of keep-alive connections of its own (keepAliveHttp.ts), retries on throttling and server errors with a
 * bounded backoff, and every call held inside the request's deadline. It knows only the
 * handful of operations the skill and its tools use; AWS SDK v3 costs about 50 ms to load and
 * nearly three times the CPU per call for the same work (bench/README.md).
 */

export type AwsCredentials = SigningCredentials;

export type DynamoDbOperation = 'GetItem' | 'UpdateItem' | 'PutItem' | 'DeleteItem' | 'CreateTable' | 'DescribeTable' | 'DeleteTable';

export interface DynamoDbClientOptions {
  /** Read at the first call when a function. */
  readonly region: string | (() => string | undefined);
  /** Defaults to https://dynamodb.<region>.amazonaws.com. */
  readonly endpoint?: string;
  /** Read at the first call, so a missing variable fails that call rather than the module load. */
  readonly credentials: AwsCredentials | (() => AwsCredentials);
  /** Attempts per call, the first included. */
  readonly maxAttempts?: number;
  /** The longest one call may take, all attempts and waits included (the request's deadline may cut it shorter). */
  readonly callTimeoutMs?: number;
  /** Backoff before retry n (from 0): a random wait up to min(maxDelayMs, baseDelayMs * 2^n) ("full jitter"). */
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  /** Extra TLS options for an https endpoint (tests pass their own certificate authority). */
  readonly tls?: KeepAlivePoolOptions['tls'];
}

/** An error DynamoDB answered (or the connection to it failed with). Messages carry no item data. */
export class DynamoDbError extends Error {
  constructor(
    message: string,
    /** DynamoDB's error code ("ValidationException"), or the socket's ("ECONNRESET"). */
    readonly code: string,
    /** HTTP status; 0 when no answer came. */
    readonly statusCode: number,
    readonly retryable: boolean,
    /** Attempts made before giving up. */
    readonly attempts: number = 1,
  ) {
    super(message);
    this.name = 'DynamoDbError';
  }
}

/** A ConditionExpression was false: the write was not made. */
export class ConditionalCheckFailedError extends DynamoDbError {
  constructor(statusCode: number) {
    super('the condition of a DynamoDB write was not met', 'ConditionalCheckFailedException', statusCode, false);
    this.name = 'ConditionalCheckFailedError';
  }
}

/** The table does not exist (or is not visible with these credentials and region). */
export class TableNotFoundError extends DynamoDbError {
  constructor(readonly tableName: string | undefined, statusCode: number) {
    super(`DynamoDB table not found: ${tableName ?? '(unnamed)'}`, 'ResourceNotFoundException', statusCode, false);
    this.name = 'TableNotFoundError';
  }
}

/** DynamoDB kept refusing the load (throttling) through every attempt the deadline allowed. */
export class ThrottledError extends DynamoDbError {
  constructor(code: string, statusCode: number, attempts: number) {
    super(`DynamoDB throttled the request (${code}) ${attempts} time(s)`, code, statusCode, true, attempts);
    this.name = 'ThrottledError';
  }
}

const TARGET_PREFIX = 'DynamoDB_20120810.';
const CONTENT_TYPE = 'application/x-amz-json-1.0';
const THROTTLING_CODES = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'Throttling',
  'RequestLimitExceeded',
  'TooManyRequestsException',
]);
const RETRYABLE_CODES = new Set([...THROTTLING_CODES, 'InternalServerError', 'ServiceUnavailable', 'TransactionConflictException']);
const RETRYABLE_SOCKET_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNREFUSED', 'ETIMEDOUT', 'EAI_AGAIN', 'ENOTFOUND']);
/** A retry is not started with less than this left: it could not finish. */
const MIN_ATTEMPT_MS = 20;
/** An answer larger than this is not a DynamoDB item of ours; stop reading it. */
const MAX_RESPONSE_BYTES = 1024 * 1024;
/** Failures of the answer itself (not HTTP, too large): the same server would answer the same. */
const ANSWER_CODES = new Set(['BadResponse', 'ResponseTooLarge', 'BadRequest']);
/** An answer whose bytes do not match the x-amz-crc32 DynamoDB sent with them. */
const CRC_MISMATCH = 'CRC32CheckFailed';

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The error code of an answer: "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException" -> "ResourceNotFoundException". */
function errorCodeOf(body: Record<string, unknown>, header: string | string[] | undefined): string {
  const raw = typeof body.__type === 'string' ? body.__type : typeof header === 'string' ? header : '';
  const code = raw.split(':')[0]?.split('#').pop() ?? '';
  return code || 'UnknownError';
}

function errorFor(statusCode: number, code: string, message: string, tableName: string | undefined, attempts: number): DynamoDbError {
  if (code === 'ConditionalCheckFailedException') return new ConditionalCheckFailedError(statusCode);
  if (code === 'ResourceNotFoundException') return new TableNotFoundError(tableName, statusCode);
  if (THROTTLING_CODES.has(code) || statusCode === 429) return new ThrottledError(code, statusCode, attempts);
  const retryable = RETRYABLE_CODES.has(code) || statusCode >= 500;
  // DynamoDB's own messages name the problem (a type mismatch, a missing key) without values.
  return new DynamoDbError(`DynamoDB answered ${statusCode} ${code}${message ? `: ${message.slice(0, 200)}` : ''}`, code, statusCode, retryable, attempts);
}

interface Answer {
  readonly statusCode: number;
  readonly body: string;
  readonly errorType: string | string[] | undefined;
}

export class DynamoDbClient {
  private readonly maxAttempts: number;
  private readonly callTimeoutMs: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private connection: { url: URL; pool: KeepAlivePool } | undefined;
  private credentials: AwsCredentials | undefined;

  constructor(private readonly options: DynamoDbClientOptions) {
    this.maxAttempts = Math.max(1, options.maxAttempts ?? 3);
    this.callTimeoutMs = options.callTimeoutMs ?? 2500;
    this.baseDelayMs = options.baseDelayMs ?? 25;
    this.maxDelayMs = options.maxDelayMs ?? 250;
  }

  /** Where calls go; worked out at the first use, so a missing setting fails a call, not the module load. */
  get endpoint(): string {
    return this.connect().url.origin;
  }

  private region(): string {
    const region = typeof this.options.region === 'function' ? this.options.region() : this.options.region;
    if (!region) throw new Error('AWS_REGION must name the DynamoDB region');
    return region;
  }

  private connect(): { url: URL; pool: KeepAlivePool } {
    if (!this.connection) {
      const url = new URL(this.options.endpoint ?? `https://dynamodb.${this.region()}.amazonaws.com`);
      if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`DynamoDB endpoint must be http(s): ${url.protocol}`);
      // One pool of warm connections for the life of the container: a TLS handshake per call
      // would cost more than the call.
      this.connection = { url, pool: new KeepAlivePool(url, { maxSockets: 50, maxResponseBytes: MAX_RESPONSE_BYTES, ...(this.options.tls ? { tls: this.options.tls } : {}) }) };
    }
    return this.connection;
  }

  /**
   * Calls one DynamoDB operation and returns its JSON answer. Throttling, 5xx and dropped
   * connections are retried (every operation the skill sends is idempotent) until the attempts
   * or the time run out; then, or on any other error, it throws a DynamoDbError (or a
   * TimeoutError when time ran out with nothing better to say).
   */
  async send<T = Record<string, unknown>>(operation: DynamoDbOperation, input: Readonly<Record<string, unknown>>): Promise<T> {
    this.connect();
    const startedAt = performance.now();
    const budgetMs = callBudgetMs(this.callTimeoutMs);
    const endsAt = startedAt + budgetMs;
    const body = JSON.stringify(input);
    const tableName = typeof input.TableName === 'string' ? input.TableName : undefined;
    let lastError: Error | undefined;
    for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
      const leftMs = endsAt - performance.now();
      if (leftMs <= 0 || (attempt > 1 && leftMs < MIN_ATTEMPT_MS)) break;
      let answer: Answer;
      try {
        answer = await this.post(operation, body, leftMs);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? '';
        if (error instanceof TimeoutError) {
          lastError = error;
          break;
        }
        if (error instanceof HttpConnectionError && ANSWER_CODES.has(error.code)) {
          throw new DynamoDbError(`DynamoDB answer unreadable: ${error.message}`, error.code, 0, false, attempt);
        }
        if (error instanceof HttpConnectionError && error.code === CRC_MISMATCH) {
          // Damaged on the way (as AWS SDKs do, asked again).
          lastError = new DynamoDbError('DynamoDB answer failed its CRC32 check', CRC_MISMATCH, 0, true, attempt);
          await this.backoff(attempt, endsAt);
          continue;
        }
        lastError = new DynamoDbError(`DynamoDB connection failed: ${code || (error as Error).message}`, code || 'NetworkingError', 0, RETRYABLE_SOCKET_CODES.has(code), attempt);
        if (!RETRYABLE_SOCKET_CODES.has(code)) throw lastError;
        await this.backoff(attempt, endsAt);
        continue;
      }
      if (answer.statusCode === 200) {
        if (answer.body === '') return {} as T;
        try {
          return JSON.parse(answer.body) as T;
        } catch {
          throw new DynamoDbError('DynamoDB answered 200 with a body that is not JSON', 'BadResponse', 200, false, attempt);
        }
      }
      let parsed: Record<string, unknown> = {};
      try {
        parsed = JSON.parse(answer.body) as Record<string, unknown>;
      } catch {
        // Not JSON (a proxy's page, a cut-off answer): the status says enough.
      }
      const code = errorCodeOf(parsed, answer.errorType);
      const message = typeof parsed.message === 'string' ? parsed.message : typeof parsed.Message === 'string' ? parsed.Message : '';
      lastError = errorFor(answer.statusCode, code, message, tableName, attempt);
      if (!(lastError as DynamoDbError).retryable) throw lastError;
      await this.backoff(attempt, endsAt);
    }
    if (lastError instanceof DynamoDbError || lastError instanceof TimeoutError) throw lastError;
    throw new TimeoutError(`DynamoDB ${operation}`, Math.round(budgetMs));
  }

  /** Closes the pooled connections (tests and tools; Lambda keeps them for the next request). */
  close(): void {
    this.connection?.pool.destroy();
  }

  private resolvedCredentials(): AwsCredentials {
    if (!this.credentials) {
      const given = this.options.credentials;
      this.credentials = typeof given === 'function' ? given() : given;
    }
    return this.credentials;
  }

  /** Waits before the next attempt, never past the point where no attempt could finish. */
  private async backoff(attempt: number, endsAt: number): Promise<void> {
    if (attempt >= this.maxAttempts) return;
    const ceiling = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (attempt - 1));
    const waitMs = Math.min(Math.random() * ceiling, Math.max(0, endsAt - performance.now() - MIN_ATTEMPT_MS));
    if (waitMs > 0) await sleep(waitMs);
  }

  private async post(operation: DynamoDbOperation, body: string, timeoutMs: number): Promise<Answer> {
    const { pool } = this.connect();
    const headers = signRequest(
      {
        method: 'POST',
        path: '/',
        host: pool.host,
        region: this.region(),
        service: 'dynamodb',
        headers: { 'Content-Type': CONTENT_TYPE, 'X-Amz-Target': TARGET_PREFIX + operation },
        body,
      },
      this.resolvedCredentials(),
    );
    // A hung call is abandoned at the deadline, and its socket closed so it cannot linger.
    const answer = await pool.request('POST', '/', headers, body, {
      ms: timeoutMs,
      error: () => new TimeoutError(`DynamoDB ${operation}`, Math.round(timeoutMs)),
    });
    const checksum = answer.headers['x-amz-crc32'];
    if (checksum !== undefined && (!/^\d{1,10}$/.test(checksum) || crc32(answer.bytes) !== Number(checksum))) {
      throw new HttpConnectionError('the answer does not match its x-amz-crc32', CRC_MISMATCH);
    }
    return { statusCode: answer.statusCode, body: answer.body, errorType: answer.headers['x-amzn-errortype'] };
  }
}

/**
 * The client as Lambda (or any AWS runtime) configures it through the environment: AWS_REGION
 * (or AWS_DEFAULT_REGION); AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN; and,
 * by the AWS convention for a local DynamoDB, AWS_ENDPOINT_URL_DYNAMODB (or AWS_ENDPOINT_URL).
 */
export function dynamoDbClientFromEnvironment(
  env: Readonly<Record<string, string | undefined>> = process.env,
  options: Partial<Omit<DynamoDbClientOptions, 'region' | 'endpoint' | 'credentials'>> = {},
): DynamoDbClient {
  return new DynamoDbClient({
    ...options,
    region: () => env.AWS_REGION || env.AWS_DEFAULT_REGION,
    endpoint: env.AWS_ENDPOINT_URL_DYNAMODB || env.AWS_ENDPOINT_URL || undefined,
    credentials: () => {
      const accessKeyId = env.AWS_ACCESS_KEY_ID;
      const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
      if (!accessKeyId || !secretAccessKey) {
        throw new Error('no AWS credentials in the environment: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set');
      }
      return { accessKeyId, secretAccessKey, ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}) };
    },
  });
}
