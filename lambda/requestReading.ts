import { getIntentName, getRequestType, getSlot, type HandlerInput } from 'ask-sdk-core';
import { type dialog, type Intent } from 'ask-sdk-model';

/** True for an IntentRequest naming one of these intents. */
export function isIntent(handlerInput: HandlerInput, ...names: string[]): boolean {
  const envelope = handlerInput.requestEnvelope;
  return getRequestType(envelope) === 'IntentRequest' && names.includes(getIntentName(envelope));
}

export function intentName(handlerInput: HandlerInput): string | undefined {
  const envelope = handlerInput.requestEnvelope;
  return getRequestType(envelope) === 'IntentRequest' ? getIntentName(envelope) : undefined;
}

/**
 * The id of the slot value Alexa resolved against our slot type (ER_SUCCESS_MATCH), so
 * handlers work with language-neutral ids ("coldCompress"), never with what was said.
 */
export function resolvedSlotId(handlerInput: HandlerInput, slotName: string): string | undefined {
  if (getRequestType(handlerInput.requestEnvelope) !== 'IntentRequest') return undefined;
  const slot = getSlot(handlerInput.requestEnvelope, slotName);
  const authorities = slot?.resolutions?.resolutionsPerAuthority ?? [];
  for (const authority of authorities) {
    if (authority.status?.code === 'ER_SUCCESS_MATCH') {
      const id = authority.values?.[0]?.value?.id;
      if (typeof id === 'string' && id !== '') return id;
    }
  }
  return undefined;
}

/** The raw value of a slot, for built-in slot types such as AMAZON.TIME. */
export function slotValue(handlerInput: HandlerInput, slotName: string): string | undefined {
  if (getRequestType(handlerInput.requestEnvelope) !== 'IntentRequest') return undefined;
  const value = getSlot(handlerInput.requestEnvelope, slotName)?.value;
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** Asks Alexa to collect one slot of the current intent; the answer comes back as the same intent. */
export function elicitSlot(handlerInput: HandlerInput, slotName: string): dialog.ElicitSlotDirective {
  const intent = (handlerInput.requestEnvelope.request as { intent?: Intent }).intent;
  return { type: 'Dialog.ElicitSlot', slotToElicit: slotName, ...(intent ? { updatedIntent: intent } : {}) };
}
