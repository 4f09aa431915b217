import { describe, expect, it } from "vitest";

import { securityHeaders } from "../../api/security-headers.ts";
import {
  errorOf,
  postAssessment,
  useTestApi,
  validSubmission,
} from "../support/api-harness.ts";

const api = useTestApi({
  env: { FRAME_ANCESTORS: "'self' https://partner.example" },
});

describe("security headers", () => {
  const expected = securityHeaders("'self' https://partner.example");

  it.each([
    ["a stored result", () => postAssessment(api.app, validSubmission())],
    ["a validation error", () => postAssessment(api.app, "{")],
    ["an unknown route", () => api.app.request("/api/nothing-here")],
    ["the health check", () => api.app.request("/api/health")],
  ])("are on %s", async (_name, send) => {
    const response = await send();

    for (const [name, value] of Object.entries(expected)) {
      expect(response.headers.get(name), name).toBe(value);
    }
  });

  it("allow no inline script and frame only where configured", async () => {
    const response = await api.app.request("/api/health");
    const csp = response.headers.get("content-security-policy") ?? "";

    const scriptSources = csp.match(/script-src ([^;]*)/)?.[1];

    expect(scriptSources).toBe("'self'");
    expect(csp).toMatch(/frame-ancestors 'self' https:\/\/partner\.example$/);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  });
});

describe("unknown routes and methods", () => {
  it("answer 404 JSON for an unknown API path", async () => {
    const response = await api.app.request("/api/nothing-here", {
      method: "POST",
    });

    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toMatch(/application\/json/);
    expect((await errorOf(response)).code).toBe("not_found");
  });

  it("answer 404 JSON outside the API when no SPA is served", async () => {
    const response = await api.app.request("/some/page");

    expect(response.status).toBe(404);
    expect((await errorOf(response)).code).toBe("not_found");
  });

  it.each([
    ["PUT", `/api/assessments/${crypto.randomUUID()}`, "GET, HEAD, DELETE"],
    ["GET", "/api/assessments", "POST"],
    ["POST", "/api/health", "GET, HEAD"],
  ])("answer 405 with Allow for %s %s", async (method, path, allow) => {
    const response = await api.app.request(path, { method });

    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe(allow);
    expect((await errorOf(response)).code).toBe("method_not_allowed");
  });
});

describe("GET /api/health", () => {
  it("says the store is reachable", async () => {
    const response = await api.app.request("/api/health");

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", store: "reachable" });
  });
});

describe("the request log", () => {
  it("writes one line per request with the id sent back in X-Request-Id", async () => {
    const before = api.logs.length;

    const response = await api.app.request("/api/health");
    const lines = api.logs.slice(before);

    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: "info",
      msg: "request",
      method: "GET",
      path: "/api/health",
      status: 200,
      requestId: response.headers.get("x-request-id"),
    });
    expect(typeof lines[0]?.durationMs).toBe("number");
  });

  it("never holds the body, the answers or the id of a result", async () => {
    const submission = {
      ...validSubmission(),
      context: { utm: { campaign: "campaign-marker-7f3a" } },
    };
    const before = api.logs.length;

    await postAssessment(api.app, submission);
    await api.app.request(`/api/assessments/${submission.id}`);
    const text = JSON.stringify(api.logs.slice(before));

    expect(api.logs.length - before).toBe(2);
    expect(text).not.toContain("campaign-marker-7f3a");
    expect(text).not.toContain(submission.id);
    expect(text).not.toContain(Object.values(submission.answers)[0]);
    expect(text).toContain("/api/assessments/:id");
  });

  it("keeps a caller's plain request id and replaces a strange one", async () => {
    const kept = await api.app.request("/api/health", {
      headers: { "x-request-id": "trace-0123456789" },
    });
    const replaced = await api.app.request("/api/health", {
      headers: { "x-request-id": "<script>alert(1)</script>" },
    });

    expect(kept.headers.get("x-request-id")).toBe("trace-0123456789");
    expect(replaced.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});
