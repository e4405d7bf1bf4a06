import { check } from 'ssml-check-core';
import { translatorFor } from '../../lambda/i18n';
import { SUPPORTED_LOCALES } from '../../lambda/locale';
import { protocol } from '../../lambda/protocol';
import { escapeForSsml, toSsml } from '../../lambda/speech';
import { speechText } from '../../tools/conversation';
import { BASE_LEAVES, CONTENT_FILES, realisticValues, translationCalls } from '../support/contentKeys';

/**
 * Every sentence the skill can say, rendered the way the skill renders it
 * (translatorFor -> toSsml), must be SSML that Alexa accepts.
 */

async function ssmlProblems(ssml: string): Promise<string[]> {
  const errors = await check(ssml, { platform: 'amazon' });
  return (errors ?? []).map((error) => JSON.stringify(error));
}

/** Marks that must never reach the person: i18next placeholders and the skill's own [[digits:...]] mark. */
const LEFTOVER_MARKUP = /\{\{|\}\}|\[\[|\]\]/;

test('the SSML check is not a no-op: it rejects a raw ampersand and an unknown tag', async () => {
  expect(await ssmlProblems('<speak>Salt & pepper</speak>')).not.toEqual([]);
  expect(await ssmlProblems('<speak>Hello <blink>there</blink></speak>')).not.toEqual([]);
  expect(await ssmlProblems(toSsml(['Salt and pepper']))).toEqual([]);
});

test('the realistic values cover every value name lambda/ passes to a sentence', () => {
  const passed = new Set(translationCalls().flatMap((call) => call.values));
  expect(passed.size).toBeGreaterThan(0);
  const supplied = Object.keys(realisticValues('en-US'));
  expect([...passed].filter((name) => !supplied.includes(name))).toEqual([]);
});

describe.each(SUPPORTED_LOCALES)('%s: every content string as the skill speaks it', (locale) => {
  const t = translatorFor(locale);

  test.each(['known', 'unknown'] as const)('is valid Alexa SSML with the emergency number %s', async (emergency) => {
    const values = realisticValues(locale, emergency);
    const failures: string[] = [];
    for (const key of BASE_LEAVES.keys()) {
      const ssml = toSsml([t(key, values)]);
      const problems = await ssmlProblems(ssml);
      if (problems.length > 0) failures.push(`${key}: ${problems.join(', ')} in ${ssml}`);
      if (LEFTOVER_MARKUP.test(ssml)) failures.push(`${key}: unrendered markup in ${ssml}`);
    }
    expect(failures).toEqual([]);
  });

  test('the emergency number, where the skill knows one, is read out digit by digit or in words', () => {
    const number = protocol.emergencyNumbers[locale];
    expect(number).toBeDefined();
    const ssml = toSsml([t('emergency.number', { number: number ?? '' })]);
    const saidAsDigits = ssml.includes(`<say-as interpret-as="digits">${number}</say-as>`);
    const saidInWords = !/\d/.test(speechText(ssml));
    expect(saidAsDigits || saidInWords).toBe(true);
  });
});

test('every emergency number in the protocol renders to valid SSML (devices outside our locales hear English words)', async () => {
  const t = translatorFor('en-US');
  for (const number of new Set(Object.values(protocol.emergencyNumbers))) {
    const ssml = toSsml([t('disclaimer', { emergencyNumber: t('emergency.number', { number }) })]);
    expect(await ssmlProblems(ssml)).toEqual([]);
    expect(speechText(ssml)).toContain(number);
  }
});

describe('content files hold plain words, never markup', () => {
  const leaves = CONTENT_FILES.flatMap(({ lng, leaves }) => leaves.map(([key, text]) => [`${lng}:${key}`, text] as const));

  test.each(leaves)('%s', (_where, text) => {
    expect(text).not.toMatch(/<\/?[A-Za-z][^>]*>/); // SSML belongs to speech.ts alone
    expect(text).not.toMatch(/&(amp|lt|gt|quot|apos|#\d+);/); // pre-escaped text would be escaped twice
    expect(text.split('{{').length).toBe(text.split('}}').length);
  });
});

describe('escaping', () => {
  const fixture = `Tom & Jerry's "tips" <for> 2 > 1 & 'more'`;

  test('escapeForSsml leaves no character that XML treats specially', () => {
    const escaped = escapeForSsml(fixture);
    expect(escaped).not.toMatch(/[<>"']|&(?!(amp|lt|gt|quot|apos);)/);
  });

  test('text with & < > " and apostrophes is valid SSML and is heard as written', async () => {
    const ssml = toSsml([fixture, fixture]);
    expect(await ssmlProblems(ssml)).toEqual([]);
    expect(speechText(ssml)).toBe(`${fixture} ${fixture}`);
  });

  test('an interpolated value with those characters is escaped too (i18next must not pre-escape it)', async () => {
    const t = translatorFor('en-US');
    const sentence = t('redFlag.urgent', { ...realisticValues('en-US'), what: fixture });
    expect(sentence).toContain(fixture);
    const ssml = toSsml([sentence]);
    expect(await ssmlProblems(ssml)).toEqual([]);
    expect(speechText(ssml)).toContain(fixture);
  });
});
