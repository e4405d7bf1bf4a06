import * as fs from 'node:fs';
import * as path from 'node:path';
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { type Construct } from 'constructs';
import {
  RECORD_KEY_ATTRIBUTE,
  RECORD_TTL_ATTRIBUTE,
  SKILL_ID_ENV,
  TABLE_NAME_ENV,
} from '../../lambda/persistence/recordSchema';
import { assertAlexaRegion, assertSkillId } from './deployParameters';

/** The folder `npm run build` writes the Lambda bundle to. */
export const DEFAULT_CODE_PATH = path.resolve(__dirname, '../../dist/lambda');

/** Alexa gives a skill 8 seconds to answer; running longer only burns money on an answer nobody hears. */
export const FUNCTION_TIMEOUT = Duration.seconds(8);
export const FUNCTION_MEMORY_MB = 512;
export const ALEXA_SERVICE_PRINCIPAL = 'alexa-appkit.amazon.com';

export interface BackSpasmHelperStackProps extends StackProps {
  skillId: string;
  /** Folder holding the built `index.js`; tests pass a throwaway folder so they need no build. */
  codePath?: string;
  logRetention?: logs.RetentionDays;
  alarmEmail?: string;
}

export class BackSpasmHelperStack extends Stack {
  readonly function: lambda.Function;
  readonly table: dynamodb.Table;

  constructor(scope: Construct, id: string, props: BackSpasmHelperStackProps) {
    super(scope, id, props);
    const skillId = assertSkillId(props.skillId);
    if (!Token.isUnresolved(this.region)) assertAlexaRegion(this.region);
    const codePath = props.codePath ?? DEFAULT_CODE_PATH;
    assertBundleExists(codePath);

    this.table = new dynamodb.Table(this, 'PersonStateTable', {
      partitionKey: { name: RECORD_KEY_ATTRIBUTE, type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      timeToLiveAttribute: RECORD_TTL_ATTRIBUTE,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      // People's reminder tokens and progress must survive a stack deletion or a bad deploy.
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // Created explicitly so retention is set from the first invocation instead of logs living forever.
    const logGroup = new logs.LogGroup(this, 'SkillFunctionLogs', {
      retention: props.logRetention ?? logs.RetentionDays.ONE_MONTH,
      // Logs hold no personal data and are not worth keeping after the stack is gone.
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // Own role instead of AWSLambdaBasicExecutionRole: that policy may write to every log group in the
    // account; this one may only write to the skill's own log group (and, below, use its own table).
    const role = new iam.Role(this, 'SkillFunctionRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Back Spasm Helper skill Lambda: its own log group and its own table, nothing else',
    });
    logGroup.grantWrite(role);

    this.function = new lambda.Function(this, 'SkillFunction', {
      role,
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      code: lambda.Code.fromAsset(codePath),
      handler: 'index.handler',
      memorySize: FUNCTION_MEMORY_MB,
      timeout: FUNCTION_TIMEOUT,
      logGroup,
      description: 'Back Spasm Helper Alexa skill',
      environment: {
        [TABLE_NAME_ENV]: this.table.tableName,
        [SKILL_ID_ENV]: skillId,
        NODE_OPTIONS: '--enable-source-maps',
      },
    });

    this.table.grantReadWriteData(this.function);

    // The event source token is the skill-id condition: only this skill may invoke the function.
    this.function.addPermission('AlexaSkillInvoke', {
      principal: new iam.ServicePrincipal(ALEXA_SERVICE_PRINCIPAL),
      action: 'lambda:InvokeFunction',
      eventSourceToken: skillId,
    });

    this.addAlarms(props.alarmEmail);

    new CfnOutput(this, 'SkillFunctionArn', {
      value: this.function.functionArn,
      description: 'Put this in skill.json as apis.custom.endpoint.uri (tools/build-skill-package.ts --endpoint)',
    });
    new CfnOutput(this, 'PersonStateTableName', { value: this.table.tableName });
  }

  private addAlarms(alarmEmail: string | undefined): void {
    const period = Duration.minutes(5);
    const errors = this.function
      .metricErrors({ period, statistic: cloudwatch.Stats.SUM })
      .createAlarm(this, 'SkillFunctionErrors', {
        alarmDescription: 'The skill Lambda threw: someone in pain may have heard nothing useful.',
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
    const throttles = this.function
      .metricThrottles({ period, statistic: cloudwatch.Stats.SUM })
      .createAlarm(this, 'SkillFunctionThrottles', {
        alarmDescription: 'The skill Lambda was throttled: requests were refused before reaching the code.',
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });

    // An alarm nobody hears about is only a dashboard; the topic gives it somewhere to go.
    const topic = new sns.Topic(this, 'SkillAlarmTopic');
    if (alarmEmail) topic.addSubscription(new subscriptions.EmailSubscription(alarmEmail));
    for (const alarm of [errors, throttles]) alarm.addAlarmAction(new cloudwatchActions.SnsAction(topic));
    new CfnOutput(this, 'AlarmTopicArn', { value: topic.topicArn });
  }
}

export class MissingBundleError extends Error {
  override readonly name = 'MissingBundleError';
}

function assertBundleExists(codePath: string): void {
  const entry = path.join(codePath, 'index.js');
  if (!fs.existsSync(entry)) {
    throw new MissingBundleError(`No Lambda bundle at ${entry}: run \`npm run build\` first.`);
  }
}
