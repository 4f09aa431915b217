import { createHash } from "node:crypto";

import {
  minimumFormMs,
  type LeadInput,
} from "../../src/core/leads/lead-schema.ts";
import { HttpError } from "../errors.ts";
import type { Logger } from "../log.ts";
import type { AssessmentRecord, Store } from "../store/store.ts";
import type { LeadRecord } from "../store/lead-store.ts";
import { LeadExistsError } from "../store/store-errors.ts";
import type { LeadDelivery } from "./lead-delivery.ts";

/** What the person who sent a lead gets back: ids, never their details. */
export interface LeadReceipt {
  id: string;
  assessmentId: string;
  createdAt: string;
  interest: LeadInput["interest"];
}

/**
 * What a POST did: stored it now (201), had it already (200), or took
 * it from a bot and dropped it (202, same body shape, nothing stored).
 */
export type LeadOutcome = { status: 200 | 201 | 202; receipt: LeadReceipt };

export interface LeadServiceDeps {
  store: Store;
  leadDelivery: LeadDelivery;
  logger: Logger;
  retentionDays: number;
  now: () => Date;
}

const secondsPerDay = 86_400;

/**
 * Stores a lead once, linked to a stored assessment, and hands it to
 * the deliverer. Bots get a receipt that looks like success, so they
 * learn nothing; their lead is neither stored nor delivered.
 *
 * @example
 * const outcome = await createLead(deps, leadSchema.parse(body), requestId);
 * outcome.status; // 201
 */
export async function createLead(
  deps: LeadServiceDeps,
  input: LeadInput,
  requestId: string | undefined,
): Promise<LeadOutcome> {
  const now = deps.now();
  if (looksLikeBot(input)) {
    deps.logger.info("lead dropped as a bot", { requestId });
    return { status: 202, receipt: toReceipt(input, now.toISOString()) };
  }

  const nowSeconds = epochSeconds(now);
  const assessment = await deps.store.getAssessment(
    input.assessmentId,
    nowSeconds,
  );
  if (!assessment) {
    throw new HttpError(
      404,
      "assessment_not_found",
      "No stored assessment has this assessmentId; it may have expired.",
    );
  }

  const lead = buildLead(deps, input, assessment, now);
  try {
    await deps.store.putLead(lead, nowSeconds);
  } catch (error) {
    if (!(error instanceof LeadExistsError)) throw error;
    return await replay(deps, lead, nowSeconds);
  }

  handOver(deps, lead, requestId);
  return { status: 201, receipt: toReceipt(lead, lead.createdAt) };
}

function looksLikeBot(input: LeadInput): boolean {
  return Boolean(input.website?.trim()) || input.elapsedMs < minimumFormMs;
}

/*
 * The lead is stored whatever the deliverer does: it stays `pending`
 * on its item, and the deliverer resumes it at its next start.
 */
function handOver(deps: LeadServiceDeps, lead: LeadRecord, requestId?: string) {
  try {
    deps.leadDelivery.enqueue(lead);
  } catch (error) {
    deps.logger.error("lead not handed to delivery", {
      requestId,
      leadId: lead.id,
      error: error instanceof Error ? error.name : "unknown",
    });
  }
}

async function replay(
  deps: LeadServiceDeps,
  lead: LeadRecord,
  nowSeconds: number,
): Promise<LeadOutcome> {
  const stored = await deps.store.getLead(lead.assessmentId, nowSeconds);
  if (stored?.id !== lead.id || stored.requestHash !== lead.requestHash) {
    throw new HttpError(
      409,
      "conflict",
      "This assessment already has a lead with other details.",
    );
  }
  return { status: 200, receipt: toReceipt(stored, stored.createdAt) };
}

function buildLead(
  deps: LeadServiceDeps,
  input: LeadInput,
  assessment: AssessmentRecord,
  now: Date,
): LeadRecord {
  const createdAt = now.toISOString();
  const { utm, referrer } = assessment.context ?? {};
  const { overall, areas } = assessment.result;

  return {
    id: input.id,
    assessmentId: input.assessmentId,
    createdAt,
    expiresAt: leadExpiry(deps, assessment, now),
    name: input.name,
    email: input.email,
    company: input.company,
    role: input.role,
    companySize: input.companySize,
    interest: input.interest,
    consentedAt: createdAt,
    context: { ...(utm ? { utm } : {}), ...(referrer ? { referrer } : {}) },
    scores: {
      overall: { score: overall.score, level: overall.level.id },
      areas: areas.map((area) => ({
        id: area.id,
        score: area.score,
        level: area.level.id,
      })),
    },
    requestHash: hashLead(input),
    delivery: { status: "pending", attempts: 0 },
  };
}

/*
 * A lead never outlives its result: the person deletes both with the
 * result's token, and once the result has expired there is no token
 * left to delete the lead with.
 */
function leadExpiry(
  deps: LeadServiceDeps,
  assessment: AssessmentRecord,
  now: Date,
): number {
  const ownExpiry = epochSeconds(now) + deps.retentionDays * secondsPerDay;
  return Math.min(ownExpiry, assessment.expiresAt);
}

/**
 * SHA-256 of the fields a person filled in and the ids, in a fixed
 * order, so a retry of the same form matches however it was encoded.
 * The bot checks are left out: a retry may take longer than the first.
 */
export function hashLead(input: LeadInput): string {
  const canonical = JSON.stringify([
    input.id,
    input.assessmentId,
    input.name,
    input.email,
    input.company,
    input.role,
    input.companySize,
    input.interest,
  ]);
  return createHash("sha256").update(canonical, "utf8").digest("hex");
}

function toReceipt(
  lead: Pick<LeadRecord, "id" | "assessmentId" | "interest">,
  createdAt: string,
): LeadReceipt {
  const { id, assessmentId, interest } = lead;
  return { id, assessmentId, createdAt, interest };
}

function epochSeconds(time: Date): number {
  return Math.floor(time.getTime() / 1000);
}
