import { heardClockTime, heardDurationMinutes, heardPartOfDay, type HeardWords } from '../../lambda/heardTime';

/**
 * The reader's rules one at a time, with a small vocabulary written here (not a language's
 * content file), so each expected answer is a literal: digits, the hour's range, half and
 * quarter marks, morning / evening / night / noon / midnight, numbers said in parts,
 * durations, parts of the day, and a language written without spaces.
 */
const WORDS: HeardWords = {
  numbers: {
    zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
    thirteen: 13, fifteen: 15, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, ninety: 90, hundred: 100, a: 1, an: 1, half: 0.5, 'a half': 0.5, 'half an': 0.5, 'one and a half': 1.5, 'two and a half': 2.5,
  },
  units: { minute: 1, minutes: 1, hour: 60, hours: 60 },
  joiners: ['and'],
  fillers: ['at', 'until', 'for'],
  clockWords: ["o'clock"],
  morning: ['am', 'in the morning'],
  evening: ['pm', 'in the evening'],
  night: ['at night'],
  noon: ['noon'],
  midnight: ['midnight'],
  pastHalf: ['half past'],
  halfBefore: ['halb'],
  quarterPast: ['quarter past'],
  quarterTo: ['quarter to'],
  partsOfDay: { tonight: 'NI', 'this morning': 'MO' },
};

const clock = (text: string): ReturnType<typeof heardClockTime> => heardClockTime(text, WORDS, 'en');

describe('a clock time', () => {
  test.each<[string, ReturnType<typeof heardClockTime>]>([
    ['10:30', { hour: 10, minute: 30 }],
    ['10.30', { hour: 10, minute: 30 }],
    ['22h30', { hour: 22, minute: 30 }],
    ['7', { hour: 7, minute: 0 }],
    ['until 9:05 pm', { hour: 21, minute: 5 }],
    ['ten', { hour: 10, minute: 0 }],
    ["ten o'clock", { hour: 10, minute: 0 }],
    ['ten fifteen', { hour: 10, minute: 15 }],
    ['at ten forty five', { hour: 10, minute: 45 }],
    ['twenty one', { hour: 21, minute: 0 }],
    ['twenty and one', { hour: 21, minute: 0 }],
    ['twenty fifteen', { hour: 20, minute: 15 }],
    ['twenty zero', { hour: 20, minute: 0 }],
    ['twenty four', { hour: 0, minute: 0 }],
    ['zero', { hour: 0, minute: 0 }],
    ['ten am', { hour: 10, minute: 0, half: 'am' }],
    ['twelve am', { hour: 0, minute: 0, half: 'am' }],
    ['ten pm', { hour: 22, minute: 0 }],
    ['twelve pm', { hour: 12, minute: 0, half: 'pm' }],
    ['ten thirty in the evening', { hour: 22, minute: 30 }],
    ['thirteen pm', { hour: 13, minute: 0 }],
    ['ten at night', { hour: 22, minute: 0 }],
    ['five at night', { hour: 17, minute: 0 }],
    ['eleven at night', { hour: 23, minute: 0 }],
    ['four at night', { hour: 4, minute: 0, half: 'am' }],
    ['two at night', { hour: 2, minute: 0, half: 'am' }],
    ['twelve at night', { hour: 0, minute: 0, half: 'am' }],
    ['noon', { hour: 12, minute: 0, half: 'pm' }],
    ['twelve noon', { hour: 12, minute: 0, half: 'pm' }],
    ['midnight', { hour: 0, minute: 0, half: 'am' }],
    ['twelve midnight', { hour: 0, minute: 0, half: 'am' }],
    ['half past midnight', { hour: 0, minute: 30, half: 'am' }],
    ['half past noon', { hour: 12, minute: 30, half: 'pm' }],
    ['half past ten', { hour: 10, minute: 30 }],
    ['half past eleven at night', { hour: 23, minute: 30 }],
    ['quarter past ten pm', { hour: 22, minute: 15 }],
    ['quarter to twelve', { hour: 11, minute: 45 }],
    ['quarter to midnight', { hour: 23, minute: 45 }],
    ['halb eleven', { hour: 10, minute: 30 }],
    ['halb zero', { hour: 23, minute: 30 }],
    ['one and a half', { hour: 1, minute: 30 }],
    ['two and a half pm', { hour: 14, minute: 30 }],
    ['ten fifty nine', { hour: 10, minute: 59 }],
    ['ten thirty minutes', { hour: 10, minute: 30 }],
  ])('"%s" is %p', (said, want) => {
    expect(clock(said)).toEqual(want);
  });

  test.each([
    '',
    'ten minutes',
    'two hours',
    'ten banana',
    'ten thirty five seven',
    'ten sixty',
    'twenty five',
    'ninety',
    'one hundred',
    'half past ten fifty',
    'quarter past ten fifty',
    'at',
    'pm',
    'half',
    'ten and a half',
    'ten minutes thirty',
  ])('"%s" is not a clock time', (said) => {
    expect(clock(said)).toBeUndefined();
  });

  test('the hour and the minute are whole numbers in range, whatever the words add up to', () => {
    expect(clock('twenty four thirty')).toEqual({ hour: 0, minute: 30 });
    expect(clock('twenty four sixty')).toBeUndefined();
  });
});

