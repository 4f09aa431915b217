import type { LeadInput } from "../../core/leads/lead-schema.ts";
import { parseRetryAfter } from "../../lib/submission/assessments-api.ts";

/** Whether the form comes before the result or below it. */
export type LeadGate = "results-first" | "form-first";

export interface LeadSettings {
  leadGate: LeadGate;
}

/** What the site does when its settings cannot be read: never lock out. */
const fallbackSettings: LeadSettings = { leadGate: "results-first" };

const settingsTimeoutMs = 4000;

/**
 * Reads the lead settings. Anything short of a clear answer (an error,
 * a slow server, an odd body) gives the results-first fallback, so a
 * person is never kept from their own result by a settings hiccup.
 */
export async function fetchLeadSettings(): Promise<LeadSettings> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), settingsTimeoutMs);

  try {
    const response = await fetch("/api/settings", { signal: abort.signal });
    if (!response.ok) return fallbackSettings;
    return readSettings(await response.json());
  } catch {
    return fallbackSettings;
  } finally {
    clearTimeout(timer);
  }
}

function readSettings(body: unknown): LeadSettings {
  if (typeof body !== "object" || body === null) return fallbackSettings;
  const { leadGate } = body as Partial<LeadSettings>;
  return {
    leadGate: leadGate === "form-first" ? "form-first" : "results-first",
  };
}

/** One field the server rejected, by the field's name. */
export interface FieldIssue {
  field: string;
  message: string;
}

/** How sending a lead ended, in the terms the form needs. */
export type LeadOutcome =
  | { kind: "accepted" }
  | { kind: "already-sent" }
  | { kind: "invalid"; issues: FieldIssue[] }
  | { kind: "not-stored" }
  | { kind: "busy"; retryAfterSeconds: number | undefined }
  | { kind: "failed" };

/**
 * Sends a lead. 201 (new), 200 (a repeat of the same lead) and 202 (the
 * server's bot check) all count as accepted: the person did their part.
 */
export async function sendLead(lead: LeadInput): Promise<LeadOutcome> {
  let response: Response;
  try {
    response = await fetch("/api/leads", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(lead),
    });
  } catch {
    return { kind: "failed" };
  }

  return readOutcome(response);
}

async function readOutcome(response: Response): Promise<LeadOutcome> {
  const { status } = response;

  if (status === 400) {
    return { kind: "invalid", issues: await readIssues(response) };
  }

  // The body is read to its end even when unused: a response left
  // half-read is cut off by the next navigation and logged as failed.
  await response.text().catch(() => "");

  if (status === 200 || status === 201 || status === 202) {
    return { kind: "accepted" };
  }
  if (status === 409) return { kind: "already-sent" };
  if (status === 404) return { kind: "not-stored" };
  if (status === 429 || status === 503) {
    const retryAfter = response.headers.get("Retry-After");
    return { kind: "busy", retryAfterSeconds: toSeconds(retryAfter) };
  }
  return { kind: "failed" };
}

/* Whole seconds to tell the person, from seconds or an HTTP date. */
function toSeconds(retryAfter: string | null): number | undefined {
  const ms = parseRetryAfter(retryAfter);
  return ms ? Math.ceil(ms / 1000) : undefined;
}

async function readIssues(response: Response): Promise<FieldIssue[]> {
  try {
    const body = (await response.json()) as {
      error?: { issues?: { path?: unknown[]; message?: string }[] };
    };
    return (body.error?.issues ?? []).map((issue) => {
      const field = issue.path?.[0];
      return {
        field: typeof field === "string" ? field : "",
        message: issue.message ?? "This value is not accepted",
      };
    });
  } catch {
    return [];
  }
}
