import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { describe, expect, it, onTestFinished } from "vitest";

import {
  DeploymentConfigError,
  parseDeploymentConfig,
} from "../../infra/lib/deployment-config.ts";
import { certificateArn } from "./support/synthesize.ts";

function rejection(context: Record<string, unknown>): string {
  try {
    parseDeploymentConfig(context);
  } catch (error) {
    if (error instanceof DeploymentConfigError) return error.message;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(context)} to be rejected`);
}

/** Runs the real CDK app entry, as `npm run synth` does. */
function runApp(context: Record<string, unknown>) {
  const outDir = mkdtempSync(join(tmpdir(), "readiness-cdk-out-"));
  onTestFinished(() => rmSync(outDir, { recursive: true, force: true }));

  const result = spawnSync("npx", ["tsx", "infra/bin/app.ts"], {
    encoding: "utf8",
    env: {
      ...process.env,
      CDK_CONTEXT_JSON: JSON.stringify(context),
      CDK_OUTDIR: outDir,
    },
  });
  return { ...result, outDir };
}

function templatesIn(dir: string): string[] {
  return readdirSync(dir).filter((file) => file.endsWith(".template.json"));
}

describe("deployment config from CDK context", () => {
  it("fills in every default when no context is given", () => {
    expect(parseDeploymentConfig({})).toEqual({
      stage: "dev",
      retentionDays: 180,
      throttleRate: 50,
      throttleBurst: 100,
      frameAncestors: "'self'",
      leadGate: "results-first",
      leadRetentionDays: 180,
    });
  });

  it("reads numbers given as text on the command line", () => {
    const config = parseDeploymentConfig({
      retentionDays: "30",
      throttleRate: "20",
      throttleBurst: 40,
    });

    expect(config).toMatchObject({
      retentionDays: 30,
      throttleRate: 20,
      throttleBurst: 40,
    });
  });

  it("takes a custom domain with its us-east-1 certificate", () => {
    const config = parseDeploymentConfig({
      domainName: "assess.example.com",
      certificateArn,
      alarmEmail: "ops@example.com",
    });

    expect(config).toMatchObject({
      domainName: "assess.example.com",
      certificateArn,
      alarmEmail: "ops@example.com",
    });
  });

  it("takes the lead settings, with numbers given as text", () => {
    const config = parseDeploymentConfig({
      leadGate: "form-first",
      leadRetentionDays: "30",
      leadWebhookUrl: "https://crm.example.com/hooks/leads?source=assess",
      secretsRevision: "2026-12-03.1",
    });

    expect(config).toMatchObject({
      leadGate: "form-first",
      leadRetentionDays: 30,
      leadWebhookUrl: "https://crm.example.com/hooks/leads?source=assess",
      secretsRevision: "2026-12-03.1",
    });
  });

  it("treats an empty value as not set", () => {
    const config = parseDeploymentConfig({ alarmEmail: "", domainName: " " });

    expect(config.alarmEmail).toBeUndefined();
    expect(config.domainName).toBeUndefined();
  });

  it("names the key, the rule and the value when a number is not one", () => {
    expect(rejection({ retentionDays: "abc" })).toContain(
      'retentionDays: must be a whole number (got "abc")',
    );
  });

  it.each([
    [{ retentionDays: 0 }, "retentionDays: must be at least 1"],
    [{ throttleRate: "2.5" }, "throttleRate: must be a whole number"],
    [{ throttleBurst: 6000 }, "throttleBurst: must be at most 5000"],
    [{ stage: "Prod" }, "stage: must be 1-20 lowercase letters"],
    [{ alarmEmail: "ops" }, "alarmEmail: must be an email address"],
    [{ domainName: "not a host" }, "domainName: must be a host name"],
    [{ leadRetentionDays: "0" }, "leadRetentionDays: must be at least 1"],
    [{ leadRetentionDays: 4000 }, "leadRetentionDays: must be at most 3650"],
    [
      { leadGate: "required" },
      "leadGate: must be one of results-first, form-first",
    ],
    [
      { leadWebhookUrl: "http://crm.example.com/hooks" },
      "leadWebhookUrl: must be an https:// URL",
    ],
    [{ leadWebhookUrl: "crm.example.com" }, "leadWebhookUrl: must be an"],
    [
      { leadWebhookUrl: "https://localhost/hooks" },
      "leadWebhookUrl: must be an https:// URL with a host name",
    ],
    [{ secretsRevision: "a b" }, "secretsRevision: must be 1-64 letters"],
  ])("rejects %j", (context, message) => {
    expect(rejection(context)).toContain(message);
  });

  it("rejects a domain without a certificate", () => {
    expect(rejection({ domainName: "assess.example.com" })).toContain(
      "domainName and certificateArn go together",
    );
  });

  it("rejects a certificate outside us-east-1, useless to CloudFront", () => {
    const elsewhere = certificateArn.replace("us-east-1", "eu-west-1");

    const message = rejection({
      domainName: "assess.example.com",
      certificateArn: elsewhere,
    });

    expect(message).toContain("certificateArn: must be the ARN");
    expect(message).toContain("us-east-1");
  });

  it("rejects frame ancestors that would add a CSP directive", () => {
    expect(rejection({ frameAncestors: "'self'; script-src *" })).toContain(
      "frameAncestors: must be 'self', 'none' or HTTPS origins",
    );
  });

  it("accepts frame ancestors listing partner origins", () => {
    const frameAncestors =
      "'self' https://www.example.com https://*.partner.example";

    expect(parseDeploymentConfig({ frameAncestors }).frameAncestors).toBe(
      frameAncestors,
    );
  });
});

describe("the CDK app entry", () => {
  it("stops with a one-line reason, not a stack trace, on a bad value", () => {
    const run = runApp({ retentionDays: "abc" });

    expect(run.status).toBe(1);
    expect(run.stderr).toContain("Invalid CDK context:");
    expect(run.stderr).toContain(
      'retentionDays: must be a whole number (got "abc")',
    );
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(templatesIn(run.outDir)).toEqual([]);
  });

  it("writes the stage's template to the output folder", () => {
    const run = runApp({ stage: "qa" });

    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(templatesIn(run.outDir)).toEqual([
      "IntegrationReadiness-qa.template.json",
    ]);
  });
});
