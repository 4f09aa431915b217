import { createServer } from "node:net";
import type { AddressInfo } from "node:net";

import { afterAll, describe, expect, it } from "vitest";

import { openStore } from "../../api/store/store.ts";
import {
  buildTestApp,
  errorOf,
  postAssessment,
  startTestStore,
  validSubmission,
} from "../support/api-harness.ts";

/* A loopback port that nothing listens on any more. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as AddressInfo;
  await new Promise((done) => server.close(done));
  return port;
}

const unreachable = openStore({
  endpoint: `http://127.0.0.1:${await closedPort()}`,
  region: "us-east-1",
  tableName: "readiness-test",
});

afterAll(() => {
  unreachable.close();
});

describe("when the store cannot be reached", () => {
  const { app, logs } = buildTestApp(unreachable);

  it.each([
    ["POST", () => postAssessment(app, validSubmission())],
    ["GET", () => app.request(`/api/assessments/${crypto.randomUUID()}`)],
    [
      "DELETE",
      () =>
        app.request(`/api/assessments/${crypto.randomUUID()}`, {
          method: "DELETE",
          headers: { authorization: "Bearer x" },
        }),
    ],
  ])("%s answers 503 store_unavailable with Retry-After", async (_m, send) => {
    const response = await send();

    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toMatch(/^\d+$/);
    const error = await errorOf(response);
    expect(error.code).toBe("store_unavailable");
    expect(JSON.stringify(error)).not.toMatch(/ECONNREFUSED|at .*\.ts/);
  });

  it("health answers 503 with the store unreachable", async () => {
    const response = await app.request("/api/health");

    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(await response.json()).toEqual({
      status: "unavailable",
      store: "unreachable",
    });
  });

  it("logs why, for the operator, but no unhandled error", () => {
    const warnings = logs.filter((line) => line.msg === "store unavailable");

    expect(warnings.length).toBeGreaterThan(0);
    expect(logs.some((line) => line.msg === "unhandled error")).toBe(false);
  });
});

describe("when the engine stops while the app runs", () => {
  it("a POST answers 503, not 500", async () => {
    const db = await startTestStore();
    const { app } = buildTestApp(db.store);
    expect((await postAssessment(app, validSubmission())).status).toBe(201);

    await db.engine.stop();
    const response = await postAssessment(app, validSubmission());
    db.store.close();

    expect(response.status).toBe(503);
    expect((await errorOf(response)).code).toBe("store_unavailable");
  });
});

describe("when the store refuses a request as malformed", () => {
  it("answers a bare 500 and logs the whole error with the request id", async () => {
    const db = await startTestStore();
    // Too short for a table name: the engine answers ValidationException.
    const misnamed = openStore({
      endpoint: db.engine.endpoint,
      region: "us-east-1",
      tableName: "ab",
    });
    const { app, logs } = buildTestApp(misnamed);

    const response = await postAssessment(app, validSubmission());
    const body = (await response.json()) as Record<string, unknown>;
    misnamed.close();
    await db.stop();

    expect(response.status).toBe(500);
    expect(body).toEqual({
      error: {
        code: "internal_error",
        message: "Something went wrong on our side.",
      },
    });
    const logged = logs.find((line) => line.msg === "unhandled error");
    expect(logged?.requestId).toBe(response.headers.get("x-request-id"));
    expect(JSON.stringify(logged)).toMatch(/StoreRequestError[\s\S]*stack/);
  });
});
