/**
 * Checks on a request before the skill sees it, in front of and beside the ASK SDK's own
 * signature verifier (ask-sdk-express-adapter). Each throws a VerificationError whose message
 * is for the log only; the caller answers a bare 400.
 */
import { type IncomingHttpHeaders } from 'node:http';
import { getRequestType } from 'ask-sdk-core';
import { type RequestEnvelope } from 'ask-sdk-model';
import { type Verifier } from 'ask-sdk-express-adapter';

export class VerificationError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'VerificationError';
  }
}

/** Alexa's rule: a request more than 150 s from the server's clock is refused, either way. */
export const REQUEST_TOLERANCE_MS = 150_000;
/** Skill events (a skill disabled) may arrive up to an hour after they happened. */
export const SKILL_EVENT_TOLERANCE_MS = 60 * 60 * 1000;

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const found = Object.entries(headers).find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1];
  return Array.isArray(found) ? found[0] : found;
}

/**
 * A certificate URL whose path climbs out of /echo.api/ once normalised: ".." or "." segments,
 * written plainly, percent-encoded in any case (%2e%2e, %2E., .%2e) or with backslashes, which
 * URL parsers treat as slashes. The SDK checks only that the raw path starts with /echo.api/,
 * and the download would then fetch whatever the normalised path names.
 */
export function certificateUrlProblem(raw: string): string | undefined {
  const pathStart = raw.indexOf('/', raw.indexOf('//') + 2);
  const path = pathStart === -1 ? '' : raw.slice(pathStart).split(/[?#]/)[0] ?? '';
  if (path.includes('\\') || /%5c/i.test(path)) return 'certificate URL path has a backslash';
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return 'certificate URL path is not valid percent-encoding';
  }
  const segments = decoded.split(/[/\\]/);
  if (segments.some((segment) => segment === '.' || segment === '..')) return 'certificate URL path has dot segments';
  return undefined;
}

/** Refuses a certificate URL with dot segments before the SDK's verifier may fetch anything. */
export class CertificateUrlGuard implements Verifier {
  constructor(private readonly inner: Verifier) {}

  async verify(requestEnvelope: string, headers: IncomingHttpHeaders): Promise<void> {
    const url = headerValue(headers, 'SignatureCertChainUrl');
    const problem = url === undefined ? undefined : certificateUrlProblem(url);
    if (problem) throw new VerificationError(problem);
    await this.inner.verify(requestEnvelope, headers);
  }
}

/**
 * The request's timestamp must be within 150 s of now, in the past or the future (a request
 * dated ahead could be replayed for longer); skill events may be up to an hour old. A missing
 * or unreadable timestamp is refused.
 */
export class RequestTimestampVerifier implements Verifier {
  constructor(private readonly now: () => number = () => Date.now()) {}

  async verify(requestEnvelope: string): Promise<void> {
    let envelope: RequestEnvelope;
    try {
      envelope = JSON.parse(requestEnvelope) as RequestEnvelope;
    } catch {
      throw new VerificationError('request body is not JSON');
    }
    const stamp: unknown = envelope?.request?.timestamp;
    const at = typeof stamp === 'string' ? Date.parse(stamp) : Number.NaN;
    if (Number.isNaN(at)) throw new VerificationError('request timestamp missing or unreadable');
    const ageMs = this.now() - at;
    if (ageMs < -REQUEST_TOLERANCE_MS) throw new VerificationError('request timestamp is too far in the future');
    let type = '';
    try {
      type = getRequestType(envelope);
    } catch {
      // No request type: judged as an ordinary request.
    }
    const tolerance = type.startsWith('AlexaSkillEvent.') ? SKILL_EVENT_TOLERANCE_MS : REQUEST_TOLERANCE_MS;
    if (ageMs > tolerance) throw new VerificationError('request timestamp is too old');
  }
}
