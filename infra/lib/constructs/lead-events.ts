import { Annotations, Duration, Stack } from "aws-cdk-lib";
import type * as dynamodb from "aws-cdk-lib/aws-dynamodb";
import * as events from "aws-cdk-lib/aws-events";
import * as targets from "aws-cdk-lib/aws-events-targets";
import * as iam from "aws-cdk-lib/aws-iam";
import * as lambda from "aws-cdk-lib/aws-lambda";
import { SqsDestination } from "aws-cdk-lib/aws-lambda-destinations";
import * as pipes from "aws-cdk-lib/aws-pipes";
import type * as secretsmanager from "aws-cdk-lib/aws-secretsmanager";
import * as sqs from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";

import { lambdaBundleDir, requireLambdaBundle } from "../build-output.ts";
import { environmentValueOf } from "./app-secrets.ts";
import { optionalVariable } from "./function-environment.ts";
import { createLogGroup } from "./log-group.ts";

/** The event the pipe puts on the bus for each lead ready to send. */
const leadCapturedEvent = {
  source: "integration-readiness.leads",
  detailType: "Lead captured",
} as const;

/**
 * The lead item's attributes the pipe reads, as the API writes them
 * (`docs/decisions/lead-capture-and-delivery.md`). Only the two ids
 * leave the table; every personal field stays behind.
 */
const leadItemAttributes = {
  kind: "kind",
  leadId: "id",
  assessmentId: "assessmentId",
  delivery: "delivery",
} as const;

/**
 * Lambda retries a failed asynchronous call at most twice. The function
 * is told the total, so it marks the lead `dead-letter` on the last try.
 */
export const deliveryRetryAttempts = 2;

/** Everything the delivery function does to the table. */
const deliveryTableActions = ["dynamodb:GetItem", "dynamodb:UpdateItem"];

/** What the pipe needs to read the table's stream. */
const streamReadActions = [
  "dynamodb:DescribeStream",
  "dynamodb:GetRecords",
  "dynamodb:GetShardIterator",
];

/**
 * Stream records that are a lead ready for delivery: new, or reset to
 * `pending` with no attempts by a replay. Every attempt the function
 * records raises `attempts`, so its own writes never pass again.
 */
function leadReadyFilter(): Record<string, unknown> {
  const { kind, delivery } = leadItemAttributes;
  return {
    eventName: ["INSERT", "MODIFY"],
    dynamodb: {
      NewImage: {
        [kind]: { S: ["lead"] },
        [delivery]: {
          M: { status: { S: ["pending"] }, attempts: { N: ["0"] } },
        },
      },
    },
  };
}

/**
 * The event detail: the two ids and nothing else, so no personal data
 * travels through EventBridge or lands in a dead-letter queue.
 */
function leadCapturedDetailTemplate(): string {
  const image = "$.dynamodb.NewImage";
  const { leadId, assessmentId } = leadItemAttributes;
  return (
    `{"leadId": "<${image}.${leadId}.S>", ` +
    `"assessmentId": "<${image}.${assessmentId}.S>"}`
  );
}

/** Settings of the lead delivery construct. */
export interface LeadEventsProps {
  /** The table whose stream carries new leads; it needs a stream. */
  table: dynamodb.ITable;
  /** The CRM's webhook; without it, delivery attempts cannot succeed. */
  webhookUrl?: string;
  /** The key that signs each webhook. */
  webhookSecret: secretsmanager.ISecret;
  /** Changes the function, so it picks up changed secret values. */
  secretsRevision?: string;
  /** The folder holding the Lambda bundle. */
  codeDir?: string;
}

/**
 * Lead delivery in AWS: the table's stream feeds a pipe that puts a
 * "Lead captured" event on the product's bus for each lead ready to
 * send, and a rule hands it to the delivery function, which makes one
 * signed webhook call and records it on the lead. What cannot be
 * handed on or processed lands in a dead-letter queue with an alarm.
 *
 * @example
 * const leads = new LeadEvents(this, "Leads", {
 *   table, webhookUrl: "https://crm.example.com/hooks/leads",
 *   webhookSecret: secrets.leadWebhookSecret,
 * });
 * operations.watchDeadLetters("LeadDeadLetters", leads.deadLetters, "...");
 */
export class LeadEvents extends Construct {
  readonly bus: events.EventBus;
  readonly pipe: pipes.CfnPipe;
  readonly pipeRole: iam.Role;
  readonly rule: events.Rule;
  readonly function: lambda.Function;

  /** Events the rule or the function could not deliver. */
  readonly deadLetters: sqs.Queue;

  /** Stream batches the pipe could not put on the bus. */
  readonly streamDeadLetters: sqs.Queue;

  constructor(scope: Construct, id: string, props: LeadEventsProps) {
    super(scope, id);

    const streamArn = props.table.tableStreamArn;
    if (!streamArn) {
      throw new Error("LeadEvents needs a table with a stream");
    }

    this.bus = new events.EventBus(this, "Bus", {
      description: "Integration Readiness Assessment business events",
    });
    this.deadLetters = createDeadLetterQueue(this, "DeadLetters");
    this.streamDeadLetters = createDeadLetterQueue(this, "StreamDeadLetters");

    this.pipeRole = this.createPipeRole(streamArn);
    this.pipe = this.createPipe(streamArn);

    this.function = this.createFunction(props);
    this.grantTableAccess(props.table);
    this.rule = this.createRule();

    if (!props.webhookUrl) {
      Annotations.of(this).addWarningV2(
        "readiness:lead-webhook-not-set",
        "leadWebhookUrl is not set: leads are stored, but every delivery " +
          "attempt fails until it is set and the leads are replayed.",
      );
    }
  }

