/**
 * Checks a skill package before upload. SMAPI rejects a bad package only after a minute of
 * upload and model build, and some mistakes (a locale with no model, a missing permission) it
 * accepts and leaves for certification or for a person who hears "I can't do that" — so the
 * rules that matter for this skill are checked here, offline, with the path of each problem.
 */
import { manifestEndpointProblems } from './endpoint';

/** What a package needs to be judged: the manifest, the models by locale, and a way to look at assets. */
export interface PackageContents {
  manifest: unknown;
  /** Parsed `interactionModels/custom/<locale>.json`, keyed by locale. */
  models: ReadonlyMap<string, unknown>;
  /** Reads an asset named relative to the package root (e.g. `assets/images/small.png`); undefined if absent. */
  readAsset: (relativePath: string) => Buffer | undefined;
}

export interface ValidationOptions {
  /** The first deploy creates the skill without an endpoint; every later one must have one. */
  endpointRequired: boolean;
}

/** The skill starts compress timers and sets reminders: without these it cannot do either. */
export const REQUIRED_PERMISSIONS = [
  'alexa::alerts:timers:skill:readwrite',
  'alexa::alerts:reminders:skill:readwrite',
] as const;

/** Disabling the skill deletes what it stored about the person, so it must hear of it. */
export const REQUIRED_EVENTS = ['SKILL_DISABLED'] as const;
/** The skill events a manifest can subscribe to (Use Skill Events, developer.amazon.com/docs/smapi/skill-events-in-alexa-skills.html). */
const SKILL_EVENTS = ['SKILL_ENABLED', 'SKILL_DISABLED', 'SKILL_PERMISSION_ACCEPTED', 'SKILL_PERMISSION_CHANGED', 'SKILL_ACCOUNT_LINKED'];

/**
 * "Alexa" as Amazon writes it at the start of example phrases in the scripts of its locales:
 * Latin, and in ja-JP, hi-IN and ar-SA the name in Japanese, Devanagari and Arabic letters
 * (hamza or none). Certification rejects a first example that does not start with it.
 */
export const ALEXA_NAMES = ['alexa', 'アレクサ', 'एलेक्सा', 'अलेक्सा', 'أليكسا', 'اليكسا'] as const;

const ICON_SIZES = { smallIconUri: 108, largeIconUri: 512 } as const;
const FILE_ASSET_PREFIX = 'file://';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

/** Every `file://…` reference anywhere in the manifest; these files must travel with the package. */
export function fileAssetReferences(manifest: unknown): string[] {
  const found = new Set<string>();
  const visit = (value: unknown): void => {
    if (typeof value === 'string' && value.startsWith(FILE_ASSET_PREFIX)) found.add(value.slice(FILE_ASSET_PREFIX.length));
    else if (Array.isArray(value)) value.forEach(visit);
    else if (isObject(value)) Object.values(value).forEach(visit);
  };
  visit(manifest);
  return [...found].sort();
}

