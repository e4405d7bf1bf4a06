import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { localeInfo, SUPPORTED_LOCALES, type SupportedLocale } from '../../lambda/locales';

const CONTENT_DIR = join(__dirname, '..', '..', 'content');

/**
 * The store listing of every locale, from content/<language>/listing.json and the fields a
 * locale overrides in content/<locale>/listing.json. '{{emergency}}' in the description is
 * the locale's emergency number as the registry gives it ("triple zero (000)" where it is
 * said in words). `npm run models` writes the result into skill.json.
 */
export interface Listing {
  readonly name: string;
  readonly summary: string;
  readonly description: string;
  readonly examplePhrases: readonly string[];
  readonly keywords: readonly string[];
}

export interface ManifestLocale extends Listing {
  readonly smallIconUri: string;
  readonly largeIconUri: string;
}

/** One icon for every locale: it carries no words. */
export const ICONS = { smallIconUri: 'file://assets/images/smallIconUri.png', largeIconUri: 'file://assets/images/largeIconUri.png' } as const;

const PRIVACY = {
  privacyPolicyUrl: 'https://example.com/back-spasm-helper/privacy',
  termsOfUseUrl: 'https://example.com/back-spasm-helper/terms',
} as const;

function listingFile(code: string): Partial<Listing> {
  const path = join(CONTENT_DIR, code, 'listing.json');
  if (!existsSync(path)) return {};
  const listing = JSON.parse(readFileSync(path, 'utf8')) as Partial<Listing> & { $comment?: string };
  delete listing.$comment;
  return listing;
}

export function listingOf(locale: SupportedLocale): ManifestLocale {
  const info = localeInfo(locale);
  if (!info) throw new Error(`no registry entry for ${locale}`);
  const merged = { ...listingFile(info.language), ...listingFile(locale) };
  for (const field of ['name', 'summary', 'description', 'examplePhrases', 'keywords'] as const) {
    if (merged[field] === undefined) throw new Error(`content/${info.language}/listing.json has no ${field}`);
  }
  const emergency = info.emergency.spoken ? `${info.emergency.spoken} (${info.emergency.display})` : info.emergency.display;
  const listing = merged as Listing;
  return { ...listing, description: listing.description.replace(/\{\{emergency\}\}/g, emergency), ...ICONS };
}

/** Countries the skill is offered in: the region of every locale it speaks. */
export function distributionCountries(): string[] {
  return [...new Set(SUPPORTED_LOCALES.map((locale) => locale.split('-')[1] ?? ''))].filter((country) => country !== '').sort();
}

interface Manifest {
  manifest: {
    publishingInformation: { locales: Record<string, unknown>; distributionCountries: string[]; [key: string]: unknown };
    privacyAndCompliance: { locales: Record<string, unknown>; [key: string]: unknown };
    [key: string]: unknown;
  };
}

/** skill.json with every supported locale's listing, countries and privacy links from content/. */
export function withListings(skill: Manifest): Manifest {
  const publishing = skill.manifest.publishingInformation;
  const privacy = skill.manifest.privacyAndCompliance;
  return {
    ...skill,
    manifest: {
      ...skill.manifest,
      publishingInformation: {
        ...publishing,
        locales: Object.fromEntries(SUPPORTED_LOCALES.map((locale) => [locale, listingOf(locale)])),
        distributionCountries: distributionCountries(),
      },
      privacyAndCompliance: { ...privacy, locales: Object.fromEntries(SUPPORTED_LOCALES.map((locale) => [locale, { ...PRIVACY }])) },
    },
  };
}

export const SKILL_JSON = join(CONTENT_DIR, '..', 'skill.json');

export function skillJsonText(): string {
  return `${JSON.stringify(withListings(JSON.parse(readFileSync(SKILL_JSON, 'utf8')) as Manifest), null, 2)}\n`;
}
