import { Annotations, Match, type Template } from "aws-cdk-lib/assertions";
import { describe, expect, it } from "vitest";

import {
  logicalIdOf,
  propertiesOf,
  resourceOf,
  synthesize,
} from "./support/synthesize.ts";

interface Statement {
  Sid?: string;
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}

const deliveryDescription = "Integration Readiness Assessment lead delivery";
const webhookUrl = "https://crm.example.com/hooks/leads";

const actionsOf = (statement: Statement) => [statement.Action].flat();
const getAtt = (id: string, attribute: string) => ({
  "Fn::GetAtt": [id, attribute],
});

function pipeOf(template: Template) {
  const [pipe] = propertiesOf(template, "AWS::Pipes::Pipe");
  return pipe as {
    RoleArn: { "Fn::GetAtt": string[] };
    Source: unknown;
    Target: unknown;
    SourceParameters: {
      FilterCriteria: { Filters: { Pattern: string }[] };
      DynamoDBStreamParameters: Record<string, unknown>;
    };
    TargetParameters: {
      InputTemplate: string;
      EventBridgeEventBusParameters: Record<string, unknown>;
    };
  };
}

function deliveryFunctionId(template: Template): string {
  return logicalIdOf(template, "AWS::Lambda::Function", {
    Description: deliveryDescription,
  });
}

/** The statements of every IAM policy attached to one role. */
function roleStatements(template: Template, roleId: string): Statement[] {
  const role = resourceOf(template, roleId).Properties;
  const inline = (role.Policies ?? []) as {
    PolicyDocument: { Statement: Statement[] };
  }[];
  const attached = propertiesOf(template, "AWS::IAM::Policy").filter(
    (policy) => JSON.stringify(policy.Roles) === `[{"Ref":"${roleId}"}]`,
  ) as { PolicyDocument: { Statement: Statement[] } }[];

  return [...inline, ...attached].flatMap(
    (policy) => policy.PolicyDocument.Statement,
  );
}

/** The queue behind a dead-letter alarm's metric, by the alarm's suffix. */
function alarmedQueueId(template: Template, suffix: string): string {
  const alarm = propertiesOf(template, "AWS::CloudWatch::Alarm").find((props) =>
    String(props.AlarmName).endsWith(`-${suffix}`),
  );
  if (!alarm) throw new Error(`no alarm named *-${suffix}`);

  expect(alarm).toMatchObject({
    Namespace: "AWS/SQS",
    MetricName: "ApproximateNumberOfMessagesVisible",
    Threshold: 0,
    ComparisonOperator: "GreaterThanThreshold",
  });
  const [dimension] = alarm.Dimensions as {
    Name: string;
    Value: { "Fn::GetAtt": string[] };
  }[];
  expect(dimension!.Name).toBe("QueueName");
  return dimension!.Value["Fn::GetAtt"][0]!;
}

describe("the table's stream", () => {
  const { template } = synthesize();

  it("carries the new image of every change", () => {
    template.hasResourceProperties("AWS::DynamoDB::Table", {
      StreamSpecification: { StreamViewType: "NEW_IMAGE" },
    });
  });
});

