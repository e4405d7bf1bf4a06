/**
 * Where and for which skill the stack is deployed. Validated before anything is synthesized,
 * because a wrong skill id only shows up later as a skill that silently cannot reach its
 * Lambda, and a wrong region as a skill that answers slowly from across an ocean.
 */

/** The AWS regions Alexa sends custom-skill requests to (NA, EU, FE). */
export const ALEXA_LAMBDA_REGIONS = ['us-east-1', 'eu-west-1', 'us-west-2'] as const;
export type AlexaLambdaRegion = (typeof ALEXA_LAMBDA_REGIONS)[number];

export const DEFAULT_REGION: AlexaLambdaRegion = 'us-east-1';

/** Every Alexa skill id is `amzn1.ask.skill.` followed by a UUID. */
const SKILL_ID_PATTERN = /^amzn1\.ask\.skill\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class DeployParameterError extends Error {
  override readonly name = 'DeployParameterError';
}

export function assertSkillId(value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new DeployParameterError(
      'Missing skill id. Pass it as `-c skillId=amzn1.ask.skill.<uuid>` or set SKILL_ID, or run the first ' +
        '`ask deploy` so .ask/ask-states.json holds it (the Alexa developer console shows it too).',
    );
  }
  const skillId = value.trim();
  if (!SKILL_ID_PATTERN.test(skillId)) {
    throw new DeployParameterError(
      `"${skillId}" is not an Alexa skill id: expected amzn1.ask.skill.<uuid>, ` +
        'for example amzn1.ask.skill.12345678-90ab-cdef-1234-567890abcdef.',
    );
  }
  return skillId;
}

export function isAlexaLambdaRegion(value: string): value is AlexaLambdaRegion {
  return (ALEXA_LAMBDA_REGIONS as readonly string[]).includes(value);
}

export function assertAlexaRegion(value: unknown): AlexaLambdaRegion {
  if (typeof value !== 'string' || !isAlexaLambdaRegion(value.trim())) {
    throw new DeployParameterError(
      `Region "${String(value)}" cannot host an Alexa skill Lambda: use one of ${ALEXA_LAMBDA_REGIONS.join(', ')} ` +
        '(us-east-1 for North America, eu-west-1 for Europe and India, us-west-2 for the Far East).',
    );
  }
  return value.trim() as AlexaLambdaRegion;
}

export interface DeployParameters {
  skillId: string;
  region: AlexaLambdaRegion;
  /** Optional address that gets an e-mail when an alarm fires. */
  alarmEmail?: string;
}

export interface ParameterSources {
  /** Reads CDK context (`-c key=value`); returns undefined when the key is not set. */
  context: (key: string) => unknown;
  env: Readonly<Record<string, string | undefined>>;
  /** Last resort: the skill id `ask deploy` recorded in .ask/ask-states.json, if any. */
  askStatesSkillId?: string | undefined;
}

function firstSet(...values: unknown[]): unknown {
  return values.find((v) => v !== undefined && v !== null && v !== '');
}

/**
 * Context wins over environment, and both over .ask/ask-states.json, so an explicit `-c` on the
 * command line is never overridden silently.
 */
export function resolveDeployParameters(sources: ParameterSources, skillIdEnv: string): DeployParameters {
  const skillId = assertSkillId(firstSet(sources.context('skillId'), sources.env[skillIdEnv], sources.askStatesSkillId));
  const region = assertAlexaRegion(
    firstSet(sources.context('region'), sources.env.CDK_DEFAULT_REGION, DEFAULT_REGION),
  );
  const alarmEmail = firstSet(sources.context('alarmEmail'), sources.env.ALARM_EMAIL);
  if (alarmEmail !== undefined && (typeof alarmEmail !== 'string' || !/^[^@\s]+@[^@\s]+$/.test(alarmEmail))) {
    throw new DeployParameterError(`alarmEmail "${String(alarmEmail)}" is not an e-mail address.`);
  }
  return alarmEmail === undefined ? { skillId, region } : { skillId, region, alarmEmail };
}

/** The skill id ASK CLI v2 keeps in .ask/ask-states.json (`profiles.<profile>.skillId`), if the file says one. */
export function skillIdFromAskStates(askStatesJson: string | undefined, profile = 'default'): string | undefined {
  if (askStatesJson === undefined) return undefined;
  try {
    const states = JSON.parse(askStatesJson) as { profiles?: Record<string, { skillId?: unknown }> };
    const skillId = states.profiles?.[profile]?.skillId;
    return typeof skillId === 'string' && skillId !== '' ? skillId : undefined;
  } catch {
    return undefined;
  }
}
