/**
 * The skill as an HTTPS web service (Alexa's "HTTPS endpoint" hosting option), as an express app.
 * Signature and timestamp verification are on unless a caller turns them off explicitly: without
 * them anyone on the internet could drive the skill and read or change a person's saved state.
 *
 * Alexa's checks are the ASK SDK's signature verifier (ask-sdk-express-adapter), behind a guard
 * that refuses certificate URLs with dot segments before anything is downloaded, and a timestamp
 * check that refuses requests dated too far in the future as well as too old. An error answer
 * never says more than its status: the reason goes to the log.
 */
import { createServer, type Server } from 'node:http';
import { performance } from 'node:perf_hooks';
import { type Skill } from 'ask-sdk-core';
import { type RequestEnvelope } from 'ask-sdk-model';
import { SkillRequestSignatureVerifier, type Verifier } from 'ask-sdk-express-adapter';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { describeError, jsonLogger, type Logger } from '../lambda/logger';
import { outcomeOf, requestLogFields, summarizeRequest } from './requestLog';
import { CertificateUrlGuard, RequestTimestampVerifier } from './verification';

export interface WebServiceOptions {
  skill: Skill;
  /** Check the Signature-256 / SignatureCertChainUrl headers (Amazon's certificate, body signature). */
  verifySignature?: boolean;
  /** Refuse requests whose timestamp is more than 150 s from now, either way (replays). */
  verifyTimestamp?: boolean;
  logger?: Logger;
}

/** Alexa posts to whatever path the manifest names; both the root and /alexa are served. */
export const SKILL_PATHS = ['/', '/alexa'] as const;

/** Alexa's requests are a few kilobytes; anything near this is not Alexa. */
export const MAX_BODY = '128kb';

/** What an error answer says: its status, nothing from inside. */
const ERROR_WORDS: Readonly<Record<number, string>> = {
  400: 'bad request',
  404: 'not found',
  408: 'request timeout',
  413: 'payload too large',
  415: 'unsupported media type',
  500: 'internal server error',
};

function sendError(res: Response, status: number): void {
  res.status(status).type('application/json').send(JSON.stringify({ error: ERROR_WORDS[status] ?? 'error' }));
}

/** One JSON line per skill request, written when the response has been sent. */
function logEachRequest(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const startedAt = performance.now();
    res.on('finish', () => {
      const latencyMs = Math.round((performance.now() - startedAt) * 10) / 10;
      // The envelope, once parsed; before that, the raw body the text parser put on req.body (if it got that far).
      const fields = requestLogFields(summarizeRequest(res.locals.envelope ?? req.body), res.statusCode, latencyMs);
      const reason = res.locals.refusal as string | undefined;
      logger.log(outcomeOf(res.statusCode).level, 'alexa request', reason ? { ...fields, reason } : fields);
    });
    next();
  };
}

export function createWebServiceApp(options: WebServiceOptions): Express {
  const { skill, verifySignature = true, verifyTimestamp = true } = options;
  const logger = options.logger ?? jsonLogger();
  // One verifier for both paths, so its cache of Amazon's signing certificate is shared.
  const verifiers: Verifier[] = [];
  if (verifySignature) verifiers.push(new CertificateUrlGuard(new SkillRequestSignatureVerifier()));
  if (verifyTimestamp) verifiers.push(new RequestTimestampVerifier());

  const answer = async (req: Request, res: Response): Promise<void> => {
    const body: unknown = req.body;
    if (typeof body !== 'string') {
      res.locals.refusal = 'no request body';
      sendError(res, 400);
      return;
    }
    try {
      await Promise.all(verifiers.map((verifier) => verifier.verify(body, req.headers)));
    } catch (error) {
      // The verifiers' words name what failed (a certificate URL's host, an expired chain); they
      // carry nothing of the person, and stay in the log.
      res.locals.refusal = describeError(error).errorMessage ?? 'verification failed';
      sendError(res, 400);
      return;
    }
    let envelope: RequestEnvelope;
    try {
      envelope = JSON.parse(body) as RequestEnvelope;
    } catch {
      res.locals.refusal = 'request body is not JSON';
      sendError(res, 400);
      return;
    }
    res.locals.envelope = envelope;
    try {
      res.json(await skill.invoke(envelope));
    } catch (error) {
      // A wrong skill id lands here too: it is refused without saying why.
      logger.log('error', 'skill invocation failed', describeError(error));
      sendError(res, 500);
    }
  };

  const app = express();
  app.disable('x-powered-by');
  // An answer to a POST is never revalidated: hashing each one for an ETag is wasted work.
  app.disable('etag');
  app.get('/health', (_req, res) => {
    res.status(200).json({ status: 'ok' });
  });
  const parse = express.text({ type: () => true, limit: MAX_BODY });
  for (const path of SKILL_PATHS) {
    app.post(path, logEachRequest(logger), parse, (req, res, next) => {
      answer(req, res).catch(next);
    });
  }
  app.use((_req: Request, res: Response) => sendError(res, 404));
  // Body too large (413), an encoding or charset it cannot read (415), a malformed body (400),
  // or anything else (500): the status alone, never the error's message or stack.
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const status = Number((error as { status?: unknown; statusCode?: unknown })?.status ?? (error as { statusCode?: unknown })?.statusCode);
    const known = status === 400 || status === 413 || status === 415 ? status : 500;
    res.locals.refusal = (error as { type?: unknown })?.type ?? describeError(error).errorName;
    if (known === 500) logger.log('error', 'web service error', describeError(error));
    sendError(res, known);
  });
  return app;
}

/** How long a client may take, and how many may be connected at once. */
export interface ServerLimits {
  /** Time to send the request's headers (slow-headers attacks). */
  readonly headersTimeoutMs: number;
  /** Time to send the whole request (a body dribbled in byte by byte). */
  readonly requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this; above a load balancer's idle timeout. */
  readonly keepAliveTimeoutMs: number;
  /** Connections beyond this are refused, so slow clients cannot take them all. */
  readonly maxConnections: number;
  /** How often Node checks the timeouts above. */
  readonly checkIntervalMs: number;
}

export const DEFAULT_LIMITS: ServerLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 15_000,
  keepAliveTimeoutMs: 65_000,
  maxConnections: 256,
  checkIntervalMs: 1000,
};

/** The HTTP server for the app, with the limits that hold a slow or greedy client off. */
export function createWebServer(app: Express, limits: ServerLimits = DEFAULT_LIMITS): Server {
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      connectionsCheckingInterval: limits.checkIntervalMs,
    },
    app,
  );
  server.maxConnections = limits.maxConnections;
  return server;
}
