import { createHash } from 'node:crypto';
import { type RequestEnvelope } from 'ask-sdk-model';

/**
 * The storage key for a person: a hash of their Alexa user id, so a leaked table or
 * log line does not carry the id itself. Same person, same key, in every store.
 */
export function personKey(envelope: RequestEnvelope): string {
  const userId = envelope.context?.System?.user?.userId ?? envelope.session?.user?.userId;
  if (typeof userId !== 'string' || userId === '') throw new Error('request has no user id to key storage by');
  return createHash('sha256').update(userId).digest('hex');
}
