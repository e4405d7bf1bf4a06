/**
 * The rules of the sign reader (lambda/safety/signWords.ts), one by one, on small word lists
 * written here rather than the content files: a phrase, a prefix, a gap, a clause, a negation
 * cue before or after, a blocker, an interjection, an exception, a body part that is never
 * denied, a sign that needs one clause, a denial without a negation word, an unspaced script.
 * The conversation tests prove the real word lists in every locale; these prove the engine,
 * so that a broken rule fails here by name (STRYKER_FOCUS=signWords npx stryker run
 * stryker.focused.config.mjs).
 */
import { SignReader, type SignWordsData } from '../../lambda/safety/signWords';

const spaced: SignWordsData = {
  script: 'spaced',
  normalize: [
    ['\\bcant\\b', "can't"],
    ['\\bdont\\b', "don't"],
  ],
  clauseBreaks: ['but', 'and my'],
  interjections: { words: ['no', 'well'], followers: ['my', 'i'] },
  negations: {
    before: ['no', 'not', "don't", "can't", 'free of'],
    window: 2,
    blockers: ["don't know"],
    joiners: ['or', 'and'],
    denyPrefix: ['no', 'no trouble with'],
  },
  concepts: {
    legs: { phrases: ['legs', 'both legs'], negatable: false },
    numb: { phrases: ['numb*', "can't feel", 'pins and needles'] },
    weak: { phrases: ['weak'] },
    fever: { phrases: ['fever', 'temperature'] },
    fall: { phrases: ['fell', 'fall'], except: ['fell asleep'] },
    high: { phrases: ['ladder', 'stairs'] },
    pee: { phrases: ['wet myself', 'pee'] },
    unaware: { phrases: ['without noticing'] },
    bladder: { phrases: ['bladder'] },
    trouble: { phrases: ['trouble'] },
    fine: { phrases: ['fine', 'ok'] },
    lump: { phrases: ['lump'], negatable: false },
    star: { phrases: ['*'] },
  },
  signs: [
    { id: 'numb_legs', all: ['legs', 'numb'] },
    { id: 'weak_legs', all: ['legs', 'weak'] },
    { id: 'fever', all: ['fever'] },
    { id: 'serious_fall', all: ['fall', 'high'] },
    { id: 'bladder_bowel', all: ['pee', 'unaware'], sameClause: true },
    { id: 'bladder_bowel', all: ['bladder', 'trouble'], sameClause: true },
    { id: 'lump', all: ['lump'] },
    { id: 'star', all: ['star'] },
  ],
  denials: [
    { id: 'numb_legs', all: ['legs', 'fine'] },
    { id: 'bladder_bowel', all: ['bladder', 'fine'], sameClause: true },
  ],
};

const reader = new SignReader(spaced);
const read = (text: string): { present: readonly string[]; denied: readonly string[] } => reader.read(text);

describe('sign reader: words and phrases', () => {
  it('finds a sign only when every concept it needs is said', () => {
    expect(read('my legs are numb')).toEqual({ present: ['numb_legs'], denied: [] });
    expect(read('I feel numb')).toEqual({ present: [], denied: [] });
    expect(read('my legs hurt')).toEqual({ present: [], denied: [] });
  });

  it('reads nothing from nothing', () => {
    expect(read('')).toEqual({ present: [], denied: [] });
    expect(read('  ?! ')).toEqual({ present: [], denied: [] });
  });

  it('matches a word prefix ending in *, and only at the start of a word', () => {
    expect(read('numbness in my legs').present).toEqual(['numb_legs']);
    expect(read('legs went numbish').present).toEqual(['numb_legs']);
    expect(read('legs unnumb').present).toEqual([]);
  });

  it('matches a word without * whole, not as a prefix', () => {
    expect(read('my legs are weakening').present).toEqual([]);
    expect(read('my legs are weak').present).toEqual(['weak_legs']);
  });

  it('lets one extra word stand between the words of a phrase, not two', () => {
    expect(read("I can't really feel my legs").present).toEqual(['numb_legs']);
    expect(read("I can't really properly feel my legs").present).toEqual([]);
    expect(read('pins and needles in both legs').present).toEqual(['numb_legs']);
  });

  it('matches the words of a phrase in their order only', () => {
    expect(read("legs feel can't").present).toEqual([]);
  });

  it('never lets a lone * match every word', () => {
    expect(read('anything at all * here')).toEqual({ present: [], denied: [] });
  });

  it('lower-cases, joins curly apostrophes, applies the language spellings and drops punctuation', () => {
    expect(read('I CAN\u2019T FEEL MY LEGS!').present).toEqual(['numb_legs']);
    expect(read('i cant feel my legs').present).toEqual(['numb_legs']);
    expect(read('legs... numb?').present).toEqual(['numb_legs']);
    expect(reader.normalized("  'Legs,   NUMB'  ")).toBe('legs numb');
    expect(reader.normalized("my legs 'numb' now")).toBe('my legs numb now');
    expect(reader.normalized("the doctor's")).toBe("the doctor's");
    expect(reader.normalized('isn\u2019t it')).toBe("isn't it");
    expect(reader.normalized("''numb''")).toBe('numb');
    expect(reader.normalized("legs ' numb")).toBe('legs numb');
  });

  it('keeps * only when reading the word lists, not in what was said', () => {
    expect(reader.normalized('numb*')).toBe('numb');
    expect(reader.normalized('numb*', true)).toBe('numb*');
    // Marks and digits stay in a word list's phrases as in speech.
    expect(reader.normalized('दर्द* 24*', true)).toBe('दर्द* 24*');
  });

  it('voids an occurrence inside an exception ("fell asleep" is no fall)', () => {
    expect(read('I fell off a ladder').present).toEqual(['serious_fall']);
    expect(read('I fell asleep on the ladder').present).toEqual([]);
  });

  it('lists present signs in the order of the data, each once', () => {
    expect(read('fever and my legs are weak and numb').present).toEqual(['numb_legs', 'weak_legs', 'fever']);
    expect(read('fever fever temperature').present).toEqual(['fever']);
    // Two ways of saying one sign, both said: it is listed once.
    expect(read('bladder trouble and I wet myself without noticing').present).toEqual(['bladder_bowel']);
  });
});

