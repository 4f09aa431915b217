import { Duration } from "aws-cdk-lib";
import * as cloudfront from "aws-cdk-lib/aws-cloudfront";
import type { Construct } from "constructs";

import { securityHeaders } from "../../../api/security-headers.ts";

/** CloudFront's two places for response headers, filled in. */
export interface HeaderBehaviors {
  securityHeadersBehavior: cloudfront.ResponseSecurityHeadersBehavior;
  customHeadersBehavior: cloudfront.ResponseCustomHeadersBehavior;
}

type SecurityBehavior = {
  -readonly [
    K in keyof cloudfront.ResponseSecurityHeadersBehavior
  ]: cloudfront.ResponseSecurityHeadersBehavior[K];
};

/*
 * CloudFront refuses these names as custom headers: each has its own
 * typed field in the security headers behaviour instead.
 */
const securityFields: Record<
  string,
  (value: string, behavior: SecurityBehavior) => void
> = {
  "content-security-policy": (value, behavior) => {
    behavior.contentSecurityPolicy = {
      contentSecurityPolicy: value,
      override: true,
    };
  },
  "x-content-type-options": (value, behavior) => {
    expectValue("X-Content-Type-Options", value, ["nosniff"]);
    behavior.contentTypeOptions = { override: true };
  },
  "referrer-policy": (value, behavior) => {
    const policies = Object.values(cloudfront.HeadersReferrerPolicy);
    const referrerPolicy = expectValue("Referrer-Policy", value, policies);
    behavior.referrerPolicy = { referrerPolicy, override: true };
  },
  "strict-transport-security": (value, behavior) => {
    behavior.strictTransportSecurity = parseStrictTransportSecurity(value);
  },
  "x-frame-options": (value, behavior) => {
    const options = Object.values(cloudfront.HeadersFrameOption);
    const frameOption = expectValue("X-Frame-Options", value, options);
    behavior.frameOptions = { frameOption, override: true };
  },
};

/**
 * The headers CloudFront adds to every response: the API's own security
 * headers, so local server and cloud send the same, plus the legacy
 * `X-Frame-Options` where it can say what `frame-ancestors` says.
 *
 * @example
 * siteHeaders("'self'")["X-Frame-Options"]; // "SAMEORIGIN"
 * siteHeaders("https://partner.example")["X-Frame-Options"]; // undefined
 */
export function siteHeaders(frameAncestors: string): Record<string, string> {
  return {
    ...securityHeaders(frameAncestors),
    ...legacyFrameOptions(frameAncestors),
  };
}

/*
 * X-Frame-Options has no way to list origins, so when other sites may
 * frame the app it is left out and browsers follow the CSP alone.
 */
function legacyFrameOptions(frameAncestors: string): Record<string, string> {
  const sources = frameAncestors.trim();
  if (sources === "'self'") return { "X-Frame-Options": "SAMEORIGIN" };
  if (sources === "'none'") return { "X-Frame-Options": "DENY" };
  return {};
}

/**
 * Sorts headers into CloudFront's security fields and custom headers.
 * Every header overrides what the origin sent, so the API and the bucket
 * answer with the same values.
 */
export function toHeaderBehaviors(
  headers: Record<string, string>,
): HeaderBehaviors {
  const security: SecurityBehavior = {};
  const customHeaders: cloudfront.ResponseCustomHeader[] = [];

  for (const [header, value] of Object.entries(headers)) {
    const setField = securityFields[header.toLowerCase()];
    if (setField) setField(value, security);
    else customHeaders.push({ header, value, override: true });
  }

  return {
    securityHeadersBehavior: security,
    customHeadersBehavior: { customHeaders },
  };
}

/** Creates the response headers policy for the site and the API. */
export function createSecurityHeadersPolicy(
  scope: Construct,
  id: string,
  frameAncestors: string,
): cloudfront.ResponseHeadersPolicy {
  return new cloudfront.ResponseHeadersPolicy(scope, id, {
    comment: "The API's security headers, on every response",
    ...toHeaderBehaviors(siteHeaders(frameAncestors)),
  });
}

function parseStrictTransportSecurity(
  value: string,
): cloudfront.ResponseHeadersStrictTransportSecurity {
  const directives = value.split(";").map((d) => d.trim().toLowerCase());
  const maxAge = directives
    .find((directive) => directive.startsWith("max-age="))
    ?.slice("max-age=".length);

  if (!maxAge || !/^\d+$/.test(maxAge)) {
    throw new Error(`Strict-Transport-Security needs a max-age: "${value}"`);
  }

  return {
    accessControlMaxAge: Duration.seconds(Number(maxAge)),
    includeSubdomains: directives.includes("includesubdomains"),
    preload: directives.includes("preload"),
    override: true,
  };
}

function expectValue<T extends string>(
  header: string,
  value: string,
  allowed: readonly T[],
): T {
  const match = allowed.find((candidate) => candidate === value);
  if (match) return match;

  throw new Error(
    `CloudFront cannot send ${header}: "${value}"; ` +
      `it accepts ${allowed.join(", ")}.`,
  );
}
