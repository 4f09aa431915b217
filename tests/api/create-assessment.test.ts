import { createHash } from "node:crypto";

import { describe, expect, it } from "vitest";

import type {
  CreatedAssessment,
  StoredAssessment,
} from "../../src/core/submission.ts";
import { scoreAssessment } from "../../src/core/scoring/score-assessment.ts";
import { content } from "../../src/generated/content.ts";
import {
  buildTestApp,
  errorOf,
  postAssessment,
  someAnswers,
  useTestApi,
  validSubmission,
} from "../support/api-harness.ts";

const api = useTestApi();

const sha256 = (text: string) =>
  createHash("sha256").update(text).digest("hex");

describe("POST /api/assessments with a valid submission", () => {
  it("stores it and answers 201 with the result the server computed", async () => {
    const submission = validSubmission({ answers: someAnswers(3) });

    const response = await postAssessment(api.app, submission);
    const body = (await response.json()) as CreatedAssessment;

    expect(response.status).toBe(201);
    expect(body.id).toBe(submission.id);
    expect(body.contentVersion).toBe(content.version);
    expect(body.answers).toEqual(submission.answers);
    expect(body.result).toEqual(scoreAssessment(content, submission.answers));
    expect(Date.parse(body.createdAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(Date.parse(body.expiresAt)).toBeGreaterThan(
      Date.parse(body.createdAt),
    );
  });

  it("gives a deletion token once and stores only its hash", async () => {
    const submission = validSubmission();

    const body = (await (
      await postAssessment(api.app, submission)
    ).json()) as CreatedAssessment;
    const item = await api.db.readItem(submission.id);

    expect(body.deletionToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(item?.deletionTokenHash).toBe(sha256(body.deletionToken));
    expect(JSON.stringify(item)).not.toContain(body.deletionToken);
  });

  it("keeps the campaign context with the result", async () => {
    const context = {
      utm: { source: "newsletter", campaign: "spring" },
      referrer: "https://example.com/blog",
      workshopCode: "AB12",
    };
    const submission = { ...validSubmission(), context };

    const response = await postAssessment(api.app, submission);
    const body = (await response.json()) as StoredAssessment;

    expect(response.status).toBe(201);
    expect(body.context).toEqual(context);
    expect((await api.db.readItem(submission.id))?.context).toEqual(context);
  });

  it("sets the expiry from the retention period", async () => {
    const days = 7;
    const { app: shortLived } = buildTestApp(api.db.store, {
      env: { RETENTION_DAYS: String(days) },
    });

    const body = (await (
      await postAssessment(shortLived, validSubmission())
    ).json()) as StoredAssessment;
    const lifetime = Date.parse(body.expiresAt) - Date.parse(body.createdAt);

    expect(lifetime / 86_400_000).toBeCloseTo(days, 2);
  });
});

describe("POST /api/assessments sent again with the same id", () => {
  it("answers 200 with the stored result and no deletion token", async () => {
    const submission = validSubmission();
    const first = (await (
      await postAssessment(api.app, submission)
    ).json()) as CreatedAssessment;

    const again = await postAssessment(api.app, submission);
    const body = (await again.json()) as StoredAssessment;

    expect(again.status).toBe(200);
    expect(body).not.toHaveProperty("deletionToken");
    const { deletionToken: _token, ...stored } = first;
    expect(body).toEqual(stored);
  });

  it("treats answers in another order as the same answers", async () => {
    const submission = validSubmission();
    await postAssessment(api.app, submission);
    const reversed = Object.fromEntries(
      Object.entries(submission.answers).reverse(),
    );

    const again = await postAssessment(api.app, {
      ...submission,
      answers: reversed,
    });

    expect(again.status).toBe(200);
  });

  it("answers 409 when the answers differ, and keeps the first", async () => {
    const submission = validSubmission({ answers: someAnswers(0) });
    await postAssessment(api.app, submission);

    const changed = await postAssessment(api.app, {
      ...submission,
      answers: someAnswers(4),
    });

    expect(changed.status).toBe(409);
    expect((await errorOf(changed)).code).toBe("conflict");
    expect((await api.db.readItem(submission.id))?.answers).toEqual(
      submission.answers,
    );
  });

  it("stores exactly one item for ten concurrent identical POSTs", async () => {
    const submission = validSubmission();

    const responses = await Promise.all(
      Array.from({ length: 10 }, () => postAssessment(api.app, submission)),
    );
    const bodies = (await Promise.all(
      responses.map((response) => response.json()),
    )) as CreatedAssessment[];
    const statuses = responses.map((response) => response.status).sort();
    const created = bodies.find((body) => body.deletionToken);

    expect(statuses).toEqual([
      200, 200, 200, 200, 200, 200, 200, 200, 200, 201,
    ]);
    expect(new Set(bodies.map((body) => body.createdAt)).size).toBe(1);
    const stored = await countItemsWithId(submission.id);
    expect(stored).toHaveLength(1);
    expect(stored[0]?.deletionTokenHash).toBe(sha256(created!.deletionToken));
  });
});

/* A scan, in a test only, so that a second item under any key shows. */
async function countItemsWithId(id: string) {
  const { ScanCommand } = await import("@aws-sdk/lib-dynamodb");
  const output = await api.db.documents.send(
    new ScanCommand({
      TableName: api.db.tableName,
      FilterExpression: "id = :id",
      ExpressionAttributeValues: { ":id": id },
    }),
  );
  return output.Items ?? [];
}

describe("POST /api/assessments with a bad request", () => {
  it("answers 400 malformed_json for a body that is not JSON", async () => {
    const response = await postAssessment(api.app, '{"id": "abc",');

    expect(response.status).toBe(400);
    expect((await errorOf(response)).code).toBe("malformed_json");
  });

  it("answers 400 malformed_json for bytes that are not UTF-8", async () => {
    const response = await api.app.request("/api/assessments", {
      method: "POST",
      body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]),
      headers: { "content-type": "application/json" },
    });

    expect(response.status).toBe(400);
    expect((await errorOf(response)).code).toBe("malformed_json");
  });

  it("answers 400 with the path of an unknown option and question", async () => {
    const submission = validSubmission();
    const [first] = content.questions;
    const answers = {
      ...submission.answers,
      [first!.id]: "no-such-option",
      "no-such-question": "some",
    };

    const response = await postAssessment(api.app, { ...submission, answers });
    const error = await errorOf(response);

    expect(response.status).toBe(400);
    expect(error.code).toBe("invalid_body");
    expect(error.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          path: ["answers", first!.id],
          code: "unknown_option",
        }),
        expect.objectContaining({
          path: ["answers", "no-such-question"],
          code: "unknown_question",
        }),
      ]),
    );
  });

  it("answers 400 with the path of each missing answer", async () => {
    const submission = validSubmission();
    const [first, second] = content.questions;
    const answers = { ...submission.answers };
    delete answers[first!.id];
    delete answers[second!.id];

    const error = await errorOf(
      await postAssessment(api.app, { ...submission, answers }),
    );

    expect(error.issues).toEqual([
      expect.objectContaining({
        path: ["answers", first!.id],
        code: "missing_answer",
      }),
      expect.objectContaining({
        path: ["answers", second!.id],
        code: "missing_answer",
      }),
    ]);
  });

  it("rejects a score sent by the client instead of trusting it", async () => {
    const submission = validSubmission();
    const forged = scoreAssessment(content, someAnswers(4));

    const response = await postAssessment(api.app, {
      ...submission,
      result: forged,
    });
    const error = await errorOf(response);

    expect(response.status).toBe(400);
    expect(error.issues).toEqual([
      expect.objectContaining({ path: ["result"], code: "unknown_field" }),
    ]);
    expect(await api.db.readItem(submission.id)).toBeUndefined();
  });

  it("answers 400 for an id that is not a UUID", async () => {
    const error = await errorOf(
      await postAssessment(api.app, validSubmission({ id: "not-a-uuid" })),
    );

    expect(error.code).toBe("invalid_body");
    expect(error.issues).toEqual([expect.objectContaining({ path: ["id"] })]);
  });

  it("answers 400 for a workshop code or a campaign value out of bounds", async () => {
    const context = {
      workshopCode: "ab",
      utm: { source: "x".repeat(201) },
      referrer: "lone \ud800 surrogate",
    };

    const error = await errorOf(
      await postAssessment(api.app, { ...validSubmission(), context }),
    );

    expect(error.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: ["context", "workshopCode"] }),
        expect.objectContaining({ path: ["context", "utm", "source"] }),
        expect.objectContaining({ path: ["context", "referrer"] }),
      ]),
    );
  });

  it("answers 422 for another content version, before judging answers", async () => {
    const submission = validSubmission({
      contentVersion: "an-older-version",
      answers: { "a-question-that-was-removed": "yes" },
    });

    const response = await postAssessment(api.app, submission);

    expect(response.status).toBe(422);
    expect((await errorOf(response)).code).toBe("unknown_content_version");
    expect(await api.db.readItem(submission.id)).toBeUndefined();
  });

  it.each([
    ["text/plain", "text/plain"],
    ["a form", "application/x-www-form-urlencoded"],
    ["no content type", ""],
  ])("answers 415 for %s", async (_name, contentType) => {
    const response = await api.app.request("/api/assessments", {
      method: "POST",
      body: JSON.stringify(validSubmission()),
      headers: contentType ? { "content-type": contentType } : {},
    });

    expect(response.status).toBe(415);
    expect((await errorOf(response)).code).toBe("unsupported_media_type");
  });

  it("accepts JSON with a charset parameter", async () => {
    const response = await postAssessment(api.app, validSubmission(), {
      "content-type": "application/json; charset=utf-8",
    });

    expect(response.status).toBe(201);
  });

  it("answers 413 for a body over 16 KB without a declared length", async () => {
    const submission = {
      ...validSubmission(),
      context: { referrer: "x".repeat(17 * 1024) },
    };

    const response = await postAssessment(api.app, submission);

    expect(response.status).toBe(413);
    expect((await errorOf(response)).code).toBe("payload_too_large");
    expect(await api.db.readItem(submission.id)).toBeUndefined();
  });

  it("answers 413 from a declared length over 16 KB", async () => {
    const response = await postAssessment(api.app, validSubmission(), {
      "content-length": String(16 * 1024 + 1),
    });

    expect(response.status).toBe(413);
  });

  it("accepts a body of exactly 16 KB", async () => {
    const submission = validSubmission();
    const base = JSON.stringify({ ...submission, context: { referrer: "" } });
    const padding = 16 * 1024 - Buffer.byteLength(base);
    const body = JSON.stringify({
      ...submission,
      context: { referrer: "" },
    }).replace('"referrer":""', `"referrer":""${" ".repeat(padding)}`);

    const response = await postAssessment(api.app, body);

    expect(Buffer.byteLength(body)).toBe(16 * 1024);
    expect(response.status).toBe(201);
  });
});
