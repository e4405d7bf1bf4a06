import { type RequestEnvelope } from 'ask-sdk-model';
import { envelope, launchRequest } from '../../tools/envelopes';

/** A request from a given user, as a store sees it (only the user id matters to it). */
export function requestFrom(userId: string, deviceId = 'amzn1.ask.device.test'): RequestEnvelope {
  return envelope(
    { skillId: 'amzn1.ask.skill.test', userId, deviceId, locale: 'en-US', apiEndpoint: 'http://127.0.0.1:1', apiAccessToken: 'token' },
    launchRequest('en-US', 0),
    undefined,
  );
}

/** A change with nothing in it, to spread one field into. */
export const NO_CHANGE = { set: {}, remove: [], addTokens: [], deleteTokens: [] } as const;
