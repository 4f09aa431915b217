import type { Construct } from "constructs";
import { z } from "zod";

import { leadGates } from "../../api/config.ts";

/**
 * Accepts a whole number, or a string holding one: `-c retentionDays=90`
 * arrives as a string, while `cdk.json` may hold a number.
 */
function wholeNumber(min: number, max: number) {
  const digitsToNumber = (value: unknown) =>
    typeof value === "string" && /^\s*\d+\s*$/.test(value)
      ? Number(value)
      : value;

  return z.preprocess(
    digitsToNumber,
    z
      .number({ error: "must be a whole number" })
      .int("must be a whole number")
      .min(min, `must be at least ${min}`)
      .max(max, `must be at most ${max}`),
  );
}

/** An optional text value, where `-c key=` (empty) means "not set". */
function optionalText<T extends z.ZodType>(schema: T) {
  const emptyToUndefined = (value: unknown) =>
    typeof value === "string" && value.trim() === "" ? undefined : value;

  return z.preprocess(emptyToUndefined, schema.optional());
}

const stageName = /^[a-z][a-z0-9-]{0,19}$/;
const hostName = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/;
const usEast1Certificate =
  /^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/[0-9a-f-]+$/;
const revisionLabel = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * One `frame-ancestors` source: `'self'`, `'none'`, or an HTTPS origin,
 * optionally with a leading wildcard label. Nothing here can carry a `;`,
 * so the value cannot smuggle another directive into the CSP.
 */
const frameSource =
  /^('self'|'none'|https:\/\/(\*\.)?[a-z0-9.-]+(:\d{1,5})?)$/i;

function isFrameAncestors(value: string): boolean {
  const sources = value.trim().split(/\s+/);
  const allValid = sources.every((source) => frameSource.test(source));
  const noneAlone = !sources.includes("'none'") || sources.length === 1;
  return allValid && noneAlone;
}

/**
 * The deployment settings read from CDK context, with their defaults.
 * Each key is set with `-c key=value` or under `context` in `cdk.json`.
 */
export const deploymentConfigSchema = z
  .object({
    stage: z
      .string()
      .regex(
        stageName,
        "must be 1-20 lowercase letters, digits or hyphens, " +
          "starting with a letter",
      )
      .default("dev"),
    domainName: optionalText(
      z.string().regex(hostName, "must be a host name such as a.example.com"),
    ),
    certificateArn: optionalText(
      z
        .string()
        .regex(
          usEast1Certificate,
          "must be the ARN of an ACM certificate in us-east-1, " +
            "the only region CloudFront reads certificates from",
        ),
    ),
    retentionDays: wholeNumber(1, 3650).default(180),
    throttleRate: wholeNumber(1, 10_000).default(50),
    throttleBurst: wholeNumber(1, 5_000).default(100),
    frameAncestors: z
      .string()
      .refine(
        isFrameAncestors,
        "must be 'self', 'none' or HTTPS origins separated by spaces",
      )
      .default("'self'"),
    alarmEmail: optionalText(z.email("must be an email address")),
    leadGate: z
      .enum(leadGates, { error: `must be one of ${leadGates.join(", ")}` })
      .default("results-first"),
    leadRetentionDays: wholeNumber(1, 3650).default(180),
    leadWebhookUrl: optionalText(
      z.url({
        protocol: /^https$/,
        hostname: z.regexes.domain,
        error: "must be an https:// URL with a host name",
      }),
    ),
    secretsRevision: optionalText(
      z
        .string()
        .regex(
          revisionLabel,
          "must be 1-64 letters, digits, dots, hyphens or underscores",
        ),
    ),
  })
  .refine(
    (config) => Boolean(config.domainName) === Boolean(config.certificateArn),
    {
      path: ["certificateArn"],
      message: "domainName and certificateArn go together: set both or neither",
    },
  );

/** The validated deployment settings, defaults filled in. */
export type DeploymentConfig = z.output<typeof deploymentConfigSchema>;

/** The context keys this app reads. */
export const contextKeys = Object.keys(
  deploymentConfigSchema.shape,
) as (keyof DeploymentConfig)[];

/**
 * Thrown when a context value is not valid. The message names each bad
 * key, what it must be and what it was, one per line.
 *
 * @example
 * Invalid CDK context:
 *   retentionDays: must be a whole number (got "abc")
 */
export class DeploymentConfigError extends Error {
  constructor(problems: string[]) {
    super(
      ["Invalid CDK context:", ...problems.map((line) => `  ${line}`)]
        .concat("Set values with -c key=value or under context in cdk.json.")
        .join("\n"),
    );
    this.name = "DeploymentConfigError";
  }
}

/**
 * Validates raw context values and fills in the defaults.
 *
 * @example
 * parseDeploymentConfig({ stage: "prod", throttleRate: "20" });
 * // { stage: "prod", throttleRate: 20, retentionDays: 180, ... }
 */
export function parseDeploymentConfig(
  context: Record<string, unknown>,
): DeploymentConfig {
  const result = deploymentConfigSchema.safeParse(context);
  if (result.success) return result.data;

  const problems = result.error.issues.map((issue) => {
    const key = issue.path.map(String).join(".");
    return `${key}: ${issue.message} (got ${describe(context[key])})`;
  });
  throw new DeploymentConfigError(problems);
}

/**
 * Reads this app's keys from the CDK context of `scope` and validates
 * them; see {@link parseDeploymentConfig}.
 */
export function readDeploymentConfig(scope: Construct): DeploymentConfig {
  const context = Object.fromEntries(
    contextKeys.map((key) => [key, scope.node.tryGetContext(key) as unknown]),
  );
  return parseDeploymentConfig(context);
}

function describe(value: unknown): string {
  return value === undefined ? "nothing" : JSON.stringify(value);
}
