import { describe, expect, it } from "vitest";

import { adminLeadPageSchema } from "../../api/leads/lead-schemas.ts";
import {
  buildTestApp,
  errorOf,
  someAnswers,
  useTestApi,
} from "../support/api-harness.ts";
import {
  adminEnv,
  adminGet,
  at,
  daysAgo,
  postLead,
  storeAssessment,
  validLead,
} from "../support/lead-fixtures.ts";

/* Leads from up to a year back: each is kept as long as its result. */
const yearLong = { RETENTION_DAYS: "365", LEAD_RETENTION_DAYS: "365" };
const api = useTestApi({ env: { ...adminEnv, ...yearLong } });

interface AdminLead {
  id: string;
  assessmentId: string;
  createdAt: string;
  name: string;
  scores: { overall: { level: string } };
  delivery: { status: string; attempts: number };
}

interface LeadPage {
  leads: AdminLead[];
  nextCursor?: string;
}

/** Stores an assessment and its lead as if both happened at `iso`. */
async function leadAt(iso: string, answersScore = 2, fields = {}) {
  const { app } = buildTestApp(api.db.store, {
    now: at(iso),
    env: { ...adminEnv, ...yearLong },
  });
  const assessment = await storeAssessment(app, {
    answers: someAnswers(answersScore),
  });
  const lead = validLead(assessment.id, fields);
  expect((await postLead(app, lead)).status).toBe(201);
  return { lead, assessment };
}

async function listPage(query: string): Promise<LeadPage> {
  const response = await adminGet(api.app, `/api/admin/leads?${query}`);
  expect(response.status).toBe(200);
  return (await response.json()) as LeadPage;
}

const day = (days: number) =>
  new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

describe("GET /api/admin/leads", () => {
  it("lists leads newest first, with their delivery status", async () => {
    const older = await leadAt(`${day(300)}T09:00:00.000Z`);
    const newer = await leadAt(`${day(300)}T10:00:00.000Z`);

    const page = await listPage(`from=${day(300)}&to=${day(300)}`);

    expect(page.leads.map((lead) => lead.id)).toEqual([
      newer.lead.id,
      older.lead.id,
    ]);
    expect(page.leads[0]).toMatchObject({
      assessmentId: newer.assessment.id,
      name: "Ada Lovelace",
      delivery: { status: "pending", attempts: 0 },
    });
    expect(page.leads[0]).not.toHaveProperty("requestHash");
    expect(adminLeadPageSchema.safeParse(page).error).toBeUndefined();
    expect(page.nextCursor).toBeUndefined();
  });

  it("pages through leads across months without repeats or gaps", async () => {
    const times = [250, 240, 225, 215, 205].map(
      (days) => `${day(days)}T12:00:00.000Z`,
    );
    const stored = [];
    for (const time of times) stored.push((await leadAt(time)).lead.id);

    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const query = `from=${day(250)}&to=${day(205)}&limit=2`;
      const page = await listPage(
        cursor ? `${query}&cursor=${encodeURIComponent(cursor)}` : query,
      );
      expect(page.leads.length).toBeLessThanOrEqual(2);
      seen.push(...page.leads.map((lead) => lead.id));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor);

    expect(seen).toEqual([...stored].reverse());
    expect(pages).toBe(3);
  });

  it("keeps only the days in the range, as UTC days", async () => {
    const before = await leadAt(`${day(190)}T23:59:59.999Z`);
    const first = await leadAt(`${day(189)}T00:00:00.000Z`);
    const last = await leadAt(`${day(188)}T23:59:59.999Z`);
    const after = await leadAt(`${day(187)}T00:00:00.000Z`);

    const page = await listPage(`from=${day(189)}&to=${day(188)}`);

    const ids = page.leads.map((lead) => lead.id);
    expect(ids).toEqual([last.lead.id, first.lead.id]);
    expect(ids).not.toContain(before.lead.id);
    expect(ids).not.toContain(after.lead.id);
  });

  it("filters by the overall maturity level", async () => {
    const low = await leadAt(`${day(170)}T08:00:00.000Z`, 0);
    const high = await leadAt(`${day(170)}T09:00:00.000Z`, 4);
    const lowLevel = low.assessment.result.overall.level.id;
    expect(high.assessment.result.overall.level.id).not.toBe(lowLevel);

    const page = await listPage(
      `from=${day(170)}&to=${day(170)}&level=${lowLevel}&limit=1`,
    );

    expect(page.leads.map((lead) => lead.id)).toEqual([low.lead.id]);
    expect(page.leads[0]?.scores.overall.level).toBe(lowLevel);
    expect(page.nextCursor).toBeUndefined();
  });

  it("leaves out a lead past its retention", async () => {
    const { app: shortLived } = buildTestApp(api.db.store, {
      now: daysAgo(40),
      env: { LEAD_RETENTION_DAYS: "30" },
    });
    const assessment = await storeAssessment(shortLived);
    const lead = validLead(assessment.id);
    expect((await postLead(shortLived, lead)).status).toBe(201);

    const page = await listPage(`from=${day(41)}&to=${day(39)}`);

    expect(page.leads.map((entry) => entry.id)).not.toContain(lead.id);
    expect(await api.db.store.getLead(assessment.id)).toBeUndefined();
    const again = await postLead(api.app, validLead(assessment.id));
    expect(again.status).toBe(201);
  });

  it("answers with Cache-Control: no-store", async () => {
    const response = await adminGet(api.app, "/api/admin/leads");

    expect(response.headers.get("cache-control")).toBe("no-store");
  });

  it.each([
    ["from=2026-13-01", ["from"]],
    ["to=2026-02-30", ["to"]],
    ["from=yesterday", ["from"]],
    ["from=2026-12-02&to=2026-12-01", ["from"]],
    ["level=genius", ["level"]],
    ["limit=0", ["limit"]],
    ["limit=101", ["limit"]],
    ["limit=ten", ["limit"]],
    ["cursor=abc", ["cursor"]],
    [`cursor=${btoa('["x","y"]')}`, ["cursor"]],
    ["colour=red", ["colour"]],
    ["level=ad-hoc&level=defined", ["level"]],
  ])("answers 400 invalid_query for %s", async (query, path) => {
    const response = await adminGet(api.app, `/api/admin/leads?${query}`);

    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.code).toBe("invalid_query");
    expect(error.issues).toContainEqual(expect.objectContaining({ path }));
  });
});

