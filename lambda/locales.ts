import registry from '../content/locales.json';

/**
 * The registry of Alexa locales (content/locales.json): the only place a locale is named.
 * Which words a request gets, the numbers it hears, how it says clock times, and which
 * models and store listings exist all come from here.
 */
export interface PhoneNumber {
  /** As a card shows it: "116 123". */
  readonly display: string;
  /** How people there say it, where that is not digit by digit: "triple zero". */
  readonly spoken?: string;
}

export interface LocaleInfo {
  readonly language: string;
  readonly invocationName?: string;
  readonly hourCycle: 'h12' | 'h23';
  readonly emergency: PhoneNumber;
  readonly crisis: PhoneNumber | null;
  readonly nonUrgent: PhoneNumber | null;
}

interface Registry {
  readonly defaultLocale: string;
  readonly languages: Readonly<Record<string, { readonly name: string }>>;
  readonly locales: Readonly<Record<string, LocaleInfo>>;
}

const REGISTRY = registry as unknown as Registry;

/** Every Alexa locale the registry knows, whether or not its language is written yet. */
export const KNOWN_LOCALES: readonly string[] = Object.keys(REGISTRY.locales);

/** A locale whose language has words: requests in it are answered in its own language. */
export type SupportedLocale = string & { readonly __supported: true };

function hasLanguage(info: LocaleInfo): boolean {
  return Object.hasOwn(REGISTRY.languages, info.language);
}

export const SUPPORTED_LOCALES: readonly SupportedLocale[] = KNOWN_LOCALES.filter((code) =>
  hasLanguage(REGISTRY.locales[code] as LocaleInfo),
) as SupportedLocale[];

export const LANGUAGES: readonly string[] = Object.keys(REGISTRY.languages);

export const DEFAULT_LOCALE = REGISTRY.defaultLocale as SupportedLocale;

/** The registry entry of a locale, own keys only (a request locale of "toString" finds nothing). */
export function localeInfo(locale: unknown): LocaleInfo | undefined {
  return typeof locale === 'string' && Object.hasOwn(REGISTRY.locales, locale) ? REGISTRY.locales[locale] : undefined;
}

export function isSupportedLocale(locale: unknown): locale is SupportedLocale {
  const info = localeInfo(locale);
  return info !== undefined && hasLanguage(info);
}

/** The locale whose words we speak: the request's own when we have them, else the default. */
export function contentLocale(requestLocale: unknown): SupportedLocale {
  return isSupportedLocale(requestLocale) ? requestLocale : DEFAULT_LOCALE;
}

export function languageOf(locale: SupportedLocale): string {
  return (localeInfo(locale) as LocaleInfo).language;
}

/** Supported locales of one language, the language's own words first in the fallback chain. */
export function localesOf(language: string): SupportedLocale[] {
  return SUPPORTED_LOCALES.filter((locale) => languageOf(locale) === language);
}

/**
 * The numbers a person hears. They follow the request's real locale, not the words'
 * fallback: a device in a locale without words of its own still needs its own number.
 */
export interface LocaleNumbers {
  readonly emergency: PhoneNumber | undefined;
  readonly crisis: PhoneNumber | undefined;
  readonly nonUrgent: PhoneNumber | undefined;
}

export function numbersFor(requestLocale: unknown): LocaleNumbers {
  const info = localeInfo(requestLocale);
  return { emergency: info?.emergency, crisis: info?.crisis ?? undefined, nonUrgent: info?.nonUrgent ?? undefined };
}

/** How the locale says clock times: 12-hour with AM/PM, or 24-hour. */
export function hourCycleOf(locale: SupportedLocale): 'h12' | 'h23' {
  return (localeInfo(locale) as LocaleInfo).hourCycle;
}
