import * as cloudfront from "aws-cdk-lib/aws-cloudfront";
import type { Construct } from "constructs";

import { prerenderedPages, shellPage } from "../../../api/site-pages.ts";

/* The page files by path, as the function's code spells them. */
const pageFiles = Object.fromEntries(
  Object.entries(prerenderedPages).map(([path, file]) => [path, `/${file}`]),
);

/**
 * The viewer-request handler, written for the CloudFront Functions
 * runtime (hence `var` and no modules). A path whose last segment has no
 * dot is a client route such as `/assessment/3`: it gets its
 * prerendered page where there is one (`api/site-pages.ts`), and the
 * SPA's empty shell otherwise. A path with a dot is a real file and
 * passes through.
 * `/api` paths always pass through: the function is only attached to the
 * site's behaviour, and this keeps it harmless if that ever changes.
 *
 * Why at the edge and not as error responses:
 * `docs/decisions/spa-fallback-at-the-edge.md`.
 *
 * @example
 * "/assessment/1" -> "/assessment/1.html"
 * "/patterns/event-driven" -> "/app.html"
 * "/assets/index-3f9a.js" -> unchanged
 */
export const spaFallbackCode = `var pages = ${JSON.stringify(pageFiles)};

function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri === "/api" || uri.indexOf("/api/") === 0) return request;

  var lastSegment = uri.substring(uri.lastIndexOf("/") + 1);
  if (lastSegment.indexOf(".") !== -1) return request;

  var path = uri.length > 1 ? uri.replace(/\\/+$/, "") : uri;
  request.uri = pages[path || "/"] || "/${shellPage}";
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
