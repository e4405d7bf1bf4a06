import i18next from 'i18next';
import en from '../content/en/speech.json';
import enGB from '../content/en-GB/speech.json';
import enAU from '../content/en-AU/speech.json';
import enIN from '../content/en-IN/speech.json';
import { type SupportedLocale } from './locale';
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

export function translatorFor(locale: SupportedLocale): Translate {
  const fixed = i18n().getFixedT(locale);
  return (key, values) => String(fixed(key, values ?? {}));
}

/** Whether a key exists for a locale, after fallback; used to check content completeness. */
export function hasWords(locale: SupportedLocale, key: string): boolean {
  return i18n().exists(key, { lng: locale });
}
