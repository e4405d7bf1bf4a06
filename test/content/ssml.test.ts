import { check } from 'ssml-check-core';
import { translatorFor } from '../../lambda/i18n';
import { SUPPORTED_LOCALES, type SupportedLocale } from '../../lambda/locales';
import { escapeForSsml, numberMark, toSsml } from '../../lambda/speech';
import { speechText } from '../../tools/conversation';
import { BASE_LEAVES, CONTENT_FILES, realisticValues, translationCalls } from '../support/contentKeys';
import { entry, REGISTRY } from '../support/contentWords';

/**
 * Every sentence the skill can say, rendered the way the skill renders it
 * (translatorFor -> toSsml), must be SSML that Alexa accepts.
 */

async function ssmlProblems(ssml: string): Promise<string[]> {
  const errors = await check(ssml, { platform: 'amazon' });
  return (errors ?? []).map((error) => JSON.stringify(error));
}

/** The numbers of a locale as the skill marks them in a sentence. */
function numberValues(locale: string): Record<string, string> {
  const info = entry(locale);
  return {
    emergency: numberMark(info.emergency),
    crisis: info.crisis ? numberMark(info.crisis) : '',
    nonUrgent: info.nonUrgent ? numberMark(info.nonUrgent) : '',
  };
}

/** Marks that must never reach the person: i18next placeholders and the skill's own [[tel:...]] mark. */
const LEFTOVER_MARKUP = /\{\{|\}\}|\[\[|\]\]/;

test('the SSML check is not a no-op: it rejects a raw ampersand and an unknown tag', async () => {
  expect(await ssmlProblems('<speak>Salt & pepper</speak>')).not.toEqual([]);
  expect(await ssmlProblems('<speak>Hello <blink>there</blink></speak>')).not.toEqual([]);
  expect(await ssmlProblems(toSsml(['Salt and pepper']))).toEqual([]);
});

test('the realistic values cover every value name lambda/ passes to a sentence', () => {
  const passed = new Set(translationCalls().flatMap((call) => call.values));
  expect(passed.size).toBeGreaterThan(0);
  const supplied = [...Object.keys(realisticValues('en-US')), ...Object.keys(numberValues('en-US'))];
  expect([...passed].filter((name) => !supplied.includes(name))).toEqual([]);
});

describe.each(SUPPORTED_LOCALES)('%s: every content string as the skill speaks it', (locale) => {
  const t = translatorFor(locale as SupportedLocale);

  test('is valid Alexa SSML, with its numbers', async () => {
    const values = { ...realisticValues(locale), ...numberValues(locale) };
    const failures: string[] = [];
    for (const key of BASE_LEAVES.keys()) {
      const ssml = toSsml([t(key, values)]);
      const problems = await ssmlProblems(ssml);
      if (problems.length > 0) failures.push(`${key}: ${problems.join(', ')} in ${ssml}`);
      if (LEFTOVER_MARKUP.test(ssml)) failures.push(`${key}: unrendered markup in ${ssml}`);
    }
    expect(failures).toEqual([]);
  });

});

describe.each(Object.keys(REGISTRY.locales))('%s: every number of the locale', (locale) => {
  const info = entry(locale);
  const numbers = [info.emergency, info.crisis, info.nonUrgent].filter((number) => number !== null);
  test.each(numbers.map((number) => [number.display, number] as const))('%s is read digit by digit, or as the locale says it, never as a quantity', async (display, number) => {
    const ssml = toSsml([numberMark(number)]);
    expect(await ssmlProblems(ssml)).toEqual([]);
    expect(speechText(ssml).replace(/\s*-\s*/g, '-')).toBe(display);
    if (number.spoken) expect(ssml).toContain(`<sub alias="${number.spoken}">${display}</sub>`);
    else for (const group of display.split(/[ -]+/)) expect(ssml).toContain(`<say-as interpret-as="digits">${group}</say-as>`);
  });
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
    const t = translatorFor('en-US' as SupportedLocale);
    const sentence = t('redFlag.urgent', { ...realisticValues('en-US'), ...numberValues('en-US'), what: fixture });
    expect(sentence).toContain(fixture);
    const ssml = toSsml([sentence]);
    expect(await ssmlProblems(ssml)).toEqual([]);
    expect(speechText(ssml)).toContain(fixture);
  });
});
