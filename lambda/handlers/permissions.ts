import { getRequestType, type RequestHandler } from 'ask-sdk-core';
import { permissionDeclinedSay } from '../alexaApi/failureReplies';
import { decodePurpose } from '../alexaApi/permissions';
import { isCompressKind } from '../compressTimers';
import { respond } from '../respond';
import { requestContext } from '../requestContext';
import { cancelCompressTimers, startCompressTimers } from './compressTimers';
import { menuSay } from './launch';
import { createColdReminder, scheduleCompressReminders } from './reminders';

interface ConnectionsResponse {
  readonly name?: string;
  readonly token?: string;
  readonly payload?: { readonly status?: string };
}

/**
 * Alexa's answer to the voice permission request. Accepted: do exactly what the
 * person asked for before Alexa asked (it travels in the token). Declined or not
 * answered: how to turn it on later, the permissions card, and the manual way.
 */
export const permissionAnswer: RequestHandler = {
  canHandle: (handlerInput) =>
    getRequestType(handlerInput.requestEnvelope) === 'Connections.Response' &&
    (handlerInput.requestEnvelope.request as ConnectionsResponse).name === 'AskFor',
  async handle(handlerInput) {
    const context = requestContext(handlerInput);
    const request = handlerInput.requestEnvelope.request as ConnectionsResponse;
    const purpose = decodePurpose(request.token);
    if (!purpose) return respond(handlerInput, menuSay(context));
    if (request.payload?.status !== 'ACCEPTED') return respond(handlerInput, permissionDeclinedSay(context, purpose));
    if (purpose.action === 'cancelTimers') return respond(handlerInput, await cancelCompressTimers(handlerInput, true));
    if (purpose.action === 'timer') {
      if (!isCompressKind(purpose.compress)) return respond(handlerInput, menuSay(context));
      return respond(handlerInput, await startCompressTimers(handlerInput, purpose.compress, { justGranted: true }));
    }
    if (purpose.action === 'reminders') return respond(handlerInput, await scheduleCompressReminders(handlerInput, purpose.bedtime, true));
    return respond(handlerInput, await createColdReminder(handlerInput, purpose.at, true));
  },
};