/** Width and height from a PNG header, or undefined when the bytes are not a PNG. */
export function pngSize(bytes: Buffer): { width: number; height: number } | undefined {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (bytes.length < 24 || !bytes.subarray(0, 8).equals(signature) || bytes.toString('ascii', 12, 16) !== 'IHDR') {
    return undefined;
  }
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

function localeProblems(locale: string, info: unknown, contents: PackageContents): string[] {
  const where = `manifest.publishingInformation.locales.${locale}`;
  if (!isObject(info)) return [`${where}: must be an object`];
  const problems: string[] = [];
  const limits: Array<[string, number]> = [
    ['name', 50],
    ['summary', 160],
    ['description', 4000],
  ];
  for (const [field, max] of limits) {
    const value = info[field];
    if (!nonEmptyString(value)) problems.push(`${where}.${field}: missing`);
    else if (value.length > max) problems.push(`${where}.${field}: longer than ${max} characters`);
  }

  const phrases = info.examplePhrases;
  if (!Array.isArray(phrases) || phrases.length === 0 || phrases.length > 3 || !phrases.every(nonEmptyString)) {
    problems.push(`${where}.examplePhrases: must be 1 to 3 phrases`);
  } else {
    // Certification rejects a first example that does not wake Alexa and name the skill.
    const invocationName = invocationNameOf(contents.models.get(locale));
    const first = phrases[0] as string;
    if (!ALEXA_NAMES.some((name) => first.toLowerCase().startsWith(name))) {
      problems.push(`${where}.examplePhrases[0]: must start with "Alexa" (${ALEXA_NAMES.join(', ')})`);
    }
    if (invocationName && !first.toLowerCase().includes(invocationName)) {
      problems.push(`${where}.examplePhrases[0]: must contain the invocation name "${invocationName}"`);
    }
  }

  if (info.keywords !== undefined && (!Array.isArray(info.keywords) || info.keywords.length > 30)) {
    problems.push(`${where}.keywords: must be a list of at most 30 keywords`);
  }

  for (const [field, size] of Object.entries(ICON_SIZES)) {
    const uri = info[field];
    if (!nonEmptyString(uri)) {
      problems.push(`${where}.${field}: missing`);
    } else if (uri.startsWith(FILE_ASSET_PREFIX)) {
      const bytes = contents.readAsset(uri.slice(FILE_ASSET_PREFIX.length));
      const png = bytes && pngSize(bytes);
      if (!bytes) problems.push(`${where}.${field}: ${uri} does not exist`);
      else if (!png) problems.push(`${where}.${field}: ${uri} is not a PNG`);
      else if (png.width !== size || png.height !== size) {
        problems.push(`${where}.${field}: ${uri} is ${png.width}x${png.height}, must be ${size}x${size}`);
      }
    } else if (!uri.startsWith('https://')) {
      problems.push(`${where}.${field}: must be an https:// URL or file://assets/…`);
    }
  }
  return problems;
}

function invocationNameOf(model: unknown): string | undefined {
  if (!isObject(model) || !isObject(model.interactionModel)) return undefined;
  const languageModel = model.interactionModel.languageModel;
  if (!isObject(languageModel)) return undefined;
  return typeof languageModel.invocationName === 'string' ? languageModel.invocationName : undefined;
}

function modelProblems(locale: string, model: unknown): string[] {
  const where = `interactionModels/custom/${locale}.json`;
  const invocationName = invocationNameOf(model);
  if (invocationName === undefined) return [`${where}: interactionModel.languageModel.invocationName missing`];
  const problems: string[] = [];
  // Lowercase letters, spaces, apostrophes and periods (for initialisms) are all Alexa accepts;
  // a script without case (kana and kanji, Devanagari, Arabic) has only "lowercase" letters,
  // and the Japanese long-vowel mark (ー) is a letter. Capitals, digits and symbols are refused.
  if (!/^[\p{Ll}\p{Lo}\p{Lm}][\p{Ll}\p{Lo}\p{Lm}\p{M} '.]*$/u.test(invocationName)) {
    problems.push(`${where}: invocationName "${invocationName}" must be lowercase letters and spaces`);
  }
  const languageModel = (model as { interactionModel: { languageModel: Json } }).interactionModel.languageModel;
  if (!Array.isArray(languageModel.intents) || languageModel.intents.length === 0) {
    problems.push(`${where}: languageModel.intents must list the skill's intents`);
  }
  return problems;
}

function privacyProblems(manifest: Json): string[] {
  const privacy = manifest.privacyAndCompliance;
  if (!isObject(privacy)) return ['manifest.privacyAndCompliance: missing'];
  const problems: string[] = [];
  for (const flag of ['allowsPurchases', 'usesPersonalInfo', 'isChildDirected', 'isExportCompliant', 'containsAds']) {
    if (typeof privacy[flag] !== 'boolean') problems.push(`manifest.privacyAndCompliance.${flag}: must be true or false`);
  }
  return problems;
}

function permissionProblems(manifest: Json): string[] {
  const permissions = manifest.permissions;
  if (!Array.isArray(permissions)) return ['manifest.permissions: missing'];
  const names = new Set(permissions.map((p) => (isObject(p) ? p.name : undefined)));
  return REQUIRED_PERMISSIONS.filter((name) => !names.has(name)).map(
    (name) => `manifest.permissions: "${name}" missing`,
  );
}

function apiProblems(manifest: Json, options: ValidationOptions): string[] {
  const apis = manifest.apis;
  if (!isObject(apis) || !isObject(apis.custom)) return ['manifest.apis.custom: missing (this is a custom skill)'];
  const custom = apis.custom;
  const problems: string[] = [];
  if (custom.endpoint === undefined) {
    if (options.endpointRequired) problems.push('manifest.apis.custom.endpoint: missing');
  } else {
    problems.push(...manifestEndpointProblems(custom.endpoint, 'manifest.apis.custom.endpoint'));
  }
  if (custom.regions !== undefined) {
    if (!isObject(custom.regions)) problems.push('manifest.apis.custom.regions: must be an object');
    else {
      for (const [region, settings] of Object.entries(custom.regions)) {
        const where = `manifest.apis.custom.regions.${region}`;
        if (!['NA', 'EU', 'FE'].includes(region)) problems.push(`${where}: region must be NA, EU or FE`);
        problems.push(...manifestEndpointProblems(isObject(settings) ? settings.endpoint : undefined, `${where}.endpoint`));
      }
    }
  }
  if (custom.interfaces !== undefined && !Array.isArray(custom.interfaces)) {
    problems.push('manifest.apis.custom.interfaces: must be a list');
  }
  return problems;
}

/**
 * `manifest.events`: the subscriptions (SKILL_DISABLED at least) and where events go, which
 * must be the skill's own endpoint, as the same code handles both. The first deploy has no
 * endpoint yet, so its package carries no events.
 */
function eventProblems(manifest: Json, options: ValidationOptions): string[] {
  const events = manifest.events;
  if (events === undefined) {
    return options.endpointRequired ? ['manifest.events: missing (the skill must hear SKILL_DISABLED to delete what it stored)'] : [];
  }
  if (!isObject(events)) return ['manifest.events: must be an object'];
  const problems: string[] = [];
  const subscriptions = events.subscriptions;
  if (!Array.isArray(subscriptions)) {
    problems.push('manifest.events.subscriptions: must be a list of {"eventName": ...}');
  } else {
    const names = subscriptions.map((subscription) => (isObject(subscription) ? subscription.eventName : undefined));
    names.forEach((name, index) => {
      if (typeof name !== 'string' || !SKILL_EVENTS.includes(name)) {
        problems.push(`manifest.events.subscriptions[${index}].eventName: must be one of ${SKILL_EVENTS.join(', ')}`);
      }
    });
    for (const required of REQUIRED_EVENTS) {
      if (!names.includes(required)) problems.push(`manifest.events.subscriptions: "${required}" missing`);
    }
  }
  if (events.endpoint === undefined) {
    if (options.endpointRequired) problems.push('manifest.events.endpoint: missing');
  } else {
    problems.push(...manifestEndpointProblems(events.endpoint, 'manifest.events.endpoint'));
    const skillEndpoint = isObject(manifest.apis) && isObject(manifest.apis.custom) && isObject(manifest.apis.custom.endpoint) ? manifest.apis.custom.endpoint.uri : undefined;
    if (isObject(events.endpoint) && events.endpoint.uri !== skillEndpoint) {
      problems.push("manifest.events.endpoint.uri: must be the skill's own endpoint (apis.custom.endpoint.uri), which handles events");
    }
  }
  return problems;
}

/** All problems found, each prefixed with where it is; an empty list means the package may be uploaded. */
export function validateSkillPackage(contents: PackageContents, options: ValidationOptions): string[] {
  const root = contents.manifest;
  if (!isObject(root) || !isObject(root.manifest)) return ['skill.json: must be {"manifest": {…}}'];
  const manifest = root.manifest;
  const problems: string[] = [];
  if (manifest.manifestVersion !== '1.0') problems.push('manifest.manifestVersion: must be "1.0"');

  const publishing = manifest.publishingInformation;
  const locales = isObject(publishing) && isObject(publishing.locales) ? publishing.locales : undefined;
  if (!locales || Object.keys(locales).length === 0) {
    problems.push('manifest.publishingInformation.locales: must list at least one locale');
  } else {
    for (const [locale, info] of Object.entries(locales)) {
      if (!contents.models.has(locale)) problems.push(`interactionModels/custom/${locale}.json: missing for published locale ${locale}`);
      problems.push(...localeProblems(locale, info, contents));
    }
    for (const locale of contents.models.keys()) {
      if (!(locale in locales)) {
        problems.push(`manifest.publishingInformation.locales.${locale}: missing, but a model exists for it`);
      }
    }
  }
  if (isObject(publishing) && !nonEmptyString(publishing.category)) {
    problems.push('manifest.publishingInformation.category: missing');
  }
  for (const [locale, model] of contents.models) problems.push(...modelProblems(locale, model));

  problems.push(...privacyProblems(manifest), ...permissionProblems(manifest), ...apiProblems(manifest, options), ...eventProblems(manifest, options));
  return problems;
}