/** Reads RFC 4180 CSV: quoted cells, doubled quotes, CRLF rows. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") {
      row.push(cell);
      cell = "";
    } else if (char === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i += 1;
    } else cell += char;
  }
  return rows;
}

describe("GET /api/admin/leads.csv", () => {
  it("exports every matching lead as an attachment", async () => {
    const times = [160, 150, 140].map((days) => `${day(days)}T12:00:00.000Z`);
    const ids = [];
    for (const time of times) ids.push((await leadAt(time)).lead.id);

    const response = await adminGet(
      api.app,
      `/api/admin/leads.csv?from=${day(160)}&to=${day(140)}`,
    );

    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe(
      "text/csv; charset=utf-8",
    );
    expect(response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="leads-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect(response.headers.get("cache-control")).toBe("no-store");
    const [header, ...rows] = parseCsv(await response.text());
    expect(header).toEqual(
      expect.arrayContaining([
        "lead_id",
        "overall_score",
        "overall_level",
        "event-driven_score",
        "event-driven_level",
        "utm_source",
        "referrer",
        "delivery_status",
      ]),
    );
    expect(rows.map((row) => row[0])).toEqual([...ids].reverse());
  });

  it("neutralises cells a spreadsheet would run as formulas", async () => {
    const { app } = buildTestApp(api.db.store, {
      now: at(`${day(120)}T12:00:00.000Z`),
    });
    const assessment = await storeAssessment(app, {
      context: {
        utm: {
          source: "@SUM(1+1)",
          medium: "\t=1+1",
          campaign: "\r=1+1",
          term: "|calc",
          content: "%0A=1",
        },
        referrer: "-2+3",
      },
    });
    const hostile = {
      name: '=HYPERLINK("http://evil.example","click")',
      company: "+cmd|' /C calc'!A0",
      role: "-1+1",
    };
    await postLead(app, validLead(assessment.id, hostile));

    const response = await adminGet(
      api.app,
      `/api/admin/leads.csv?from=${day(120)}&to=${day(120)}`,
    );
    const [header, row] = parseCsv(await response.text());
    const cell = (name: string) => row?.[header!.indexOf(name)];

    expect(cell("name")).toBe(`'${hostile.name}`);
    expect(cell("company")).toBe(`'${hostile.company}`);
    expect(cell("role")).toBe("'-1+1");
    expect(cell("utm_source")).toBe("'@SUM(1+1)");
    expect(cell("utm_medium")).toBe("'\t=1+1");
    expect(cell("utm_campaign")).toBe("'\r=1+1");
    expect(cell("utm_term")).toBe("'|calc");
    expect(cell("utm_content")).toBe("'%0A=1");
    expect(cell("referrer")).toBe("'-2+3");
    expect(cell("overall_score")).toMatch(/^\d+$/);
    expect(cell("delivery_status")).toBe("pending");
  });

  it.each(["limit=5", "cursor=abc"])(
    "answers 400 invalid_query for %s, which the export does not take",
    async (query) => {
      const response = await adminGet(api.app, `/api/admin/leads.csv?${query}`);

      expect(response.status).toBe(400);
      const name = query.split("=")[0];
      expect((await errorOf(response)).issues).toContainEqual(
        expect.objectContaining({ path: [name] }),
      );
    },
  );
});

describe("deleting an assessment", () => {
  it("deletes its lead too", async () => {
    const assessment = await storeAssessment(api.app);
    const lead = validLead(assessment.id);
    expect((await postLead(api.app, lead)).status).toBe(201);

    const response = await api.app.request(
      `/api/assessments/${assessment.id}`,
      {
        method: "DELETE",
        headers: { authorization: `Bearer ${assessment.deletionToken}` },
      },
    );

    expect(response.status).toBe(204);
    expect(await api.db.store.getLead(assessment.id)).toBeUndefined();
    const page = await listPage("limit=100");
    expect(page.leads.map((entry) => entry.id)).not.toContain(lead.id);
  });

  it("leaves the lead when the deletion token is wrong", async () => {
    const assessment = await storeAssessment(api.app);
    await postLead(api.app, validLead(assessment.id));

    const response = await api.app.request(
      `/api/assessments/${assessment.id}`,
      { method: "DELETE", headers: { authorization: "Bearer wrong" } },
    );

    expect(response.status).toBe(403);
    expect(await api.db.store.getLead(assessment.id)).toBeDefined();
  });
});
