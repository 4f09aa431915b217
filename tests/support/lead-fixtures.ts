import type { CreatedAssessment } from "../../src/core/submission.ts";
import type { Submission } from "../../src/core/submission.ts";
import { postAssessment, validSubmission } from "./api-harness.ts";

type Requester = {
  request: (path: string, init?: RequestInit) => Response | Promise<Response>;
};

/** An admin token long enough for the config, for tests only. */
export const testAdminToken = "test-admin-token-4f1c9a7e2b6d";

/** The environment that switches the admin routes on. */
export const adminEnv = { ADMIN_TOKEN: testAdminToken };

/** A valid lead body for an assessment, as the SPA's form sends it. */
export function validLead(
  assessmentId: string,
  overrides: Record<string, unknown> = {},
) {
  return {
    id: crypto.randomUUID(),
    assessmentId,
    name: "Ada Lovelace",
    email: "ada@example.com",
    company: "Analytical Engines Ltd",
    role: "Head of Architecture",
    companySize: "250-999",
    interest: "talk-to-architect",
    consent: true,
    elapsedMs: 12_000,
    ...overrides,
  };
}

/** POSTs a JSON body (or a raw string) to /api/leads. */
export async function postLead(
  app: Requester,
  body: unknown,
  headers: Record<string, string> = {},
) {
  return await app.request("/api/leads", {
    method: "POST",
    body: typeof body === "string" ? body : JSON.stringify(body),
    headers: { "content-type": "application/json", ...headers },
  });
}

/** Stores an assessment through the API and returns it. */
export async function storeAssessment(
  app: Requester,
  overrides: Partial<Submission> = {},
): Promise<CreatedAssessment> {
  const response = await postAssessment(app, validSubmission(overrides));
  if (response.status !== 201) {
    throw new Error(`assessment not stored: ${response.status}`);
  }
  return (await response.json()) as CreatedAssessment;
}

/** GETs an admin path with the test admin token. */
export async function adminGet(app: Requester, path: string) {
  return await app.request(path, {
    headers: { authorization: `Bearer ${testAdminToken}` },
  });
}

/** A fixed clock, for apps that act at another time. */
export const at = (iso: string) => () => new Date(iso);

/** A clock this many days before the real one. */
export const daysAgo = (days: number) => () =>
  new Date(Date.now() - days * 86_400_000);
