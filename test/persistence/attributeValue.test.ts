/**
 * DynamoDB's typed JSON to and from plain values, and the storage key of a person: the shapes
 * DynamoDB documents, written out here, and what a damaged item must read as (undefined, never
 * a throw).
 */
import { type RequestEnvelope } from 'ask-sdk-model';
import { attributeType, fromAttributeValue, fromItem, stringSet, toAttributeValue } from '../../lambda/persistence/attributeValue';
import { personKey } from '../../lambda/persistence/personKey';

describe('toAttributeValue', () => {
  test('each plain value as DynamoDB types it', () => {
    expect(toAttributeValue('a')).toEqual({ S: 'a' });
    expect(toAttributeValue(false)).toEqual({ BOOL: false });
    expect(toAttributeValue(2.5)).toEqual({ N: '2.5' });
    expect(toAttributeValue(null)).toEqual({ NULL: true });
    expect(toAttributeValue(['a', 1])).toEqual({ L: [{ S: 'a' }, { N: '1' }] });
    expect(toAttributeValue({ topic: 'treatment', index: 2, gone: undefined, nested: { ok: true } })).toEqual({
      M: { topic: { S: 'treatment' }, index: { N: '2' }, nested: { M: { ok: { BOOL: true } } } },
    });
  });

  test('what DynamoDB cannot store is refused, not stored wrong', () => {
    expect(() => toAttributeValue(Number.NaN)).toThrow('DynamoDB cannot store a number that is not finite');
    expect(() => toAttributeValue(Number.POSITIVE_INFINITY)).toThrow(TypeError);
    expect(() => toAttributeValue(undefined)).toThrow('DynamoDB cannot store a undefined');
    expect(() => toAttributeValue(() => 1)).toThrow('DynamoDB cannot store a function');
  });

  test('a string set holds each string once and cannot be empty', () => {
    expect(stringSet(['b', 'a', 'b'])).toEqual({ SS: ['b', 'a'] });
    expect(() => stringSet([])).toThrow('a DynamoDB string set cannot be empty');
  });
});

describe('fromAttributeValue', () => {
  test('each DynamoDB type as a plain value', () => {
    expect(fromAttributeValue({ S: 'a' })).toBe('a');
    expect(fromAttributeValue({ N: '1.5' })).toBe(1.5);
    expect(fromAttributeValue({ BOOL: true })).toBe(true);
    expect(fromAttributeValue({ NULL: true })).toBeNull();
    expect(fromAttributeValue({ SS: ['x', 7, 'y'] })).toEqual(['x', 'y']);
    expect(fromAttributeValue({ NS: ['1', '2.5'] })).toEqual([1, 2.5]);
    expect(fromAttributeValue({ B: Buffer.from('hi').toString('base64') })).toEqual(Buffer.from('hi'));
    expect(fromAttributeValue({ BS: [Buffer.from('a').toString('base64'), Buffer.from('b').toString('base64')] })).toEqual([Buffer.from('a'), Buffer.from('b')]);
    expect(fromAttributeValue({ L: [{ S: 'a' }, { N: '1' }, { NULL: true }] })).toEqual(['a', 1, null]);
    expect(fromAttributeValue({ M: { a: { S: 'x' }, b: { L: [] } } })).toEqual({ a: 'x', b: [] });
  });

  test('what is not a DynamoDB value reads as undefined, never a throw', () => {
    for (const damaged of [null, undefined, 'S', 3, true, {}, { NULL: false }, { M: null }, { M: 'x' }, { L: 'x' }, { SS: 'x' }, { X: 'y' }]) {
      expect(fromAttributeValue(damaged)).toBeUndefined();
    }
    // Inside a list or a map, only the damaged part is lost.
    expect(fromAttributeValue({ L: [{ S: 'a' }, 'junk'] })).toEqual(['a', undefined]);
    expect(fromItem({ a: { S: 'x' }, b: { BOOL: 'no' } as never })).toEqual({ a: 'x', b: undefined });
  });

  test('plain values go there and back', () => {
    const person = { disclaimerHeard: true, position: { topic: 'treatment', index: 3 }, note: null, steps: ['a', 'b'] };
    expect(fromAttributeValue(toAttributeValue(person))).toEqual(person);
  });
});

describe('attributeType', () => {
  test('the one type key of a value, else undefined', () => {
    expect(attributeType({ SS: ['a'] })).toBe('SS');
    expect(attributeType({ M: {} })).toBe('M');
    for (const notOne of [null, undefined, 'SS', 1, {}, { S: 'a', N: '1' }]) expect(attributeType(notOne)).toBeUndefined();
  });
});

describe('personKey', () => {
  const envelope = (system?: string, session?: string): RequestEnvelope =>
    ({
      version: '1.0',
      context: { System: system === undefined ? {} : { user: { userId: system } } },
      ...(session === undefined ? {} : { session: { new: false, user: { userId: session } } }),
      request: { type: 'LaunchRequest', requestId: 'r', timestamp: '2026-11-27T10:00:00Z', locale: 'en-US' },
    }) as unknown as RequestEnvelope;

  // sha256("amzn1.ask.account.A"), worked out with sha256sum, not with the code under test.
  const KEY_A = 'e5ccf3593f5a4d712866de52f8e60cc40d4327279780db823daf419756c749a9';

  test('a hash of the user id, not the id, from the context or else the session', () => {
    const fromContext = personKey(envelope('amzn1.ask.account.A'));
    expect(fromContext).toMatch(/^[0-9a-f]{64}$/);
    expect(fromContext).not.toContain('amzn1');
    expect(personKey(envelope(undefined, 'amzn1.ask.account.A'))).toBe(fromContext);
    expect(personKey(envelope('amzn1.ask.account.B'))).not.toBe(fromContext);
    expect(fromContext).toBe(KEY_A);
  });

  test('the context wins over the session when both name a user', () => {
    expect(personKey(envelope('amzn1.ask.account.A', 'amzn1.ask.account.B'))).toBe(personKey(envelope('amzn1.ask.account.A')));
  });

  test('a request without a user id cannot be keyed', () => {
    for (const bad of [envelope(), envelope(''), envelope(undefined, ''), { request: {} } as unknown as RequestEnvelope]) {
      expect(() => personKey(bad)).toThrow('request has no user id to key storage by');
    }
  });

  test('a request asked again gives the same key, and a changed user id a new one', () => {
    const request = envelope('amzn1.ask.account.A');
    const first = personKey(request);
    expect(personKey(request)).toBe(first);
    (request.context.System.user as { userId: string }).userId = 'amzn1.ask.account.B';
    expect(personKey(request)).toBe(personKey(envelope('amzn1.ask.account.B')));
  });
});
