import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { errorCodes } from "../../api/errors.ts";
import { useTestApi } from "../support/api-harness.ts";
import {
  adminEnv,
  adminGet,
  postLead,
  storeAssessment,
  validLead,
} from "../support/lead-fixtures.ts";

const api = useTestApi({ env: adminEnv });
const knownCodes = new Set<string>(errorCodes);
const outcomes = new Map<number, number>();
const storedIds: string[] = [];

beforeAll(async () => {
  for (let i = 0; i < 5; i += 1) {
    storedIds.push((await storeAssessment(api.app)).id);
  }
});

afterAll(() => {
  expect(api.logs.filter((line) => line.level === "error")).toEqual([]);
});

async function expectWellFormed(response: Response): Promise<void> {
  outcomes.set(response.status, (outcomes.get(response.status) ?? 0) + 1);
  expect(response.status).toBeLessThan(500);
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);

  const body = (await response.json()) as Record<string, unknown>;
  if (response.status < 300) {
    if ("leads" in body) return;
    expect(Object.keys(body).sort()).toEqual([
      "assessmentId",
      "createdAt",
      "id",
      "interest",
    ]);
    return;
  }

  const { error } = body as { error: Record<string, unknown> };
  expect(Object.keys(body)).toEqual(["error"]);
  expect(knownCodes.has(error.code as string)).toBe(true);
  expect(typeof error.message).toBe("string");
  expect(JSON.stringify(error)).not.toMatch(/\n\s+at |node_modules/);
  for (const issue of (error.issues ?? []) as Record<string, unknown>[]) {
    expect(Object.keys(issue).sort()).toEqual(["code", "message", "path"]);
    expect(Array.isArray(issue.path)).toBe(true);
  }
}

const oddText = fc.oneof(
  fc.string({ unit: "binary", maxLength: 60 }),
  fc.string({ unit: "grapheme", maxLength: 30 }),
  fc.constantFrom(
    "\ud800",
    "\u0000",
    "\u202e",
    '=HYPERLINK("http://x")',
    "a@b",
    "ada@example.com",
    "",
    " ",
  ),
  fc.nat({ max: 17_000 }).map((n) => "x".repeat(n)),
);

const anyValue = fc.oneof(oddText, fc.jsonValue({ maxDepth: 2 }));
const sometimes = <T>(good: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 6, arbitrary: good }, { weight: 1, arbitrary: anyValue });

/** Near-valid leads: each field is valid most of the time. */
const leadBody = fc
  .record({
    id: sometimes(fc.uuid()),
    assessmentId: sometimes(
      fc.oneof(
        fc.constantFrom(...Array.from({ length: 5 }, (_, i) => i)),
        fc.uuid(),
      ),
    ),
    name: sometimes(fc.constantFrom("Ada", "Grace Hopper")),
    email: sometimes(
      fc.oneof(
        fc.constantFrom("ada@example.com", "g.hopper@navy.example.org"),
        fc.emailAddress(),
      ),
    ),
    company: sometimes(fc.constant("Engines Ltd")),
    role: sometimes(fc.constant("Architect")),
    companySize: sometimes(fc.constantFrom("1-49", "5000+")),
    interest: sometimes(fc.constantFrom("full-report", "talk-to-architect")),
    consent: sometimes(fc.constant(true)),
    website: fc.option(sometimes(fc.constant(""))),
    elapsedMs: sometimes(
      fc.oneof(
        fc.integer({ min: 3000, max: 600_000 }),
        fc.integer({ min: -10, max: 100_000_000 }),
      ),
    ),
    extra: fc.option(
      fc.tuple(
        fc.constantFrom("__proto__", "constructor", "scores", "delivery"),
        fc.jsonValue({ maxDepth: 2 }),
      ),
    ),
  })
  .map(({ assessmentId, website, extra, ...rest }) => {
    const entries = Object.entries({
      ...rest,
      assessmentId:
        typeof assessmentId === "number"
          ? storedIds[assessmentId]
          : assessmentId,
      ...(website === null ? {} : { website }),
    }).map(
      ([key, value]) =>
        `${JSON.stringify(key)}:${JSON.stringify(value) ?? "null"}`,
    );
    if (extra) {
      entries.push(`${JSON.stringify(extra[0])}:${JSON.stringify(extra[1])}`);
    }
    return `{${entries.join(",")}}`;
  });

const queryValue = fc.oneof(
  oddText.map((text) =>
    encodeURIComponent(text.slice(0, 300).replace(/[\ud800-\udfff]/g, "")),
  ),
  fc.constantFrom(
    "%",
    "%zz",
    "%ff",
    "2026-12-01",
    "0001-01-01",
    "9999-12-31",
    "100",
    "-1",
  ),
);
const queryName = fc.constantFrom(
  "from",
  "to",
  "level",
  "limit",
  "cursor",
  "x",
);

describe("POST /api/leads with random and hostile bodies", () => {
  it("never answers 5xx and always the JSON shape (600 runs)", async () => {
    await fc.assert(
      fc.asyncProperty(leadBody, async (text) => {
        await expectWellFormed(await postLead(api.app, text));
      }),
      { numRuns: 600 },
    );

    expect(outcomes.get(400)).toBeGreaterThan(100);
    expect(outcomes.get(201) ?? 0).toBeGreaterThan(0);
  }, 120_000);

  it("never answers 5xx to hostile admin queries (200 runs)", async () => {
    const query = fc.array(fc.tuple(queryName, queryValue), { maxLength: 4 });

    await fc.assert(
      fc.asyncProperty(query, async (pairs) => {
        const text = pairs.map(([name, value]) => `${name}=${value}`).join("&");
        await expectWellFormed(
          await adminGet(api.app, `/api/admin/leads?${text}`),
        );
      }),
      { numRuns: 200 },
    );
  }, 120_000);

  it("still answers a valid lead afterwards", async () => {
    const assessment = await storeAssessment(api.app);
    const response = await postLead(api.app, validLead(assessment.id));
    expect(response.status).toBe(201);
  });
});
