import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";

import type { AppEnv } from "../app-env.ts";
import { HttpError } from "../errors.ts";
import { monthsBack } from "../leads/delivery/months.ts";
import type { LeadDelivery } from "../leads/lead-delivery.ts";
import { adminTokenScheme } from "../middleware/admin-auth.ts";
import { documentedErrors } from "../schemas.ts";
import type { LeadRecord } from "../store/lead-store.ts";
import {
  LeadDeliveryChangedError,
  LeadNotFoundError,
} from "../store/store-errors.ts";
import type { Store } from "../store/store.ts";

export interface DeadLetterRoutesDeps {
  store: Store;
  /** Takes a replayed lead; in the stream mode the table's stream does. */
  leadDelivery: LeadDelivery;
  /** Leads older than this have expired, so no search reaches further. */
  leadRetentionDays: number;
  now: () => Date;
}

const deadLetterSchema = z
  .object({
    id: z.uuid().openapi({ description: "The lead id." }),
    assessmentId: z.uuid(),
    createdAt: z.iso.datetime(),
    company: z.string(),
    attempts: z.int(),
    lastAttemptAt: z.iso.datetime().optional(),
    lastError: z.string().optional().openapi({
      description: "Why the last attempt failed, e.g. `HTTP 503`, `timeout`.",
      example: "HTTP 503",
    }),
  })
  .openapi("DeadLetter");

export type DeadLetter = z.infer<typeof deadLetterSchema>;

const deadLetterListSchema = z
  .object({ deadLetters: z.array(deadLetterSchema) })
  .openapi("DeadLetterList");

const replaySchema = z
  .object({
    id: z.uuid(),
    delivery: z.object({
      status: z.literal("pending"),
      attempts: z.literal(0),
    }),
  })
  .openapi("DeadLetterReplay");

const leadIdParamsSchema = z.object({
  leadId: z.uuid().openapi({
    param: { name: "leadId", in: "path" },
    description: "The lead id, as the dead-letter list gives it.",
  }),
});

/**
 * Registers `GET /api/admin/dead-letters` and
 * `POST /api/admin/dead-letters/{leadId}/replay`. The app puts both
 * behind `requireAdmin`, as every `/api/admin` route.
 *
 * @example
 * registerDeadLetterRoutes(app, { store, leadDelivery, … });
 */
export function registerDeadLetterRoutes(
  app: OpenAPIHono<AppEnv>,
  deps: DeadLetterRoutesDeps,
): void {
  registerList(app, deps);
  registerReplay(app, deps);
}

function registerList(app: OpenAPIHono<AppEnv>, deps: DeadLetterRoutesDeps) {
  const route = createRoute({
    method: "get",
    path: "/api/admin/dead-letters",
    tags: ["admin"],
    summary: "List leads whose delivery to the CRM gave up",
    description:
      "Every live lead marked `dead-letter`, newest first, with why its " +
      "last attempt failed. No email addresses.",
    security: [{ [adminTokenScheme]: [] }],
    responses: {
      200: {
        description: "The dead letters; an empty list when there are none.",
        content: { "application/json": { schema: deadLetterListSchema } },
      },
      ...documentedErrors([401, 429, 503]),
    },
  });

  app.openapi(route, async (c) => {
    const leads = await deps.store.listLeadsByDeliveryStatus(
      "dead-letter",
      monthsBack(deps.now(), deps.leadRetentionDays),
    );
    return c.json({ deadLetters: leads.map(toDeadLetter) }, 200);
  });
}

function registerReplay(app: OpenAPIHono<AppEnv>, deps: DeadLetterRoutesDeps) {
  const route = createRoute({
    method: "post",
    path: "/api/admin/dead-letters/{leadId}/replay",
    tags: ["admin"],
    summary: "Send a dead letter to the CRM again",
    description:
      "Resets the lead's delivery to `pending` with no attempts, so it " +
      "is delivered again with the full number of attempts, under the " +
      "same Idempotency-Key.",
    security: [{ [adminTokenScheme]: [] }],
    request: { params: leadIdParamsSchema },
    responses: {
      202: {
        description: "Reset to pending; delivery starts again.",
        content: { "application/json": { schema: replaySchema } },
      },
      ...documentedErrors([400, 401, 404, 409, 429, 503], {
        400: "The lead id is not a UUID (invalid_id).",
        404: "No live lead has this id (not_found).",
        409:
          "The lead is not a dead letter: it is pending or delivered, or " +
          "it was replayed at the same moment (conflict).",
      }),
    },
  });

  app.openapi(route, async (c) => {
    const { leadId } = c.req.valid("param");
    const lead = await findLead(deps, leadId);
    await resetDelivery(lead);

    deps.leadDelivery.enqueue({
      ...lead,
      delivery: { status: "pending", attempts: 0 },
    });
    return c.json(
      { id: lead.id, delivery: { status: "pending", attempts: 0 } } as const,
      202,
    );
  });

  async function resetDelivery(lead: LeadRecord) {
    try {
      await deps.store.updateLeadDelivery(
        lead.assessmentId,
        { status: "pending", attempts: 0 },
        lead.delivery.attempts,
      );
    } catch (error) {
      if (error instanceof LeadNotFoundError) throw noSuchLead();
      if (error instanceof LeadDeliveryChangedError) {
        throw notDeadLetter("it was replayed at the same moment");
      }
      throw error;
    }
  }
}

/*
 * The lead item is keyed by its assessment, so a lead id is found by
 * reading the dead letters through the index. Only when it is not
 * among them are the other leads read, to tell "not a dead letter"
 * (409) from "no such lead" (404). Replays are admin-only and rare.
 */
async function findLead(
  deps: DeadLetterRoutesDeps,
  leadId: string,
): Promise<LeadRecord> {
  const months = monthsBack(deps.now(), deps.leadRetentionDays);
  const deadLetters = await deps.store.listLeadsByDeliveryStatus(
    "dead-letter",
    months,
  );
  const lead = deadLetters.find((candidate) => candidate.id === leadId);
  if (lead) return lead;

  for (const status of ["pending", "delivered"] as const) {
    const others = await deps.store.listLeadsByDeliveryStatus(status, months);
    if (others.some((candidate) => candidate.id === leadId)) {
      throw notDeadLetter(`its delivery is ${status}`);
    }
  }
  throw noSuchLead();
}

function toDeadLetter(lead: LeadRecord): DeadLetter {
  const { lastAttemptAt, lastError, attempts } = lead.delivery;
  return {
    id: lead.id,
    assessmentId: lead.assessmentId,
    createdAt: lead.createdAt,
    company: lead.company,
    attempts,
    ...(lastAttemptAt ? { lastAttemptAt } : {}),
    ...(lastError ? { lastError } : {}),
  };
}

function noSuchLead(): HttpError {
  return new HttpError(404, "not_found", "No lead has this id.");
}

function notDeadLetter(why: string): HttpError {
  return new HttpError(
    409,
    "conflict",
    `The lead is not a dead letter: ${why}.`,
  );
}
