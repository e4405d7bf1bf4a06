import { applyPersonChanges, classifyRecord, personChanges } from '../../lambda/persistence/personStore';
import { type PersonState } from '../../lambda/personState';

const AT = { topic: 'treatment' as const, index: 1, part: 0, at: 10 };

describe('what changed', () => {
  test('nothing changed: no write', () => {
    expect(personChanges({ disclaimerHeard: true, position: AT, reminderTokens: ['a'] }, { disclaimerHeard: true, position: { ...AT }, reminderTokens: ['a'] })).toBeUndefined();
  });

  test('only the fields that changed, each set or removed', () => {
    expect(personChanges({ disclaimerHeard: true, position: AT, lastColdCompressEndsAt: 5 }, { disclaimerHeard: true, position: { ...AT, index: 2 } })).toEqual({
      set: { position: { ...AT, index: 2 } },
      remove: ['lastColdCompressEndsAt'],
      addTokens: [],
      deleteTokens: [],
    });
  });

  test('tokens as what was added and what was deleted, whatever the order', () => {
    expect(personChanges({ reminderTokens: ['a', 'b', 'c'] }, { reminderTokens: ['c', 'd', 'a'] })).toEqual({ set: {}, remove: [], addTokens: ['d'], deleteTokens: ['b'] });
    expect(personChanges({ reminderTokens: ['a'] }, {})).toEqual({ set: {}, remove: [], addTokens: [], deleteTokens: ['a'] });
  });

  test('tokens the store could not read as a set are written whole when they change, and left alone when not', () => {
    expect(personChanges({ reminderTokens: ['a'] }, { reminderTokens: ['a', 'b'] }, ['reminderTokens'])).toEqual({ set: { reminderTokens: ['a', 'b'] }, remove: [], addTokens: [], deleteTokens: [] });
    expect(personChanges({}, { disclaimerHeard: true }, ['reminderTokens', 'position'])).toEqual({ set: { disclaimerHeard: true }, remove: [], addTokens: [], deleteTokens: [] });
  });

  test('a value that would not read back is not written', () => {
    const junk = { position: { topic: 'nowhere', index: -1, at: 'x' } } as unknown as PersonState;
    expect(personChanges({}, junk)).toBeUndefined();
  });
});

describe('applying changes to a stored document', () => {
  test('keeps every field the change does not name, even ones this version cannot read', () => {
    const stored = { disclaimerHeard: true, position: 'garbled', futureField: { x: 1 }, reminderTokens: ['a', 'b'] };
    expect(applyPersonChanges(stored, { set: { lastColdCompressEndsAt: 9 }, remove: ['disclaimerHeard'], addTokens: ['c', 'a'], deleteTokens: ['b'] })).toEqual({
      position: 'garbled',
      futureField: { x: 1 },
      lastColdCompressEndsAt: 9,
      reminderTokens: ['a', 'c'],
    });
  });

  test('the last token deleted removes the field', () => {
    expect(applyPersonChanges({ reminderTokens: ['a'] }, { set: {}, remove: [], addTokens: [], deleteTokens: ['a'] })).toEqual({});
  });
});

describe('reading a stored record', () => {
  test.each([
    ['null', null],
    ['a string', 'hello'],
    ['a number', 7],
    ['a list', [1, 2]],
    ['every field of the wrong type', { disclaimerHeard: 'yes', position: 3, lastColdCompressEndsAt: 'soon', reminderTokens: 'abc' }],
  ])('%s is unreadable', (_what, raw) => {
    expect(classifyRecord(raw)).toMatchObject({ kind: 'unreadable', reason: expect.any(String) });
  });

  test('the reason carries nothing of the contents', () => {
    const outcome = classifyRecord({ disclaimerHeard: 'amzn1.ask.account.SECRET' });
    expect(JSON.stringify(outcome)).not.toContain('SECRET');
  });

  test('some fields readable: found, the others named', () => {
    expect(classifyRecord({ disclaimerHeard: true, position: 'x', reminderTokens: ['a', 3] })).toEqual({
      kind: 'found',
      person: { disclaimerHeard: true, reminderTokens: ['a'] },
      invalidFields: ['position', 'reminderTokens'],
    });
  });

  test('an empty record, or one with only fields of a newer version, is found and empty', () => {
    expect(classifyRecord({})).toEqual({ kind: 'found', person: {}, invalidFields: [] });
    expect(classifyRecord({ somethingNew: 1 })).toEqual({ kind: 'found', person: {}, invalidFields: [] });
  });
});
