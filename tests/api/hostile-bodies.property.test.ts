import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";

import { errorCodes } from "../../api/errors.ts";
import { content } from "../../src/generated/content.ts";
import { useTestApi } from "../support/api-harness.ts";

const api = useTestApi();

afterAll(() => {
  expect(api.logs.filter((line) => line.level === "error")).toEqual([]);
});

/* ---- what a response must look like, whatever was sent ---- */

const knownCodes = new Set<string>(errorCodes);
const outcomes = new Map<number, number>();

async function expectWellFormed(response: Response): Promise<void> {
  outcomes.set(response.status, (outcomes.get(response.status) ?? 0) + 1);
  expect(response.status).toBeLessThan(500);
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);

  const body = (await response.json()) as Record<string, unknown>;
  if (response.status === 200 || response.status === 201) {
    expect(typeof body.id).toBe("string");
    expect(typeof body.result).toBe("object");
    return;
  }

  const { error } = body as { error: Record<string, unknown> };
  expect(Object.keys(body)).toEqual(["error"]);
  expect(knownCodes.has(error.code as string)).toBe(true);
  expect(typeof error.message).toBe("string");
  expect(JSON.stringify(error)).not.toMatch(/\n\s+at |node_modules/);
  if (error.issues === undefined) return;
  for (const issue of error.issues as Record<string, unknown>[]) {
    expect(Object.keys(issue).sort()).toEqual(["code", "message", "path"]);
    expect(Array.isArray(issue.path)).toBe(true);
    expect(typeof issue.code).toBe("string");
    expect(typeof issue.message).toBe("string");
  }
}

function post(body: string | Uint8Array<ArrayBuffer>, contentType?: string) {
  return api.app.request("/api/assessments", {
    method: "POST",
    body,
    headers: contentType === undefined ? {} : { "content-type": contentType },
  });
}

/** Every UTF-8 byte as %XX; lone surrogates become U+FFFD on the way. */
function percentEncode(text: string): string {
  return [...Buffer.from(text)]
    .map((byte) => `%${byte.toString(16).padStart(2, "0")}`)
    .join("");
}

/* ---- the bodies ---- */

const oddText = fc.oneof(
  fc.string({ unit: "binary", maxLength: 60 }),
  fc.string({ unit: "grapheme", maxLength: 30 }),
  fc.constantFrom("\ud800", "\udfff x", "\u0000", "\u202e", "💥".repeat(50)),
  fc.nat({ max: 20_000 }).map((n) => "x".repeat(n)),
);

const questionIds = content.questions.map((question) => question.id);
const optionIds = content.questions.flatMap((q) => q.options.map((o) => o.id));
const hostileKeys = ["__proto__", "constructor", "prototype", "toString"];

const anyKey = fc.oneof(
  fc.constantFrom(...questionIds, ...hostileKeys),
  oddText,
);
const anyValue = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...optionIds) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: oddText },
);

const asJson = (value: unknown) => JSON.stringify(value) ?? "null";

/** JSON text of an object; keys like `__proto__` stay plain keys. */
function objectText(entries: [string, string][]): string {
  const members = entries.map(
    ([key, json]) => `${JSON.stringify(key)}:${json}`,
  );
  return `{${members.join(",")}}`;
}

const answersText = fc.oneof(
  fc.constant(
    JSON.stringify(
      Object.fromEntries(
        content.questions.map((q) => [q.id, q.options[0]!.id]),
      ),
    ),
  ),
  fc
    .array(fc.tuple(anyKey, anyValue.map(asJson)), {
      maxLength: 20,
    })
    .map(objectText),
  fc.jsonValue({ maxDepth: 2 }).map(asJson),
);

const contextText = fc.oneof(
  fc.constant(undefined),
  fc
    .record(
      {
        utm: fc.dictionary(
          fc.constantFrom(
            "source",
            "medium",
            "campaign",
            "term",
            "content",
            "x",
          ),
          oddText,
        ),
        referrer: oddText,
        workshopCode: fc.oneof(fc.stringMatching(/^[A-Z0-9]{4,8}$/), oddText),
      },
      { requiredKeys: [] },
    )
    .map((context) => JSON.stringify(context)),
);

