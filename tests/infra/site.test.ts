import { readdirSync } from "node:fs";
import { join } from "node:path";
import { runInNewContext } from "node:vm";

import { Annotations, Match, type Template } from "aws-cdk-lib/assertions";
import { describe, expect, it } from "vitest";

import {
  contentSecurityPolicy,
  permissionsPolicy,
} from "../../api/security-headers.ts";
import { spaFallbackCode } from "../../infra/lib/constructs/spa-fallback.ts";
import {
  certificateArn,
  emptySiteDir,
  logicalIdOf,
  propertiesOf,
  resourceOf,
  synthesize,
} from "./support/synthesize.ts";

/** The IDs of CloudFront's managed policies, as AWS documents them. */
const cachingDisabled = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad";
const allViewerExceptHostHeader = "b689b0a8-53d0-40ab-baf2-68738e2966ac";

interface Behavior {
  PathPattern?: string;
  TargetOriginId: string;
  ViewerProtocolPolicy: string;
  CachePolicyId: string;
  OriginRequestPolicyId?: string;
  ResponseHeadersPolicyId: unknown;
  AllowedMethods?: string[];
  FunctionAssociations?: { EventType: string; FunctionARN: unknown }[];
}

interface DistributionConfig {
  DefaultCacheBehavior: Behavior;
  CacheBehaviors: Behavior[];
  Origins: Record<string, unknown>[];
  [key: string]: unknown;
}

function distributionConfigOf(template: Template): DistributionConfig {
  const [distribution] = propertiesOf(
    template,
    "AWS::CloudFront::Distribution",
  );
  return distribution!.DistributionConfig as DistributionConfig;
}

/** Runs the edge function's source, in its own context, on a request. */
function rewrite(uri: string): string {
  const event = { request: { uri, method: "GET" } };
  const code = `${spaFallbackCode}\nhandler(event);`;
  const request = runInNewContext(code, { event }) as { uri: string };
  return request.uri;
}

describe("the site bucket", () => {
  const { template } = synthesize();

  it("blocks every kind of public access and hosts no website", () => {
    template.resourceCountIs("AWS::S3::Bucket", 1);
    template.hasResourceProperties("AWS::S3::Bucket", {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      WebsiteConfiguration: Match.absent(),
      BucketEncryption: Match.objectLike({
        ServerSideEncryptionConfiguration: [
          { ServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } },
        ],
      }),
    });
  });

  it("lets only this distribution read it, and only over TLS", () => {
    const distributionId = logicalIdOf(
      template,
      "AWS::CloudFront::Distribution",
    );
    const [policy] = propertiesOf(template, "AWS::S3::BucketPolicy");
    const statements = (
      policy!.PolicyDocument as { Statement: Record<string, unknown>[] }
    ).Statement;

    const allows = statements.filter((s) => s.Effect === "Allow");
    expect(allows).toHaveLength(1);
    expect(allows[0]).toMatchObject({
      Action: "s3:GetObject",
      Principal: { Service: "cloudfront.amazonaws.com" },
    });
    expect(JSON.stringify(allows[0]!.Condition)).toContain(`"AWS:SourceArn"`);
    expect(JSON.stringify(allows[0]!.Condition)).toContain(
      `{"Ref":"${distributionId}"}`,
    );

    const denies = statements.filter((s) => s.Effect === "Deny");
    expect(denies).toEqual([
      expect.objectContaining({
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      }),
    ]);
  });
});

