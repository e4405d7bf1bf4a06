import { emergencyNumberFor } from './protocol';

/** The Alexa locales this skill has an interaction model and content for. */
export const SUPPORTED_LOCALES = ['en-US', 'en-GB', 'en-CA', 'en-AU', 'en-IN'] as const;
export type SupportedLocale = (typeof SUPPORTED_LOCALES)[number];
export const DEFAULT_LOCALE: SupportedLocale = 'en-US';

export function isSupportedLocale(locale: unknown): locale is SupportedLocale {
  return typeof locale === 'string' && (SUPPORTED_LOCALES as readonly string[]).includes(locale);
}

/** The locale whose words we speak: the request's own when we have it, else en-US. */
export function contentLocale(requestLocale: unknown): SupportedLocale {
  return isSupportedLocale(requestLocale) ? requestLocale : DEFAULT_LOCALE;
}

/**
 * The emergency number for where the person is. It follows the request's real locale,
 * not the content fallback: a fr-FR device reading our English words still needs 112.
 */
export function emergencyNumber(requestLocale: unknown): string | undefined {
  return typeof requestLocale === 'string' ? emergencyNumberFor(requestLocale) : undefined;
}
