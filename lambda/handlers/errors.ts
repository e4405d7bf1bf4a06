import { getRequestType, type ErrorHandler, type HandlerInput } from 'ask-sdk-core';
import { type Response } from 'ask-sdk-model';
import { translatorFor } from '../i18n';
import { contentLocale } from '../locale';
import { describeError, type Logger } from '../logger';
import { findRequestContext, type RequestContext } from '../requestContext';
import { reply } from '../speech';

function contextIfReady(handlerInput: HandlerInput): RequestContext | undefined {
  try {
    return findRequestContext(handlerInput);
  } catch {
    return undefined;
  }
}

function requestTypeOf(handlerInput: HandlerInput): string {
  try {
    return getRequestType(handlerInput.requestEnvelope);
  } catch {
    return 'unreadable';
  }
}

/**
 * The one error handler: whatever failed (a handler, storage, an Alexa API, a request
 * we could not read), the person hears an apology and what they can say next. It
 * works even when the request context was never built.
 */
export function apologise(logger: Logger): ErrorHandler {
  return {
    canHandle: () => true,
    handle(handlerInput, error): Response {
      const requestType = requestTypeOf(handlerInput);
      logger.log('error', 'request failed', { requestType, ...describeError(error) });
      const context = contextIfReady(handlerInput);
      if (context) context.outcome = 'error';
      if (requestType === 'SessionEndedRequest') return handlerInput.responseBuilder.getResponse();
      const t = context?.t ?? translatorFor(contentLocale(handlerInput.requestEnvelope?.request?.locale));
      return reply(handlerInput, {
        parts: [t('error.general')],
        reprompt: [t('error.reprompt')],
        cardTitle: t('skillName'),
      });
    },
  };
}
