import { describe, expect, it } from "vitest";

import { ConfigError, parseConfig } from "../../api/config.ts";

function problemsOf(env: Record<string, string>): string[] {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("parseConfig", () => {
  it("uses the documented defaults for an empty environment", () => {
    const config = parseConfig({});

    expect(config).toMatchObject({
      port: 8080,
      host: "127.0.0.1",
      dataDir: "data",
      store: "disk",
      dynamodbEndpoint: undefined,
      tableName: "readiness",
      region: "us-east-1",
      retentionDays: 180,
      logLevel: "info",
      frameAncestors: "'self'",
      trustProxy: 0,
      adminToken: undefined,
      leadRetentionDays: 180,
      leadGate: "results-first",
      leadDelivery: {
        mode: "in-process",
        webhook: undefined,
        maxAttempts: 6,
        baseDelayMs: 1000,
        timeoutMs: 5000,
      },
    });
  });

  it("reads the lead and admin variables", () => {
    const config = parseConfig({
      ADMIN_TOKEN: "t".repeat(24),
      LEAD_RETENTION_DAYS: "90",
      LEAD_GATE: "form-first",
      LEAD_WEBHOOK_URL: "https://crm.example/hooks/leads",
      LEAD_WEBHOOK_SECRET: "s".repeat(16),
      LEAD_DELIVERY: "stream",
      LEAD_DELIVERY_MAX_ATTEMPTS: "3",
      LEAD_DELIVERY_BASE_DELAY_MS: "250",
      LEAD_DELIVERY_TIMEOUT_MS: "2000",
    });

    expect(config).toMatchObject({
      adminToken: "t".repeat(24),
      leadRetentionDays: 90,
      leadGate: "form-first",
      leadDelivery: {
        mode: "stream",
        webhook: {
          url: "https://crm.example/hooks/leads",
          secret: "s".repeat(16),
        },
        maxAttempts: 3,
        baseDelayMs: 250,
        timeoutMs: 2000,
      },
    });
  });

  it("refuses a webhook URL that is not http(s)", () => {
    const problems = problemsOf({
      LEAD_WEBHOOK_URL: "ftp://crm.example",
      LEAD_WEBHOOK_SECRET: "s".repeat(16),
    });

    expect(problems).toEqual(["LEAD_WEBHOOK_URL: must be an http(s) URL"]);
  });

  it("never echoes a secret's value in its error", () => {
    const secrets = {
      ADMIN_TOKEN: "leaked token with spaces in it",
      LEAD_WEBHOOK_SECRET: "leaked-secret",
      LEAD_WEBHOOK_URL: "ftp://crm.example/?key=leaked",
    };

    const problems = problemsOf(secrets);

    expect(problems).toHaveLength(3);
    expect(problems.join("\n")).not.toContain("leaked");
  });

  it("refuses a webhook URL without its secret, naming the secret", () => {
    const problems = problemsOf({ LEAD_WEBHOOK_URL: "https://crm.example/x" });

    expect(problems).toEqual([
      "LEAD_WEBHOOK_SECRET: must be set when LEAD_WEBHOOK_URL is set",
    ]);
  });

  it("reads every variable it is given", () => {
    const config = parseConfig({
      PORT: "0",
      DATA_DIR: "/tmp/x",
      STORE: "memory",
      DYNAMODB_ENDPOINT: "http://127.0.0.1:4567",
      TABLE_NAME: "other-table",
      AWS_REGION: "eu-west-1",
      RETENTION_DAYS: "30",
      LOG_LEVEL: "warn",
      FRAME_ANCESTORS: "'self' https://*.partner.example",
      RATE_LIMIT_PER_MINUTE: "10",
      RATE_LIMIT_BURST: "5",
      TRUST_PROXY: "true",
    });

    expect(config).toMatchObject({
      port: 0,
      dataDir: "/tmp/x",
      store: "memory",
      dynamodbEndpoint: "http://127.0.0.1:4567",
      tableName: "other-table",
      region: "eu-west-1",
      retentionDays: 30,
      logLevel: "warn",
      frameAncestors: "'self' https://*.partner.example",
      rateLimit: { perMinute: 10, burst: 5 },
      trustProxy: 1,
    });
  });

  it("treats an empty value as unset", () => {
    expect(parseConfig({ PORT: "", RETENTION_DAYS: " " }).port).toBe(8080);
  });

  it.each([
    [
      "PORT",
      "eighty",
      /^PORT: must be a whole number from 0 to 65535 \(got "eighty"\)$/,
    ],
    ["PORT", "70000", /^PORT: must be at most 65535/],
    ["PORT", "-1", /^PORT: must be a whole number/],
    ["RETENTION_DAYS", "0", /^RETENTION_DAYS: must be at least 1/],
    ["RETENTION_DAYS", "1.5", /^RETENTION_DAYS: must be a whole number/],
    ["STORE", "redis", /^STORE: must be one of disk, memory, aws/],
    ["LOG_LEVEL", "loud", /^LOG_LEVEL: must be one of/],
    [
      "DYNAMODB_ENDPOINT",
      "localhost:8000",
      /^DYNAMODB_ENDPOINT: must be an http\(s\) URL/,
    ],
    [
      "FRAME_ANCESTORS",
      "'self'; script-src *",
      /^FRAME_ANCESTORS: must be CSP sources/,
    ],
    ["TABLE_NAME", "no spaces", /^TABLE_NAME: must be 3-255/],
    ["TRUST_PROXY", "yes", /^TRUST_PROXY: must be true, false or a number/],
    ["ADMIN_TOKEN", "short", /^ADMIN_TOKEN: must be at least 24 characters/],
    [
      "ADMIN_TOKEN",
      "has spaces in it, which bearer tokens cannot",
      /^ADMIN_TOKEN: must not contain spaces/,
    ],
    ["LEAD_RETENTION_DAYS", "0", /^LEAD_RETENTION_DAYS: must be at least 1/],
    ["LEAD_GATE", "never", /^LEAD_GATE: must be one of results-first, form/],
    [
      "LEAD_WEBHOOK_SECRET",
      "too-short",
      /^LEAD_WEBHOOK_SECRET: must be at least 16 characters/,
    ],
    ["LEAD_DELIVERY", "queue", /^LEAD_DELIVERY: must be one of in-process/],
    [
      "LEAD_DELIVERY_MAX_ATTEMPTS",
      "0",
      /^LEAD_DELIVERY_MAX_ATTEMPTS: must be at least 1/,
    ],
    [
      "LEAD_DELIVERY_BASE_DELAY_MS",
      "soon",
      /^LEAD_DELIVERY_BASE_DELAY_MS: must be a whole number/,
    ],
    [
      "LEAD_DELIVERY_TIMEOUT_MS",
      "999999",
      /^LEAD_DELIVERY_TIMEOUT_MS: must be at most 120000/,
    ],
  ])("throws a ConfigError naming %s=%s", (name, value, message) => {
    const problems = problemsOf({ [name]: value });

    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(message);
  });

  it("lists every bad variable at once, one per line", () => {
    let error: unknown;
    try {
      parseConfig({ PORT: "x", RETENTION_DAYS: "forever" });
    } catch (caught) {
      error = caught;
    }

    expect(error).toBeInstanceOf(ConfigError);
    const lines = (error as ConfigError).message.split("\n");
    expect(lines[0]).toBe("Invalid configuration:");
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(/^ {2}PORT: /),
      expect.stringMatching(/^ {2}RETENTION_DAYS: /),
    ]);
  });
});
