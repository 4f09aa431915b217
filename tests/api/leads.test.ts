import { describe, expect, it } from "vitest";

import { buildTestApp, errorOf, useTestApi } from "../support/api-harness.ts";
import {
  adminEnv,
  adminGet,
  daysAgo,
  postLead,
  storeAssessment,
  validLead,
} from "../support/lead-fixtures.ts";

const api = useTestApi({ env: adminEnv });

interface Receipt {
  id: string;
  assessmentId: string;
  createdAt: string;
  interest: string;
}

async function listedLeadIds(): Promise<string[]> {
  const response = await adminGet(api.app, "/api/admin/leads?limit=100");
  const body = (await response.json()) as { leads: { id: string }[] };
  return body.leads.map((lead) => lead.id);
}

describe("POST /api/leads", () => {
  it("stores a new lead with 201 and its receipt", async () => {
    const assessment = await storeAssessment(api.app);
    const lead = validLead(assessment.id);

    const response = await postLead(api.app, lead);

    expect(response.status).toBe(201);
    const receipt = (await response.json()) as Receipt;
    expect(receipt).toEqual({
      id: lead.id,
      assessmentId: assessment.id,
      createdAt: receipt.createdAt,
      interest: "talk-to-architect",
    });
    expect(new Date(receipt.createdAt).toISOString()).toBe(receipt.createdAt);
    expect(await listedLeadIds()).toContain(lead.id);
  });

  it("keeps the scores and attribution of the stored assessment", async () => {
    const assessment = await storeAssessment(api.app, {
      context: {
        utm: { source: "newsletter", campaign: "spring" },
        referrer: "https://example.com/blog",
        workshopCode: "AB12",
      },
    });
    const lead = validLead(assessment.id);
    await postLead(api.app, lead);

    const stored = await api.db.store.getLead(assessment.id);

    expect(stored).toMatchObject({
      id: lead.id,
      name: "Ada Lovelace",
      email: "ada@example.com",
      consentedAt: stored?.createdAt,
      context: {
        utm: { source: "newsletter", campaign: "spring" },
        referrer: "https://example.com/blog",
      },
      scores: {
        overall: {
          score: assessment.result.overall.score,
          level: assessment.result.overall.level.id,
        },
        areas: assessment.result.areas.map((area) => ({
          id: area.id,
          score: area.score,
          level: area.level.id,
        })),
      },
      delivery: { status: "pending", attempts: 0 },
    });
    expect(stored?.requestHash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored?.context).not.toHaveProperty("workshopCode");
  });

  it("answers 200 with the same receipt when the same lead is sent again", async () => {
    const assessment = await storeAssessment(api.app);
    const lead = validLead(assessment.id);
    const first = (await (await postLead(api.app, lead)).json()) as Receipt;

    const again = await postLead(api.app, { ...lead, elapsedMs: 60_000 });

    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(first);
  });

  it("stores one lead when ten identical requests arrive at once", async () => {
    const assessment = await storeAssessment(api.app);
    const lead = validLead(assessment.id);

    const responses = await Promise.all(
      Array.from({ length: 10 }, () => postLead(api.app, lead)),
    );

    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([
      200, 200, 200, 200, 200, 200, 200, 200, 200, 201,
    ]);
  });

  it("answers 409 conflict when the same lead id comes with other details", async () => {
    const assessment = await storeAssessment(api.app);
    const lead = validLead(assessment.id);
    await postLead(api.app, lead);

    const changed = await postLead(api.app, { ...lead, company: "Other Co" });

    expect(changed.status).toBe(409);
    expect((await errorOf(changed)).code).toBe("conflict");
    expect((await api.db.store.getLead(assessment.id))?.company).toBe(
      "Analytical Engines Ltd",
    );
  });

  it("answers 409 conflict for a second lead on the same assessment", async () => {
    const assessment = await storeAssessment(api.app);
    await postLead(api.app, validLead(assessment.id));

    const second = await postLead(api.app, validLead(assessment.id));

    expect(second.status).toBe(409);
    expect((await errorOf(second)).code).toBe("conflict");
  });

  it("answers 404 assessment_not_found for an assessment never stored", async () => {
    const response = await postLead(api.app, validLead(crypto.randomUUID()));

    expect(response.status).toBe(404);
    expect((await errorOf(response)).code).toBe("assessment_not_found");
  });

  it("answers 404 assessment_not_found for an expired assessment", async () => {
    const { app: lastYear } = buildTestApp(api.db.store, {
      now: daysAgo(365),
      env: { RETENTION_DAYS: "180" },
    });
    const old = await storeAssessment(lastYear);

    const response = await postLead(api.app, validLead(old.id));

    expect(response.status).toBe(404);
    expect((await errorOf(response)).code).toBe("assessment_not_found");
    expect(await api.db.store.getLead(old.id)).toBeUndefined();
  });

  it("never keeps a lead longer than its result", async () => {
    const { app: halfYearAgo } = buildTestApp(api.db.store, {
      now: daysAgo(170),
      env: { RETENTION_DAYS: "180" },
    });
    const assessment = await storeAssessment(halfYearAgo);
    const { app } = buildTestApp(api.db.store, {
      env: { ...adminEnv, LEAD_RETENTION_DAYS: "365" },
    });

    await postLead(app, validLead(assessment.id));

    const result = await api.db.readItem(assessment.id);
    const lead = await api.db.store.getLead(assessment.id);
    expect(lead?.expiresAt).toBe(result?.expiresAt);
  });

  it("hands the stored lead to the deliverer once, and never a bot's", async () => {
    const handed: string[] = [];
    const { app } = buildTestApp(api.db.store, {
      leadDelivery: {
        enqueue: (lead) => handed.push(lead.id),
        start: () => Promise.resolve(),
        stop: () => Promise.resolve(),
      },
    });
    const assessment = await storeAssessment(app);
    const lead = validLead(assessment.id);

    await postLead(app, lead);
    await postLead(app, lead);
    await postLead(app, validLead(assessment.id, { elapsedMs: 10 }));

    expect(handed).toEqual([lead.id]);
  });

  it("is stored and answered 201 even when the deliverer throws", async () => {
    const { app, logs } = buildTestApp(api.db.store, {
      leadDelivery: {
        enqueue: () => {
          throw new Error("queue full");
        },
        start: () => Promise.resolve(),
        stop: () => Promise.resolve(),
      },
    });
    const assessment = await storeAssessment(app);

    const response = await postLead(app, validLead(assessment.id));

    expect(response.status).toBe(201);
    expect(await api.db.store.getLead(assessment.id)).toBeDefined();
    expect(JSON.stringify(logs)).not.toContain("ada@example.com");
  });
});

