import { CfnOutput, Stack, type StackProps } from "aws-cdk-lib";
import type { Construct } from "constructs";

import { ApiService } from "./constructs/api-service.ts";
import { DataTable } from "./constructs/data-table.ts";
import { Operations } from "./constructs/operations.ts";
import { Site } from "./constructs/site.ts";
import type { DeploymentConfig } from "./deployment-config.ts";

/** Stack settings: the validated deployment config and the usual props. */
export interface ReadinessStackProps extends StackProps {
  config: DeploymentConfig;
  /** The built SPA to upload; `dist/` unless a test gives its own. */
  siteDir?: string;
}

/**
 * The whole product in one stack: the table, the API in front of it,
 * the site in front of both, and the alarms that watch them. Each part
 * is its own construct, so a new one (such as lead delivery through an
 * event bus) is one more line here.
 *
 * @example
 * const config = parseDeploymentConfig({ stage: "prod" });
 * new ReadinessStack(app, "IntegrationReadiness-prod", { config });
 */
export class ReadinessStack extends Stack {
  readonly data: DataTable;
  readonly api: ApiService;
  readonly site: Site;
  readonly operations: Operations;

  constructor(scope: Construct, id: string, props: ReadinessStackProps) {
    super(scope, id, props);
    const { config } = props;

    this.data = new DataTable(this, "Data");

    this.api = new ApiService(this, "Api", {
      table: this.data.table,
      indexNames: this.data.indexNames,
      retentionDays: config.retentionDays,
      frameAncestors: config.frameAncestors,
      throttle: {
        rateLimit: config.throttleRate,
        burstLimit: config.throttleBurst,
      },
    });

    this.site = new Site(this, "Site", {
      apiDomainName: this.api.domainName,
      frameAncestors: config.frameAncestors,
      customDomain: customDomainOf(config),
      siteDir: props.siteDir,
    });

    this.operations = new Operations(this, "Operations", {
      alarmEmail: config.alarmEmail,
    });
    this.operations.watchApi(this.api);

    this.addOutputs();
  }

  private addOutputs(): void {
    const outputs = {
      SiteUrl: this.site.url,
      ApiUrl: `${this.site.url}/api`,
      ApiGatewayEndpoint: this.api.httpApi.apiEndpoint,
      TableName: this.data.table.tableName,
      DistributionId: this.site.distribution.distributionId,
      BucketName: this.site.bucket.bucketName,
      AlarmTopicArn: this.operations.alarmTopic.topicArn,
    };

    for (const [id, value] of Object.entries(outputs)) {
      new CfnOutput(this, id, { value });
    }
  }
}

function customDomainOf(config: DeploymentConfig) {
  const { domainName, certificateArn } = config;
  return domainName && certificateArn
    ? { domainName, certificateArn }
    : undefined;
}
