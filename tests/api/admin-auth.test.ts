import * as crypto from "node:crypto";

import { afterEach, describe, expect, it, vi } from "vitest";

import { buildTestApp, errorOf, useTestApi } from "../support/api-harness.ts";
import { adminEnv, testAdminToken } from "../support/lead-fixtures.ts";

/* A pass-through spy, so a test can see the constant-time compare run. */
vi.mock("node:crypto", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:crypto")>();
  return { ...actual, timingSafeEqual: vi.fn(actual.timingSafeEqual) };
});

const api = useTestApi({ env: adminEnv });

afterEach(() => {
  vi.mocked(crypto.timingSafeEqual).mockClear();
});

function listWith(authorization?: string, app = api.app) {
  return app.request("/api/admin/leads", {
    headers: authorization === undefined ? {} : { authorization },
  });
}

async function expectRefused(response: Response) {
  expect(response.status).toBe(401);
  expect(response.headers.get("www-authenticate")).toBe("Bearer");
  expect(response.headers.get("cache-control")).toBe("no-store");
  return await errorOf(response);
}

describe("the admin token", () => {
  it("lets the right bearer token through", async () => {
    const response = await listWith(`Bearer ${testAdminToken}`);

    expect(response.status).toBe(200);
  });

  it("accepts the scheme name in any case", async () => {
    const response = await listWith(`bearer ${testAdminToken}`);

    expect(response.status).toBe(200);
  });

  it("gives the same 401 for a missing, wrong or malformed token", async () => {
    const errors = [
      await expectRefused(await listWith()),
      await expectRefused(await listWith("Bearer wrong")),
      await expectRefused(await listWith(`Bearer ${testAdminToken}x`)),
      await expectRefused(await listWith(`Bearer ${testAdminToken.slice(1)}`)),
      await expectRefused(await listWith(`Basic ${testAdminToken}`)),
      await expectRefused(await listWith(testAdminToken)),
      await expectRefused(await listWith("Bearer ")),
    ];

    expect(new Set(errors.map((error) => JSON.stringify(error))).size).toBe(1);
    expect(errors[0]?.code).toBe("unauthorized");
  });

  it("refuses every token when none is configured", async () => {
    const { app } = buildTestApp(api.db.store);

    const error = await expectRefused(
      await listWith(`Bearer ${testAdminToken}`, app),
    );
    const missing = await expectRefused(await listWith(undefined, app));

    expect(error).toEqual(missing);
  });

  it("guards the CSV export and unknown admin paths alike", async () => {
    await expectRefused(await api.app.request("/api/admin/leads.csv"));
    await expectRefused(await api.app.request("/api/admin/anything"));
  });

  it("compares SHA-256 digests in constant time, whatever the length given", async () => {
    const compare = vi.mocked(crypto.timingSafeEqual);

    await listWith("Bearer short");
    await listWith(`Bearer ${"x".repeat(400)}`);
    await listWith(`Bearer ${testAdminToken}`);

    expect(compare).toHaveBeenCalledTimes(3);
    for (const [given, expected] of compare.mock.calls) {
      expect((given as Buffer).length).toBe(32);
      expect((expected as Buffer).length).toBe(32);
    }
  });

  it("never writes the token to the log", async () => {
    await listWith(`Bearer ${testAdminToken}`);
    await listWith("Bearer some-guess-that-is-wrong");

    const logged = JSON.stringify(api.logs);
    expect(logged).not.toContain(testAdminToken);
    expect(logged).not.toContain("some-guess");
  });
});
