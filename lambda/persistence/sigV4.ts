import { createHmac, createSecretKey, hash, type KeyObject } from 'node:crypto';

/**
 * AWS Signature Version 4 for the DynamoDB client's requests: a POST of a JSON body to a path
 * without a query string. Written from AWS's description of the algorithm (canonical request,
 * string to sign, derived signing key) and checked against AWS's published test-suite vectors.
 *
 * Why not the `aws4` package it replaced: on Node.js 24 (Lambda's runtime) `aws4.sign` took
 * 32–49 µs a request here, this 8 µs, in a loop of 50,000 DynamoDB requests; much of the difference is that
 * Node.js 24 makes an HMAC keyed by a Buffer several times slower than one keyed by a
 * KeyObject, and `aws4` keeps its derived keys as Buffers. Under the web-service load signing
 * had been about a fifth of the server's CPU.
 */

export interface SigningCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

export interface SignRequest {
  readonly method: string;
  /** Already URI-encoded, without a query string (DynamoDB's is always "/"). */
  readonly path: string;
  /** Host header as sent: host name, with the port when it is not the scheme's default. */
  readonly host: string;
  readonly region: string;
  readonly service: string;
  /** Headers to send and sign besides Host, X-Amz-Date and X-Amz-Security-Token. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

const ALGORITHM = 'AWS4-HMAC-SHA256';

const sha256Hex = (data: string): string => hash('sha256', data, 'hex');

/** The derived key changes once a day; one process signs for one secret, region and service. */
let lastKey: { readonly secret: string; readonly date: string; readonly region: string; readonly service: string; readonly key: KeyObject } | undefined;

function signingKey(secret: string, date: string, region: string, service: string): KeyObject {
  const last = lastKey;
  if (last && last.secret === secret && last.date === date && last.region === region && last.service === service) return last.key;
  const step = (k: string | Buffer, data: string): Buffer => createHmac('sha256', k).update(data, 'utf8').digest();
  const key = createSecretKey(step(step(step(step(`AWS4${secret}`, date), region), service), 'aws4_request'));
  lastKey = { secret, date, region, service, key };
  return key;
}

/** The second the last X-Amz-Date was made for, and that date: many requests share a second. */
let lastStamp = { second: Number.NaN, text: '' };

/** 20261127T095123Z */
export function amzDate(now: Date): string {
  const second = Math.floor(now.getTime() / 1000);
  if (second !== lastStamp.second) {
    lastStamp = { second, text: now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '') };
  }
  return lastStamp.text;
}

/** A header value in canonical form: trimmed, inner runs of white space as one space. */
function canonicalValue(value: string): string {
  return /\s/.test(value) ? value.trim().replace(/\s+/g, ' ') : value;
}

/**
 * The headers to send for the request: those given, with Host, X-Amz-Date, X-Amz-Security-Token
 * (with temporary credentials, as Lambda's are) and Authorization. Every header sent is signed.
 */
export function signRequest(request: SignRequest, credentials: SigningCredentials, now: Date = new Date()): Record<string, string> {
  const stamp = amzDate(now);
  const date = stamp.slice(0, 8);
  const headers: Record<string, string> = { ...request.headers, Host: request.host, 'X-Amz-Date': stamp };
  if (credentials.sessionToken) headers['X-Amz-Security-Token'] = credentials.sessionToken;
  // Sorted by lower-case name; the names are distinct, so no two compare equal.
  const sorted = Object.entries(headers)
    .map(([name, value]) => [name.toLowerCase(), value] as const)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  let canonicalHeaders = '';
  let signedHeaders = '';
  for (const [lower, value] of sorted) {
    canonicalHeaders += `${lower}:${canonicalValue(value)}\n`;
    signedHeaders += signedHeaders ? `;${lower}` : lower;
  }
  const canonicalRequest = `${request.method}\n${request.path}\n\n${canonicalHeaders}\n${signedHeaders}\n${sha256Hex(request.body)}`;
  const scope = `${date}/${request.region}/${request.service}/aws4_request`;
  const stringToSign = `${ALGORITHM}\n${stamp}\n${scope}\n${sha256Hex(canonicalRequest)}`;
  const signature = createHmac('sha256', signingKey(credentials.secretAccessKey, date, request.region, request.service))
    .update(stringToSign, 'utf8')
    .digest('hex');
  headers.Authorization = `${ALGORITHM} Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  return headers;
}
