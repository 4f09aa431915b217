import { RemovalPolicy } from "aws-cdk-lib";
import * as logs from "aws-cdk-lib/aws-logs";
import type { Construct } from "constructs";

/*
 * Thirty days covers investigating an incident after the fact. The logs
 * hold no personal data, but they cost money and nobody reads them after
 * a month, so they expire and go with the stack.
 */
const logRetention = logs.RetentionDays.ONE_MONTH;

/**
 * Creates a log group with the project's retention, for anything that
 * writes logs: every log group in the stack comes from here.
 *
 * @example
 * const logGroup = createLogGroup(this, "FunctionLogs");
 * new lambda.Function(this, "Function", { logGroup, ... });
 */
export function createLogGroup(scope: Construct, id: string): logs.LogGroup {
  return new logs.LogGroup(scope, id, {
    retention: logRetention,
    removalPolicy: RemovalPolicy.DESTROY,
  });
}
