import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import type { LeadCapturedBusEvent } from "../../api/leads/delivery/event-handler.ts";
import { deliveryRetryAttempts } from "../../infra/lib/constructs/lead-events.ts";
import {
  buildTestApp,
  startTestStore,
  type TestStore,
} from "../support/api-harness.ts";
import {
  adminEnv,
  postLead,
  storeAssessment,
  validLead,
} from "../support/lead-fixtures.ts";
import {
  startWebhookReceiver,
  type WebhookReceiver,
} from "../support/webhook-receiver.ts";

const secret = "test-webhook-secret-lambda-2b9f";
/* What the CDK stack sets: Lambda's retries plus the first call. */
const maxAttempts = deliveryRetryAttempts + 1;

let db: TestStore;
let receiver: WebhookReceiver;
let handler: (typeof import("../../api/lambda-deliver.ts"))["handler"];
const savedEnv = { ...process.env };

beforeAll(async () => {
  db = await startTestStore("readiness-lead-lambda");
  receiver = await startWebhookReceiver(secret);
  Object.assign(process.env, {
    STORE: "aws",
    DYNAMODB_ENDPOINT: db.engine.endpoint,
    TABLE_NAME: db.tableName,
    AWS_REGION: "us-east-1",
    LOG_LEVEL: "silent",
    LEAD_DELIVERY: "stream",
    LEAD_WEBHOOK_URL: receiver.url,
    LEAD_WEBHOOK_SECRET: secret,
    LEAD_DELIVERY_MAX_ATTEMPTS: String(maxAttempts),
    LEAD_DELIVERY_TIMEOUT_MS: "500",
  });
  // The entry reads its configuration when it loads, as on a cold start.
  ({ handler } = await import("../../api/lambda-deliver.ts"));
});

afterEach(() => {
  receiver.failNext(0);
});

afterAll(async () => {
  process.env = savedEnv;
  await receiver.close();
  await db.stop();
});

/** A pending lead, stored through the API as in the stream mode. */
async function pendingLead() {
  const { app } = buildTestApp(db.store, { env: adminEnv });
  const assessment = await storeAssessment(app);
  const lead = validLead(assessment.id);
  const response = await postLead(app, lead);
  expect(response.status).toBe(201);
  return { leadId: lead.id, assessmentId: assessment.id };
}

/** The event the rule hands the function: the pipe's detail, ids only. */
function leadCapturedEvent(detail: unknown): LeadCapturedBusEvent {
  return {
    version: "0",
    id: crypto.randomUUID(),
    "detail-type": "Lead captured",
    source: "integration-readiness.leads",
    account: "123456789012",
    time: new Date().toISOString(),
    region: "us-east-1",
    resources: [],
    detail,
  } as LeadCapturedBusEvent;
}

const context = { awsRequestId: "request-1" };

async function deliveryOf(assessmentId: string) {
  return (await db.store.getLead(assessmentId))?.delivery;
}

describe("the lead delivery Lambda handler", () => {
  it("throws on a failed attempt, so Lambda retries, and delivers on the retry", async () => {
    const ids = await pendingLead();
    const event = leadCapturedEvent(ids);
    receiver.failNext(1);

    const first = handler(event, context);
    await expect(first).rejects.toThrow(/not delivered.*HTTP 503/);
    const afterFirst = await deliveryOf(ids.assessmentId);
    const second = await handler(event, context);

    expect(afterFirst).toMatchObject({
      status: "pending",
      attempts: 1,
      lastError: "HTTP 503",
    });
    expect(second).toMatchObject({ result: "delivered", attempts: 2 });
    expect(await deliveryOf(ids.assessmentId)).toMatchObject({
      status: "delivered",
      attempts: 2,
    });
    const requests = receiver.requests.filter(
      (request) => request.idempotencyKey === ids.leadId,
    );
    expect(requests.every((request) => request.signatureValid)).toBe(true);
    expect(receiver.stored.has(ids.leadId)).toBe(true);
  });

  it("does nothing for a lead already delivered, when the event comes twice", async () => {
    const ids = await pendingLead();
    const event = leadCapturedEvent(ids);
    await handler(event, context);
    const sent = receiver.requests.length;

    const again = await handler(event, context);

    expect(again).toMatchObject({ result: "skipped", reason: "delivered" });
    expect(receiver.requests.length).toBe(sent);
  });

  it("marks the lead dead-letter on the last attempt, and still throws", async () => {
    const ids = await pendingLead();
    const event = leadCapturedEvent(ids);
    receiver.failNext(maxAttempts);

    for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
      await expect(handler(event, context)).rejects.toThrow(/HTTP 503/);
    }

    expect(await deliveryOf(ids.assessmentId)).toMatchObject({
      status: "dead-letter",
      attempts: maxAttempts,
      lastError: "HTTP 503",
    });
    expect(receiver.stored.has(ids.leadId)).toBe(false);
  });

  it("returns without a call for a lead that is gone", async () => {
    const sent = receiver.requests.length;

    const outcome = await handler(
      leadCapturedEvent({
        leadId: crypto.randomUUID(),
        assessmentId: crypto.randomUUID(),
      }),
      context,
    );

    expect(outcome).toMatchObject({ result: "skipped", reason: "missing" });
    expect(receiver.requests.length).toBe(sent);
  });

  it("refuses an event whose detail is not the two lead ids", async () => {
    const event = leadCapturedEvent({ email: "ada@example.com" });

    await expect(handler(event, context)).rejects.toThrow(
      /leadId, assessmentId/,
    );
  });
});