describe('sign reader: negations', () => {
  it('denies a sign with a cue shortly before it', () => {
    expect(read('no fever')).toEqual({ present: [], denied: ['fever'] });
    expect(read('I have not got a fever')).toEqual({ present: [], denied: ['fever'] });
  });

  it('does not take a cue after the sign in a language that negates before', () => {
    expect(read('I have a fever not a cold')).toEqual({ present: ['fever'], denied: [] });
  });

  it('does not deny past the window', () => {
    // "not" then three words, then the sign: the window is two.
    expect(read('not that I know of fever')).toEqual({ present: ['fever'], denied: [] });
    expect(read('not really a fever')).toEqual({ present: [], denied: ['fever'] });
  });

  it('does not count list joiners or other signs\u2019 words against the window', () => {
    expect(read('no numbness or weakness in my legs').denied).toEqual(['numb_legs']);
    expect(read('no weak or numb legs')).toEqual({ present: [], denied: ['numb_legs', 'weak_legs'] });
    expect(read('no numb and weak and fever')).toEqual({ present: [], denied: ['fever'] });
    // Three joiners and three other signs between the cue and "fever": still within two words.
    expect(read('no numb or weak or pins and needles or fever').denied).toEqual(['fever']);
    expect(read('no numb weak numb fever').denied).toEqual(['fever']);
    // Words after another sign do count.
    expect(read('no numb at all today fever')).toEqual({ present: ['fever'], denied: [] });
  });

  it('never denies a phrase that carries its own negation, even across a list', () => {
    // "can't feel" holds the cue "can't": an earlier "no ... and" does not carry over it.
    expect(read("no fever and can't feel my legs")).toEqual({ present: ['numb_legs'], denied: ['fever'] });
    expect(read('no fever and numb legs')).toEqual({ present: [], denied: ['numb_legs', 'fever'] });
  });

  it('takes a cue of several words', () => {
    expect(read('I am free of fever').denied).toEqual(['fever']);
  });

  it('denies only within the clause of the cue', () => {
    expect(read('no fever but my legs are numb')).toEqual({ present: ['numb_legs'], denied: ['fever'] });
    expect(read('no and my fever')).toEqual({ present: ['fever'], denied: [] });
  });

  it('does not take a cue that is part of a sign\u2019s own phrase', () => {
    expect(read("I can't feel my legs")).toEqual({ present: ['numb_legs'], denied: [] });
    expect(read("I can't feel my legs and fever")).toEqual({ present: ['numb_legs', 'fever'], denied: [] });
  });

  it('does not take a cue inside a blocker', () => {
    expect(read("I don't know, a fever?")).toEqual({ present: ['fever'], denied: [] });
    expect(read("I don't have a fever").denied).toEqual(['fever']);
  });

  it('reads "no" before a new statement as an interjection, not a negation', () => {
    expect(read('no my legs are numb')).toEqual({ present: ['numb_legs'], denied: [] });
    expect(read('well I have a fever')).toEqual({ present: ['fever'], denied: [] });
    expect(read('no numb legs')).toEqual({ present: [], denied: ['numb_legs'] });
  });

  it('never denies a concept that is not negatable (a body part, a lump)', () => {
    expect(read('no lump')).toEqual({ present: ['lump'], denied: [] });
    // The legs are not denied, but the numbness is: the sign is denied.
    expect(read('legs not numb')).toEqual({ present: [], denied: ['numb_legs'] });
  });

  it('counts a sign present once affirmed anywhere, even if denied elsewhere', () => {
    expect(read('no fever but actually a fever')).toEqual({ present: ['fever'], denied: [] });
  });
});

