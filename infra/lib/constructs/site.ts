import { Annotations, Duration } from "aws-cdk-lib";
import * as acm from "aws-cdk-lib/aws-certificatemanager";
import * as cloudfront from "aws-cdk-lib/aws-cloudfront";
import * as origins from "aws-cdk-lib/aws-cloudfront-origins";
import * as s3 from "aws-cdk-lib/aws-s3";
import * as s3deploy from "aws-cdk-lib/aws-s3-deployment";
import { Construct } from "constructs";

import { hasSiteBuild, siteDir } from "../build-output.ts";
import { createLogGroup } from "./log-group.ts";
import { createSecurityHeadersPolicy } from "./security-headers-policy.ts";
import { createSpaFallback } from "./spa-fallback.ts";
import { prerenderedPages, shellPage } from "../../../api/site-pages.ts";

/** A custom host name for the site, with its certificate. */
export interface CustomDomain {
  domainName: string;
  /** An ACM certificate in us-east-1 that covers `domainName`. */
  certificateArn: string;
}

/** Settings of the site construct. */
export interface SiteProps {
  /** The HTTP API's host name, served under `/api/*`. */
  apiDomainName: string;
  /** The CSP `frame-ancestors` sources, as the API sends them. */
  frameAncestors: string;
  customDomain?: CustomDomain;
  /** The built SPA; `lambda/` inside it is never uploaded. */
  siteDir?: string;
}

/** Vite puts content-hashed files here; a new build means new names. */
const hashedAssets = "assets/*";

/** Every page file, prerendered or the shell: each changes per build. */
const pagePaths = [...Object.values(prerenderedPages), shellPage].map(
  (file) => `/${file}`,
);

/**
 * The SPA in a private bucket behind CloudFront, which also routes
 * `/api/*` to the HTTP API, so the browser talks to one origin and needs
 * no CORS.
 *
 * @example
 * const site = new Site(this, "Site", {
 *   apiDomainName: api.domainName,
 *   frameAncestors: "'self'",
 * });
 * site.url; // https://d111111abcdef8.cloudfront.net
 */
export class Site extends Construct {
  readonly bucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;
  readonly spaFallback: cloudfront.Function;

  /** The site's address: the custom domain, or CloudFront's own. */
  readonly url: string;

  constructor(scope: Construct, id: string, props: SiteProps) {
    super(scope, id);

    this.bucket = new s3.Bucket(this, "Bucket", {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    });

    this.spaFallback = createSpaFallback(this, "SpaFallback");
    this.distribution = this.createDistribution(props);
    this.deployContent(props.siteDir ?? siteDir);

    const host =
      props.customDomain?.domainName ??
      this.distribution.distributionDomainName;
    this.url = `https://${host}`;
  }

  private createDistribution(props: SiteProps): cloudfront.Distribution {
    const responseHeadersPolicy = createSecurityHeadersPolicy(
      this,
      "SecurityHeaders",
      props.frameAncestors,
    );

    return new cloudfront.Distribution(this, "Distribution", {
      comment: "Integration Readiness Assessment",
      defaultRootObject: "index.html",
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      ...customDomainSettings(this, props.customDomain),
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy,
        functionAssociations: [
          {
            function: this.spaFallback,
            eventType: cloudfront.FunctionEventType.VIEWER_REQUEST,
          },
        ],
      },
      additionalBehaviors: {
        "/api/*": {
          origin: new origins.HttpOrigin(props.apiDomainName, {
            protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
          }),
          // A redirect would turn a POST into a GET and drop its body.
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
          cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
          // API Gateway routes by its own host name, so Host must not pass.
          originRequestPolicy:
            cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy,
        },
      },
    });
  }

  /**
   * Uploads the build in two sets. Hashed assets never change under a
   * name, so browsers keep them for a year; they are uploaded first and
   * never pruned, so a visitor holding the previous `index.html` can still
   * load its files. Everything else must be revalidated on every visit.
   *
   * Without a build nothing is uploaded: an empty upload would prune the
   * live `index.html` and take the site down.
   */
  private deployContent(dir: string): void {
    if (!hasSiteBuild(dir)) {
      Annotations.of(this).addWarningV2(
        "readiness:site-not-built",
        `${dir}/index.html is missing, so the site's files are not ` +
          "uploaded: run `npm run build` before deploying.",
      );
      return;
    }

    const source = s3deploy.Source.asset(dir, {
      exclude: ["lambda", "lambda/**"],
    });
    // Both deployments run on one shared function, so one log group.
    const logGroup = createLogGroup(this, "DeployLogs");

    const assets = new s3deploy.BucketDeployment(this, "DeployAssets", {
      sources: [source],
      destinationBucket: this.bucket,
      include: [hashedAssets],
      exclude: ["*"],
      prune: false,
      cacheControl: [
        s3deploy.CacheControl.setPublic(),
        s3deploy.CacheControl.maxAge(Duration.days(365)),
        s3deploy.CacheControl.immutable(),
      ],
      logGroup,
    });

    const pages = new s3deploy.BucketDeployment(this, "DeployPages", {
      sources: [source],
      destinationBucket: this.bucket,
      exclude: [hashedAssets],
      cacheControl: [s3deploy.CacheControl.noCache()],
      distribution: this.distribution,
      distributionPaths: pagePaths,
      logGroup,
    });

    pages.node.addDependency(assets);
  }
}

function customDomainSettings(scope: Construct, domain?: CustomDomain) {
  if (!domain) return {};

  const certificate = acm.Certificate.fromCertificateArn(
    scope,
    "Certificate",
    domain.certificateArn,
  );
  return {
    domainNames: [domain.domainName],
    certificate,
    // Only a custom certificate lets CloudFront refuse old TLS versions.
    minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
  };
}
