import { describe, expect, it } from "vitest";

import {
  LeadDeliveryChangedError,
  LeadNotFoundError,
} from "../../api/store/store-errors.ts";
import { leadMonth } from "../../api/store/lead-store.ts";
import { buildTestApp, useTestApi } from "../support/api-harness.ts";
import {
  at,
  postLead,
  storeAssessment,
  validLead,
} from "../support/lead-fixtures.ts";

const api = useTestApi();

async function leadAt(iso: string) {
  const { app } = buildTestApp(api.db.store, { now: at(iso) });
  const assessment = await storeAssessment(app);
  const lead = validLead(assessment.id);
  await postLead(app, lead);
  return { assessmentId: assessment.id, id: lead.id };
}

const monthsAgo = (months: number) => {
  const time = new Date();
  time.setUTCDate(15);
  time.setUTCMonth(time.getUTCMonth() - months);
  return time.toISOString();
};

describe("the lead's delivery state", () => {
  it("is replaced while the attempts are still the expected ones", async () => {
    const lead = await leadAt(monthsAgo(0));
    const delivered = {
      status: "delivered" as const,
      attempts: 1,
      lastAttemptAt: "2026-12-03T10:00:00.000Z",
      deliveredAt: "2026-12-03T10:00:00.000Z",
    };

    await api.db.store.updateLeadDelivery(lead.assessmentId, delivered, 0);

    expect((await api.db.store.getLead(lead.assessmentId))?.delivery).toEqual(
      delivered,
    );
  });

  it("is kept, with LeadDeliveryChangedError, when the attempts moved on", async () => {
    const lead = await leadAt(monthsAgo(0));
    const attempt = { status: "pending" as const, attempts: 1 };
    await api.db.store.updateLeadDelivery(lead.assessmentId, attempt, 0);

    const late = api.db.store.updateLeadDelivery(
      lead.assessmentId,
      { status: "dead-letter", attempts: 1, lastError: "HTTP 500" },
      0,
    );

    await expect(late).rejects.toBeInstanceOf(LeadDeliveryChangedError);
    expect((await api.db.store.getLead(lead.assessmentId))?.delivery).toEqual(
      attempt,
    );
  });

  it("is replaced without a check when no attempts are expected", async () => {
    const lead = await leadAt(monthsAgo(0));
    await api.db.store.updateLeadDelivery(lead.assessmentId, {
      status: "dead-letter",
      attempts: 6,
    });

    await api.db.store.updateLeadDelivery(lead.assessmentId, {
      status: "pending",
      attempts: 0,
    });

    expect((await api.db.store.getLead(lead.assessmentId))?.delivery).toEqual({
      status: "pending",
      attempts: 0,
    });
  });

  it("cannot be set on a lead that does not exist", async () => {
    const update = api.db.store.updateLeadDelivery(crypto.randomUUID(), {
      status: "pending",
      attempts: 0,
    });

    await expect(update).rejects.toBeInstanceOf(LeadNotFoundError);
  });
});

describe("listing leads by delivery status", () => {
  it("finds the leads with that status in the given months only", async () => {
    const thisMonth = await leadAt(monthsAgo(0));
    const lastMonth = await leadAt(monthsAgo(1));
    const older = await leadAt(monthsAgo(3));
    const done = await leadAt(monthsAgo(0));
    await api.db.store.updateLeadDelivery(done.assessmentId, {
      status: "delivered",
      attempts: 1,
    });
    const months = [leadMonth(monthsAgo(0)), leadMonth(monthsAgo(1))];

    const pending = await api.db.store.listLeadsByDeliveryStatus(
      "pending",
      months,
    );
    const delivered = await api.db.store.listLeadsByDeliveryStatus(
      "delivered",
      months,
    );

    const pendingIds = pending.map((lead) => lead.id);
    expect(pendingIds).toContain(thisMonth.id);
    expect(pendingIds).toContain(lastMonth.id);
    expect(pendingIds).not.toContain(older.id);
    expect(pendingIds).not.toContain(done.id);
    const deliveredIds = delivered.map((lead) => lead.id);
    expect(deliveredIds).toContain(done.id);
    expect(deliveredIds).not.toContain(thisMonth.id);
  });
});
