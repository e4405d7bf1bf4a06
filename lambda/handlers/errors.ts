import { getRequestType, type ErrorHandler, type HandlerInput } from 'ask-sdk-core';
import { type Response } from 'ask-sdk-model';
import { translatorFor } from '../i18n';
import { contentLocale, numbersFor } from '../locales';
import { describeError, type Logger } from '../logger';
import { findRequestContext, type RequestContext } from '../requestContext';
import { type Say } from '../speech';
import { numberMark, reply } from '../speech';

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
 * The apology after an error, with a way forward and the safety line, in the request's
 * words when they could be bound, else in the locale's (or the default) words.
 */
export function errorSay(context: RequestContext | undefined, requestLocale: unknown): Say {
  let t: (key: string) => string;
  if (context) t = context.t;
  else {
    const translate = translatorFor(contentLocale(requestLocale));
    const emergency = numbersFor(requestLocale).emergency;
    const fill = { emergency: emergency ? numberMark(emergency) : translate('numbers.unknownEmergency') };
    t = (key) => translate(key, fill);
  }
  const line = t('safetyLine');
  return { parts: [t('error.general'), t('error.reprompt'), line], reprompt: [t('error.reprompt'), line], cardTitle: t('skillName') };
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
      return reply(handlerInput, errorSay(context, handlerInput.requestEnvelope?.request?.locale));
    },
  };
}
