import { Duration, Stack } from "aws-cdk-lib";
import * as cloudwatch from "aws-cdk-lib/aws-cloudwatch";
import { SnsAction } from "aws-cdk-lib/aws-cloudwatch-actions";
import * as logs from "aws-cdk-lib/aws-logs";
import * as sns from "aws-cdk-lib/aws-sns";
import type * as sqs from "aws-cdk-lib/aws-sqs";
import { EmailSubscription } from "aws-cdk-lib/aws-sns-subscriptions";
import { Construct } from "constructs";

import type { ApiService } from "./api-service.ts";

/** Settings of the operations construct. */
export interface OperationsProps {
  /** Who gets an email when an alarm changes state; none when unset. */
  alarmEmail?: string;
}

const period = Duration.minutes(5);

/** An alarm when more than this share of API requests fail with 5xx. */
export const serverErrorRatePercent = 5;

/**
 * Requests answered 429 in five minutes before someone is told: a few
 * are a client retrying too fast, a steady stream means real visitors
 * are turned away and the throttling needs a look.
 */
export const tooManyRequestsThreshold = 10;

/**
 * Alarms and where they go. Every alarm is sent to one SNS topic, which
 * has an email subscription when an address is configured. Other parts
 * of the stack hand their alarms to {@link Operations.watch}.
 *
 * @example
 * const operations = new Operations(this, "Operations", { alarmEmail });
 * operations.watchApi(api);
 * operations.watch(new cloudwatch.Alarm(this, "QueueAlarm", { ... }));
 */
export class Operations extends Construct {
  readonly alarmTopic: sns.Topic;

  constructor(scope: Construct, id: string, props: OperationsProps = {}) {
    super(scope, id);

    this.alarmTopic = new sns.Topic(this, "AlarmTopic", {
      displayName: "Integration Readiness Assessment alarms",
      enforceSSL: true,
    });

    if (props.alarmEmail) {
      this.alarmTopic.addSubscription(new EmailSubscription(props.alarmEmail));
    }
  }

  /** Sends the alarm, and its return to normal, to the alarm topic. */
  watch(alarm: cloudwatch.Alarm): void {
    const action = new SnsAction(this.alarmTopic);
    alarm.addAlarmAction(action);
    alarm.addOkAction(action);
  }

  /**
   * Adds the API's alarms: the 5xx rate at the gateway, the function's
   * errors and throttles, and requests turned away with 429.
   */
  watchApi(api: ApiService): void {
    this.watch(this.serverErrorRateAlarm(api));

    this.watch(
      this.countAlarm("FunctionErrors", {
        metric: api.function.metricErrors({ period, statistic: "Sum" }),
        threshold: 1,
        description: "The API's Lambda function failed or timed out.",
      }),
    );

    this.watch(
      this.countAlarm("FunctionThrottles", {
        metric: api.function.metricThrottles({ period, statistic: "Sum" }),
        threshold: 1,
        description: "Lambda refused to run the API: concurrency ran out.",
      }),
    );

    this.watch(
      this.countAlarm("TooManyRequests", {
        metric: tooManyRequestsMetric(api.accessLogs),
        threshold: tooManyRequestsThreshold,
        description:
          "Requests were answered 429, by the stage's throttling or the " +
          "API's own rate limits.",
      }),
    );
  }

  /**
   * Adds an alarm that fires as soon as a dead-letter queue holds a
   * message: each one is a lead event that was not processed.
   */
  watchDeadLetters(id: string, queue: sqs.IQueue, description: string): void {
    this.watch(
      new cloudwatch.Alarm(this, id, {
        alarmName: this.alarmName(id),
        alarmDescription: description,
        metric: queue.metricApproximateNumberOfMessagesVisible({
          period,
          statistic: "Maximum",
        }),
        threshold: 0,
        comparisonOperator:
          cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
    );
  }

  private serverErrorRateAlarm(api: ApiService): cloudwatch.Alarm {
    const rate = new cloudwatch.MathExpression({
      label: "5xx responses, % of requests",
      expression: "IF(requests > 0, 100 * FILL(errors, 0) / requests, 0)",
      usingMetrics: {
        errors: api.httpApi.metricServerError({ period, statistic: "Sum" }),
        requests: api.httpApi.metricCount({ period, statistic: "Sum" }),
      },
      period,
    });

    return rate.createAlarm(this, "ApiServerErrorRate", {
      alarmName: this.alarmName("ApiServerErrorRate"),
      alarmDescription:
        `${serverErrorRatePercent}% or more of the API's requests ` +
        "failed with 5xx.",
      threshold: serverErrorRatePercent,
      comparisonOperator:
        cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
  }

  private countAlarm(
    id: string,
    options: {
      metric: cloudwatch.IMetric;
      threshold: number;
      description: string;
    },
  ): cloudwatch.Alarm {
    return new cloudwatch.Alarm(this, id, {
      alarmName: this.alarmName(id),
      alarmDescription: options.description,
      metric: options.metric,
      threshold: options.threshold,
      comparisonOperator:
        cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
  }

  /** Names alarms after the stack, so an email says which stage it is. */
  private alarmName(id: string): string {
    return `${Stack.of(this).stackName}-${id}`;
  }
}

/*
 * HTTP APIs publish no throttling metric of their own; a throttled
 * request only shows as a 429 in the access log, so count those.
 */
function tooManyRequestsMetric(accessLogs: logs.ILogGroup): cloudwatch.Metric {
  const filter = accessLogs.addMetricFilter("TooManyRequests", {
    filterPattern: logs.FilterPattern.stringValue("$.status", "=", "429"),
    metricNamespace: `IntegrationReadiness/${Stack.of(accessLogs).stackName}`,
    metricName: "TooManyRequests",
    metricValue: "1",
    defaultValue: 0,
  });

  return filter.metric({ period, statistic: "Sum" });
}
