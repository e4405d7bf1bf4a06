/**
 * Builds build/skill-package/ for `ask deploy`.
 *
 *   npx tsx tools/build-skill-package.ts --endpoint arn:aws:lambda:us-east-1:123456789012:function:…
 *   npx tsx tools/build-skill-package.ts --https https://skill.example.com/alexa [--ssl-certificate-type Wildcard]
 *   npx tsx tools/build-skill-package.ts --no-endpoint      (first deploy only: creates the skill)
 *
 * Environment instead of flags: SKILL_ENDPOINT (a Lambda ARN or an https URL) and SKILL_SSL_CERTIFICATE_TYPE.
 * Options: --out <dir> (default build/skill-package), --source <dir> (default the repository root).
 */
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { chooseEndpoint, type EndpointSources } from './skillPackage/endpoint';
import { buildSkillPackage, SkillPackageError } from './skillPackage/buildSkillPackage';

const repoRoot = path.resolve(__dirname, '..');

function endpointSources(
  values: { endpoint?: string | undefined; https?: string | undefined; 'ssl-certificate-type'?: string | undefined; 'no-endpoint'?: boolean | undefined },
  env: NodeJS.ProcessEnv,
): EndpointSources {
  const flagsGiven = values.endpoint !== undefined || values.https !== undefined || values['no-endpoint'] === true;
  if (flagsGiven) {
    return {
      endpoint: values.endpoint,
      https: values.https,
      sslCertificateType: values['ssl-certificate-type'],
      noEndpoint: values['no-endpoint'],
    };
  }
  // Flags win; the environment is for CI, where the ARN comes from the previous step's stack output.
  const fromEnv = env.SKILL_ENDPOINT;
  return {
    endpoint: fromEnv?.startsWith('arn:') ? fromEnv : undefined,
    https: fromEnv !== undefined && !fromEnv.startsWith('arn:') ? fromEnv : undefined,
    sslCertificateType: values['ssl-certificate-type'] ?? env.SKILL_SSL_CERTIFICATE_TYPE,
  };
}

function main(): void {
  const { values } = parseArgs({
    options: {
      endpoint: { type: 'string' },
      https: { type: 'string' },
      'ssl-certificate-type': { type: 'string' },
      'no-endpoint': { type: 'boolean' },
      out: { type: 'string' },
      source: { type: 'string' },
    },
    strict: true,
  });
  const endpoint = chooseEndpoint(endpointSources(values, process.env));
  const built = buildSkillPackage({
    sourceRoot: values.source ? path.resolve(values.source) : repoRoot,
    outDir: values.out ? path.resolve(values.out) : path.join(repoRoot, 'build', 'skill-package'),
    endpoint,
  });
  console.log(
    `Skill package ready in ${path.relative(process.cwd(), built.outDir) || '.'}: ` +
      `locales ${built.locales.join(', ')}; endpoint ${built.endpointUri ?? '(none: first deploy creates the skill)'}; ` +
      `${built.assets.length} asset(s).`,
  );
}

try {
  main();
} catch (error) {
  console.error(error instanceof SkillPackageError || error instanceof Error ? error.message : String(error));
  process.exit(1);
}
