import { type RequestEnvelope } from 'ask-sdk-model';

export const TEST_SKILL_ID = 'amzn1.ask.skill.00000000-1111-2222-3333-444444444444';

export interface EnvelopeOptions {
  userId?: string;
  requestId?: string;
  locale?: string;
  /** Defaults to now; the timestamp verifier compares it with the server's clock. */
  timestamp?: Date;
  intent?: { name: string; slots?: Record<string, { name: string; value?: string; confirmationStatus: 'NONE' }> };
}

/** A request envelope in the shape Alexa sends (LaunchRequest unless an intent is given). */
export function alexaRequest(options: EnvelopeOptions = {}): RequestEnvelope {
  const userId = options.userId ?? 'amzn1.ask.account.TESTUSER';
  const application = { applicationId: TEST_SKILL_ID };
  const base = {
    requestId: options.requestId ?? 'amzn1.echo-api.request.test-1',
    timestamp: (options.timestamp ?? new Date()).toISOString(),
    locale: options.locale ?? 'en-US',
  };
  const request = options.intent
    ? {
        ...base,
        type: 'IntentRequest' as const,
        dialogState: 'COMPLETED' as const,
        intent: { name: options.intent.name, confirmationStatus: 'NONE' as const, slots: options.intent.slots ?? {} },
      }
    : { ...base, type: 'LaunchRequest' as const };
  return {
    version: '1.0',
    session: { new: true, sessionId: `amzn1.echo-api.session.${base.requestId}`, application, user: { userId }, attributes: {} },
    context: {
      System: {
        application,
        user: { userId },
        device: { deviceId: 'amzn1.ask.device.TEST', supportedInterfaces: {} },
        // Nothing listens here: a handler that calls an Alexa API fails fast instead of reaching the internet.
        apiEndpoint: 'https://127.0.0.1:9',
        apiAccessToken: 'test-token',
      },
    },
    request,
  } as RequestEnvelope;
}
