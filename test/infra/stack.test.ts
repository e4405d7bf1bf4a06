import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import {
  RECORD_KEY_ATTRIBUTE,
  RECORD_TTL_ATTRIBUTE,
  SKILL_ID_ENV,
  TABLE_NAME_ENV,
} from '../../lambda/persistence/recordSchema';
import {
  ALEXA_SERVICE_PRINCIPAL,
  BackSpasmHelperStack,
  type BackSpasmHelperStackProps,
  MissingBundleError,
} from '../../infra/lib/backSpasmHelperStack';
import { DeployParameterError, resolveDeployParameters, skillIdFromAskStates } from '../../infra/lib/deployParameters';

const SKILL_ID = 'amzn1.ask.skill.12345678-90ab-cdef-1234-567890abcdef';
const repoRoot = path.resolve(__dirname, '../..');

/** A stand-in bundle, so the stack can be synthesized without running the real build first. */
function makeBundleFolder(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bsh-bundle-'));
  fs.writeFileSync(path.join(dir, 'index.js'), 'exports.handler = async () => ({});\n');
  return dir;
}

let codePath: string;
beforeAll(() => {
  codePath = makeBundleFolder();
});
afterAll(() => {
  fs.rmSync(codePath, { recursive: true, force: true });
});

function synth(overrides: Partial<BackSpasmHelperStackProps> = {}, region = 'us-east-1'): Template {
  const app = new App();
  const stack = new BackSpasmHelperStack(app, 'TestStack', {
    env: { region },
    skillId: SKILL_ID,
    codePath,
    ...overrides,
  });
  return Template.fromStack(stack);
}

type Resources = Record<string, { Type: string; Properties?: Record<string, unknown> }>;

function logicalIdOf(template: Template, type: string): string {
  const ids = Object.keys(template.findResources(type));
  expect(ids).toHaveLength(1);
  return ids[0] as string;
}

describe('BackSpasmHelperStack', () => {
  let template: Template;
  let tableId: string;
  let functionId: string;
  let logGroupId: string;
  beforeAll(() => {
    template = synth();
    tableId = logicalIdOf(template, 'AWS::DynamoDB::Table');
    functionId = logicalIdOf(template, 'AWS::Lambda::Function');
    logGroupId = logicalIdOf(template, 'AWS::Logs::LogGroup');
  });

  test('the state table is keyed, on-demand, expiring, recoverable and survives stack deletion', () => {
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: {
        KeySchema: [{ AttributeName: RECORD_KEY_ATTRIBUTE, KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: RECORD_KEY_ATTRIBUTE, AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
        TimeToLiveSpecification: { AttributeName: RECORD_TTL_ATTRIBUTE, Enabled: true },
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      },
    });
  });

  test('the function runs the bundle on Node.js 24 arm64 with the agreed memory, timeout and environment', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      MemorySize: 512,
      Timeout: 8,
      LoggingConfig: { LogGroup: { Ref: logGroupId } },
      Environment: {
        Variables: {
          [TABLE_NAME_ENV]: { Ref: tableId },
          [SKILL_ID_ENV]: SKILL_ID,
          NODE_OPTIONS: '--enable-source-maps',
        },
      },
    });
  });

  test('only this skill may invoke the function (event source token = skill id)', () => {
    const permissions = template.findResources('AWS::Lambda::Permission') as Resources;
    expect(Object.values(permissions)).toHaveLength(1);
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: ALEXA_SERVICE_PRINCIPAL,
      EventSourceToken: SKILL_ID,
      FunctionName: { 'Fn::GetAtt': [functionId, 'Arn'] },
    });
  });

  test('the function role may use its own table and write its own logs, and nothing else', () => {
    const roles = template.findResources('AWS::IAM::Role') as Resources;
    expect(Object.keys(roles)).toHaveLength(1);
    const role = Object.values(roles)[0];
    // No managed policies: AWSLambdaBasicExecutionRole would allow writing to every log group.
    expect(role?.Properties?.ManagedPolicyArns).toBeUndefined();

    const tableArn = { 'Fn::GetAtt': [tableId, 'Arn'] };
    const tableIndexArn = { 'Fn::Join': ['', [tableArn, '/index/*']] };
    const logGroupArn = { 'Fn::GetAtt': [logGroupId, 'Arn'] };

    const policies = template.findResources('AWS::IAM::Policy') as Resources;
    const statements = Object.values(policies).flatMap((policy) => {
      const document = policy.Properties?.PolicyDocument as { Statement: Array<Record<string, unknown>> };
      return document.Statement;
    });
    expect(statements.length).toBeGreaterThan(0);
    const asList = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);
    let sawDynamo = false;
    for (const statement of statements) {
      expect(statement.Effect).toBe('Allow');
      expect(statement.NotAction).toBeUndefined();
      expect(statement.NotResource).toBeUndefined();
      const actions = asList(statement.Action as string | string[]);
      const resources = asList(statement.Resource as unknown);
      if (actions.every((action) => action.startsWith('dynamodb:'))) {
        sawDynamo = true;
        expect(actions.some((action) => action.includes('*'))).toBe(false);
        for (const resource of resources) expect([tableArn, tableIndexArn]).toContainEqual(resource);
      } else {
        expect(actions.sort()).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents']);
        expect(resources).toEqual([logGroupArn]);
      }
    }
    expect(sawDynamo).toBe(true);
    // The table grant must be the usual read/write set, with no table-management actions.
    const dynamoActions = statements.flatMap((s) => asList(s.Action as string | string[]));
    expect(dynamoActions).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem']));
    expect(dynamoActions).not.toContain('dynamodb:DeleteTable');
  });

  test('logs are kept one month in an explicitly created log group', () => {
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
  });

  test.each(['Errors', 'Throttles'])('an alarm fires on one or more %s in five minutes and notifies the alarm topic', (metricName) => {
    const topicId = logicalIdOf(template, 'AWS::SNS::Topic');
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/Lambda',
      MetricName: metricName,
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: functionId } }],
      Statistic: 'Sum',
      Period: 300,
      EvaluationPeriods: 1,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
      AlarmActions: [{ Ref: topicId }],
    });
  });

  test('no e-mail subscription unless an address is given; one when it is', () => {
    template.resourceCountIs('AWS::SNS::Subscription', 0);
    synth({ alarmEmail: 'oncall@example.com' }).hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'oncall@example.com',
    });
  });

  test('the function ARN is a stack output (it goes into skill.json)', () => {
    template.hasOutput('SkillFunctionArn', { Value: { 'Fn::GetAtt': [functionId, 'Arn'] } });
  });

  test('nothing else that costs money or widens access sneaks in', () => {
    const types = Object.values(template.toJSON().Resources as Resources)
      .map((resource) => resource.Type)
      .filter((type) => type !== 'AWS::CDK::Metadata')
      .sort();
    expect(types).toEqual(
      [
        'AWS::CloudWatch::Alarm',
        'AWS::CloudWatch::Alarm',
        'AWS::DynamoDB::Table',
        'AWS::IAM::Policy',
        'AWS::IAM::Role',
        'AWS::Lambda::Function',
        'AWS::Lambda::Permission',
        'AWS::Logs::LogGroup',
        'AWS::SNS::Topic',
      ].sort(),
    );
  });
});

