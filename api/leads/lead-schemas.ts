import { z } from "@hono/zod-openapi";

import { leadGates } from "../config.ts";
import {
  companySizes,
  leadInterests,
} from "../../src/core/leads/lead-schema.ts";
import { utmSchema } from "../../src/core/submission.ts";
import type { LeadReceipt } from "./lead-service.ts";
import { deliveryStatuses } from "../store/lead-store.ts";

/*
 * Schemas for what the lead and admin routes send back, used to
 * document them in /api/openapi.json. The type checks at the end fail
 * the build if they drift from the types the routes really send.
 */

export const leadReceiptSchema = z
  .object({
    id: z.uuid(),
    assessmentId: z.uuid(),
    createdAt: z.iso.datetime(),
    interest: z.enum(leadInterests),
  })
  .openapi("LeadReceipt");

const scoreSchema = z.object({
  score: z.number(),
  level: z.string().openapi({ description: "The maturity level's id." }),
});

export const adminLeadSchema = z
  .object({
    id: z.uuid(),
    assessmentId: z.uuid(),
    createdAt: z.iso.datetime(),
    expiresAt: z.iso.datetime(),
    name: z.string(),
    email: z.string(),
    company: z.string(),
    role: z.string(),
    companySize: z.enum(companySizes),
    interest: z.enum(leadInterests),
    consentedAt: z.iso.datetime(),
    context: z.object({
      utm: utmSchema.optional(),
      referrer: z.string().optional(),
    }),
    scores: z.object({
      overall: scoreSchema,
      areas: z.array(scoreSchema.extend({ id: z.string() })),
    }),
    delivery: z.object({
      status: z.enum(deliveryStatuses),
      attempts: z.int(),
      lastAttemptAt: z.iso.datetime().optional(),
      lastError: z.string().optional(),
      deliveredAt: z.iso.datetime().optional(),
    }),
  })
  .openapi("AdminLead");

export const adminLeadPageSchema = z
  .object({
    leads: z.array(adminLeadSchema),
    nextCursor: z.string().optional().openapi({
      description: "Present when more leads match; send it as `cursor`.",
    }),
  })
  .openapi("AdminLeadPage");

export const settingsSchema = z
  .object({
    leadGate: z.enum(leadGates).openapi({
      description:
        "`results-first`: the result shows, then the lead form is " +
        "offered; `form-first`: the lead form comes before the result.",
    }),
    leadsEnabled: z.literal(true),
  })
  .openapi("Settings");

/** What the SPA reads from `GET /api/settings`. */
export type Settings = z.infer<typeof settingsSchema>;

/** A lead as the admin sees it: everything but the store's own fields. */
export type AdminLead = z.infer<typeof adminLeadSchema>;

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const assertTrue = <T extends true>(): T | undefined => undefined;

assertTrue<Same<z.infer<typeof leadReceiptSchema>, LeadReceipt>>();
