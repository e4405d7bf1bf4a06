/**
 * What the web service logs about one Alexa request: enough to follow traffic and failures,
 * nothing that identifies the person or repeats what they said. Only these named fields are
 * read from the envelope; user ids, session attributes and slot values are never touched.
 */
import { type LogFields, type LogLevel } from '../lambda/logger';

export interface RequestSummary {
  requestId?: string;
  requestType?: string;
  intent?: string;
  locale?: string;
}

/** Envelopes are untrusted until verified; a hostile one must not be able to bloat a log line. */
const MAX_FIELD_LENGTH = 120;

function shortString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value.slice(0, MAX_FIELD_LENGTH) : undefined;
}

/**
 * Reads the envelope as the web service parsed it, or else the raw body (as the text parser left
 * it, when the request was refused before it was parsed); anything unreadable yields an empty summary.
 */
export function summarizeRequest(envelopeOrRawBody: unknown): RequestSummary {
  let parsed: unknown = envelopeOrRawBody;
  if (typeof envelopeOrRawBody === 'string') {
    try {
      parsed = JSON.parse(envelopeOrRawBody);
    } catch {
      return {};
    }
  }
  const request = (parsed as { request?: unknown } | null)?.request;
  if (typeof request !== 'object' || request === null) return {};
  const fields = request as { requestId?: unknown; type?: unknown; locale?: unknown; intent?: { name?: unknown } };
  const summary: RequestSummary = {};
  const requestId = shortString(fields.requestId);
  const requestType = shortString(fields.type);
  const intent = shortString(fields.intent?.name);
  const locale = shortString(fields.locale);
  if (requestId) summary.requestId = requestId;
  if (requestType) summary.requestType = requestType;
  if (intent) summary.intent = intent;
  if (locale) summary.locale = locale;
  return summary;
}

export type RequestOutcome = 'answered' | 'rejected' | 'failed';

/** The adapter answers 400 for a request that failed verification and 500 when the skill threw. */
export function outcomeOf(status: number): { outcome: RequestOutcome; level: LogLevel } {
  if (status < 400) return { outcome: 'answered', level: 'info' };
  if (status < 500) return { outcome: 'rejected', level: 'warn' };
  return { outcome: 'failed', level: 'error' };
}

export function requestLogFields(summary: RequestSummary, status: number, latencyMs: number): LogFields {
  return { ...summary, latencyMs, status, outcome: outcomeOf(status).outcome };
}