describe('a duration', () => {
  const minutes = (text: string): number | undefined => heardDurationMinutes(text, WORDS, 'en');

  test.each<[string, number]>([
    ['two hours', 120],
    ['an hour', 60],
    ['hour', 60],
    ['ten minutes', 10],
    ['twenty five minutes', 25],
    ['an hour and a half', 90],
    ['an hour and half', 90],
    ['two hours and ten minutes', 130],
    ['for fifteen minutes', 15],
    ['half an hour', 30],
    ['two hours half past', 150],
  ])('"%s" is %d minutes', (said, want) => {
    expect(minutes(said)).toBe(want);
  });

  test.each(['', 'ten', 'zero minutes', 'ten ten minutes', 'ten minutes ten', 'half', 'half past', 'ten pm', 'noon', 'two banana hours'])(
    '"%s" is not a duration',
    (said) => {
      expect(minutes(said)).toBeUndefined();
    },
  );
});

describe('a part of the day said alone', () => {
  test.each<[string, string | undefined]>([
    ['tonight', 'NI'],
    ['Tonight!', 'NI'],
    ['this morning', 'MO'],
    ['  this   morning ', 'MO'],
    ['tonight at ten', undefined],
    ['ten pm', undefined],
    ['', undefined],
  ])('"%s" is %p', (said, want) => {
    expect(heardPartOfDay(said, WORDS, 'en')).toBe(want);
  });

  test('a language with no parts of the day has none', () => {
    expect(heardPartOfDay('tonight', { ...WORDS, partsOfDay: undefined }, 'en')).toBeUndefined();
  });
});

describe('a language written without spaces', () => {
  const UNSPACED: HeardWords = {
    numbers: { 一: 1, 二: 2, 十: 10, 十五: 15, 三十: 30 },
    units: { 分: 1, 時間: 60 },
    fillers: ['まで', 'に'],
    clockWords: ['時'],
    morning: ['午前'],
    evening: ['午後'],
    night: ['夜'],
    noon: ['正午'],
    midnight: ['深夜零時'],
    pastHalf: ['半'],
  };

  test.each<[string, ReturnType<typeof heardClockTime>]>([
    ['十時半', { hour: 10, minute: 30 }],
    ['夜十時', { hour: 22, minute: 0 }],
    ['午後十時三十分まで', { hour: 22, minute: 30 }],
    ['十 時', { hour: 10, minute: 0 }],
  ])('"%s" is %p', (said, want) => {
    expect(heardClockTime(said, UNSPACED, 'ja')).toEqual(want);
  });

  test('durations too, and a half after the unit is half of it', () => {
    expect(heardDurationMinutes('一時間半', UNSPACED, 'ja')).toBe(90);
    expect(heardDurationMinutes('十五分', UNSPACED, 'ja')).toBe(15);
    expect(heardDurationMinutes('二時間', UNSPACED, 'ja')).toBe(120);
    expect(heardDurationMinutes('半', UNSPACED, 'ja')).toBeUndefined();
  });

  test('the same words with spaces are read as a spaced language would not', () => {
    expect(heardClockTime('十時半', UNSPACED, 'en')).toBeUndefined();
  });
});