describe("the distribution", () => {
  const { template } = synthesize();
  const config = distributionConfigOf(template);
  const apiId = logicalIdOf(template, "AWS::ApiGatewayV2::Api");
  const apiBehavior = config.CacheBehaviors.find(
    (behavior) => behavior.PathPattern === "/api/*",
  );

  it("reads the bucket through origin access control, not an identity", () => {
    template.hasResourceProperties("AWS::CloudFront::OriginAccessControl", {
      OriginAccessControlConfig: {
        OriginAccessControlOriginType: "s3",
        SigningBehavior: "always",
        SigningProtocol: "sigv4",
      },
    });
    template.resourceCountIs(
      "AWS::CloudFront::CloudFrontOriginAccessIdentity",
      0,
    );

    const bucketOrigin = config.Origins.find(
      (origin) => "S3OriginConfig" in origin,
    );
    expect(bucketOrigin!.OriginAccessControlId).toBeDefined();
  });

  it("redirects HTTP to HTTPS and serves index.html at the root", () => {
    expect(config.DefaultCacheBehavior.ViewerProtocolPolicy).toBe(
      "redirect-to-https",
    );
    expect(config.DefaultRootObject).toBe("index.html");
  });

  it("sends /api/* to the HTTP API, uncached, with every method", () => {
    expect(apiBehavior).toBeDefined();
    expect(apiBehavior!.CachePolicyId).toBe(cachingDisabled);
    expect(apiBehavior!.ViewerProtocolPolicy).toBe("https-only");
    expect(apiBehavior!.AllowedMethods).toEqual(
      expect.arrayContaining(["GET", "POST", "PUT", "PATCH", "DELETE"]),
    );

    const apiOrigin = config.Origins.find(
      (origin) => origin.Id === apiBehavior!.TargetOriginId,
    );
    expect(JSON.stringify(apiOrigin!.DomainName)).toContain(
      `{"Ref":"${apiId}"},".execute-api."`,
    );
    expect(apiOrigin!.CustomOriginConfig).toMatchObject({
      OriginProtocolPolicy: "https-only",
    });
  });

  it("forwards the viewer's query and headers to the API, but not Host", () => {
    expect(apiBehavior!.OriginRequestPolicyId).toBe(allViewerExceptHostHeader);
  });

  it("serves client routes index.html at the edge, not via error pages", () => {
    const functionId = logicalIdOf(template, "AWS::CloudFront::Function");

    expect(config.DefaultCacheBehavior.FunctionAssociations).toEqual([
      {
        EventType: "viewer-request",
        FunctionARN: { "Fn::GetAtt": [functionId, "FunctionARN"] },
      },
    ]);
    expect(apiBehavior!.FunctionAssociations).toBeUndefined();
    expect(config.CustomErrorResponses).toBeUndefined();

    template.hasResourceProperties("AWS::CloudFront::Function", {
      AutoPublish: true,
      FunctionCode: spaFallbackCode,
      FunctionConfig: Match.objectLike({ Runtime: "cloudfront-js-2.0" }),
    });
  });

  it("uses CloudFront's own address without a custom domain", () => {
    expect(config.Aliases).toBeUndefined();
    expect(config.ViewerCertificate).toBeUndefined();
  });
});

describe("the edge function for client routes", () => {
  it.each([
    ["/", "/index.html"],
    ["/assessment/1", "/assessment/1.html"],
    ["/assessment/1/", "/assessment/1.html"],
    ["/assessment/3", "/app.html"],
    ["/results", "/app.html"],
    ["/workshops/K7Q2/", "/app.html"],
    ["/patterns/event-driven", "/app.html"],
  ])("serves %s its prerendered page or the SPA's shell", (uri, expected) => {
    expect(rewrite(uri)).toBe(expected);
  });

  it.each([
    "/assets/index-3f9a1c.js",
    "/favicon.svg",
    "/index.html",
    "/api/results/Zk3v9QpL",
    "/api",
  ])("leaves %s as it is", (uri) => {
    expect(rewrite(uri)).toBe(uri);
  });
});

