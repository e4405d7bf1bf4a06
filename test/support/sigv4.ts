import { createHash, createHmac } from 'node:crypto';
import { type IncomingHttpHeaders } from 'node:http';

const sha256 = (data: string): string => createHash('sha256').update(data, 'utf8').digest('hex');
const hmac = (key: Buffer | string, data: string): Buffer => createHmac('sha256', key).update(data, 'utf8').digest();

export interface SignatureCheck {
  readonly accessKeyId: string;
  readonly region: string;
  readonly service: string;
  readonly signedHeaders: readonly string[];
  /** Whether the signature is the one the secret key makes for this request. */
  readonly valid: boolean;
}

/**
 * Checks an AWS Signature Version 4 the way the service does, written from AWS's description
 * of the algorithm (canonical request, string to sign, derived key), independently of the
 * `aws4` package the client signs with.
 */
export function checkSignature(method: string, path: string, headers: IncomingHttpHeaders, body: string, secretAccessKey: string): SignatureCheck {
  const authorization = String(headers.authorization ?? '');
  const match = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(authorization);
  if (!match) return { accessKeyId: '', region: '', service: '', signedHeaders: [], valid: false };
  const [, accessKeyId = '', date = '', region = '', service = '', signed = '', signature = ''] = match;
  const signedHeaders = signed.split(';');
  const canonicalHeaders = signedHeaders.map((name) => `${name}:${String(headers[name] ?? '').trim().replace(/\s+/g, ' ')}\n`).join('');
  const canonicalRequest = [method, path, '', canonicalHeaders, signed, sha256(body)].join('\n');
  const amzDate = String(headers['x-amz-date'] ?? '');
  const scope = `${date}/${region}/${service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonicalRequest)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${secretAccessKey}`, date), region), service), 'aws4_request');
  const expected = createHmac('sha256', key).update(stringToSign, 'utf8').digest('hex');
  return { accessKeyId, region, service, signedHeaders, valid: expected === signature && amzDate.startsWith(date) };
}
