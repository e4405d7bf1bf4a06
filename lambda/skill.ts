import { SkillBuilders, type PersistenceAdapter, type Skill } from 'ask-sdk-core';
import { type RequestEnvelope, type ResponseEnvelope, type services } from 'ask-sdk-model';
import { systemClock, type Clock } from './clock';
import { TimeoutApiClient } from './alexaApi/timeoutApiClient';
import { Deadline, runWithDeadline } from './deadline';
import { apologise, errorSay } from './handlers/errors';
import { REQUEST_HANDLERS } from './handlers/order';
import { isSilentRequest } from './handlers/skillEvents';
import { loadRequestContext, saveStateAndLog } from './interceptors';
import { touchAsIntent } from './screens/touch';
import { describeError, jsonLogger, type Logger } from './logger';
import { withStorageDeadline, type PersonStore } from './persistence/personStore';
import { personStoreOverAdapter, sdkPersistenceAdapter } from './persistence/sdkAdapters';
import { type SkillServices } from './requestContext';
import { toSsml } from './speech';

/**
 * What all outside calls of one request (storage, Alexa's APIs) may take together. With the
 * skill's own work and Lambda's, every answer leaves within about 6 s, inside Alexa's 8 s,
 * whatever hangs.
 */
export const OUTSIDE_CALLS_BUDGET_MS = 5000;

export interface SkillDeps {
  /** Where each person's state is kept, field by field: DynamoDB in production, files locally. */
  readonly personStore?: PersonStore;
  /**
   * Instead of personStore, an ASK SDK PersistenceAdapter (test doubles, older callers): each
   * update re-reads the record and saves it with the changed fields applied, which is not
   * atomic across devices. Give one or the other.
   */
  readonly persistenceAdapter?: PersistenceAdapter;
  readonly clock?: Clock;
  readonly logger?: Logger;
  /** How the skill reaches Alexa's service APIs (timers, reminders, settings). */
  readonly apiClient?: services.ApiClient;
  /** When set, requests for any other skill id are rejected. */
  readonly skillId?: string;
  /** How long an Alexa service API call may take before the skill answers without it. */
  readonly apiTimeoutMs?: number;
  /** How long one storage call may take (default 2500 ms); never past the request's deadline either way. */
  readonly storageTimeoutMs?: number;
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

function silentResponse(): ResponseEnvelope {
  return { version: '1.0', response: {} };
}

function apologyEnvelope(envelope: unknown): ResponseEnvelope {
  // Alexa accepts no speech in answer to a SessionEndedRequest, a skill event or an audio report.
  if ((envelope as { request?: { type?: unknown } } | null)?.request?.type === 'SessionEndedRequest' || isSilentRequest(envelope as RequestEnvelope)) {
    return silentResponse();
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
  if (!deps.personStore === !deps.persistenceAdapter) throw new Error('createSkill needs one of personStore and persistenceAdapter');
  const store = withStorageDeadline(deps.personStore ?? personStoreOverAdapter(deps.persistenceAdapter as PersistenceAdapter), deps.storageTimeoutMs);
  const services: SkillServices = {
    clock: deps.clock ?? systemClock,
    logger,
    apiTimeoutMs: deps.apiTimeoutMs ?? 3000,
  };
  const builder = SkillBuilders.custom()
    // The SDK's AttributesManager sees the same store: handlers may read and delete with it.
    .withPersistenceAdapter(sdkPersistenceAdapter(store))
    .withApiClient(new TimeoutApiClient(services.apiTimeoutMs, deps.apiClient))
    // A touch becomes the intent its words would reach, before anything reads the request.
    .addRequestInterceptors(touchAsIntent, loadRequestContext(services, store))
    .addRequestHandlers(...REQUEST_HANDLERS)
    .addResponseInterceptors(saveStateAndLog(store))
    .addErrorHandlers(apologise(logger))
    .withCustomUserAgent('back-spasm-helper');
  if (deps.skillId) builder.withSkillId(deps.skillId);
  const skill = builder.create();

  // The SDK reads the envelope before its error handlers can help, so a malformed
  // request would throw. Here it is answered with an apology instead; a request for
  // another skill id is still refused. Each request runs inside its own deadline, which
  // every storage and Alexa API call draws on.
  const sdkInvoke = skill.invoke.bind(skill);
  skill.invoke = async (envelope: RequestEnvelope, context?: unknown): Promise<ResponseEnvelope> => {
    if (!isReadableEnvelope(envelope)) {
      logger.log('warn', 'unreadable request envelope');
      return apologyEnvelope(envelope);
    }
    try {
      const response = await runWithDeadline(new Deadline(OUTSIDE_CALLS_BUDGET_MS), () => sdkInvoke(envelope, context));
      // Whatever a handler or the error handler built, a request that must not speak does not.
      return isSilentRequest(envelope) ? silentResponse() : response;
    } catch (error) {
      if (error instanceof Error && error.message.includes(SKILL_ID_MISMATCH)) throw error;
      logger.log('error', 'skill invocation failed', describeError(error));
      return apologyEnvelope(envelope);
    }
  };
  return skill;
}