describe("the response headers", () => {
  const { template } = synthesize();
  const [policy] = propertiesOf(
    template,
    "AWS::CloudFront::ResponseHeadersPolicy",
  );
  const policyConfig = policy!.ResponseHeadersPolicyConfig as {
    SecurityHeadersConfig: Record<string, Record<string, unknown>>;
    CustomHeadersConfig: { Items: Record<string, unknown>[] };
  };
  const security = policyConfig.SecurityHeadersConfig;

  it("send the same Content-Security-Policy as the local server", () => {
    expect(security.ContentSecurityPolicy).toEqual({
      ContentSecurityPolicy: contentSecurityPolicy("'self'"),
      Override: true,
    });
    expect(contentSecurityPolicy("'self'")).toContain("frame-ancestors 'self'");
  });

  it("send nosniff, the referrer policy, HSTS and frame options", () => {
    expect(security.ContentTypeOptions).toEqual({ Override: true });
    expect(security.ReferrerPolicy).toEqual({
      ReferrerPolicy: "strict-origin-when-cross-origin",
      Override: true,
    });
    expect(security.StrictTransportSecurity).toEqual({
      AccessControlMaxAgeSec: 63072000,
      IncludeSubdomains: true,
      Preload: false,
      Override: true,
    });
    expect(security.FrameOptions).toEqual({
      FrameOption: "SAMEORIGIN",
      Override: true,
    });
  });

  it("send the local server's other headers as custom headers", () => {
    expect(policyConfig.CustomHeadersConfig.Items).toEqual(
      expect.arrayContaining([
        {
          Header: "Cross-Origin-Opener-Policy",
          Value: "same-origin",
          Override: true,
        },
        {
          Header: "Permissions-Policy",
          Value: permissionsPolicy,
          Override: true,
        },
      ]),
    );
  });

  it("apply to the site and the API alike", () => {
    const config = distributionConfigOf(template);
    const policyRef = {
      Ref: logicalIdOf(template, "AWS::CloudFront::ResponseHeadersPolicy"),
    };

    const behaviors = [config.DefaultCacheBehavior, ...config.CacheBehaviors];
    for (const behavior of behaviors) {
      expect(behavior.ResponseHeadersPolicyId).toEqual(policyRef);
    }
  });

  it("let configured partners frame the app, without X-Frame-Options", () => {
    const partner = synthesize({
      frameAncestors: "'self' https://www.partner.example",
    });

    partner.template.hasResourceProperties(
      "AWS::CloudFront::ResponseHeadersPolicy",
      {
        ResponseHeadersPolicyConfig: Match.objectLike({
          SecurityHeadersConfig: Match.objectLike({
            ContentSecurityPolicy: {
              ContentSecurityPolicy: Match.stringLikeRegexp(
                "frame-ancestors 'self' https://www.partner.example$",
              ),
              Override: true,
            },
            FrameOptions: Match.absent(),
          }),
        }),
      },
    );
  });
});

describe("the site's files", () => {
  const { app, template } = synthesize();
  const deployments = propertiesOf(template, "Custom::CDKBucketDeployment");
  const assets = deployments.find((d) => d.Prune === false);
  const pages = deployments.find((d) => d.Prune === true);

  it("keep hashed assets for a year, and never prune them", () => {
    expect(deployments).toHaveLength(2);
    expect(assets).toMatchObject({
      Include: ["assets/*"],
      Exclude: ["*"],
      SystemMetadata: {
        "cache-control": "public, max-age=31536000, immutable",
      },
    });
  });

  it("make browsers revalidate every page on every visit", () => {
    expect(pages).toMatchObject({
      Exclude: ["assets/*"],
      SystemMetadata: { "cache-control": "no-cache" },
      DistributionPaths: ["/index.html", "/assessment/1.html", "/app.html"],
    });
  });

  it("upload the new assets before the page that links them", () => {
    const deploymentIds = Object.keys(
      template.findResources("Custom::CDKBucketDeployment"),
    );
    const pruned = (id: string) => resourceOf(template, id).Properties.Prune;
    const pagesId = deploymentIds.find((id) => pruned(id) === true);
    const assetsId = deploymentIds.find((id) => pruned(id) === false);

    expect(resourceOf(template, pagesId!).DependsOn).toContain(assetsId);
  });

  it("never include the Lambda bundle", () => {
    const [sourceKey] = assets!.SourceObjectKeys as string[];
    const assetDir = join(
      app.outdir,
      `asset.${sourceKey!.replace(/\.zip$/, "")}`,
    );

    expect(readdirSync(assetDir).sort()).toEqual([
      "assets",
      "favicon.svg",
      "index.html",
    ]);
  });

  it("are left alone, with a warning, when the SPA is not built", () => {
    const unbuilt = synthesize({}, emptySiteDir());

    unbuilt.template.resourceCountIs("Custom::CDKBucketDeployment", 0);
    Annotations.fromStack(unbuilt.stack).hasWarning(
      "/IntegrationReadiness-dev/Site",
      Match.stringLikeRegexp("npm run build"),
    );
  });
});

describe("a custom domain", () => {
  const { template } = synthesize({
    domainName: "assess.example.com",
    certificateArn,
  });
  const config = distributionConfigOf(template);

  it("is served with its us-east-1 certificate over SNI and TLS 1.2", () => {
    expect(config.Aliases).toEqual(["assess.example.com"]);
    expect(config.ViewerCertificate).toEqual({
      AcmCertificateArn: certificateArn,
      SslSupportMethod: "sni-only",
      MinimumProtocolVersion: "TLSv1.2_2021",
    });
  });

  it("becomes the site's address", () => {
    template.hasOutput("SiteUrl", { Value: "https://assess.example.com" });
    template.hasOutput("ApiUrl", { Value: "https://assess.example.com/api" });
  });
});