describe('bad deploy parameters are refused before anything is synthesized', () => {
  test.each(['', 'amzn1.ask.skill.xxx', 'amzn1.ask.skill.', 'arn:aws:lambda:us-east-1:1:function:x', ` ${SKILL_ID}x`])(
    'skill id %p',
    (skillId) => {
      expect(() => synth({ skillId })).toThrow(DeployParameterError);
    },
  );

  test.each(['eu-central-1', 'ap-northeast-1', 'us-east-2'])('region %s (not one Alexa calls)', (region) => {
    expect(() => synth({}, region)).toThrow(/cannot host an Alexa skill Lambda/);
  });

  test('a missing bundle says to build first', () => {
    expect(() => synth({ codePath: path.join(codePath, 'nope') })).toThrow(MissingBundleError);
  });

  const noContext = (): undefined => undefined;

  test('skill id from SKILL_ID, region defaulting to us-east-1', () => {
    expect(resolveDeployParameters({ context: noContext, env: { [SKILL_ID_ENV]: SKILL_ID } }, SKILL_ID_ENV)).toEqual({
      skillId: SKILL_ID,
      region: 'us-east-1',
    });
  });

  test('context wins over environment', () => {
    const other = 'amzn1.ask.skill.aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
    const context = (key: string): string | undefined =>
      ({ skillId: other, region: 'eu-west-1' } as Record<string, string>)[key];
    expect(
      resolveDeployParameters({ context, env: { [SKILL_ID_ENV]: SKILL_ID, CDK_DEFAULT_REGION: 'us-west-2' } }, SKILL_ID_ENV),
    ).toEqual({ skillId: other, region: 'eu-west-1' });
  });

  test('CDK_DEFAULT_REGION is used and validated', () => {
    const env = { [SKILL_ID_ENV]: SKILL_ID, CDK_DEFAULT_REGION: 'us-west-2' };
    expect(resolveDeployParameters({ context: noContext, env }, SKILL_ID_ENV).region).toBe('us-west-2');
    expect(() =>
      resolveDeployParameters({ context: noContext, env: { ...env, CDK_DEFAULT_REGION: 'eu-north-1' } }, SKILL_ID_ENV),
    ).toThrow(DeployParameterError);
  });

  test('the skill id recorded by the first `ask deploy` is the last resort', () => {
    const askStates = JSON.stringify({ askcliStatesVersion: '2020-03-31', profiles: { default: { skillId: SKILL_ID } } });
    const recorded = skillIdFromAskStates(askStates);
    expect(recorded).toBe(SKILL_ID);
    expect(resolveDeployParameters({ context: noContext, env: {}, askStatesSkillId: recorded }, SKILL_ID_ENV).skillId).toBe(SKILL_ID);
    const other = 'amzn1.ask.skill.aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
    expect(
      resolveDeployParameters({ context: noContext, env: { [SKILL_ID_ENV]: other }, askStatesSkillId: recorded }, SKILL_ID_ENV).skillId,
    ).toBe(other);
    expect(skillIdFromAskStates(askStates, 'other-profile')).toBeUndefined();
    expect(skillIdFromAskStates('{ broken')).toBeUndefined();
    expect(skillIdFromAskStates(undefined)).toBeUndefined();
  });

  test('missing skill id names both ways to pass it', () => {
    expect(() => resolveDeployParameters({ context: noContext, env: {} }, SKILL_ID_ENV)).toThrow(
      /-c skillId=.*SKILL_ID/,
    );
  });

  test('a malformed alarm e-mail is refused', () => {
    const context = (key: string): string | undefined => (key === 'alarmEmail' ? 'not-an-address' : undefined);
    expect(() => resolveDeployParameters({ context, env: { [SKILL_ID_ENV]: SKILL_ID } }, SKILL_ID_ENV)).toThrow(
      DeployParameterError,
    );
  });
});

