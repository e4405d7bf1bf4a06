import { getRequestType, SkillBuilders, type RequestHandler } from 'ask-sdk-core';
import { type RequestEnvelope, type ResponseEnvelope } from 'ask-sdk-model';

/**
 * The yardstick: the smallest ASK SDK skill that answers a launch and any intent. It is built
 * (tools/build-lambda.ts `bundleLambda`) and run (Lambda-style handler, server/createServer.ts)
 * exactly like the real skill, so every difference measured is the real skill's own work.
 */
const launch: RequestHandler = {
  canHandle: (handlerInput) => getRequestType(handlerInput.requestEnvelope) === 'LaunchRequest',
  handle: (handlerInput) => handlerInput.responseBuilder.speak('Hello').reprompt('Hello').getResponse(),
};

const anyIntent: RequestHandler = {
  canHandle: (handlerInput) => getRequestType(handlerInput.requestEnvelope) === 'IntentRequest',
  handle: (handlerInput) => handlerInput.responseBuilder.speak('Hello').reprompt('Hello').getResponse(),
};

const skill = SkillBuilders.custom().addRequestHandlers(launch, anyIntent).create();

export async function handler(event: RequestEnvelope, context?: unknown): Promise<ResponseEnvelope> {
  return skill.invoke(event, context);
}