  /*
   * Pipes cannot name the stream's resource in ListStreams, which only
   * returns stream names, so that one action is not scoped. Everything
   * that reads records or writes anywhere is.
   */
  private createPipeRole(streamArn: string): iam.Role {
    const { account } = Stack.of(this);

    return new iam.Role(this, "PipeRole", {
      description: "Lets the lead pipe read the table's stream",
      assumedBy: new iam.ServicePrincipal("pipes.amazonaws.com", {
        conditions: { StringEquals: { "aws:SourceAccount": account } },
      }),
      inlinePolicies: {
        LeadPipe: new iam.PolicyDocument({
          statements: [
            new iam.PolicyStatement({
              sid: "ReadTableStream",
              actions: streamReadActions,
              resources: [streamArn],
            }),
            new iam.PolicyStatement({
              sid: "ListTableStreams",
              actions: ["dynamodb:ListStreams"],
              resources: ["*"],
            }),
            new iam.PolicyStatement({
              sid: "PutLeadEvents",
              actions: ["events:PutEvents"],
              resources: [this.bus.eventBusArn],
            }),
            new iam.PolicyStatement({
              sid: "SendFailedBatches",
              actions: ["sqs:SendMessage"],
              resources: [this.streamDeadLetters.queueArn],
            }),
          ],
        }),
      },
    });
  }

  private createPipe(streamArn: string): pipes.CfnPipe {
    const pipe = new pipes.CfnPipe(this, "Pipe", {
      description: "New leads, as ids only, from the table to the bus",
      roleArn: this.pipeRole.roleArn,
      source: streamArn,
      sourceParameters: {
        filterCriteria: {
          filters: [{ pattern: JSON.stringify(leadReadyFilter()) }],
        },
        dynamoDbStreamParameters: {
          startingPosition: "LATEST",
          batchSize: 10,
          maximumRetryAttempts: 10,
          // The stream keeps records for 24 hours; so does the pipe.
          maximumRecordAgeInSeconds: 86_400,
          onPartialBatchItemFailure: "AUTOMATIC_BISECT",
          deadLetterConfig: { arn: this.streamDeadLetters.queueArn },
        },
      },
      target: this.bus.eventBusArn,
      targetParameters: {
        inputTemplate: leadCapturedDetailTemplate(),
        eventBridgeEventBusParameters: {
          source: leadCapturedEvent.source,
          detailType: leadCapturedEvent.detailType,
        },
      },
    });

    // The role's policy is inline, so the pipe starts with its rights.
    pipe.node.addDependency(this.pipeRole);
    return pipe;
  }

  private createFunction(props: LeadEventsProps): lambda.Function {
    const codeDir = requireLambdaBundle(props.codeDir ?? lambdaBundleDir);

    return new lambda.Function(this, "DeliveryFunction", {
      description: "Integration Readiness Assessment lead delivery",
      code: lambda.Code.fromAsset(codeDir),
      handler: "deliver.handler",
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: 256,
      // One webhook call with its own time limit, and two table writes.
      timeout: Duration.seconds(30),
      logGroup: createLogGroup(this, "DeliveryLogs"),
      retryAttempts: deliveryRetryAttempts,
      maxEventAge: Duration.hours(6),
      onFailure: new SqsDestination(this.deadLetters),
      environment: {
        STORE: "aws",
        TABLE_NAME: props.table.tableName,
        LOG_LEVEL: "info",
        LEAD_DELIVERY: "stream",
        LEAD_DELIVERY_MAX_ATTEMPTS: String(deliveryRetryAttempts + 1),
        LEAD_WEBHOOK_SECRET: environmentValueOf(props.webhookSecret),
        ...optionalVariable("LEAD_WEBHOOK_URL", props.webhookUrl),
        ...optionalVariable("SECRETS_REVISION", props.secretsRevision),
      },
    });
  }

  private grantTableAccess(table: dynamodb.ITable): void {
    this.function.addToRolePolicy(
      new iam.PolicyStatement({
        sid: "ReadAndRecordLeads",
        actions: deliveryTableActions,
        resources: [table.tableArn],
      }),
    );
  }

  /*
   * EventBridge hands the event to Lambda asynchronously; its retries
   * cover Lambda refusing the call (throttling, an outage), while the
   * function's own failures are retried by Lambda, above.
   */
  private createRule(): events.Rule {
    return new events.Rule(this, "DeliverLeads", {
      description: "Sends each captured lead to the delivery function",
      eventBus: this.bus,
      eventPattern: {
        source: [leadCapturedEvent.source],
        detailType: [leadCapturedEvent.detailType],
      },
      targets: [
        new targets.LambdaFunction(this.function, {
          retryAttempts: 185,
          maxEventAge: Duration.hours(24),
          deadLetterQueue: this.deadLetters,
        }),
      ],
    });
  }
}

/*
 * Fourteen days, the most SQS keeps a message, gives someone time to
 * see the alarm and look. SQS encrypts with its own key, which
 * EventBridge and Lambda can write to without a key policy.
 */
function createDeadLetterQueue(scope: Construct, id: string): sqs.Queue {
  return new sqs.Queue(scope, id, {
    encryption: sqs.QueueEncryption.SQS_MANAGED,
    retentionPeriod: Duration.days(14),
    enforceSSL: true,
  });
}
