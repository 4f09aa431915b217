import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";

import type { AppEnv } from "../app-env.ts";
import type { LeadGate } from "../config.ts";
import { settingsSchema, type Settings } from "../leads/lead-schemas.ts";
import { documentedErrors } from "../schemas.ts";

/*
 * Settings change only with a deploy; a minute of caching spares the
 * API a request per visit without keeping a change out for long.
 */
const cacheControl = "public, max-age=60";

/** Registers `GET /api/settings`: what the SPA needs to know at start. */
export function registerSettingsRoute(
  app: OpenAPIHono<AppEnv>,
  leadGate: LeadGate,
): void {
  const route = createRoute({
    method: "get",
    path: "/api/settings",
    tags: ["settings"],
    summary: "Settings the SPA reads at start",
    responses: {
      200: {
        description: "The settings.",
        content: { "application/json": { schema: settingsSchema } },
      },
      ...documentedErrors([]),
    },
  });

  const settings: Settings = { leadGate, leadsEnabled: true };
  app.openapi(route, (c) =>
    c.json(settings, 200, { "Cache-Control": cacheControl }),
  );
}
