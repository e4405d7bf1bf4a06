import { type RequestInterceptor } from 'ask-sdk-core';
import { type IntentRequest, type Slot } from 'ask-sdk-model';
import { COMPRESS_KINDS, type CompressKind } from '../protocol';

/**
 * A touch on the screen does exactly what saying it does: the APL UserEvent its button sends
 * (screens/document.json, lambda/screens/screen.ts) becomes the intent the words would have
 * reached, before any handler looks at the request, so the same handler answers. An event
 * this skill's screens never send is "not understood", like words no intent matches.
 */
const SPOKEN: Readonly<Record<string, string>> = {
  next: 'AMAZON.NextIntent',
  previous: 'AMAZON.PreviousIntent',
  repeat: 'AMAZON.RepeatIntent',
  startTimer: 'StartCompressTimerIntent',
};

function compressSlot(kind: CompressKind): Slot {
  return {
    name: 'compress',
    value: kind,
    confirmationStatus: 'NONE',
    resolutions: {
      resolutionsPerAuthority: [{ authority: 'amzn1.er-authority.echo-sdk.touch.COMPRESS', status: { code: 'ER_SUCCESS_MATCH' }, values: [{ value: { name: kind, id: kind } }] }],
    },
  };
}

/** The intent a touch stands for, or undefined when the event is not one of ours. */
export function intentForTouch(args: unknown): IntentRequest['intent'] {
  const [action, detail] = Array.isArray(args) ? (args as unknown[]) : [];
  const name = typeof action === 'string' && Object.hasOwn(SPOKEN, action) ? SPOKEN[action] : undefined;
  if (!name) return { name: 'AMAZON.FallbackIntent', confirmationStatus: 'NONE', slots: {} };
  if (action === 'startTimer') {
    const kind = COMPRESS_KINDS.find((compress) => compress === detail);
    if (!kind) return { name: 'AMAZON.FallbackIntent', confirmationStatus: 'NONE', slots: {} };
    return { name, confirmationStatus: 'NONE', slots: { compress: compressSlot(kind) } };
  }
  return { name, confirmationStatus: 'NONE', slots: {} };
}

export const touchAsIntent: RequestInterceptor = {
  process(handlerInput) {
    const envelope = handlerInput.requestEnvelope;
    const request = envelope.request as { type?: string; arguments?: unknown; requestId: string; timestamp: string; locale?: string };
    if (request?.type !== 'Alexa.Presentation.APL.UserEvent') return;
    const spoken: IntentRequest = {
      type: 'IntentRequest',
      requestId: request.requestId,
      timestamp: request.timestamp,
      ...(request.locale ? { locale: request.locale } : {}),
      dialogState: 'COMPLETED',
      intent: intentForTouch(request.arguments),
    };
    (envelope as { request: IntentRequest }).request = spoken;
  },
};