describe("a lead that looks like a bot's", () => {
  it.each([
    ["the hidden website field is filled", { website: "http://spam.example" }],
    ["the hidden field holds a long text", { website: "buy ".repeat(1000) }],
    ["the form was sent within 3 seconds", { elapsedMs: 2999 }],
  ])(
    "gets 202 with a receipt, and is neither stored nor logged when %s",
    async (_case, bot) => {
      const assessment = await storeAssessment(api.app);
      const lead = validLead(assessment.id, {
        ...bot,
        email: "bot-only@spam.example",
      });

      const response = await postLead(api.app, lead);

      expect(response.status).toBe(202);
      expect(Object.keys((await response.json()) as Receipt).sort()).toEqual([
        "assessmentId",
        "createdAt",
        "id",
        "interest",
      ]);
      expect(await api.db.store.getLead(assessment.id)).toBeUndefined();
      expect(await listedLeadIds()).not.toContain(lead.id);
      expect(JSON.stringify(api.logs)).not.toContain("bot-only@spam");
    },
  );

  it("gets 202 even for an assessment that does not exist", async () => {
    const lead = validLead(crypto.randomUUID(), { elapsedMs: 100 });

    const response = await postLead(api.app, lead);

    expect(response.status).toBe(202);
  });

  it("is stored when the hidden field is empty and the form took 3 seconds", async () => {
    const assessment = await storeAssessment(api.app);

    const response = await postLead(
      api.app,
      validLead(assessment.id, { website: "", elapsedMs: 3000 }),
    );

    expect(response.status).toBe(201);
  });
});