describe("the lead pipe", () => {
  const { template } = synthesize();
  const pipe = pipeOf(template);
  const tableId = logicalIdOf(template, "AWS::DynamoDB::Table");
  const busId = logicalIdOf(template, "AWS::Events::EventBus");
  const streamDlqId = alarmedQueueId(template, "LeadStreamDeadLetters");

  it("reads the table's stream and puts events on the product's bus", () => {
    template.resourceCountIs("AWS::Pipes::Pipe", 1);
    expect(pipe.Source).toEqual(getAtt(tableId, "StreamArn"));
    expect(pipe.Target).toEqual(getAtt(busId, "Arn"));
    expect(pipe.SourceParameters.DynamoDBStreamParameters).toMatchObject({
      StartingPosition: "LATEST",
      DeadLetterConfig: { Arn: getAtt(streamDlqId, "Arn") },
    });
  });

  it("passes only leads that are pending with no attempts yet", () => {
    const filters = pipe.SourceParameters.FilterCriteria.Filters;

    expect(filters).toHaveLength(1);
    expect(JSON.parse(filters[0]!.Pattern)).toEqual({
      eventName: ["INSERT", "MODIFY"],
      dynamodb: {
        NewImage: {
          kind: { S: ["lead"] },
          delivery: {
            M: { status: { S: ["pending"] }, attempts: { N: ["0"] } },
          },
        },
      },
    });
  });

  it("sends a Lead captured event from the leads source", () => {
    expect(pipe.TargetParameters.EventBridgeEventBusParameters).toEqual({
      Source: "integration-readiness.leads",
      DetailType: "Lead captured",
    });
  });

  it("puts the lead's two ids in the event, and no personal field", () => {
    const inputTemplate = pipe.TargetParameters.InputTemplate;
    const paths = [...inputTemplate.matchAll(/<([^>]+)>/g)].map(
      (match) => match[1],
    );
    const detail = JSON.parse(
      inputTemplate.replace(/<[^>]+>/g, "placeholder"),
    ) as Record<string, string>;

    expect(detail).toEqual({
      leadId: "placeholder",
      assessmentId: "placeholder",
    });
    expect(paths).toEqual([
      "$.dynamodb.NewImage.id.S",
      "$.dynamodb.NewImage.assessmentId.S",
    ]);
  });

  it("may read this table's stream and put events on this bus only", () => {
    const roleId = pipe.RoleArn["Fn::GetAtt"][0]!;
    const statements = roleStatements(template, roleId);
    const bySid = Object.fromEntries(statements.map((s) => [String(s.Sid), s]));

    expect(statements.every((s) => s.Effect === "Allow")).toBe(true);
    expect(Object.keys(bySid).sort()).toEqual([
      "ListTableStreams",
      "PutLeadEvents",
      "ReadTableStream",
      "SendFailedBatches",
    ]);
    expect(bySid.ReadTableStream).toMatchObject({
      Action: [
        "dynamodb:DescribeStream",
        "dynamodb:GetRecords",
        "dynamodb:GetShardIterator",
      ],
      Resource: getAtt(tableId, "StreamArn"),
    });
    expect(bySid.PutLeadEvents).toMatchObject({
      Action: "events:PutEvents",
      Resource: getAtt(busId, "Arn"),
    });
    expect(bySid.SendFailedBatches).toMatchObject({
      Action: "sqs:SendMessage",
      Resource: getAtt(streamDlqId, "Arn"),
    });
  });

  it("has a wildcard resource only for ListStreams, which reads no data", () => {
    const roleId = pipe.RoleArn["Fn::GetAtt"][0]!;
    const wildcards = roleStatements(template, roleId).filter(
      (statement) => statement.Resource === "*",
    );

    expect(wildcards.flatMap(actionsOf)).toEqual(["dynamodb:ListStreams"]);
  });

  it("is assumed by EventBridge Pipes of this account only", () => {
    const roleId = pipe.RoleArn["Fn::GetAtt"][0]!;

    expect(resourceOf(template, roleId).Properties).toMatchObject({
      AssumeRolePolicyDocument: {
        Statement: [
          {
            Action: "sts:AssumeRole",
            Principal: { Service: "pipes.amazonaws.com" },
            Condition: {
              StringEquals: { "aws:SourceAccount": { Ref: "AWS::AccountId" } },
            },
          },
        ],
      },
    });
  });

  it("is created after its role has its rights", () => {
    const pipeId = logicalIdOf(template, "AWS::Pipes::Pipe");
    const roleId = pipe.RoleArn["Fn::GetAtt"][0]!;

    expect(resourceOf(template, pipeId).DependsOn).toContain(roleId);
  });
});

describe("the delivery rule", () => {
  const { template } = synthesize();
  const busId = logicalIdOf(template, "AWS::Events::EventBus");
  const functionId = deliveryFunctionId(template);
  const dlqId = alarmedQueueId(template, "LeadDeliveryDeadLetters");

  it("matches Lead captured events on the product's bus", () => {
    template.hasResourceProperties("AWS::Events::Rule", {
      EventBusName: { Ref: busId },
      EventPattern: {
        source: ["integration-readiness.leads"],
        "detail-type": ["Lead captured"],
      },
    });
  });

  it("invokes the delivery function with retries and a dead-letter queue", () => {
    template.hasResourceProperties("AWS::Events::Rule", {
      Targets: [
        Match.objectLike({
          Arn: getAtt(functionId, "Arn"),
          RetryPolicy: {
            MaximumEventAgeInSeconds: 86_400,
            MaximumRetryAttempts: 185,
          },
          DeadLetterConfig: { Arn: getAtt(dlqId, "Arn") },
        }),
      ],
    });
  });

  it("lets EventBridge write to the queue for this rule only", () => {
    const ruleId = logicalIdOf(template, "AWS::Events::Rule");

    template.hasResourceProperties("AWS::SQS::QueuePolicy", {
      Queues: [{ Ref: dlqId }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: "Allow",
            Action: "sqs:SendMessage",
            Principal: { Service: "events.amazonaws.com" },
            Condition: {
              ArnEquals: { "aws:SourceArn": getAtt(ruleId, "Arn") },
            },
          }),
        ]),
      },
    });
  });
});

