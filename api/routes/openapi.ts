import type { OpenAPIHono } from "@hono/zod-openapi";

import type { Content } from "../../src/core/content/schema.ts";
import type { AppEnv } from "../app-env.ts";

/**
 * Serves `GET /api/openapi.json`, generated from the same zod schemas
 * that validate the requests. It is built on first request, once all
 * routes are registered, and kept: it cannot change while running.
 */
export function registerOpenApiDocument(
  app: OpenAPIHono<AppEnv>,
  content: Content,
): void {
  let document: ReturnType<typeof app.getOpenAPIDocument> | undefined;

  app.get("/api/openapi.json", (c) => {
    document ??= app.getOpenAPIDocument({
      openapi: "3.0.3",
      info: {
        title: "Integration Readiness Assessment API",
        version: content.version,
        description:
          "Stores scored assessments. Errors are JSON: " +
          '`{"error": {"code", "message", "issues"?}}`.',
      },
    });
    return c.json(document);
  });
}