describe("a lead body that is not valid", () => {
  const issuesOf = async (body: unknown) => {
    const response = await postLead(api.app, body);
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.code).toBe("invalid_body");
    return error.issues as { path: string[]; code: string }[];
  };

  it("is refused with the path of an unknown field", async () => {
    const issues = await issuesOf({
      ...validLead(crypto.randomUUID()),
      phone: "123",
    });

    expect(issues).toEqual([
      expect.objectContaining({ path: ["phone"], code: "unknown_field" }),
    ]);
  });

  it.each(["ada", "ada@", "@example.com", "ada example@x.io", "a@b@c.io"])(
    "is refused for the email %j",
    async (email) => {
      const issues = await issuesOf(validLead(crypto.randomUUID(), { email }));

      expect(issues.map((issue) => issue.path)).toEqual([["email"]]);
    },
  );

  it.each([
    ["name", 121],
    ["company", 161],
    ["role", 121],
    ["email", 255],
  ])("is refused when %s is over its limit (%i)", async (field, length) => {
    const value =
      field === "email"
        ? `${"a".repeat(length - 12)}@example.com`
        : "x".repeat(length);

    const issues = await issuesOf(
      validLead(crypto.randomUUID(), { [field]: value }),
    );

    expect(issues[0]?.path).toEqual([field]);
  });

  it.each([
    ["consent", false],
    ["companySize", "huge"],
    ["interest", "spam"],
    ["id", "not-a-uuid"],
    ["assessmentId", 42],
    ["elapsedMs", -1],
    ["name", "   "],
    ["name", "Ada\u0007"],
  ])("is refused with the path when %s is %j", async (field, value) => {
    const issues = await issuesOf(
      validLead(crypto.randomUUID(), { [field]: value }),
    );

    expect(issues.map((issue) => issue.path)).toContainEqual([field]);
  });

  it("is refused when a required field is missing", async () => {
    const { email: _email, ...lead } = validLead(crypto.randomUUID());

    const issues = await issuesOf(lead);

    expect(issues.map((issue) => issue.path)).toEqual([["email"]]);
  });

  it("gets 415 when it is not sent as JSON", async () => {
    const response = await api.app.request("/api/leads", {
      method: "POST",
      body: "name=Ada",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });

    expect(response.status).toBe(415);
    expect((await errorOf(response)).code).toBe("unsupported_media_type");
  });

  it("gets 413 when it is over 16 KB", async () => {
    const response = await postLead(api.app, `"${"x".repeat(17_000)}"`);

    expect(response.status).toBe(413);
    expect((await errorOf(response)).code).toBe("payload_too_large");
  });

  it("gets 400 malformed_json when it is not JSON", async () => {
    const response = await postLead(api.app, "{name:");

    expect(response.status).toBe(400);
    expect((await errorOf(response)).code).toBe("malformed_json");
  });
});

describe("the rate limit on leads", () => {
  it("answers 429 once a client has used its burst", async () => {
    const { app } = buildTestApp(api.db.store, {
      env: { RATE_LIMIT_BURST: "2", RATE_LIMIT_PER_MINUTE: "6" },
      clientAddress: (c) => c.req.header("x-test-socket"),
    });
    const from = { "x-test-socket": "203.0.113.9" };
    const body = validLead(crypto.randomUUID());

    const statuses = [];
    for (let i = 0; i < 3; i += 1) {
      statuses.push((await postLead(app, body, from)).status);
    }

    expect(statuses).toEqual([404, 404, 429]);
  });
});

describe("GET /api/settings", () => {
  it("tells the SPA the lead gate, briefly cacheable", async () => {
    const { app } = buildTestApp(api.db.store, {
      env: { LEAD_GATE: "form-first" },
    });

    const response = await app.request("/api/settings");

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      leadGate: "form-first",
      leadsEnabled: true,
    });
    expect(response.headers.get("cache-control")).toBe("public, max-age=60");
  });

  it("defaults to showing the result first", async () => {
    const response = await api.app.request("/api/settings");

    expect(await response.json()).toMatchObject({ leadGate: "results-first" });
  });
});
