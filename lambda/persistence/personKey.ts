import { createHash } from 'node:crypto';
import { type RequestEnvelope } from 'ask-sdk-model';

const keys = new WeakMap<object, { userId: string; key: string }>();

/**
 * The storage key for a person: a hash of their Alexa user id, so a leaked table or
 * log line does not carry the id itself. Same person, same key, in every store.
 */
export function personKey(envelope: RequestEnvelope): string {
  const userId = envelope.context?.System?.user?.userId ?? envelope.session?.user?.userId;
  if (typeof userId !== 'string' || userId === '') throw new Error('request has no user id to key storage by');
  // A request reads and writes with the same key: hash it once.
  const known = keys.get(envelope);
  if (known?.userId === userId) return known.key;
  const key = createHash('sha256').update(userId).digest('hex');
  keys.set(envelope, { userId, key });
  return key;
}

