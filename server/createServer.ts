/**
 * The skill as an HTTPS web service (Alexa's "HTTPS endpoint" hosting option), as an express app.
 * Signature and timestamp verification are on unless a caller turns them off explicitly: without
 * them anyone on the internet could drive the skill and read or change a person's saved state.
 */
import { performance } from 'node:perf_hooks';
import { type Skill } from 'ask-sdk-core';
import { ExpressAdapter } from 'ask-sdk-express-adapter';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { jsonLogger, type Logger } from '../lambda/logger';
import { outcomeOf, requestLogFields, summarizeRequest } from './requestLog';

export interface WebServiceOptions {
  skill: Skill;
  /** Check the Signature-256 / SignatureCertChainUrl headers (Amazon's certificate, body signature). */
  verifySignature?: boolean;
  /** Refuse requests whose timestamp is more than 150 s old (replays). */
  verifyTimestamp?: boolean;
  logger?: Logger;
}

/** Alexa posts to whatever path the manifest names; both the root and /alexa are served. */
export const SKILL_PATHS = ['/', '/alexa'] as const;

/** One JSON line per skill request, written when the response has been sent. */
function logEachRequest(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const startedAt = performance.now();
    res.on('finish', () => {
      const latencyMs = Math.round((performance.now() - startedAt) * 10) / 10;
      // By now the adapter's text parser has put the raw body on req.body (if it got that far).
      const fields = requestLogFields(summarizeRequest(req.body), res.statusCode, latencyMs);
      logger.log(outcomeOf(res.statusCode).level, 'alexa request', fields);
    });
    next();
  };
}

export function createWebServiceApp(options: WebServiceOptions): Express {
  const { skill, verifySignature = true, verifyTimestamp = true } = options;
  const logger = options.logger ?? jsonLogger();
  // One adapter for both paths, so its cache of Amazon's signing certificate is shared.
  const adapter = new ExpressAdapter(skill, verifySignature, verifyTimestamp);
  const skillHandlers = adapter.getRequestHandlers();

  const app = express();
  app.disable('x-powered-by');
  app.get('/health', (_req, res) => {
    res.status(200).json({ status: 'ok' });
  });
  for (const path of SKILL_PATHS) app.post(path, logEachRequest(logger), ...skillHandlers);
  return app;
}
