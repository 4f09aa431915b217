import * as cloudfront from "aws-cdk-lib/aws-cloudfront";
import type { Construct } from "constructs";

/**
 * The viewer-request handler, written for the CloudFront Functions
 * runtime (hence `var` and no modules). A path whose last segment has no
 * dot is a client route such as `/assessment/3`, so it gets the SPA's
 * `index.html`; a path with a dot is a real file and passes through.
 * `/api` paths always pass through: the function is only attached to the
 * site's behaviour, and this keeps it harmless if that ever changes.
 *
 * Why at the edge and not as error responses:
 * `docs/decisions/spa-fallback-at-the-edge.md`.
 *
 * @example
 * "/patterns/event-driven" -> "/index.html"
 * "/assets/index-3f9a.js" -> unchanged
 */
export const spaFallbackCode = `function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri === "/api" || uri.indexOf("/api/") === 0) return request;

  var lastSegment = uri.substring(uri.lastIndexOf("/") + 1);
  if (lastSegment.indexOf(".") === -1) request.uri = "/index.html";
  return request;
}
`;

/** Creates the CloudFront Function that serves client routes the SPA. */
export function createSpaFallback(
  scope: Construct,
  id: string,
): cloudfront.Function {
  return new cloudfront.Function(scope, id, {
    code: cloudfront.FunctionCode.fromInline(spaFallbackCode),
    runtime: cloudfront.FunctionRuntime.JS_2_0,
    comment: "Serves index.html for client routes of the SPA",
  });
}
