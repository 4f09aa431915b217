import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";

import type { AppEnv } from "../app-env.ts";
import { storeRetryAfterSeconds } from "../errors.ts";
import { healthSchema } from "../schemas.ts";
import type { Store } from "../store/store.ts";
import { StoreUnavailableError } from "../store/store-errors.ts";

/**
 * Registers `GET /api/health`: 200 when the table answers, 503 when it
 * does not. It is never rate-limited, so a monitor can always ask.
 */
export function registerHealthRoute(app: OpenAPIHono<AppEnv>, store: Store) {
  const route = createRoute({
    method: "get",
    path: "/api/health",
    tags: ["health"],
    summary: "Whether the API can reach its store",
    responses: {
      200: {
        description: "The store is reachable.",
        content: { "application/json": { schema: healthSchema } },
      },
      503: {
        description: "The store is not reachable.",
        content: { "application/json": { schema: healthSchema } },
      },
    },
  });

  app.openapi(route, async (c) => {
    try {
      await store.checkReachable();
    } catch (error) {
      if (!(error instanceof StoreUnavailableError)) throw error;
      return c.json(
        { status: "unavailable", store: "unreachable" } as const,
        503,
        {
          "Retry-After": String(storeRetryAfterSeconds),
        },
      );
    }
    return c.json({ status: "ok", store: "reachable" } as const, 200);
  });
}