/** Near-valid submissions with parts swapped for hostile ones. */
const submissionText = fc
  .record({
    id: fc.oneof(fc.uuid(), oddText, fc.integer()),
    contentVersion: fc.oneof(
      { weight: 4, arbitrary: fc.constant(content.version) },
      {
        weight: 1,
        arbitrary: fc.oneof(oddText, fc.integer(), fc.constant(null)),
      },
    ),
    answers: answersText,
    context: contextText,
    extra: fc.option(
      fc.tuple(
        fc.constantFrom(...hostileKeys, "result", "score"),
        fc.jsonValue({ maxDepth: 2 }),
      ),
    ),
  })
  .map(({ id, contentVersion, answers, context, extra }) => {
    const entries: [string, string][] = [
      ["id", JSON.stringify(id)],
      ["contentVersion", JSON.stringify(contentVersion)],
      ["answers", answers],
    ];
    if (context) entries.push(["context", context]);
    if (extra) entries.push([extra[0], asJson(extra[1])]);
    return objectText(entries);
  });

const deepNesting = fc
  .tuple(fc.nat({ max: 9_000 }), fc.constantFrom("[", '{"a":'))
  .map(([depth, open]) => {
    const close = open === "[" ? "]" : "}";
    return open.repeat(depth) + "1" + close.repeat(depth);
  });

const contentTypes = fc.constantFrom(
  undefined,
  "application/json",
  "application/json; charset=utf-8",
  "APPLICATION/JSON",
  "application/json; charset=latin1",
  "application/jsonx",
  "text/plain",
  "text/html",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=xyz",
  "application/vnd.api+json",
  "",
  "; ;",
);

const runs = { numRuns: 0 };
const timeout = 120_000;

/**
 * Sends `numRuns` generated requests and checks every answer's shape.
 * Counts the runs, so the last test can prove they really happened.
 */
async function sendEach<T>(
  arbitrary: fc.Arbitrary<T>,
  numRuns: number,
  send: (value: T) => Response | Promise<Response>,
) {
  await fc.assert(
    fc.asyncProperty(arbitrary, async (value) => {
      await expectWellFormed(await send(value));
      runs.numRuns += 1;
    }),
    { numRuns },
  );
}

const bytes = fc.oneof(
  fc.uint8Array({ maxLength: 2_000 }),
  fc.uint8Array({ minLength: 16_000, maxLength: 20_000 }),
  oddText.map((text) => new TextEncoder().encode(text)),
);

const pathSegment = fc.oneof(
  oddText.map((text) => percentEncode(text.slice(0, 500))),
  fc.constantFrom("%", "%zz", "%ff%fe", "%c0%af", "..%2f..%2fetc", "%00"),
);

describe("POST /api/assessments with random and hostile bodies", () => {
  it(
    "never answers 5xx to near-valid submissions (700 runs)",
    async () => {
      await sendEach(submissionText, 700, (text) =>
        post(text, "application/json"),
      );
    },
    timeout,
  );

  it(
    "never answers 5xx to any JSON value (300 runs)",
    async () => {
      await sendEach(fc.jsonValue({ maxDepth: 6 }), 300, (value) =>
        post(asJson(value), "application/json"),
      );
    },
    timeout,
  );

  it(
    "never answers 5xx to random bytes under any content type (300 runs)",
    async () => {
      await sendEach(fc.tuple(bytes, contentTypes), 300, ([body, type]) =>
        post(body, type),
      );
    },
    timeout,
  );

  it(
    "never answers 5xx to deep nesting (100 runs)",
    async () => {
      await sendEach(deepNesting, 100, (text) =>
        post(text, "application/json"),
      );
    },
    timeout,
  );

  it(
    "never answers 5xx to hostile ids in the path (200 runs)",
    async () => {
      const methods = fc.constantFrom("GET", "DELETE", "PUT");

      await sendEach(fc.tuple(pathSegment, methods), 200, ([id, method]) =>
        api.app.request(`/api/assessments/${id}`, {
          method,
          headers: { authorization: `Bearer ${id.slice(0, 50)}` },
        }),
      );
    },
    timeout,
  );

  it("tried at least 1,000 bodies and saw both rejections and successes", () => {
    expect(runs.numRuns).toBeGreaterThanOrEqual(1_600);
    expect(outcomes.get(400)).toBeGreaterThan(100);
    expect(outcomes.get(415)).toBeGreaterThan(10);
    expect(outcomes.get(413)).toBeGreaterThan(10);
    expect((outcomes.get(201) ?? 0) + (outcomes.get(200) ?? 0)).toBeGreaterThan(
      0,
    );
  });
});
