import { UtteranceMatcher, type LanguageWords } from '../../tools/nlu/matcher';
import { type InteractionModel } from '../../tools/nlu/interactionModel';

/**
 * The local matcher on a model written here, not the project's: how words are shared between
 * two slots that stand side by side. Alexa matches "{lead} {symptom}" when any sharing of the
 * words gives both slots a value of their kind, not only the sharing a lazy pattern finds first.
 */
const model: InteractionModel = {
  interactionModel: {
    languageModel: {
      invocationName: 'test skill',
      intents: [
        { name: 'SignIntent', slots: [{ name: 'lead', type: 'LEAD' }, { name: 'symptom', type: 'SIGN' }], samples: ['{lead} {symptom}'] },
        { name: 'PairIntent', slots: [{ name: 'first', type: 'SIGN' }, { name: 'second', type: 'SIGN' }], samples: ['{first} and {second} today'] },
      ],
      types: [
        { name: 'LEAD', values: [{ id: 'oh', name: { value: 'oh no', synonyms: ['oh'] } }, { id: 'help', name: { value: 'help me please' } }] },
        { name: 'SIGN', values: [{ id: 'numb', name: { value: 'numb legs', synonyms: ['my legs are numb'] } }, { id: 'fever', name: { value: 'fever' } }, { id: 'chills', name: { value: 'fever and chills' } }] },
      ],
    },
  },
};

const words: LanguageWords = { language: 'en', builtins: {}, minorWords: [], spoken: {} as LanguageWords['spoken'] };

function slotsOf(text: string): Record<string, string | undefined> | string {
  const match = new UtteranceMatcher(model, words).match(text, undefined, 'exact');
  if (match.how !== 'exact') return match.how;
  return Object.fromEntries(
    Object.entries(match.intent.slots ?? {}).map(([name, slot]) => [name, slot.resolutions?.resolutionsPerAuthority?.[0]?.values?.[0]?.value.id]),
  );
}

describe('two slots side by side', () => {
  test('a lead of one word, as the first sharing gives', () => {
    expect(slotsOf('oh fever')).toEqual({ lead: 'oh', symptom: 'fever' });
  });

  test('a lead of several words: a later sharing resolves both', () => {
    expect(slotsOf('help me please my legs are numb')).toEqual({ lead: 'help', symptom: 'numb' });
    expect(slotsOf('oh no numb legs')).toEqual({ lead: 'oh', symptom: 'numb' });
  });

  test('slots around a literal word, each of several words', () => {
    expect(slotsOf('my legs are numb and fever today')).toEqual({ first: 'numb', second: 'fever' });
    expect(slotsOf('fever and chills and fever today')).toEqual({ first: 'chills', second: 'fever' });
    expect(slotsOf('fever and fever and chills today')).toEqual({ first: 'fever', second: 'chills' });
  });

  test('no sharing that resolves both is no exact match', () => {
    expect(slotsOf('help me fever')).toBe('fallback');
    expect(slotsOf('oh no numb arms')).toBe('fallback');
  });
});
