import { SkillBuilders, type PersistenceAdapter, type Skill } from 'ask-sdk-core';
import { type RequestEnvelope, type ResponseEnvelope, type services } from 'ask-sdk-model';
import { systemClock, type Clock } from './clock';
import { TimeoutApiClient } from './alexaApi/timeoutApiClient';
import { apologise, errorSay } from './handlers/errors';
import { REQUEST_HANDLERS } from './handlers/order';
import { loadRequestContext, saveStateAndLog } from './interceptors';
import { describeError, jsonLogger, type Logger } from './logger';
import { type SkillServices } from './requestContext';
import { toSsml } from './speech';

export interface SkillDeps {
  /** Where each person's state is kept: DynamoDB in production, a file locally. */
  readonly persistenceAdapter: PersistenceAdapter;
  readonly clock?: Clock;
  readonly logger?: Logger;
  /** How the skill reaches Alexa's service APIs (timers, reminders, settings). */
  readonly apiClient?: services.ApiClient;
  /** When set, requests for any other skill id are rejected. */
  readonly skillId?: string;
  /** How long an Alexa service API call may take before the skill answers without it. */
  readonly apiTimeoutMs?: number;
}

const SKILL_ID_MISMATCH = 'CustomSkill ID verification failed';

/** Whether an envelope has the parts the SDK reads before any of our code runs. */
function isReadableEnvelope(envelope: unknown): envelope is RequestEnvelope {
  const candidate = envelope as { request?: { type?: unknown }; context?: { System?: unknown } } | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.request?.type === 'string' &&
    typeof candidate.context?.System === 'object' &&
    candidate.context.System !== null
  );
}

function apologyEnvelope(envelope: unknown): ResponseEnvelope {
  // Alexa accepts no speech in answer to a SessionEndedRequest.
  if ((envelope as { request?: { type?: unknown } } | null)?.request?.type === 'SessionEndedRequest') {
    return { version: '1.0', response: {} };
  }
  const say = errorSay(undefined, (envelope as { request?: { locale?: unknown } } | null)?.request?.locale);
  return {
    version: '1.0',
    response: {
      outputSpeech: { type: 'SSML', ssml: toSsml(say.parts) },
      reprompt: { outputSpeech: { type: 'SSML', ssml: toSsml('reprompt' in say ? say.reprompt : []) } },
      shouldEndSession: false,
    },
  };
}

/**
 * The one place the skill is wired together. Entry points (Lambda, the terminal
 * conversation, the web-service host, tests) only choose the dependencies.
 */
export function createSkill(deps: SkillDeps): Skill {
  const logger = deps.logger ?? jsonLogger();
  const services: SkillServices = {
    clock: deps.clock ?? systemClock,
    logger,
    apiTimeoutMs: deps.apiTimeoutMs ?? 3000,
  };
  const builder = SkillBuilders.custom()
    .withPersistenceAdapter(deps.persistenceAdapter)
    .withApiClient(new TimeoutApiClient(services.apiTimeoutMs, deps.apiClient))
    .addRequestInterceptors(loadRequestContext(services))
    .addRequestHandlers(...REQUEST_HANDLERS)
    .addResponseInterceptors(saveStateAndLog())
    .addErrorHandlers(apologise(logger))
    .withCustomUserAgent('back-spasm-helper');
  if (deps.skillId) builder.withSkillId(deps.skillId);
  const skill = builder.create();

  // The SDK reads the envelope before its error handlers can help, so a malformed
  // request would throw. Here it is answered with an apology instead; a request for
  // another skill id is still refused.
  const sdkInvoke = skill.invoke.bind(skill);
  skill.invoke = async (envelope: RequestEnvelope, context?: unknown): Promise<ResponseEnvelope> => {
    if (!isReadableEnvelope(envelope)) {
      logger.log('warn', 'unreadable request envelope');
      return apologyEnvelope(envelope);
    }
    try {
      return await sdkInvoke(envelope, context);
    } catch (error) {
      if (error instanceof Error && error.message.includes(SKILL_ID_MISMATCH)) throw error;
      logger.log('error', 'skill invocation failed', describeError(error));
      return apologyEnvelope(envelope);
    }
  };
  return skill;
}