describe('sign reader: clauses and denials', () => {
  it('needs a same-clause sign\u2019s concepts in one clause', () => {
    expect(read('I wet myself without noticing').present).toEqual(['bladder_bowel']);
    expect(read('I wet myself but without noticing the time').present).toEqual([]);
    expect(read('I wet myself but without noticing the time').denied).toEqual([]);
  });

  it('denies a same-clause sign whose concepts are denied', () => {
    expect(read('no trouble with my bladder').denied).toEqual(['bladder_bowel']);
    // One of its concepts denied, the other said out of the cue's reach: still a denial.
    expect(read("I don't pee at all ever without noticing")).toEqual({ present: [], denied: ['bladder_bowel'] });
  });

  it('takes a second way of saying the same sign', () => {
    expect(read('bladder trouble').present).toEqual(['bladder_bowel']);
  });

  it('reads a denial said without a negation word', () => {
    expect(read('my legs are fine')).toEqual({ present: [], denied: ['numb_legs'] });
    expect(read('bladder is ok')).toEqual({ present: [], denied: ['bladder_bowel'] });
  });

  it('does not read a same-clause denial across clauses, nor one whose words are negated', () => {
    expect(read('bladder but ok')).toEqual({ present: [], denied: [] });
    expect(read('legs not fine')).toEqual({ present: [], denied: [] });
  });

  it('never reports a sign both present and denied', () => {
    expect(read('my legs are fine but my legs are numb')).toEqual({ present: ['numb_legs'], denied: [] });
  });
});

describe('sign reader: words heard after a denial ("no {symptom}")', () => {
  it('reads them behind the first prefix that finds anything', () => {
    expect(reader.readDenied('fever')).toEqual({ present: [], denied: ['fever'] });
    expect(reader.readDenied('my bladder')).toEqual({ present: [], denied: ['bladder_bowel'] });
  });

  it('still finds a sign the words themselves affirm', () => {
    expect(reader.readDenied('fever but my legs are numb')).toEqual({ present: ['numb_legs'], denied: ['fever'] });
  });

  it('reads nothing from words that name no sign', () => {
    expect(reader.readDenied('banana pancakes')).toEqual({ present: [], denied: [] });
  });

  it('stops at the first prefix that finds anything, whatever later ones would find', () => {
    const two = new SignReader({ ...spaced, negations: { ...spaced.negations, denyPrefix: ['no', 'fever and'] } });
    expect(two.readDenied('weak legs')).toEqual({ present: [], denied: ['weak_legs'] });
    expect(two.readDenied('but my legs are numb')).toEqual({ present: ['numb_legs'], denied: [] });
    expect(two.readDenied('numb')).toEqual({ present: ['fever'], denied: [] });
  });

  it('reads nothing with no prefix at all', () => {
    const none = new SignReader({ ...spaced, negations: { ...spaced.negations, denyPrefix: [] } });
    expect(none.readDenied('fever')).toEqual({ present: [], denied: [] });
  });

  it('takes one prefix as well as a list', () => {
    const one = new SignReader({ ...spaced, negations: { ...spaced.negations, denyPrefix: 'no' } });
    expect(one.readDenied('fever').denied).toEqual(['fever']);
    expect(one.readDenied('my bladder').denied).toEqual([]);
  });
});

describe('sign reader: a language that negates after, without spaces', () => {
  const unspaced = new SignReader({
    script: 'unspaced',
    clauseBreaks: ['けど'],
    negations: { before: [], after: ['ない'], window: 3, denyPrefix: '' },
    concepts: {
      legs: { phrases: ['足'], negatable: false },
      numb: { phrases: ['しびれ'] },
      fever: { phrases: ['熱'] },
    },
    signs: [
      { id: 'numb_legs', all: ['legs', 'numb'] },
      { id: 'fever', all: ['fever'] },
    ],
  });

  it('finds a phrase inside unspaced text', () => {
    expect(unspaced.read('足がしびれる')).toEqual({ present: ['numb_legs'], denied: [] });
  });

  it('denies with a cue after the sign, within the window', () => {
    expect(unspaced.read('熱はない')).toEqual({ present: [], denied: ['fever'] });
    expect(unspaced.read('熱ない')).toEqual({ present: [], denied: ['fever'] });
    // Three letters between the sign and the cue: the window's edge.
    expect(unspaced.read('熱がもうない')).toEqual({ present: [], denied: ['fever'] });
    expect(unspaced.read('熱がもうずっとない')).toEqual({ present: ['fever'], denied: [] });
    expect(unspaced.read('だるくない熱がある')).toEqual({ present: ['fever'], denied: [] });
    expect(unspaced.read('熱があるかわからない')).toEqual({ present: ['fever'], denied: [] });
  });

  it('does not deny across a clause break', () => {
    expect(unspaced.read('熱はないけど足がしびれる')).toEqual({ present: ['numb_legs'], denied: ['fever'] });
    expect(unspaced.read('熱けどない')).toEqual({ present: ['fever'], denied: [] });
  });

  it('matches a phrase letter by letter, with nothing between', () => {
    expect(unspaced.read('足がしかびれる')).toEqual({ present: [], denied: [] });
  });

  it('ignores spaces the recogniser put in', () => {
    expect(unspaced.read('足 が し び れ る')).toEqual({ present: ['numb_legs'], denied: [] });
  });
});