describe('the CDK app entry point (as `cdk synth` runs it, offline)', () => {
  const run = promisify(execFile);
  const tsx = path.join(repoRoot, 'node_modules', '.bin', 'tsx');
  const app = path.join(repoRoot, 'infra', 'bin', 'app.ts');

  function cdkEnv(outdir: string, context: Record<string, string>): NodeJS.ProcessEnv {
    // The CDK CLI hands context and output folder to the app through these variables.
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      CDK_OUTDIR: outdir,
      CDK_CONTEXT_JSON: JSON.stringify(context),
      // A profile no .ask/ask-states.json has, so a developer's real skill id cannot leak into these runs.
      ASK_DEFAULT_PROFILE: 'bsh-test-profile-that-does-not-exist',
    };
    delete env[SKILL_ID_ENV];
    delete env.CDK_DEFAULT_REGION;
    return env;
  }

  test('synthesizes a template into the output folder', async () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bsh-cdkout-'));
    try {
      await run(tsx, [app], { env: cdkEnv(outdir, { skillId: SKILL_ID, region: 'eu-west-1', codePath }), cwd: repoRoot });
      const synthesized = JSON.parse(fs.readFileSync(path.join(outdir, 'BackSpasmHelper.template.json'), 'utf8'));
      const permission = Object.values(synthesized.Resources as Resources).find(
        (resource) => resource.Type === 'AWS::Lambda::Permission',
      );
      expect(permission?.Properties).toMatchObject({ EventSourceToken: SKILL_ID, Principal: ALEXA_SERVICE_PRINCIPAL });
      const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
      expect(manifest.artifacts.BackSpasmHelper.environment).toBe('aws://unknown-account/eu-west-1');
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  }, 60_000);

  test('exits 1 with a readable message when the skill id is missing', async () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bsh-cdkout-'));
    try {
      await expect(run(tsx, [app], { env: cdkEnv(outdir, { codePath }), cwd: repoRoot })).rejects.toMatchObject({
        code: 1,
        stderr: expect.stringMatching(/Missing skill id/),
      });
      expect(fs.readdirSync(outdir).filter((file) => file.endsWith('.template.json'))).toEqual([]);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('the deployed handler suits the runtime the stack picks', () => {
  test('lambda/index.ts exports an async (event, context) handler: Node.js 24 Lambda refuses callback-style ones', async () => {
    const saved = process.env[TABLE_NAME_ENV];
    process.env[TABLE_NAME_ENV] = 'unused-by-this-test';
    try {
      const entry = (await import('../../lambda/index')) as { handler: unknown };
      expect(typeof entry.handler).toBe('function');
      // A third parameter is how the runtime recognises a callback handler (the SDK's skill.lambda()).
      expect((entry.handler as (...args: unknown[]) => unknown).length).toBeLessThanOrEqual(2);
    } finally {
      if (saved === undefined) delete process.env[TABLE_NAME_ENV];
      else process.env[TABLE_NAME_ENV] = saved;
    }
  });
});
