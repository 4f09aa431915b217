import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";

import {
  leadSchema,
  type LeadInput,
} from "../../src/core/leads/lead-schema.ts";
import type { AppEnv } from "../app-env.ts";
import { leadReceiptSchema } from "../leads/lead-schemas.ts";
import { createLead, type LeadServiceDeps } from "../leads/lead-service.ts";
import { jsonBody } from "../middleware/json-body.ts";
import { documentedErrors } from "../schemas.ts";

/*
 * The core's schema is built with plain zod when its module loads,
 * which can be before @hono/zod-openapi has added `.openapi` to zod (a
 * test that imports the core first, say). A clone is built now, after
 * it, with the same checks.
 */
const leadSubmissionSchema = () => leadSchema.clone().openapi("LeadSubmission");

/**
 * Registers `POST /api/leads`: a person's details, linked to their
 * stored assessment, stored once and handed to the deliverer.
 */
export function registerLeadRoutes(
  app: OpenAPIHono<AppEnv>,
  deps: LeadServiceDeps,
): void {
  const route = createRoute({
    method: "post",
    path: "/api/leads",
    tags: ["leads"],
    summary: "Leave contact details for a stored assessment",
    description:
      "One lead per stored assessment. Sending the same lead id and " +
      "details again is safe: it answers 200. The scores and the " +
      "campaign attribution are taken from the stored assessment.",
    middleware: [jsonBody()] as const,
    request: {
      body: {
        required: true,
        content: {
          "application/json": { schema: leadSubmissionSchema() },
        },
      },
    },
    responses: {
      201: {
        description: "Stored, and on its way to the CRM.",
        content: { "application/json": { schema: leadReceiptSchema } },
      },
      200: {
        description: "Already stored with these details.",
        content: { "application/json": { schema: leadReceiptSchema } },
      },
      202: {
        description:
          "Accepted. The answer looks like a success whatever happened " +
          "to the lead, so that a bot learns nothing.",
        content: { "application/json": { schema: leadReceiptSchema } },
      },
      ...documentedErrors([400, 404, 409, 413, 415, 429, 503], {
        404:
          "No stored, unexpired assessment has this assessmentId " +
          "(assessment_not_found).",
        409:
          "The assessment already has a lead with another id or other " +
          "details (conflict).",
      }),
    },
  });

  app.openapi(route, async (c) => {
    const input: LeadInput = c.req.valid("json");
    const { status, receipt } = await createLead(
      deps,
      input,
      c.get("requestId"),
    );
    if (status === 201) return c.json(receipt, 201);
    if (status === 202) return c.json(receipt, 202);
    return c.json(receipt, 200);
  });
}
