/**
 * CDK entry point. Parameters come from `-c skillId=… -c region=…`, or SKILL_ID / CDK_DEFAULT_REGION,
 * or (skill id only) .ask/ask-states.json written by the first `ask deploy`. They are checked
 * before synthesis so a typo fails here rather than as a mute skill.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import { SKILL_ID_ENV } from '../../lambda/persistence/recordSchema';
import { BackSpasmHelperStack, MissingBundleError } from '../lib/backSpasmHelperStack';
import { DeployParameterError, resolveDeployParameters, skillIdFromAskStates } from '../lib/deployParameters';

const ASK_STATES = path.resolve(__dirname, '../../.ask/ask-states.json');

function readAskStates(): string | undefined {
  return fs.existsSync(ASK_STATES) ? fs.readFileSync(ASK_STATES, 'utf8') : undefined;
}

function main(): void {
  const app = new App();
  const parameters = resolveDeployParameters(
    {
      context: (key) => app.node.tryGetContext(key),
      env: process.env,
      askStatesSkillId: skillIdFromAskStates(readAskStates(), process.env.ASK_DEFAULT_PROFILE || 'default'),
    },
    SKILL_ID_ENV,
  );
  new BackSpasmHelperStack(app, 'BackSpasmHelper', {
    // Account stays unset: the stack needs no lookups, so it synthesizes offline for any account.
    env: { region: parameters.region },
    skillId: parameters.skillId,
    // `-c codePath=…` lets CI synthesize against a bundle built elsewhere; normally dist/lambda.
    ...(typeof app.node.tryGetContext('codePath') === 'string'
      ? { codePath: path.resolve(String(app.node.tryGetContext('codePath'))) }
      : {}),
    ...(parameters.alarmEmail ? { alarmEmail: parameters.alarmEmail } : {}),
    description: 'Back Spasm Helper Alexa skill: Lambda, DynamoDB state table, alarms',
  });
  app.synth();
}

try {
  main();
} catch (error) {
  if (error instanceof DeployParameterError || error instanceof MissingBundleError) {
    console.error(`\n${error.message}\n`);
    process.exit(1);
  }
  throw error;
}
