import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";

import type { Content } from "../../src/core/content/schema.ts";
import type { AppEnv } from "../app-env.ts";
import { leadsToCsv } from "../leads/lead-csv.ts";
import { adminLeadPageSchema, type AdminLead } from "../leads/lead-schemas.ts";
import { adminTokenScheme } from "../middleware/admin-auth.ts";
import { documentedErrors } from "../schemas.ts";
import {
  isLeadCursor,
  type LeadQuery,
  type LeadRecord,
} from "../store/lead-store.ts";
import type { Store } from "../store/store.ts";

export interface AdminLeadRoutesDeps {
  content: Content;
  store: Store;
  /** Leads older than this have expired, so no list reaches further. */
  leadRetentionDays: number;
  now: () => Date;
}

const dayPattern = /^\d{4}-\d{2}-\d{2}$/;
const msPerDay = 86_400_000;

const day = (description: string) =>
  z
    .string()
    .regex(dayPattern, "must be a day as YYYY-MM-DD")
    .refine(isCalendarDay, "must be a day in the calendar")
    .optional()
    .openapi({ description, example: "2026-12-01" });

/**
 * The filters both admin routes take. Unknown parameters are refused,
 * as unknown body fields are, so a typo never silently lists everything.
 */
function filterShape(content: Content) {
  const levelIds = content.levels.map((level) => level.id);
  return {
    from: day("First UTC day to include; the oldest live lead by default."),
    to: day("Last UTC day to include; today by default."),
    level: z
      .enum(levelIds as [string, ...string[]], {
        error: `must be one of ${levelIds.join(", ")}`,
      })
      .optional()
      .openapi({ description: "Only leads at this overall maturity level." }),
  };
}

function withOrderedDays<T extends z.ZodObject>(schema: T): T {
  return schema.superRefine((query, ctx) => {
    const { from, to } = query as { from?: string; to?: string };
    if (from && to && from > to) {
      ctx.addIssue({
        code: "custom",
        path: ["from"],
        message: "must not be after to",
      });
    }
  });
}

/**
 * Registers `GET /api/admin/leads` (one page, newest first) and
 * `GET /api/admin/leads.csv` (every matching lead). The app puts both
 * behind `requireAdmin` and `Cache-Control: no-store`.
 */
export function registerAdminLeadRoutes(
  app: OpenAPIHono<AppEnv>,
  deps: AdminLeadRoutesDeps,
): void {
  app.openAPIRegistry.registerComponent("securitySchemes", adminTokenScheme, {
    type: "http",
    scheme: "bearer",
    description: "The ADMIN_TOKEN the API was started with.",
  });

  registerList(app, deps);
  registerCsv(app, deps);
}

function registerList(app: OpenAPIHono<AppEnv>, deps: AdminLeadRoutesDeps) {
  const query = withOrderedDays(
    z.strictObject({
      ...filterShape(deps.content),
      limit: z.coerce
        .number()
        .int("must be a whole number")
        .min(1, "must be at least 1")
        .max(100, "must be at most 100")
        .optional()
        .openapi({ description: "Leads per page, 1 to 100; 50 by default." }),
      cursor: z
        .string()
        .max(1000)
        .refine(isLeadCursor, "must be a nextCursor from this list")
        .optional()
        .openapi({ description: "The nextCursor of the page before." }),
    }),
  );

  const route = createRoute({
    method: "get",
    path: "/api/admin/leads",
    tags: ["admin"],
    summary: "List leads, newest first, one page at a time",
    security: [{ [adminTokenScheme]: [] }],
    request: { query },
    responses: {
      200: {
        description: "A page of leads, with their delivery status.",
        content: { "application/json": { schema: adminLeadPageSchema } },
      },
      ...documentedErrors([400, 401, 429, 503], { 400: queryError }),
    },
  });

  app.openapi(route, async (c) => {
    const filters = c.req.valid("query");
    const page = await deps.store.listLeads({
      ...leadRange(deps, filters),
      limit: filters.limit ?? 50,
      cursor: filters.cursor,
    });
    return c.json(
      {
        leads: page.leads.map(toAdminLead),
        ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
      },
      200,
    );
  });
}

function registerCsv(app: OpenAPIHono<AppEnv>, deps: AdminLeadRoutesDeps) {
  const route = createRoute({
    method: "get",
    path: "/api/admin/leads.csv",
    tags: ["admin"],
    summary: "Export every matching lead as CSV",
    description:
      "One row per lead, newest first, with per-area scores and levels, " +
      "attribution and delivery status. Cells a spreadsheet would read " +
      "as a formula start with an apostrophe.",
    security: [{ [adminTokenScheme]: [] }],
    request: {
      query: withOrderedDays(z.strictObject(filterShape(deps.content))),
    },
    responses: {
      200: {
        description: "The leads as CSV, as an attachment.",
        content: { "text/csv": { schema: z.string() } },
      },
      ...documentedErrors([400, 401, 429, 503], { 400: queryError }),
    },
  });

  app.openapi(route, async (c) => {
    const range = leadRange(deps, c.req.valid("query"));
    const leads = await allLeads(deps.store, range);
    const today = deps.now().toISOString().slice(0, 10);

    return c.body(leadsToCsv(deps.content, leads), 200, {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="leads-${today}.csv"`,
    });
  });
}

const queryError =
  "A query parameter is unknown or has a bad value (invalid_query, " +
  "with issues).";

type Range = Omit<LeadQuery, "limit" | "cursor">;

/*
 * Without `from`, the list reaches back as far as a lead can live, and
 * never further, so a far-off `from` cannot make it read empty months.
 */
function leadRange(
  deps: AdminLeadRoutesDeps,
  filters: { from?: string; to?: string; level?: string },
): Range {
  const now = deps.now();
  const today = now.toISOString().slice(0, 10);
  const oldest = new Date(now.getTime() - deps.leadRetentionDays * msPerDay)
    .toISOString()
    .slice(0, 10);

  const from = filters.from && filters.from > oldest ? filters.from : oldest;
  const to = filters.to && filters.to < today ? filters.to : today;
  return {
    from,
    to,
    level: filters.level,
    nowSeconds: Math.floor(now.getTime() / 1000),
  };
}

async function allLeads(store: Store, range: Range): Promise<LeadRecord[]> {
  const leads: LeadRecord[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.listLeads({ ...range, limit: 100, cursor });
    leads.push(...page.leads);
    cursor = page.nextCursor;
  } while (cursor);
  return leads;
}

function toAdminLead(lead: LeadRecord): AdminLead {
  const { requestHash: _hash, expiresAt, ...rest } = lead;
  return { ...rest, expiresAt: new Date(expiresAt * 1000).toISOString() };
}

function isCalendarDay(text: string): boolean {
  const time = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(time.getTime()) && time.toISOString().startsWith(text);
}
