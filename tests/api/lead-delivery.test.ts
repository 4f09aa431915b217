import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import { createApp } from "../../api/app.ts";
import { parseConfig } from "../../api/config.ts";
import {
  createInProcessDelivery,
  type InProcessDeliveryDeps,
} from "../../api/leads/delivery/in-process-deliverer.ts";
import type { LeadCapturedEvent } from "../../api/leads/delivery/payload.ts";
import type { LeadDelivery } from "../../api/leads/lead-delivery.ts";
import { createLogger } from "../../api/log.ts";
import { startServer } from "../../api/server.ts";
import type { LeadRecord } from "../../api/store/lead-store.ts";
import type { CreatedAssessment } from "../../src/core/submission.ts";
import {
  errorOf,
  startTestStore,
  type TestStore,
} from "../support/api-harness.ts";
import {
  adminEnv,
  adminGet,
  postLead,
  storeAssessment,
  testAdminToken,
  validLead,
} from "../support/lead-fixtures.ts";
import {
  startWebhookReceiver,
  waitUntil,
  type WebhookReceiver,
} from "../support/webhook-receiver.ts";

const secret = "test-webhook-secret-7d1e0c";
const maxAttempts = 4;

let db: TestStore;
let receiver: WebhookReceiver;
const deliverers: LeadDelivery[] = [];
/** Every log line of every app in this file, to check for personal data. */
const logLines: string[] = [];

beforeAll(async () => {
  db = await startTestStore("readiness-lead-delivery");
  receiver = await startWebhookReceiver(secret);
});

afterEach(async () => {
  await Promise.all(deliverers.splice(0).map((d) => d.stop()));
  receiver.failNext(0);
  receiver.setMode("ok");
});

afterAll(async () => {
  await receiver.close();
  await db.stop();
});

function deliveryEnv(overrides: Record<string, string> = {}) {
  return {
    ...adminEnv,
    RATE_LIMIT_BURST: "1000000",
    RATE_LIMIT_PER_MINUTE: "1000000",
    LEAD_WEBHOOK_URL: receiver.url,
    LEAD_WEBHOOK_SECRET: secret,
    LEAD_DELIVERY_MAX_ATTEMPTS: String(maxAttempts),
    LEAD_DELIVERY_BASE_DELAY_MS: "10",
    LEAD_DELIVERY_TIMEOUT_MS: "150",
    ...overrides,
  };
}

/** The real app with an in-process deliverer, as the Node server has. */
function startDeliveringApp(
  options: {
    env?: Record<string, string>;
    deliverer?: Partial<InProcessDeliveryDeps>;
  } = {},
) {
  const config = parseConfig(deliveryEnv(options.env));
  const logs: Record<string, unknown>[] = [];
  const logger = createLogger("debug", (line) => {
    logLines.push(line);
    logs.push(JSON.parse(line) as Record<string, unknown>);
  });

  const delivery = createInProcessDelivery({
    store: db.store,
    settings: config.leadDelivery,
    logger,
    maxDelayMs: 40,
    ...options.deliverer,
  });
  deliverers.push(delivery);
  const app = createApp({
    config,
    store: db.store,
    logger,
    leadDelivery: delivery,
  });
  return { app, delivery, logs };
}

type App = ReturnType<typeof startDeliveringApp>["app"];

async function leaveLead(app: App, assessment?: CreatedAssessment) {
  const stored =
    assessment ??
    (await storeAssessment(app, {
      context: { utm: { source: "newsletter", campaign: "spring" } },
    }));
  const lead = validLead(stored.id);
  const response = await postLead(app, lead);
  expect(response.status).toBe(201);
  return { lead, assessment: stored };
}

async function storedLead(assessmentId: string): Promise<LeadRecord> {
  const lead = await db.store.getLead(assessmentId);
  if (!lead) throw new Error("the lead is not stored");
  return lead;
}

function untilStatus(assessmentId: string, status: string) {
  return waitUntil(`the lead is ${status}`, async () => {
    const lead = await db.store.getLead(assessmentId);
    return lead?.delivery.status === status;
  });
}

const requestsFor = (leadId: string) =>
  receiver.requests.filter((request) => request.idempotencyKey === leadId);

async function deadLetters(app: App) {
  const response = await adminGet(app, "/api/admin/dead-letters");
  expect(response.status).toBe(200);
  return ((await response.json()) as { deadLetters: { id: string }[] })
    .deadLetters;
}