describe("the delivery function", () => {
  const { template } = synthesize({ leadWebhookUrl: webhookUrl });
  const functionId = deliveryFunctionId(template);
  const fn = resourceOf(template, functionId).Properties;
  const variables = (fn.Environment as { Variables: Record<string, unknown> })
    .Variables;
  const tableId = logicalIdOf(template, "AWS::DynamoDB::Table");
  const dlqId = alarmedQueueId(template, "LeadDeliveryDeadLetters");

  it("runs deliver.handler from the API's bundle, Node.js 22+, arm64", () => {
    const apiFunctionId = logicalIdOf(template, "AWS::Lambda::Function", {
      Description: "Integration Readiness Assessment API",
    });

    expect(fn.Handler).toBe("deliver.handler");
    expect(fn.Architectures).toEqual(["arm64"]);
    expect(fn.Runtime).toMatch(/^nodejs(2[2-9]|[3-9]\d)\.x$/);
    expect(fn.Code).toEqual(
      resourceOf(template, apiFunctionId).Properties.Code,
    );
  });

  it("is told its table, the webhook and that it delivers from the stream", () => {
    expect(variables).toMatchObject({
      STORE: "aws",
      TABLE_NAME: { Ref: tableId },
      LEAD_DELIVERY: "stream",
      LEAD_WEBHOOK_URL: webhookUrl,
      LEAD_DELIVERY_MAX_ATTEMPTS: "3",
    });
  });

  it("gets the webhook secret from Secrets Manager, never as plain text", () => {
    const secretId = logicalIdOf(template, "AWS::SecretsManager::Secret", {
      Description: Match.stringLikeRegexp("LEAD_WEBHOOK_SECRET"),
    });

    expect(variables.LEAD_WEBHOOK_SECRET).toEqual({
      "Fn::Join": [
        "",
        ["{{resolve:secretsmanager:", { Ref: secretId }, ":SecretString:::}}"],
      ],
    });
    expect(resourceOf(template, secretId).Properties.SecretString).toBe(
      undefined,
    );
  });

  it("is retried twice by Lambda, then sent to the dead-letter queue", () => {
    template.hasResourceProperties("AWS::Lambda::EventInvokeConfig", {
      FunctionName: { Ref: functionId },
      MaximumRetryAttempts: 2,
      MaximumEventAgeInSeconds: 21_600,
      DestinationConfig: {
        OnFailure: { Destination: getAtt(dlqId, "Arn") },
      },
    });
  });

  it("may only read and update items of its own table", () => {
    const roleId = (fn.Role as { "Fn::GetAtt": string[] })["Fn::GetAtt"][0]!;
    const statements = roleStatements(template, roleId);
    const onDynamoDb = statements.filter((statement) =>
      actionsOf(statement).some((action) => /^(\*|dynamodb:)/.test(action)),
    );

    expect(onDynamoDb).toEqual([
      {
        Sid: "ReadAndRecordLeads",
        Effect: "Allow",
        Action: ["dynamodb:GetItem", "dynamodb:UpdateItem"],
        Resource: getAtt(tableId, "Arn"),
      },
    ]);
  });

  it("may send to its dead-letter queue, and to nothing else", () => {
    const roleId = (fn.Role as { "Fn::GetAtt": string[] })["Fn::GetAtt"][0]!;
    const others = roleStatements(template, roleId).filter(
      (statement) => statement.Sid !== "ReadAndRecordLeads",
    );

    expect(others).toHaveLength(1);
    expect(actionsOf(others[0]!)).toContain("sqs:SendMessage");
    expect(others[0]!.Resource).toEqual(getAtt(dlqId, "Arn"));
  });

  it("writes its logs to a log group kept for 30 days", () => {
    const logging = fn.LoggingConfig as { LogGroup: { Ref: string } };

    expect(
      resourceOf(template, logging.LogGroup.Ref).Properties.RetentionInDays,
    ).toBe(30);
  });

  it("has no webhook address, and a warning, when none is configured", () => {
    const { stack, template: unset } = synthesize();
    const unsetFn = resourceOf(unset, deliveryFunctionId(unset)).Properties;
    const unsetVariables = (
      unsetFn.Environment as { Variables: Record<string, unknown> }
    ).Variables;

    expect(unsetVariables).not.toHaveProperty("LEAD_WEBHOOK_URL");
    Annotations.fromStack(stack).hasWarning(
      "/IntegrationReadiness-dev/Leads",
      Match.stringLikeRegexp("leadWebhookUrl is not set"),
    );
  });
});

