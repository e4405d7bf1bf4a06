/**
 * Assembles the folder `ask deploy` uploads (the SMAPI skill-package format):
 *   skill.json                         the repo's manifest with the chosen endpoint filled in
 *                                      (for requests and for skill events)
 *   interactionModels/custom/*.json    copied unchanged
 *   assets/…                           only the files skill.json references as file://assets/…
 * The repo keeps one manifest without a deployment-specific ARN; the endpoint is decided at build time.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type EndpointChoice, toManifestEndpoint } from './endpoint';
import { fileAssetReferences, validateSkillPackage } from './validateManifest';

export interface BuildSkillPackageOptions {
  /** Folder holding skill.json, interactionModels/ and assets/ (the repository root). */
  sourceRoot: string;
  /** Output folder; emptied first so a deleted locale cannot linger in the upload. */
  outDir: string;
  endpoint: EndpointChoice;
}

export interface BuiltSkillPackage {
  outDir: string;
  locales: string[];
  assets: string[];
  endpointUri: string | undefined;
}

export class SkillPackageError extends Error {
  override readonly name = 'SkillPackageError';
  constructor(readonly problems: string[]) {
    super(`The skill package is not ready to deploy:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

const MODELS_DIR = path.join('interactionModels', 'custom');
const ASSETS_DIR = 'assets';

function readJson(file: string, label: string, problems: string[]): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
  } catch (error) {
    problems.push(`${label}: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

function isInside(parent: string, child: string): boolean {
  const relative = path.relative(parent, child);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/** The manifest with the chosen endpoint for requests and for skill events (the same code handles both). */
function withEndpoint(skillJson: unknown, endpoint: EndpointChoice): unknown {
  const copy = structuredClone(skillJson) as { manifest?: { apis?: { custom?: Record<string, unknown> }; events?: Record<string, unknown> } };
  const custom = copy.manifest?.apis?.custom;
  const manifestEndpoint = toManifestEndpoint(endpoint);
  if (custom) {
    if (manifestEndpoint) custom.endpoint = manifestEndpoint;
    else delete custom.endpoint;
  }
  const events = copy.manifest?.events;
  if (copy.manifest && typeof events === 'object' && events !== null) {
    // The first deploy has no endpoint: events have nowhere to go, so they come with the second.
    if (manifestEndpoint) events.endpoint = { ...manifestEndpoint };
    else delete copy.manifest.events;
  }
  return copy;
}

export function buildSkillPackage(options: BuildSkillPackageOptions): BuiltSkillPackage {
  const sourceRoot = path.resolve(options.sourceRoot);
  const outDir = path.resolve(options.outDir);
  if (outDir === sourceRoot || isInside(outDir, sourceRoot)) {
    throw new Error(`The output folder ${outDir} would contain the sources; choose a folder such as build/skill-package.`);
  }
  // The output folder is emptied before writing: never empty a folder that is not an earlier package.
  if (fs.existsSync(outDir) && fs.readdirSync(outDir).length > 0 && !fs.existsSync(path.join(outDir, 'skill.json'))) {
    throw new Error(`Refusing to empty ${outDir}: it is not empty and holds no skill.json from an earlier build.`);
  }

  const problems: string[] = [];
  const skillJsonPath = path.join(sourceRoot, 'skill.json');
  if (!fs.existsSync(skillJsonPath)) throw new SkillPackageError([`skill.json: not found in ${sourceRoot}`]);
  const skillJson = readJson(skillJsonPath, 'skill.json', problems);

  const modelsDir = path.join(sourceRoot, MODELS_DIR);
  const modelFiles = fs.existsSync(modelsDir)
    ? fs.readdirSync(modelsDir).filter((file) => file.endsWith('.json')).sort()
    : [];
  const models = new Map<string, unknown>();
  for (const file of modelFiles) {
    const model = readJson(path.join(modelsDir, file), `${MODELS_DIR}/${file}`, problems);
    if (model !== undefined) models.set(path.basename(file, '.json'), model);
  }
  if (problems.length > 0) throw new SkillPackageError(problems);

  const manifest = withEndpoint(skillJson, options.endpoint);
  const assetsRoot = path.join(sourceRoot, ASSETS_DIR);
  const readAsset = (relativePath: string): Buffer | undefined => {
    const file = path.resolve(sourceRoot, relativePath);
    // Only files under assets/ may travel: a reference must not pull in anything else from the repo.
    if (!isInside(assetsRoot, file) || !fs.existsSync(file) || !fs.statSync(file).isFile()) return undefined;
    return fs.readFileSync(file);
  };
  const assets = fileAssetReferences(manifest);
  for (const asset of assets) {
    if (!readAsset(asset)) problems.push(`skill.json: file://${asset} must be an existing file under assets/`);
  }
  problems.push(
    ...validateSkillPackage({ manifest, models, readAsset }, { endpointRequired: options.endpoint.kind !== 'none' }),
  );
  // The icon checks and the reference check can report the same missing file; say it once.
  const unique = [...new Set(problems)];
  if (unique.length > 0) throw new SkillPackageError(unique);

  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(path.join(outDir, MODELS_DIR), { recursive: true });
  fs.writeFileSync(path.join(outDir, 'skill.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  for (const file of modelFiles) fs.copyFileSync(path.join(modelsDir, file), path.join(outDir, MODELS_DIR, file));
  for (const asset of assets) {
    const target = path.join(outDir, asset);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(path.join(sourceRoot, asset), target);
  }
  return {
    outDir,
    locales: [...models.keys()],
    assets,
    endpointUri: toManifestEndpoint(options.endpoint)?.uri,
  };
}
