/**
 * Where Alexa sends the skill's requests: the CDK stack's Lambda, or an HTTPS web service.
 * Parsed from the command line or environment and checked here, because SMAPI only reports a bad
 * endpoint after a slow upload, and a wrong region only shows up as a skill that never answers.
 */

export const SSL_CERTIFICATE_TYPES = ['Trusted', 'Wildcard', 'SelfSigned'] as const;
export type SslCertificateType = (typeof SSL_CERTIFICATE_TYPES)[number];

/** The endpoint object as skill.json spells it (`apis.custom.endpoint`). */
export type ManifestEndpoint = { uri: string } | { uri: string; sslCertificateType: SslCertificateType };

export type EndpointChoice =
  | { kind: 'lambda'; arn: string }
  | { kind: 'https'; url: string; sslCertificateType: SslCertificateType }
  /** Only for the very first `ask deploy`, which creates the skill so its id exists for the Lambda trigger. */
  | { kind: 'none' };

/** Alexa calls Lambda functions only in these regions (NA, EU, FE). */
const LAMBDA_ARN_PATTERN =
  /^arn:aws:lambda:(us-east-1|eu-west-1|us-west-2):\d{12}:function:[A-Za-z0-9_-]{1,64}(:[A-Za-z0-9$_-]{1,128})?$/;

export function lambdaArnProblem(arn: string): string | undefined {
  if (LAMBDA_ARN_PATTERN.test(arn)) return undefined;
  return (
    `"${arn}" is not a Lambda function ARN in an Alexa region ` +
    '(arn:aws:lambda:{us-east-1|eu-west-1|us-west-2}:<account>:function:<name>[:alias])'
  );
}

export function httpsUrlProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `"${value}" is not a URL`;
  }
  if (url.protocol !== 'https:') return `"${value}" must use https: Alexa only calls HTTPS endpoints`;
  if (url.port !== '' && url.port !== '443') return `"${value}" must be on port 443: Alexa only calls port 443`;
  if (url.username !== '' || url.password !== '') return `"${value}" must not carry credentials`;
  return undefined;
}

export function isSslCertificateType(value: string): value is SslCertificateType {
  return (SSL_CERTIFICATE_TYPES as readonly string[]).includes(value);
}

export function toManifestEndpoint(choice: EndpointChoice): ManifestEndpoint | undefined {
  switch (choice.kind) {
    case 'lambda':
      return { uri: choice.arn };
    case 'https':
      return { uri: choice.url, sslCertificateType: choice.sslCertificateType };
    case 'none':
      return undefined;
  }
}

/** Problems with an endpoint object as found in a manifest (default or regional). */
export function manifestEndpointProblems(endpoint: unknown, where: string): string[] {
  if (typeof endpoint !== 'object' || endpoint === null) return [`${where}: must be an object with a uri`];
  const { uri, sslCertificateType } = endpoint as Record<string, unknown>;
  if (typeof uri !== 'string' || uri === '') return [`${where}.uri: missing`];
  if (uri.startsWith('arn:')) {
    const problems = [lambdaArnProblem(uri)].filter((p): p is string => p !== undefined);
    if (sslCertificateType !== undefined) problems.push(`${where}.sslCertificateType: only for HTTPS endpoints, not Lambda`);
    return problems.map((p) => (p.startsWith(where) ? p : `${where}.uri: ${p}`));
  }
  const problems: string[] = [];
  const urlProblem = httpsUrlProblem(uri);
  if (urlProblem) problems.push(`${where}.uri: ${urlProblem}`);
  if (typeof sslCertificateType !== 'string' || !isSslCertificateType(sslCertificateType)) {
    problems.push(`${where}.sslCertificateType: must be one of ${SSL_CERTIFICATE_TYPES.join(', ')} for an HTTPS endpoint`);
  }
  return problems;
}

export interface EndpointSources {
  endpoint?: string | undefined;
  https?: string | undefined;
  sslCertificateType?: string | undefined;
  noEndpoint?: boolean | undefined;
}

/**
 * Exactly one of: a Lambda ARN, an HTTPS URL, or an explicit "no endpoint yet".
 * Refusing to guess keeps a forgotten flag from uploading a manifest that points nowhere.
 */
export function chooseEndpoint(sources: EndpointSources): EndpointChoice {
  const given = [sources.endpoint, sources.https, sources.noEndpoint ? 'none' : undefined].filter(
    (value) => value !== undefined && value !== '',
  );
  if (given.length === 0) {
    throw new Error(
      'No endpoint: pass --endpoint <Lambda ARN> (the SkillFunctionArn stack output), ' +
        '--https <url> for web-service hosting, or --no-endpoint for the first deploy that creates the skill.',
    );
  }
  if (given.length > 1) throw new Error('Give only one of --endpoint, --https and --no-endpoint.');
  if (sources.noEndpoint) return { kind: 'none' };
  if (sources.endpoint) {
    const problem = lambdaArnProblem(sources.endpoint);
    if (problem) throw new Error(problem);
    return { kind: 'lambda', arn: sources.endpoint };
  }
  const url = sources.https as string;
  const problem = httpsUrlProblem(url);
  if (problem) throw new Error(problem);
  const sslCertificateType = sources.sslCertificateType ?? 'Trusted';
  if (!isSslCertificateType(sslCertificateType)) {
    throw new Error(`--ssl-certificate-type must be one of ${SSL_CERTIFICATE_TYPES.join(', ')}`);
  }
  return { kind: 'https', url, sslCertificateType };
}
