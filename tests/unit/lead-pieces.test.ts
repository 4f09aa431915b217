import { createHmac, randomUUID } from "node:crypto";

import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { toCsv, toCsvCell } from "../../api/leads/csv.ts";
import { signWebhook } from "../../api/leads/webhook-signature.ts";
import { leadSchema } from "../../src/core/leads/lead-schema.ts";

const validLead = {
  id: randomUUID(),
  assessmentId: randomUUID(),
  name: "Ada Lovelace",
  email: "ada@example.com",
  company: "Analytical Engines Ltd",
  role: "Head of Architecture",
  companySize: "250-999",
  interest: "talk-to-architect",
  consent: true,
  elapsedMs: 12_000,
};

describe("the lead schema", () => {
  it("accepts a complete lead", () => {
    expect(leadSchema.parse(validLead)).toEqual(validLead);
  });

  it("requires consent to be given", () => {
    const result = leadSchema.safeParse({ ...validLead, consent: false });
    expect(result.error?.issues[0]?.path).toEqual(["consent"]);
  });

  it("rejects an email that is not an address", () => {
    const result = leadSchema.safeParse({ ...validLead, email: "ada@" });
    expect(result.error?.issues[0]?.message).toBe("Enter a valid work email");
  });

  it("rejects fields it does not know", () => {
    const result = leadSchema.safeParse({ ...validLead, admin: true });
    expect(result.error?.issues[0]?.code).toBe("unrecognized_keys");
  });

  it("rejects control characters and overlong names", () => {
    expect(
      leadSchema.safeParse({ ...validLead, name: "A\u0000B" }).success,
    ).toBe(false);
    expect(
      leadSchema.safeParse({ ...validLead, name: "x".repeat(121) }).success,
    ).toBe(false);
  });
});

describe("the CSV export", () => {
  it("neutralises every cell a spreadsheet would run as a formula", () => {
    for (const attack of ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\r=x"]) {
      expect(toCsvCell(attack)).toBe(`"'${attack}"`);
    }
  });

  it("leaves numbers as numbers, negative ones included", () => {
    expect(toCsvCell(-4)).toBe('"-4"');
    expect(toCsvCell(72)).toBe('"72"');
  });

  it("quotes commas, quotes and line breaks so rows stay whole", () => {
    const csv = toCsv(["a", "b"], [['say "hi", then\nleave', "plain"]]);
    expect(csv).toBe('"a","b"\r\n"say ""hi"", then\nleave","plain"\r\n');
  });

  it("never lets any string start a cell with a formula character", () => {
    fc.assert(
      fc.property(fc.string(), (value) => {
        const inner = toCsvCell(value).slice(1, -1).replace(/""/g, '"');
        expect(inner).not.toMatch(/^[=+\-@\t\r]/);
        expect(inner.endsWith(value)).toBe(true);
      }),
    );
  });
});

describe("the webhook signature", () => {
  it("is the HMAC-SHA256 of the timestamp and body that a receiver computes", async () => {
    const body = JSON.stringify({ type: "lead.captured", id: "x" });
    const expected = createHmac("sha256", "s3cret")
      .update(`1733250000.${body}`)
      .digest("hex");

    const signature = await signWebhook("s3cret", "1733250000", body);

    expect(signature).toBe(`sha256=${expected}`);
    expect(await signWebhook("other", "1733250000", body)).not.toBe(signature);
  });
});
