import { Duration, Stack } from "aws-cdk-lib";
import { AccessLogField, AccessLogFormat } from "aws-cdk-lib/aws-apigateway";
import * as apigwv2 from "aws-cdk-lib/aws-apigatewayv2";
import { HttpLambdaIntegration } from "aws-cdk-lib/aws-apigatewayv2-integrations";
import type * as dynamodb from "aws-cdk-lib/aws-dynamodb";
import * as iam from "aws-cdk-lib/aws-iam";
import * as lambda from "aws-cdk-lib/aws-lambda";
import type * as logs from "aws-cdk-lib/aws-logs";
import type * as secretsmanager from "aws-cdk-lib/aws-secretsmanager";
import { Construct } from "constructs";

import type { LeadGate } from "../../../api/config.ts";
import { lambdaBundleDir, requireLambdaBundle } from "../build-output.ts";
import { environmentValueOf } from "./app-secrets.ts";
import { optionalVariable } from "./function-environment.ts";
import { createLogGroup } from "./log-group.ts";

/**
 * Everything the API does to its table, and nothing more. Transactions
 * need no action of their own: each part is checked as Put, Update,
 * Delete or ConditionCheck. `DescribeTable` backs the health check.
 * There is no Scan: no request path scans the table.
 */
export const tableActions = [
  "dynamodb:GetItem",
  "dynamodb:PutItem",
  "dynamodb:UpdateItem",
  "dynamodb:DeleteItem",
  "dynamodb:ConditionCheckItem",
  "dynamodb:Query",
  "dynamodb:DescribeTable",
];

/** What the API may do on the table's indexes: read them, only. */
export const indexActions = ["dynamodb:Query"];

/** Settings of the API service, from the deployment config. */
export interface ApiServiceProps {
  /** The one table the API reads and writes. */
  table: dynamodb.ITable;
  /** The table's global secondary indexes the API queries. */
  indexNames: string[];
  /** How long stored results and leads live, passed to the API. */
  retentionDays: number;
  /** The CSP `frame-ancestors` sources, passed to the API. */
  frameAncestors: string;
  /** Steady requests per second, and the burst, for the whole API. */
  throttle: { rateLimit: number; burstLimit: number };
  /** The admin token the admin API asks for. */
  adminToken: secretsmanager.ISecret;
  /** Whether the lead form comes before or after the result. */
  leadGate: LeadGate;
  /** How long leads live, passed to the API. */
  leadRetentionDays: number;
  /** Changes the function, so it picks up changed secret values. */
  secretsRevision?: string;
  /** The folder holding the Lambda bundle's `index.mjs`. */
  codeDir?: string;
}

/**
 * The HTTP API: the project's Lambda bundle behind an API Gateway HTTP
 * API, whose default stage throttles and writes access logs.
 *
 * @example
 * const api = new ApiService(this, "Api", {
 *   table, indexNames: ["GSI1"], retentionDays: 180,
 *   frameAncestors: "'self'", throttle: { rateLimit: 50, burstLimit: 100 },
 *   adminToken: secrets.adminToken, leadGate: "results-first",
 *   leadRetentionDays: 180,
 * });
 */
export class ApiService extends Construct {
  readonly function: lambda.Function;
  readonly httpApi: apigwv2.HttpApi;
  readonly stage: apigwv2.HttpStage;
  readonly accessLogs: logs.LogGroup;

  /** The API's host name, for use as a CloudFront origin. */
  readonly domainName: string;

  constructor(scope: Construct, id: string, props: ApiServiceProps) {
    super(scope, id);

    this.function = this.createFunction(props);
    this.grantTableAccess(props);

    this.httpApi = new apigwv2.HttpApi(this, "HttpApi", {
      description: "Integration Readiness Assessment API",
      defaultIntegration: new HttpLambdaIntegration(
        "LambdaIntegration",
        this.function,
      ),
      createDefaultStage: false,
    });

    this.accessLogs = createLogGroup(this, "AccessLogs");
    this.stage = new apigwv2.HttpStage(this, "DefaultStage", {
      httpApi: this.httpApi,
      autoDeploy: true,
      throttle: props.throttle,
      accessLogSettings: {
        destination: new apigwv2.LogGroupLogDestination(this.accessLogs),
        format: accessLogFormat(),
      },
    });

    const { region, urlSuffix } = Stack.of(this);
    const apiId = this.httpApi.apiId;
    this.domainName = `${apiId}.execute-api.${region}.${urlSuffix}`;
  }

  private createFunction(props: ApiServiceProps): lambda.Function {
    const codeDir = requireLambdaBundle(props.codeDir ?? lambdaBundleDir);

    return new lambda.Function(this, "Function", {
      description: "Integration Readiness Assessment API",
      code: lambda.Code.fromAsset(codeDir),
      handler: "index.handler",
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      // Memory buys CPU too; 512 MB keeps cold starts of the bundle short.
      memorySize: 512,
      timeout: Duration.seconds(10),
      logGroup: createLogGroup(this, "FunctionLogs"),
      environment: {
        // Real DynamoDB: no endpoint, and never the embedded engine.
        STORE: "aws",
        TABLE_NAME: props.table.tableName,
        RETENTION_DAYS: String(props.retentionDays),
        LOG_LEVEL: "info",
        FRAME_ANCESTORS: props.frameAncestors,
        // The API only writes leads; the table's stream delivers them.
        LEAD_DELIVERY: "stream",
        LEAD_GATE: props.leadGate,
        LEAD_RETENTION_DAYS: String(props.leadRetentionDays),
        ADMIN_TOKEN: environmentValueOf(props.adminToken),
        ...optionalVariable("SECRETS_REVISION", props.secretsRevision),
      },
    });
  }

  private grantTableAccess(props: ApiServiceProps): void {
    const tableArn = props.table.tableArn;

    this.function.addToRolePolicy(
      new iam.PolicyStatement({
        sid: "UseTableItems",
        actions: tableActions,
        resources: [tableArn],
      }),
    );

    if (props.indexNames.length === 0) return;
    this.function.addToRolePolicy(
      new iam.PolicyStatement({
        sid: "QueryTableIndexes",
        actions: indexActions,
        resources: props.indexNames.map((name) => `${tableArn}/index/${name}`),
      }),
    );
  }
}

/**
 * One JSON object per request. It leaves out the path, the client's
 * address and the user agent: paths carry the ids that grant access to a
 * result, and addresses are personal data.
 */
function accessLogFormat(): AccessLogFormat {
  return AccessLogFormat.custom(
    JSON.stringify({
      requestId: AccessLogField.contextRequestId(),
      time: AccessLogField.contextRequestTimeEpoch(),
      method: AccessLogField.contextHttpMethod(),
      protocol: AccessLogField.contextProtocol(),
      status: AccessLogField.contextStatus(),
      responseLength: AccessLogField.contextResponseLength(),
      responseLatency: AccessLogField.contextResponseLatency(),
      integrationStatus: AccessLogField.contextIntegrationStatus(),
      integrationLatency: AccessLogField.contextIntegrationLatency(),
      integrationError: "$context.integrationErrorMessage",
      error: AccessLogField.contextErrorMessage(),
    }),
  );
}