function replay(app: App, leadId: string, token = testAdminToken) {
  return app.request(`/api/admin/dead-letters/${leadId}/replay`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}` },
  });
}

describe("delivering a lead to a webhook that fails at first", () => {
  it("retries until delivered, and the receiver stores the lead once", async () => {
    const { app } = startDeliveringApp();
    receiver.failNext(2);

    const { lead, assessment } = await leaveLead(app);
    await untilStatus(assessment.id, "delivered");

    const requests = requestsFor(lead.id);
    expect(requests.map((request) => request.status)).toEqual([503, 503, 200]);
    expect(requests.every((request) => request.signatureValid)).toBe(true);
    expect(new Set(requests.map((request) => request.body)).size).toBe(1);
    const delivery = (await storedLead(assessment.id)).delivery;
    expect(delivery).toMatchObject({ status: "delivered", attempts: 3 });
    expect(delivery.deliveredAt).toBe(delivery.lastAttemptAt);
    expect(delivery.lastError).toBeUndefined();
  });

  it("sends the lead, its scores per area and its attribution, signed", async () => {
    const { app } = startDeliveringApp();

    const { lead, assessment } = await leaveLead(app);
    await untilStatus(assessment.id, "delivered");

    const [request] = requestsFor(lead.id);
    const event = receiver.stored.get(lead.id) as LeadCapturedEvent;
    expect(request?.contentType).toBe("application/json");
    expect(request?.signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(Number(request?.timestamp)).toBeCloseTo(Date.now() / 1000, -2);
    expect(event).toMatchObject({
      id: lead.id,
      type: "lead.captured",
      lead: {
        id: lead.id,
        assessmentId: assessment.id,
        name: lead.name,
        email: lead.email,
        company: lead.company,
        companySize: lead.companySize,
        interest: lead.interest,
        attribution: { utm: { source: "newsletter", campaign: "spring" } },
      },
    });
    expect(event.occurredAt).toBe(event.lead.createdAt);
    expect(event.lead.scores.overall.score).toBe(
      assessment.result.overall.score,
    );
    expect(event.lead.scores.areas.map((area) => area.id)).toEqual(
      assessment.result.areas.map((area) => area.id),
    );
  });

  it("keeps one copy when the receiver stored the lead but its answer was lost", async () => {
    const { app } = startDeliveringApp();
    receiver.failNext(1, { afterStoring: true });

    const { lead, assessment } = await leaveLead(app);
    await untilStatus(assessment.id, "delivered");

    expect(requestsFor(lead.id)).toHaveLength(2);
    expect([...receiver.stored.keys()].filter((k) => k === lead.id)).toEqual([
      lead.id,
    ]);
    expect((await storedLead(assessment.id)).delivery.attempts).toBe(2);
  });
});

describe("a webhook that never answers", () => {
  it("dead-letters the lead, lists it, and a replay delivers it", async () => {
    const { app } = startDeliveringApp();
    receiver.setMode("never-answer");

    const { lead, assessment } = await leaveLead(app);
    await untilStatus(assessment.id, "dead-letter");

    const dead = await storedLead(assessment.id);
    expect(dead.delivery).toMatchObject({
      status: "dead-letter",
      attempts: maxAttempts,
      lastError: "timeout",
    });
    const listed = await deadLetters(app);
    expect(listed).toContainEqual({
      id: lead.id,
      assessmentId: assessment.id,
      createdAt: dead.createdAt,
      company: lead.company,
      attempts: maxAttempts,
      lastAttemptAt: dead.delivery.lastAttemptAt,
      lastError: "timeout",
    });
    expect(JSON.stringify(listed)).not.toContain(lead.email);

    receiver.setMode("ok");
    const replayed = await replay(app, lead.id);
    expect(replayed.status).toBe(202);
    expect(await replayed.json()).toEqual({
      id: lead.id,
      delivery: { status: "pending", attempts: 0 },
    });
    await untilStatus(assessment.id, "delivered");

    expect(receiver.stored.has(lead.id)).toBe(true);
    expect((await storedLead(assessment.id)).delivery.attempts).toBe(1);
    expect((await deadLetters(app)).map((d) => d.id)).not.toContain(lead.id);
  });

  it("refuses to replay a lead that is not a dead letter, or none", async () => {
    const { app } = startDeliveringApp();
    const { lead, assessment } = await leaveLead(app);
    await untilStatus(assessment.id, "delivered");

    const delivered = await replay(app, lead.id);
    const unknown = await replay(app, crypto.randomUUID());
    const malformed = await replay(app, "not-a-uuid");
    const anonymous = await replay(
      app,
      lead.id,
      "wrong-token-0123456789abcdef",
    );

    expect(delivered.status).toBe(409);
    expect((await errorOf(delivered)).code).toBe("conflict");
    expect(unknown.status).toBe(404);
    expect((await errorOf(unknown)).code).toBe("not_found");
    expect(malformed.status).toBe(400);
    expect((await errorOf(malformed)).code).toBe("invalid_id");
    expect(anonymous.status).toBe(401);
    expect(requestsFor(lead.id)).toHaveLength(1);
  });

  it("lists dead letters only to the admin", async () => {
    const { app } = startDeliveringApp();

    const response = await app.request("/api/admin/dead-letters");

    expect(response.status).toBe(401);
    expect(response.headers.get("cache-control")).toBe("no-store");
  });
});

describe("a restart", () => {
  it("stops retrying at shutdown, and the next deliverer resumes the lead", async () => {
    const first = startDeliveringApp({
      deliverer: { random: () => 1, maxDelayMs: 200 },
      env: { LEAD_DELIVERY_BASE_DELAY_MS: "200" },
    });
    receiver.failNext(100);
    const { lead, assessment } = await leaveLead(first.app);
    await waitUntil("the first attempt is recorded", async () => {
      return (await storedLead(assessment.id)).delivery.attempts === 1;
    });

    await first.delivery.stop();
    receiver.failNext(0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(requestsFor(lead.id)).toHaveLength(1);

    const second = startDeliveringApp();
    await second.delivery.start();
    await untilStatus(assessment.id, "delivered");

    expect((await storedLead(assessment.id)).delivery.attempts).toBe(2);
    expect(requestsFor(lead.id)).toHaveLength(2);
    expect(second.logs).toContainEqual(
      expect.objectContaining({ msg: "lead delivery started" }),
    );
  });

  it("leaves leads pending when no webhook is configured, and says so once", async () => {
    const { app, delivery, logs } = startDeliveringApp({
      env: { LEAD_WEBHOOK_URL: "", LEAD_WEBHOOK_SECRET: "" },
    });
    await delivery.start();

    const { assessment } = await leaveLead(app);
    await delivery.stop();

    expect((await storedLead(assessment.id)).delivery).toEqual({
      status: "pending",
      attempts: 0,
    });
    const offLines = logs.filter((line) =>
      String(line.msg).startsWith("lead delivery is off"),
    );
    expect(offLines).toHaveLength(1);
  });
});

describe("a deleted lead", () => {
  it("is not retried once its assessment is deleted", async () => {
    const { app, logs } = startDeliveringApp({
      deliverer: { random: () => 1, maxDelayMs: 300 },
      env: { LEAD_DELIVERY_BASE_DELAY_MS: "300" },
    });
    receiver.failNext(1);
    const { lead, assessment } = await leaveLead(app);
    await waitUntil("the first attempt is recorded", async () => {
      return (await storedLead(assessment.id)).delivery.attempts === 1;
    });

    const deleted = await app.request(`/api/assessments/${assessment.id}`, {
      method: "DELETE",
      headers: { authorization: `Bearer ${assessment.deletionToken}` },
    });
    expect(deleted.status).toBe(204);
    await waitUntil("the retry finds the lead gone", () =>
      logs.some(
        (line) =>
          line.msg === "lead delivery skipped" && line.leadId === lead.id,
      ),
    );

    expect(requestsFor(lead.id)).toHaveLength(1);
    expect(receiver.stored.has(lead.id)).toBe(false);
    expect(await db.store.getLead(assessment.id)).toBeUndefined();
  });

  it("is not sent when it is gone before its first attempt", async () => {
    const { app, delivery } = startDeliveringApp();
    const other = startDeliveringApp({ env: { LEAD_WEBHOOK_URL: "" } });
    const { lead, assessment } = await leaveLead(other.app);
    const record = await storedLead(assessment.id);
    await app.request(`/api/assessments/${assessment.id}`, {
      method: "DELETE",
      headers: { authorization: `Bearer ${assessment.deletionToken}` },
    });

    delivery.enqueue(record);
    await delivery.stop();

    expect(requestsFor(lead.id)).toHaveLength(0);
  });
});

describe("the delivery log", () => {
  it("carries ids and reasons, never a person's details", async () => {
    const { app } = startDeliveringApp();
    receiver.failNext(1);
    const { lead, assessment } = await leaveLead(app);
    await untilStatus(assessment.id, "delivered");

    const text = logLines.join("\n");
    expect(text).toContain(lead.id);
    expect(text).toContain("HTTP 503");
    for (const personal of [lead.name, lead.email, lead.company, lead.role]) {
      expect(text).not.toContain(personal);
    }
    expect(text).not.toContain(assessment.id);
    expect(text).not.toContain(secret);
  });
});

describe("the Node server", () => {
  it("delivers leads in process through the real Node server", async () => {
    const server = await startServer(
      parseConfig({
        ...deliveryEnv(),
        PORT: "0",
        STORE: "memory",
        DIST_DIR: "no-dist",
        LEAD_DELIVERY: "in-process",
      }),
      createLogger("info", (line) => logLines.push(line)),
    );

    try {
      const assessment = await storeAssessment(serverRequester(server.url));
      const lead = validLead(assessment.id);
      await postLead(serverRequester(server.url), lead);
      await waitUntil("the receiver has the lead", () =>
        receiver.stored.has(lead.id),
      );
    } finally {
      await server.shutdown();
    }
  });
});

function serverRequester(url: string) {
  return {
    request: (path: string, init?: RequestInit) => fetch(`${url}${path}`, init),
  };
}
