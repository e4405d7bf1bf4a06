import i18next from 'i18next';
import { defaultPackSource, type LanguagePack, type PackSource } from './language/languagePack';
import { isSupportedLocale, languageOf, type SupportedLocale } from './locales';
import { timingValues } from './protocol';

/**
 * Words per language and locale, loaded one language at a time when a request first needs
 * it. A locale's words hold only what differs from its language; i18next falls back from
 * en-GB to en and never to another language: a missing sentence is a missing key.
 */
let packSource: PackSource = defaultPackSource();
const packs = new Map<string, LanguagePack>();

const instance = i18next.createInstance();
void instance.init({
  resources: {},
  // Within a language only: "es-MX" -> "es". Nothing falls back across languages.
  fallbackLng: (code: string | undefined) => (typeof code === 'string' && code.includes('-') ? [code.split('-')[0] ?? code] : []),
  initAsync: false,
  returnNull: false,
  returnEmptyString: true,
  // Speech is escaped for SSML in one place (speech.ts), so i18next must not HTML-escape.
  interpolation: { escapeValue: false, defaultVariables: timingValues() },
});

/** Where language packs come from (the Lambda bundle passes its own folder); clears what was loaded. */
export function useLanguagePacks(source: PackSource): void {
  packSource = source;
  packs.clear();
  translators.clear();
}

/** The pack of a language, loaded and registered with i18next the first time it is asked for. */
export function languagePack(language: string): LanguagePack {
  const known = packs.get(language);
  if (known) return known;
  const pack = packSource(language);
  for (const [code, words] of Object.entries(pack.speech)) {
    instance.addResourceBundle(code, 'translation', words, true, true);
  }
  packs.set(language, pack);
  return pack;
}

export type Translate = (key: string, values?: Record<string, string | number>) => string;

const translators = new Map<SupportedLocale, Translate>();

export function translatorFor(locale: SupportedLocale): Translate {
  const known = translators.get(locale);
  if (known) return known;
  languagePack(languageOf(locale));
  // i18next's t with the locale fixed, as getFixedT(locale) gives it, less the copy of every
  // i18next option that getFixedT's wrapper makes on each call: that copy was the largest
  // single cost of a warm request (bench/README.md).
  const lookUp = instance.t.bind(instance);
  const translate: Translate = (key, values) => String(lookUp(key, { ...values, lng: locale }));
  if (isSupportedLocale(locale)) translators.set(locale, translate);
  return translate;
}

/** Whether a locale has words for a key, after fallback within its language. */
export function hasWords(locale: SupportedLocale, key: string): boolean {
  languagePack(languageOf(locale));
  return instance.exists(key, { lng: locale });
}
