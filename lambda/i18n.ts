import i18next from 'i18next';
import en from '../content/en/speech.json';
import enGB from '../content/en-GB/speech.json';
import enAU from '../content/en-AU/speech.json';
import enIN from '../content/en-IN/speech.json';
import { isSupportedLocale, type SupportedLocale } from './locale';
import { timingValues } from './protocol';

/**
 * Words per language and locale. A locale file holds only what differs from its
 * language; i18next falls back en-GB -> en.
 */
export const RESOURCES: Readonly<Record<string, object>> = {
  en,
  'en-GB': enGB,
  'en-AU': enAU,
  'en-IN': enIN,
};

let instance: typeof i18next | undefined;

function i18n(): typeof i18next {
  if (instance) return instance;
  const created = i18next.createInstance();
  void created.init({
    resources: Object.fromEntries(Object.entries(RESOURCES).map(([lng, words]) => [lng, { translation: words }])),
    lng: 'en',
    fallbackLng: 'en',
    initAsync: false,
    returnNull: false,
    returnEmptyString: true,
    // Speech is escaped for SSML in one place (speech.ts), so i18next must not HTML-escape.
    interpolation: { escapeValue: false, defaultVariables: timingValues() },
  });
  instance = created;
  return created;
}

export type Translate = (key: string, values?: Record<string, string | number>) => string;

const translators = new Map<SupportedLocale, Translate>();

export function translatorFor(locale: SupportedLocale): Translate {
  const known = translators.get(locale);
  if (known) return known;
  // i18next's t with the locale fixed, as getFixedT(locale) gives it, less the copy of every
  // i18next option that getFixedT's wrapper makes on each call: that copy was the largest
  // single cost of a warm request (bench/README.md).
  const instance = i18n();
  const lookUp = instance.t.bind(instance);
  const translate: Translate = (key, values) => String(lookUp(key, { ...values, lng: locale }));
  if (isSupportedLocale(locale)) translators.set(locale, translate);
  return translate;
}

/** Whether a key exists for a locale, after fallback; used to check content completeness. */
export function hasWords(locale: SupportedLocale, key: string): boolean {
  return i18n().exists(key, { lng: locale });
}
