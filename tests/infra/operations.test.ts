import { Match, type Template } from "aws-cdk-lib/assertions";
import { describe, expect, it } from "vitest";

import { logicalIdOf, propertiesOf, synthesize } from "./support/synthesize.ts";

type Alarm = Record<string, unknown> & {
  AlarmName: string;
  AlarmActions?: unknown[];
  OKActions?: unknown[];
};

function alarmsOf(template: Template) {
  return propertiesOf(template, "AWS::CloudWatch::Alarm") as Alarm[];
}

function alarmNamed(alarms: Alarm[], suffix: string): Alarm {
  const alarm = alarms.find((a) => a.AlarmName.endsWith(`-${suffix}`));
  if (!alarm) throw new Error(`no alarm named *-${suffix}`);
  return alarm;
}

function accessLogGroupId(template: Template): string {
  const [stage] = propertiesOf(template, "AWS::ApiGatewayV2::Stage");
  const settings = stage!.AccessLogSettings as {
    DestinationArn: { "Fn::GetAtt": [string, string] };
  };
  return settings.DestinationArn["Fn::GetAtt"][0];
}

describe("the alarms", () => {
  const { template } = synthesize();
  const alarms = alarmsOf(template);
  const apiId = logicalIdOf(template, "AWS::ApiGatewayV2::Api");
  const functionId = Object.keys(
    template.findResources("AWS::Lambda::Function", {
      Properties: { Description: "Integration Readiness Assessment API" },
    }),
  )[0]!;

  it("watch the share of API requests that fail with 5xx", () => {
    const alarm = alarmNamed(alarms, "ApiServerErrorRate");
    const metrics = alarm.Metrics as Record<string, unknown>[];
    const metricWithId = (id: string) => metrics.find((m) => m.Id === id);

    expect(alarm.Threshold).toBe(5);
    expect(alarm.ComparisonOperator).toBe("GreaterThanOrEqualToThreshold");
    expect(metrics.find((m) => m.ReturnData !== false)).toMatchObject({
      Expression: "IF(requests > 0, 100 * FILL(errors, 0) / requests, 0)",
    });
    expect(metricWithId("errors")).toMatchObject({
      MetricStat: {
        Metric: {
          Namespace: "AWS/ApiGateway",
          MetricName: "5xx",
          Dimensions: [{ Name: "ApiId", Value: { Ref: apiId } }],
        },
        Stat: "Sum",
      },
    });
    expect(metricWithId("requests")).toMatchObject({
      MetricStat: {
        Metric: { Namespace: "AWS/ApiGateway", MetricName: "Count" },
        Stat: "Sum",
      },
    });
  });

  it.each([
    ["FunctionErrors", "Errors"],
    ["FunctionThrottles", "Throttles"],
  ])("watch the API function's %s", (suffix, metricName) => {
    expect(alarmNamed(alarms, suffix)).toMatchObject({
      Namespace: "AWS/Lambda",
      MetricName: metricName,
      Dimensions: [{ Name: "FunctionName", Value: { Ref: functionId } }],
      Statistic: "Sum",
      Threshold: 1,
    });
  });

  it("count requests turned away with 429 from the access log", () => {
    const [filter] = propertiesOf(template, "AWS::Logs::MetricFilter");
    const transform = (
      filter!.MetricTransformations as Record<string, unknown>[]
    )[0]!;

    expect(filter!.FilterPattern).toBe('{ $.status = "429" }');
    expect(filter!.LogGroupName).toEqual({ Ref: accessLogGroupId(template) });
    expect(alarmNamed(alarms, "TooManyRequests")).toMatchObject({
      Namespace: transform.MetricNamespace,
      MetricName: transform.MetricName,
      Threshold: 10,
    });
  });

  it("are named after the stack, so a message says which stage", () => {
    expect(alarms).toHaveLength(6);
    for (const alarm of alarms) {
      expect(alarm.AlarmName).toMatch(/^IntegrationReadiness-dev-/);
    }
  });

  it("report to the alarm topic when they fire and when they clear", () => {
    const topicRef = { Ref: logicalIdOf(template, "AWS::SNS::Topic") };

    for (const alarm of alarms) {
      expect(alarm.AlarmActions).toEqual([topicRef]);
      expect(alarm.OKActions).toEqual([topicRef]);
    }
  });

  it("email no one when no address is configured", () => {
    template.resourceCountIs("AWS::SNS::Subscription", 0);
  });

  it("email the configured address", () => {
    const { template: withEmail } = synthesize({
      alarmEmail: "ops@example.com",
    });

    withEmail.hasResourceProperties("AWS::SNS::Subscription", {
      Protocol: "email",
      Endpoint: "ops@example.com",
      TopicArn: { Ref: logicalIdOf(withEmail, "AWS::SNS::Topic") },
    });
  });
});

describe("the logs", () => {
  const { template } = synthesize();

  it("are all kept for 30 days, then deleted", () => {
    const logGroups = propertiesOf(template, "AWS::Logs::LogGroup");

    expect(logGroups.length).toBeGreaterThanOrEqual(3);
    for (const logGroup of logGroups) {
      expect(logGroup.RetentionInDays).toBe(30);
    }
  });

  it("of every function go to a log group of the stack's", () => {
    const logGroupIds = Object.keys(
      template.findResources("AWS::Logs::LogGroup"),
    );

    for (const fn of propertiesOf(template, "AWS::Lambda::Function")) {
      const logging = fn.LoggingConfig as { LogGroup: { Ref: string } };
      expect(logGroupIds).toContain(logging.LogGroup.Ref);
    }
  });

  it("never rely on a log-retention helper function", () => {
    template.resourceCountIs("Custom::LogRetention", 0);
  });
});

describe("the stack outputs", () => {
  const { template } = synthesize();

  it.each([
    "SiteUrl",
    "ApiUrl",
    "ApiGatewayEndpoint",
    "TableName",
    "DistributionId",
    "BucketName",
    "AlarmTopicArn",
    "EventBusName",
    "LeadDeliveryFunctionName",
    "LeadDeadLetterQueueUrl",
    "LeadStreamDeadLetterQueueUrl",
    "AdminTokenSecretArn",
    "LeadWebhookSecretArn",
  ])("include %s", (name) => {
    template.hasOutput(name, { Value: Match.anyValue() });
  });

  it("point the site and API URLs at CloudFront's address", () => {
    const distributionId = logicalIdOf(
      template,
      "AWS::CloudFront::Distribution",
    );
    const domain = { "Fn::GetAtt": [distributionId, "DomainName"] };

    template.hasOutput("SiteUrl", {
      Value: { "Fn::Join": ["", ["https://", domain]] },
    });
    template.hasOutput("ApiUrl", {
      Value: { "Fn::Join": ["", ["https://", domain, "/api"]] },
    });
  });
});
