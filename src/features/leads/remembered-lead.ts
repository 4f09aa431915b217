import {
  leadFormSchema,
  type LeadFormValues,
} from "../../core/leads/lead-schema.ts";
import {
  openBrowserStorage,
  type KeyValueStorage,
} from "../../lib/browser-storage.ts";
import { newUuid } from "../../lib/uuid.ts";

/** localStorage key of the details this browser gave, see the privacy text. */
export const rememberedLeadKey = "ira:lead:v1";

/** localStorage key of the lead id made for the current result's form. */
const leadIdKey = "ira:lead-id:v1";

/** How long this browser keeps the details; the privacy text says so. */
export const rememberDays = 30;

const dayMs = 86_400_000;
const keptResults = 20;

/** The details a person gave, and which results they were sent for. */
export interface RememberedLead {
  details: LeadFormValues;
  /** Assessment ids whose lead this browser sent, newest last. */
  sentFor: string[];
  savedAt: string;
}

let storage: KeyValueStorage | undefined;

function browserStorage() {
  storage ??= openBrowserStorage();
  return storage;
}

/**
 * The details this browser gave before, or nothing when there are none,
 * they are older than `rememberDays`, or they no longer pass the schema.
 */
export function readRememberedLead(now = Date.now()): RememberedLead | null {
  const raw = browserStorage().read(rememberedLeadKey);
  if (raw === null) return null;

  const remembered = parseRemembered(raw);
  const age = remembered ? now - Date.parse(remembered.savedAt) : NaN;
  if (!remembered || !(age >= 0 && age < rememberDays * dayMs)) {
    forgetRememberedLead();
    return null;
  }
  return remembered;
}

function parseRemembered(raw: string): RememberedLead | null {
  try {
    const value = JSON.parse(raw) as Partial<RememberedLead>;
    const details = leadFormSchema.safeParse(value.details);
    if (!details.success || typeof value.savedAt !== "string") return null;

    const sentFor = Array.isArray(value.sentFor)
      ? value.sentFor.filter((id) => typeof id === "string")
      : [];
    return { details: details.data, sentFor, savedAt: value.savedAt };
  } catch {
    return null;
  }
}

/** Records that these details were sent for this result. */
export function rememberLead(details: LeadFormValues, assessmentId: string) {
  const earlier = readRememberedLead()?.sentFor ?? [];
  const sentFor = [
    ...earlier.filter((id) => id !== assessmentId),
    assessmentId,
  ].slice(-keptResults);

  const remembered: RememberedLead = {
    details,
    sentFor,
    savedAt: new Date().toISOString(),
  };
  browserStorage().write(rememberedLeadKey, JSON.stringify(remembered));
  browserStorage().remove(leadIdKey);
}

/** Removes every detail this browser kept about the person. */
export function forgetRememberedLead() {
  browserStorage().remove(rememberedLeadKey);
  browserStorage().remove(leadIdKey);
}

/**
 * The lead id for this result's form: made once and kept, so a second
 * click, a retry or a reload before the answer arrived sends the same
 * lead, which the API stores once.
 */
export function leadIdFor(assessmentId: string): string {
  const raw = browserStorage().read(leadIdKey);
  const kept = raw ? parseLeadId(raw) : null;
  if (kept?.assessmentId === assessmentId) return kept.leadId;

  const leadId = newUuid();
  browserStorage().write(leadIdKey, JSON.stringify({ assessmentId, leadId }));
  return leadId;
}

function parseLeadId(raw: string) {
  try {
    const value = JSON.parse(raw) as {
      assessmentId?: unknown;
      leadId?: unknown;
    };
    return typeof value.assessmentId === "string" &&
      typeof value.leadId === "string"
      ? { assessmentId: value.assessmentId, leadId: value.leadId }
      : null;
  } catch {
    return null;
  }
}
