import { afterAll, beforeAll, describe, expect, it } from "vitest";

import {
  buildTestApp,
  errorOf,
  postAssessment,
  startTestStore,
  validSubmission,
  type TestStore,
} from "../support/api-harness.ts";

let db: TestStore;

beforeAll(async () => {
  db = await startTestStore();
});

afterAll(async () => {
  await db.stop();
});

const limited = (env: Record<string, string> = {}) =>
  buildTestApp(db.store, {
    env: { RATE_LIMIT_BURST: "3", RATE_LIMIT_PER_MINUTE: "6", ...env },
    clientAddress: (c) => c.req.header("x-test-socket"),
  }).app;

describe("the rate limit", () => {
  it("answers 429 rate_limited with Retry-After once the burst is used", async () => {
    const app = limited();
    const from = { "x-test-socket": "203.0.113.1" };

    const statuses = [];
    for (let i = 0; i < 3; i += 1) {
      statuses.push(
        (await postAssessment(app, validSubmission(), from)).status,
      );
    }
    const fourth = await postAssessment(app, validSubmission(), from);

    expect(statuses).toEqual([201, 201, 201]);
    expect(fourth.status).toBe(429);
    expect((await errorOf(fourth)).code).toBe("rate_limited");
    // 6 a minute is one every 10 seconds.
    expect(fourth.headers.get("retry-after")).toBe("10");
  });

  it("counts each client on its own", async () => {
    const app = limited();
    for (let i = 0; i < 3; i += 1) {
      await app.request(`/api/assessments/${crypto.randomUUID()}`, {
        headers: { "x-test-socket": "203.0.113.2" },
      });
    }

    const other = await app.request(`/api/assessments/${crypto.randomUUID()}`, {
      headers: { "x-test-socket": "203.0.113.3" },
    });

    expect(other.status).toBe(404);
  });

  it("leaves the health check out, so monitors always get an answer", async () => {
    const app = limited({ RATE_LIMIT_BURST: "1" });
    const from = { "x-test-socket": "203.0.113.4" };
    await app.request(`/api/assessments/${crypto.randomUUID()}`, {
      headers: from,
    });

    const health = await app.request("/api/health", { headers: from });

    expect(health.status).toBe(200);
  });

  it("uses the address the trusted proxy saw, not what the client wrote", async () => {
    const app = limited({ TRUST_PROXY: "1", RATE_LIMIT_BURST: "1" });
    const via = (forwarded: string) => ({
      "x-test-socket": "10.0.0.1",
      "x-forwarded-for": forwarded,
    });

    const first = await app.request(`/api/assessments/${crypto.randomUUID()}`, {
      headers: via("1.1.1.1, 198.51.100.9"),
    });
    const spoofed = await app.request(
      `/api/assessments/${crypto.randomUUID()}`,
      {
        headers: via("2.2.2.2, 198.51.100.9"),
      },
    );
    const someoneElse = await app.request(
      `/api/assessments/${crypto.randomUUID()}`,
      { headers: via("1.1.1.1, 198.51.100.10") },
    );

    expect(first.status).toBe(404);
    expect(spoofed.status).toBe(429);
    expect(someoneElse.status).toBe(404);
  });
});
