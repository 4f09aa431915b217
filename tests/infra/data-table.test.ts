import { Match } from "aws-cdk-lib/assertions";
import { describe, expect, it } from "vitest";

import { tableDefinition } from "../../api/store/table-definition.ts";
import { synthesize } from "./support/synthesize.ts";

describe("the data table", () => {
  const { template } = synthesize();

  it("is the stack's only table", () => {
    template.resourceCountIs("AWS::DynamoDB::Table", 1);
  });

  it("bills on demand, with no capacity to plan", () => {
    template.hasResourceProperties("AWS::DynamoDB::Table", {
      BillingMode: "PAY_PER_REQUEST",
      ProvisionedThroughput: Match.absent(),
    });
  });

  it("can be restored to any point in time", () => {
    template.hasResourceProperties("AWS::DynamoDB::Table", {
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    });
  });

  it("expires items by their expiresAt attribute", () => {
    template.hasResourceProperties("AWS::DynamoDB::Table", {
      TimeToLiveSpecification: { AttributeName: "expiresAt", Enabled: true },
    });
  });

  it("cannot be deleted by accident, and outlives the stack", () => {
    template.hasResource("AWS::DynamoDB::Table", {
      DeletionPolicy: "Retain",
      UpdateReplacePolicy: "Retain",
      Properties: Match.objectLike({ DeletionProtectionEnabled: true }),
    });
  });

  it("streams the new image of each change, for lead delivery", () => {
    template.hasResourceProperties("AWS::DynamoDB::Table", {
      StreamSpecification: { StreamViewType: "NEW_IMAGE" },
    });
  });

  it("has pk and sk as its keys, like the local engine's table", () => {
    template.hasResourceProperties("AWS::DynamoDB::Table", {
      KeySchema: [
        { AttributeName: "pk", KeyType: "HASH" },
        { AttributeName: "sk", KeyType: "RANGE" },
      ],
    });
  });

  it("has every index of the local engine's table, and no other", () => {
    const expected = tableDefinition.globalSecondaryIndexes.map((index) => ({
      IndexName: index.indexName,
      KeySchema: [
        { AttributeName: index.partitionKey.name, KeyType: "HASH" },
        { AttributeName: index.sortKey.name, KeyType: "RANGE" },
      ],
      Projection: { ProjectionType: "ALL" },
    }));

    expect(expected.map((index) => index.IndexName)).toContain("GSI1");
    template.hasResourceProperties("AWS::DynamoDB::Table", {
      GlobalSecondaryIndexes: expected,
    });
  });
});
