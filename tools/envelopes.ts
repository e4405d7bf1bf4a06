import { randomUUID } from 'node:crypto';
import { type Intent, type Request, type RequestEnvelope } from 'ask-sdk-model';
import { isoInstant } from '../lambda/zonedTime';
import { deviceContext, type Device } from './devices';

/** Who and where a request comes from, as Alexa fills in an envelope's context. */
export interface Caller {
  readonly skillId: string;
  readonly userId: string;
  readonly deviceId: string;
  readonly locale: string;
  /** Where the skill reaches Alexa's service APIs; a loopback emulator locally. */
  readonly apiEndpoint: string;
  readonly apiAccessToken: string;
  /** Permissions the person granted, as Alexa reports them in the envelope. */
  readonly consentToken?: string;
  /** The device: a screen and its viewport, or none (default: a device without a screen). */
  readonly device?: Device;
}

export interface SessionInfo {
  readonly sessionId: string;
  readonly isNew: boolean;
  readonly attributes: Record<string, unknown>;
}


/** A request envelope in the shape Alexa sends (version 1.0). */
export function envelope(caller: Caller, request: Request, session: SessionInfo | undefined): RequestEnvelope {
  const application = { applicationId: caller.skillId };
  const user = {
    userId: caller.userId,
    ...(caller.consentToken ? { permissions: { consentToken: caller.consentToken } } : {}),
  };
  const device = deviceContext(caller.device);
  return {
    version: '1.0',
    ...(session
      ? { session: { new: session.isNew, sessionId: session.sessionId, application, attributes: session.attributes, user } }
      : {}),
    context: {
      System: {
        application,
        user,
        device: { deviceId: caller.deviceId, supportedInterfaces: device.supportedInterfaces },
        apiEndpoint: caller.apiEndpoint,
        apiAccessToken: caller.apiAccessToken,
      },
      ...(device.viewport ? { Viewport: device.viewport } : {}),
    },
    request,
  };
}

function common(locale: string, now: number): { requestId: string; timestamp: string; locale: string } {
  return { requestId: `amzn1.echo-api.request.${randomUUID()}`, timestamp: isoInstant(now), locale };
}

export function launchRequest(locale: string, now: number): Request {
  return { type: 'LaunchRequest', ...common(locale, now) };
}

export function intentRequest(
  locale: string,
  now: number,
  intent: Intent,
  dialogState?: 'STARTED' | 'IN_PROGRESS' | 'COMPLETED',
): Request {
  // Alexa sends dialogState only for intents with a dialog model in play.
  return { type: 'IntentRequest', ...common(locale, now), intent, ...(dialogState ? { dialogState } : {}) } as Request;
}

export function sessionEndedRequest(
  locale: string,
  now: number,
  reason: 'USER_INITIATED' | 'ERROR' | 'EXCEEDED_MAX_REPROMPTS',
): Request {
  return { type: 'SessionEndedRequest', ...common(locale, now), reason };
}

/** Alexa's answer to a Connections.SendRequest the skill sent (e.g. AskFor permission). */
export function connectionsResponse(
  locale: string,
  now: number,
  name: string,
  token: string,
  payload: Record<string, unknown>,
): Request {
  return {
    type: 'Connections.Response',
    ...common(locale, now),
    name,
    status: { code: '200', message: 'OK' },
    token,
    payload,
  } as Request;
}

/**
 * A request outside any session, as Alexa sends skill events (AlexaSkillEvent.SkillDisabled,
 * with body.userInformation.persistenceStatus) and audio player reports.
 */
export function eventRequest(type: string, now: number, fields: Record<string, unknown> = {}): Request {
  const { requestId, timestamp } = common('', now);
  return { type, requestId, timestamp, ...fields } as unknown as Request;
}

export function newSessionId(): string {
  return `amzn1.echo-api.session.${randomUUID()}`;
}

/** A touch on the skill's screen: the APL UserEvent its button sends. */
export function userEventRequest(locale: string, now: number, token: string, args: readonly unknown[]): Request {
  return {
    type: 'Alexa.Presentation.APL.UserEvent',
    ...common(locale, now),
    token,
    arguments: [...args],
    source: { type: 'TouchWrapper', handler: 'Press', id: '' },
    components: {},
  } as unknown as Request;
}
