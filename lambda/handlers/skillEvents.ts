import { type HandlerInput, type RequestHandler } from 'ask-sdk-core';
import { type RequestEnvelope } from 'ask-sdk-model';
import { describeError } from '../logger';
import { findRequestContext } from '../requestContext';

/** Request kinds Alexa accepts no speech for: skill events, audio player and playback reports, error reports. */
const SILENT_PREFIXES = ['AlexaSkillEvent.', 'AudioPlayer.', 'PlaybackController.'];
const SILENT_TYPES = new Set(['System.ExceptionEncountered']);

/** Whether a request must be answered without speech (and needs none of the person's state). */
export function isSilentRequest(envelope: RequestEnvelope | undefined): boolean {
  const type: unknown = envelope?.request?.type;
  return typeof type === 'string' && (SILENT_TYPES.has(type) || SILENT_PREFIXES.some((prefix) => type.startsWith(prefix)));
}

function typeOf(envelope: RequestEnvelope): string {
  return String((envelope.request as { type?: unknown } | undefined)?.type ?? '');
}

/**
 * Requests that must get no speech, before any handler that could speak. AlexaSkillEvent.SkillDisabled:
 * the person disabled the skill, so everything stored about them is deleted, whether or not Alexa
 * would keep their user id (body.userInformation.persistenceStatus); a failure is logged, not
 * answered, as nobody is listening. Every other skill event, audio player or playback report and
 * error Alexa reports gets an empty answer.
 */
export const skillEvents: RequestHandler = {
  canHandle: (handlerInput) => isSilentRequest(handlerInput.requestEnvelope),
  async handle(handlerInput) {
    if (typeOf(handlerInput.requestEnvelope) === 'AlexaSkillEvent.SkillDisabled') await forgetPerson(handlerInput);
    return handlerInput.responseBuilder.getResponse();
  },
};

async function forgetPerson(handlerInput: HandlerInput): Promise<void> {
  const context = findRequestContext(handlerInput);
  try {
    const manager = handlerInput.attributesManager;
    if (!manager.deletePersistentAttributes) throw new Error('this persistence adapter cannot delete');
    await manager.deletePersistentAttributes();
    if (context) {
      context.person = {};
      context.forgotten = true;
    }
  } catch (error) {
    context?.services.logger.log('error', 'deleting the record of a person who disabled the skill failed', describeError(error));
  }
}
