import { Match, type Template } from "aws-cdk-lib/assertions";
import { describe, expect, it } from "vitest";

import {
  logicalIdOf,
  propertiesOf,
  resourceOf,
  synthesize,
} from "./support/synthesize.ts";

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}

const apiDescription = "Integration Readiness Assessment API";

function apiFunctionOf(template: Template): Record<string, unknown> {
  const functions = propertiesOf(template, "AWS::Lambda::Function").filter(
    (props) => props.Description === apiDescription,
  );
  expect(functions).toHaveLength(1);
  return functions[0]!;
}

/** Every statement of the policies attached to the API function's role. */
function apiPolicyStatements(template: Template): Statement[] {
  const role = apiFunctionOf(template).Role as { "Fn::GetAtt": string[] };
  const roleRef = { Ref: role["Fn::GetAtt"][0] };

  return propertiesOf(template, "AWS::IAM::Policy")
    .filter((policy) => isDeepEqual(policy.Roles, [roleRef]))
    .flatMap(
      (policy) =>
        (policy.PolicyDocument as { Statement: Statement[] }).Statement,
    );
}

const actionsOf = (statement: Statement) => [statement.Action].flat();

const touchesDynamoDb = (statement: Statement) =>
  actionsOf(statement).some(
    (action) => action === "*" || action.startsWith("dynamodb:"),
  );

describe("the API function", () => {
  const { template } = synthesize();
  const tableId = logicalIdOf(template, "AWS::DynamoDB::Table");
  const apiFunction = { Description: apiDescription };

  it("runs the project's bundle on Node.js 22 or newer, on arm64", () => {
    const fn = apiFunctionOf(template);

    expect(fn.Handler).toBe("index.handler");
    expect(fn.Architectures).toEqual(["arm64"]);
    expect(fn.Runtime).toMatch(/^nodejs(2[2-9]|[3-9]\d)\.x$/);
  });

  it("is told its table, data retention, log level and frame ancestors", () => {
    template.hasResourceProperties("AWS::Lambda::Function", {
      ...apiFunction,
      Environment: {
        Variables: {
          TABLE_NAME: { Ref: tableId },
          RETENTION_DAYS: "180",
          LOG_LEVEL: "info",
          FRAME_ANCESTORS: "'self'",
          STORE: "aws",
        },
      },
    });
  });

  it("only stores leads, and leaves their delivery to the table's stream", () => {
    template.hasResourceProperties("AWS::Lambda::Function", {
      ...apiFunction,
      Environment: {
        Variables: Match.objectLike({
          LEAD_DELIVERY: "stream",
          LEAD_GATE: "results-first",
          LEAD_RETENTION_DAYS: "180",
          LEAD_WEBHOOK_URL: Match.absent(),
          LEAD_WEBHOOK_SECRET: Match.absent(),
        }),
      },
    });
  });

  it("gets the admin token from Secrets Manager, never as plain text", () => {
    const secretId = logicalIdOf(template, "AWS::SecretsManager::Secret", {
      Description: Match.stringLikeRegexp("ADMIN_TOKEN"),
    });
    const variables = (
      apiFunctionOf(template).Environment as {
        Variables: Record<string, unknown>;
      }
    ).Variables;

    expect(variables.ADMIN_TOKEN).toEqual({
      "Fn::Join": [
        "",
        ["{{resolve:secretsmanager:", { Ref: secretId }, ":SecretString:::}}"],
      ],
    });
    template.hasResourceProperties("AWS::SecretsManager::Secret", {
      Description: Match.stringLikeRegexp("ADMIN_TOKEN"),
      GenerateSecretString: Match.objectLike({ PasswordLength: 48 }),
      SecretString: Match.absent(),
    });
  });

  it("passes the lead gate and lead retention given in context", () => {
    const custom = synthesize({
      leadGate: "form-first",
      leadRetentionDays: "400",
    });

    custom.template.hasResourceProperties("AWS::Lambda::Function", {
      ...apiFunction,
      Environment: {
        Variables: Match.objectLike({
          LEAD_GATE: "form-first",
          LEAD_RETENTION_DAYS: "400",
        }),
      },
    });
  });

  it("uses real DynamoDB, in the region Lambda gives it", () => {
    template.hasResourceProperties("AWS::Lambda::Function", {
      ...apiFunction,
      Environment: {
        Variables: Match.objectLike({
          DYNAMODB_ENDPOINT: Match.absent(),
          AWS_REGION: Match.absent(),
        }),
      },
    });
  });

  it("passes the configured retention and frame ancestors on", () => {
    const custom = synthesize({
      retentionDays: "30",
      frameAncestors: "'self' https://www.example.com",
    });

    custom.template.hasResourceProperties("AWS::Lambda::Function", {
      ...apiFunction,
      Environment: {
        Variables: Match.objectLike({
          RETENTION_DAYS: "30",
          FRAME_ANCESTORS: "'self' https://www.example.com",
        }),
      },
    });
  });

  it("writes its logs to a log group kept for 30 days", () => {
    const logging = apiFunctionOf(template).LoggingConfig as {
      LogGroup: { Ref: string };
    };

    const logGroup = resourceOf(template, logging.LogGroup.Ref);
    expect(logGroup.Properties.RetentionInDays).toBe(30);
  });
});