describe("the dead-letter queues", () => {
  const { template } = synthesize();
  const queues = template.findResources("AWS::SQS::Queue");
  const topicRef = { Ref: logicalIdOf(template, "AWS::SNS::Topic") };

  it("are encrypted, refuse plain HTTP and keep messages 14 days", () => {
    expect(Object.keys(queues)).toHaveLength(2);

    for (const [id, queue] of Object.entries(queues)) {
      expect(queue.Properties).toMatchObject({
        SqsManagedSseEnabled: true,
        MessageRetentionPeriod: 14 * 24 * 60 * 60,
      });
      template.hasResourceProperties("AWS::SQS::QueuePolicy", {
        Queues: [{ Ref: id }],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: "Deny",
              Condition: { Bool: { "aws:SecureTransport": "false" } },
            }),
          ]),
        },
      });
    }
  });

  it.each(["LeadDeliveryDeadLetters", "LeadStreamDeadLetters"])(
    "raise the %s alarm on the first message, to the alarm topic",
    (suffix) => {
      const queueId = alarmedQueueId(template, suffix);
      const [alarm] = propertiesOf(template, "AWS::CloudWatch::Alarm").filter(
        (props) => String(props.AlarmName).endsWith(`-${suffix}`),
      );

      expect(Object.keys(queues)).toContain(queueId);
      expect(alarm!.AlarmName).toBe(`IntegrationReadiness-dev-${suffix}`);
      expect(alarm!.AlarmActions).toEqual([topicRef]);
      expect(alarm!.OKActions).toEqual([topicRef]);
    },
  );

  it("each have an alarm of their own", () => {
    const alarmed = ["LeadDeliveryDeadLetters", "LeadStreamDeadLetters"].map(
      (suffix) => alarmedQueueId(template, suffix),
    );

    expect(alarmed.sort()).toEqual(Object.keys(queues).sort());
  });
});

describe("the secrets", () => {
  const { template } = synthesize({ leadWebhookUrl: webhookUrl });
  const text = JSON.stringify(template.toJSON());

  it("are generated by Secrets Manager, so no value is in the template", () => {
    const secrets = propertiesOf(template, "AWS::SecretsManager::Secret");

    expect(secrets).toHaveLength(2);
    for (const secret of secrets) {
      expect(secret.SecretString).toBeUndefined();
      expect(secret.GenerateSecretString).toMatchObject({
        ExcludePunctuation: true,
      });
    }
  });

  it("reach the functions only as dynamic references", () => {
    const variables = propertiesOf(template, "AWS::Lambda::Function").map(
      (fn) =>
        (fn.Environment as { Variables?: Record<string, unknown> } | undefined)
          ?.Variables ?? {},
    );
    const secretValues = variables.flatMap((vars) =>
      ["ADMIN_TOKEN", "LEAD_WEBHOOK_SECRET"]
        .filter((name) => name in vars)
        .map((name) => JSON.stringify(vars[name])),
    );

    expect(secretValues).toHaveLength(2);
    for (const value of secretValues) {
      expect(value).toMatch(
        /^\{"Fn::Join":\["",\["\{\{resolve:secretsmanager:/,
      );
    }
    expect(text.match(/\{\{resolve:secretsmanager:/g)).toHaveLength(2);
  });

  it("are picked up again when the secrets revision changes", () => {
    const revised = synthesize({ secretsRevision: "2026-12-03" });
    const withSecrets = propertiesOf(
      revised.template,
      "AWS::Lambda::Function",
    ).filter((fn) => JSON.stringify(fn).includes("{{resolve:"));

    expect(withSecrets).toHaveLength(2);
    for (const fn of withSecrets) {
      expect(fn.Environment).toMatchObject({
        Variables: { SECRETS_REVISION: "2026-12-03" },
      });
    }
  });
});
