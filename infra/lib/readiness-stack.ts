import { CfnOutput, Stack, type StackProps } from "aws-cdk-lib";
import type { Construct } from "constructs";

import { ApiService } from "./constructs/api-service.ts";
import { AppSecrets } from "./constructs/app-secrets.ts";
import { DataTable } from "./constructs/data-table.ts";
import { LeadEvents } from "./constructs/lead-events.ts";
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
 * the site in front of both, lead delivery from the table's stream
 * through the event bus, and the alarms that watch them. Each part is
 * its own construct, so a new one is one more line here.
 *
 * @example
 * const config = parseDeploymentConfig({ stage: "prod" });
 * new ReadinessStack(app, "IntegrationReadiness-prod", { config });
 */
export class ReadinessStack extends Stack {
  readonly data: DataTable;
  readonly secrets: AppSecrets;
  readonly api: ApiService;
  readonly leads: LeadEvents;
  readonly site: Site;
  readonly operations: Operations;

  constructor(scope: Construct, id: string, props: ReadinessStackProps) {
    super(scope, id, props);
    const { config } = props;

    this.data = new DataTable(this, "Data");
    this.secrets = new AppSecrets(this, "Secrets");

    this.api = new ApiService(this, "Api", {
      table: this.data.table,
      indexNames: this.data.indexNames,
      retentionDays: config.retentionDays,
      frameAncestors: config.frameAncestors,
      throttle: {
        rateLimit: config.throttleRate,
        burstLimit: config.throttleBurst,
      },
      adminToken: this.secrets.adminToken,
      leadGate: config.leadGate,
      leadRetentionDays: config.leadRetentionDays,
      secretsRevision: config.secretsRevision,
    });

    this.leads = new LeadEvents(this, "Leads", {
      table: this.data.table,
      webhookUrl: config.leadWebhookUrl,
      webhookSecret: this.secrets.leadWebhookSecret,
      secretsRevision: config.secretsRevision,
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
    this.watchLeadDelivery();

    this.addOutputs();
  }

  private watchLeadDelivery(): void {
    this.operations.watchDeadLetters(
      "LeadDeliveryDeadLetters",
      this.leads.deadLetters,
      "A lead event was not delivered: the rule could not invoke the " +
        "delivery function, or the function failed on every try.",
    );
    this.operations.watchDeadLetters(
      "LeadStreamDeadLetters",
      this.leads.streamDeadLetters,
      "The lead pipe could not put stream records on the event bus.",
    );
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
      EventBusName: this.leads.bus.eventBusName,
      LeadDeliveryFunctionName: this.leads.function.functionName,
      LeadDeadLetterQueueUrl: this.leads.deadLetters.queueUrl,
      LeadStreamDeadLetterQueueUrl: this.leads.streamDeadLetters.queueUrl,
      AdminTokenSecretArn: this.secrets.adminToken.secretArn,
      LeadWebhookSecretArn: this.secrets.leadWebhookSecret.secretArn,
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