describe("the API's access to data", () => {
  const { template } = synthesize();
  const tableId = logicalIdOf(template, "AWS::DynamoDB::Table");
  const tableArn = { "Fn::GetAtt": [tableId, "Arn"] };
  const dynamoStatements =
    apiPolicyStatements(template).filter(touchesDynamoDb);

  it("allows exactly the item actions the API uses, on its table only", () => {
    const onTable = dynamoStatements.filter((statement) =>
      isDeepEqual(statement.Resource, tableArn),
    );

    expect(onTable).toHaveLength(1);
    expect(onTable[0]!.Effect).toBe("Allow");
    expect([...actionsOf(onTable[0]!)].sort()).toEqual([
      "dynamodb:ConditionCheckItem",
      "dynamodb:DeleteItem",
      "dynamodb:DescribeTable",
      "dynamodb:GetItem",
      "dynamodb:PutItem",
      "dynamodb:Query",
      "dynamodb:UpdateItem",
    ]);
  });

  it("allows only queries on the table's index", () => {
    const indexArn = {
      "Fn::Join": ["", [tableArn, "/index/GSI1"]],
    };

    const onIndex = dynamoStatements.filter((statement) =>
      isDeepEqual(statement.Resource, indexArn),
    );

    expect(onIndex).toHaveLength(1);
    expect(actionsOf(onIndex[0]!)).toEqual(["dynamodb:Query"]);
  });

  it("grants nothing else on DynamoDB: no wildcards, no scans", () => {
    expect(dynamoStatements).toHaveLength(2);

    for (const statement of dynamoStatements) {
      const actions = actionsOf(statement);
      expect(actions).not.toContain("*");
      expect(actions).not.toContain("dynamodb:*");
      expect(actions).not.toContain("dynamodb:Scan");
      expect([statement.Resource].flat()).not.toContain("*");
    }
  });
});

describe("the HTTP API", () => {
  const { template } = synthesize();

  it("sends every route to the function", () => {
    template.resourceCountIs("AWS::ApiGatewayV2::Api", 1);
    template.hasResourceProperties("AWS::ApiGatewayV2::Api", {
      ProtocolType: "HTTP",
    });
    template.hasResourceProperties("AWS::ApiGatewayV2::Route", {
      RouteKey: "$default",
    });
    template.hasResourceProperties("AWS::ApiGatewayV2::Integration", {
      IntegrationType: "AWS_PROXY",
      PayloadFormatVersion: "2.0",
    });
  });

  it("throttles at 50 requests a second, bursts of 100, by default", () => {
    template.hasResourceProperties("AWS::ApiGatewayV2::Stage", {
      StageName: "$default",
      AutoDeploy: true,
      DefaultRouteSettings: {
        ThrottlingRateLimit: 50,
        ThrottlingBurstLimit: 100,
      },
    });
  });

  it("throttles at the rate and burst given in context", () => {
    const custom = synthesize({ throttleRate: "7", throttleBurst: 13 });

    custom.template.hasResourceProperties("AWS::ApiGatewayV2::Stage", {
      DefaultRouteSettings: {
        ThrottlingRateLimit: 7,
        ThrottlingBurstLimit: 13,
      },
    });
  });

  it("logs each request, without its path or the caller's address", () => {
    const [stage] = propertiesOf(template, "AWS::ApiGatewayV2::Stage");
    const settings = stage!.AccessLogSettings as {
      DestinationArn: { "Fn::GetAtt": [string, string] };
      Format: string;
    };

    const format = JSON.parse(settings.Format) as Record<string, string>;
    expect(format.requestId).toBe("$context.requestId");
    expect(format.status).toBe("$context.status");
    expect(settings.Format).not.toMatch(/\$context\.(path|identity)/);

    const logGroupId = settings.DestinationArn["Fn::GetAtt"][0];
    const logGroup = resourceOf(template, logGroupId);
    expect(logGroup.Properties.RetentionInDays).toBe(30);
  });
});

function isDeepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
