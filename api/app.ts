import { OpenAPIHono } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";

import type { Content } from "../src/core/content/schema.ts";
import { content as currentContent } from "../src/generated/content.ts";
import type { AppEnv } from "./app-env.ts";
import { createAssessmentService } from "./assessments/assessment-service.ts";
import type { Config } from "./config.ts";
import { createErrorHandler, errorResponse, HttpError } from "./errors.ts";
import { noLeadDelivery, type LeadDelivery } from "./leads/lead-delivery.ts";
import { requestLog, type Logger } from "./log.ts";
import { noStore, requireAdmin } from "./middleware/admin-auth.ts";
import {
  createClientKey,
  type ClientAddress,
} from "./middleware/client-key.ts";
import { createRateLimiter, rateLimit } from "./middleware/rate-limit.ts";
import { secureResponses } from "./middleware/secure-responses.ts";
import { registerAdminLeadRoutes } from "./routes/admin-leads.ts";
import { registerAssessmentRoutes } from "./routes/assessments.ts";
import { registerDeadLetterRoutes } from "./routes/dead-letters.ts";
import { registerHealthRoute } from "./routes/health.ts";
import { registerLeadRoutes } from "./routes/leads.ts";
import { registerOpenApiDocument } from "./routes/openapi.ts";
import { registerSettingsRoute } from "./routes/settings.ts";
import type { Store } from "./store/store.ts";
import { rejectInvalidInput } from "./validation.ts";

/** Everything the app needs from outside; each entry file supplies it. */
export interface AppDeps {
  config: Pick<
    Config,
    | "frameAncestors"
    | "retentionDays"
    | "rateLimit"
    | "trustProxy"
    | "adminToken"
    | "leadRetentionDays"
    | "leadGate"
  >;
  store: Store;
  logger: Logger;
  /** The assessment content; the compiled content when left out. */
  content?: Content;
  /** How the runtime finds the client's address, for the rate limit. */
  clientAddress?: ClientAddress;
  /** Serves the SPA for GETs outside /api; only the Node server has it. */
  staticFiles?: MiddlewareHandler;
  /** The clock; tests move it to create results that have expired. */
  now?: () => Date;
  /** Takes each new lead on to the CRM; a no-op when left out. */
  leadDelivery?: LeadDelivery;
}

const notFound = () =>
  new HttpError(404, "not_found", "Nothing is found at this path.");

/**
 * Builds the one Hono app that serves the API, the same for the Node
 * server and for Lambda: logging, security headers, rate limits, the
 * routes, the OpenAPI document and the JSON error handling.
 *
 * @example
 * const app = createApp({ config, store, logger });
 * const response = await app.request("/api/health");
 */
export function createApp(deps: AppDeps): OpenAPIHono<AppEnv> {
  const content = deps.content ?? currentContent;
  const app = new OpenAPIHono<AppEnv>({ defaultHook: rejectInvalidInput });

  app.use("*", requestLog(deps.logger));
  app.use("*", secureResponses(deps.config.frameAncestors));
  limitPublicRoutes(app, deps);
  app.use("/api/admin/*", noStore(), requireAdmin(deps.config.adminToken));

  const now = deps.now ?? (() => new Date());
  const service = createAssessmentService({
    content,
    store: deps.store,
    retentionDays: deps.config.retentionDays,
    now,
  });
  registerAssessmentRoutes(app, { content, service });
  registerLeadRoutes(app, {
    store: deps.store,
    leadDelivery: deps.leadDelivery ?? noLeadDelivery,
    logger: deps.logger,
    retentionDays: deps.config.leadRetentionDays,
    now,
  });
  registerAdminLeadRoutes(app, {
    content,
    store: deps.store,
    leadRetentionDays: deps.config.leadRetentionDays,
    now,
  });
  registerDeadLetterRoutes(app, {
    store: deps.store,
    leadDelivery: deps.leadDelivery ?? noLeadDelivery,
    leadRetentionDays: deps.config.leadRetentionDays,
    now,
  });
  registerSettingsRoute(app, deps.config.leadGate);
  registerHealthRoute(app, deps.store);
  registerOpenApiDocument(app, content);
  rejectOtherMethods(app);

  app.all("/api/*", () => {
    throw notFound();
  });
  if (deps.staticFiles) app.get("*", deps.staticFiles);
  app.notFound((c) => errorResponse(c, notFound()));
  app.onError(createErrorHandler(deps.logger));
  return app;
}

/*
 * One allowance per client across the routes that write or read
 * stored data, admin routes included, so that guessing the admin token
 * is as slow as flooding the public routes.
 */
function limitPublicRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps) {
  const limiter = createRateLimiter(deps.config.rateLimit);
  const clientKey = createClientKey(
    deps.clientAddress ?? (() => undefined),
    deps.config.trustProxy,
  );

  // Hono's `/*` matches the bare path as well, so this covers both.
  const limit = rateLimit(limiter, clientKey);
  app.use("/api/assessments/*", limit);
  app.use("/api/leads/*", limit);
  app.use("/api/admin/*", limit);
}

/*
 * A known API path asked with a method it does not have gets 405 and
 * the methods it does have, instead of a misleading 404. The list comes
 * from the routes themselves, so it cannot go stale.
 */
function rejectOtherMethods(app: OpenAPIHono<AppEnv>) {
  const methodsByPath = new Map<string, Set<string>>();
  for (const { path, method } of app.routes) {
    if (method === "ALL" || !path.startsWith("/api/")) continue;
    const methods = methodsByPath.get(path) ?? new Set();
    methods.add(method);
    if (method === "GET") methods.add("HEAD");
    methodsByPath.set(path, methods);
  }

  for (const [path, methods] of methodsByPath) {
    const allow = [...methods].join(", ");
    app.all(path, () => {
      throw new HttpError(405, "method_not_allowed", `Use ${allow}.`, {
        headers: { Allow: allow },
      });
    });
  }
}
