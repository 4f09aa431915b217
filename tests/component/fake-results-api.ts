import { vi } from "vitest";

import { scoreAssessment } from "../../src/core/scoring/score-assessment.ts";
import {
  createSubmissionSchema,
  type StoredAssessment,
} from "../../src/core/submission.ts";
import { content } from "../../src/generated/content.ts";

/** One request the page made, as the server would see it. */
export interface SeenRequest {
  method: string;
  path: string;
  body: unknown;
  authorization: string | null;
}

type Outage =
  { kind: "offline" } | { kind: "status"; status: number; retryAfter?: string };

const schema = createSubmissionSchema(content);

/**
 * Stands in for the results API at the network boundary, the only
 * place component tests may replace: `fetch` is stubbed, and the app's
 * own code runs unchanged. It validates bodies with the shared schema
 * and scores with the real core, as the API does, and keeps what it
 * stores so a test can check that nothing was stored twice.
 */
export function stubResultsApi() {
  const stored = new Map<
    string,
    { assessment: StoredAssessment; token: string }
  >();
  const requests: SeenRequest[] = [];
  const outages: Outage[] = [];
  let down: Outage | undefined;

  function answer(input: string, init: RequestInit = {}) {
    const url = new URL(input, "http://localhost");
    const method = (init.method ?? "GET").toUpperCase();
    const headers = new Headers(init.headers);
    const body: unknown =
      typeof init.body === "string" ? JSON.parse(init.body) : null;
    requests.push({
      method,
      path: url.pathname,
      body,
      authorization: headers.get("authorization"),
    });

    const outage = url.pathname.startsWith("/api/assessments")
      ? (outages.shift() ?? down)
      : undefined;
    if (outage?.kind === "offline") {
      return Promise.reject(new TypeError("Failed to fetch"));
    }
    if (outage) {
      const retry: Record<string, string> = outage.retryAfter
        ? { "retry-after": outage.retryAfter }
        : {};
      const error = errorBody("store_unavailable");
      return Promise.resolve(json(outage.status, error, retry));
    }
    return Promise.resolve(route(method, url.pathname, body, headers));
  }

  function route(
    method: string,
    path: string,
    body: unknown,
    headers: Headers,
  ) {
    if (method === "POST" && path === "/api/assessments") return create(body);

    const id = /^\/api\/assessments\/([^/]+)$/.exec(path)?.[1];
    if (id && method === "GET") {
      const found = stored.get(id);
      return found
        ? json(200, found.assessment)
        : json(404, errorBody("not_found"));
    }
    if (id && method === "DELETE") {
      const found = stored.get(id);
      if (!found) return json(404, errorBody("not_found"));
      if (headers.get("authorization") !== `Bearer ${found.token}`) {
        return json(403, errorBody("forbidden"));
      }
      stored.delete(id);
      return new Response(null, { status: 204 });
    }
    return json(404, errorBody("not_found"));
  }

  function create(body: unknown) {
    const parsed = schema.safeParse(body);
    if (!parsed.success) return json(400, errorBody("invalid_body"));

    const { id, answers, contentVersion, context } = parsed.data;
    const known = stored.get(id);
    if (known) {
      const same =
        JSON.stringify(known.assessment.answers) === JSON.stringify(answers);
      return same
        ? json(200, known.assessment)
        : json(409, errorBody("conflict"));
    }

    const assessment: StoredAssessment = {
      id,
      contentVersion,
      createdAt: "2026-12-03T19:43:10.251Z",
      expiresAt: "2027-06-01T19:43:10.000Z",
      answers,
      result: scoreAssessment(content, answers),
      ...(context && { context }),
    };
    const token = `token-${id}`;
    stored.set(id, { assessment, token });
    return json(201, { ...assessment, deletionToken: token });
  }

  vi.stubGlobal("fetch", vi.fn(answer));

  return {
    stored,
    requests,
    /** The requests to the results API with this method. */
    sent: (method: string) =>
      requests.filter(
        (r) => r.method === method && r.path.startsWith("/api/assessments"),
      ),
    /** The next requests to the results API fail, one outage each. */
    failNext(...next: Outage[]) {
      outages.push(...next);
    },
    /** Every request to the results API fails until `recover`. */
    goDown(outage: Outage = { kind: "offline" }) {
      down = outage;
    },
    recover() {
      down = undefined;
      outages.length = 0;
    },
  };
}

export type FakeResultsApi = ReturnType<typeof stubResultsApi>;

function errorBody(code: string) {
  return { error: { code, message: `The fake API answered ${code}.` } };
}

function json(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}
