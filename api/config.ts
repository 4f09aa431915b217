import { z } from "zod";

/** Where the Node server keeps its data when no endpoint is given. */
export const storeModes = ["disk", "memory", "aws"] as const;
export type StoreMode = (typeof storeModes)[number];

export const logLevels = ["debug", "info", "warn", "error", "silent"] as const;
export type LogLevel = (typeof logLevels)[number];

/** When the SPA asks for a person's details: after or before the result. */
export const leadGates = ["results-first", "form-first"] as const;
export type LeadGate = (typeof leadGates)[number];

/** How new leads reach the webhook; see the lead delivery decision. */
export const leadDeliveryModes = ["in-process", "stream"] as const;
export type LeadDeliveryMode = (typeof leadDeliveryModes)[number];

/** The API's settings, parsed once from the environment at start-up. */
export interface Config {
  port: number;
  /** The address the Node server listens on; loopback unless set. */
  host: string;
  /** Folder for the embedded engine's files when `store` is `disk`. */
  dataDir: string;
  /** Folder of the built SPA that the Node server serves. */
  distDir: string;
  store: StoreMode;
  /** A DynamoDB-compatible endpoint; when set, no engine is started. */
  dynamodbEndpoint: string | undefined;
  tableName: string;
  region: string;
  retentionDays: number;
  logLevel: LogLevel;
  /** The CSP `frame-ancestors` sources, e.g. `'self' https://a.example`. */
  frameAncestors: string;
  rateLimit: RateLimitConfig;
  /**
   * How many proxies in front of the API append to `X-Forwarded-For`
   * and can be trusted; 0 uses the connection's own address.
   */
  trustProxy: number;
  /** The admin's bearer token; the admin routes answer 401 without it. */
  adminToken: string | undefined;
  /** Days a lead is kept before it expires. */
  leadRetentionDays: number;
  leadGate: LeadGate;
  leadDelivery: LeadDeliveryConfig;
}

/** How the lead deliverer sends leads to the CRM's webhook. */
export interface LeadDeliveryConfig {
  mode: LeadDeliveryMode;
  /** The signed webhook; leads are only stored when it is not set. */
  webhook: { url: string; secret: string } | undefined;
  /** Attempts before a lead is marked `dead-letter`. */
  maxAttempts: number;
  /** The first retry's delay; each later one doubles it. */
  baseDelayMs: number;
  /** How long one webhook call may take. */
  timeoutMs: number;
}

export interface RateLimitConfig {
  /** Requests a client may make per minute, on average. */
  perMinute: number;
  /** Requests a client may make at once before the average applies. */
  burst: number;
}

/**
 * Thrown when an environment variable has a value the API cannot use.
 * The message has one line per problem, naming the variable.
 */
export class ConfigError extends Error {
  readonly problems: string[];

  constructor(problems: string[]) {
    super(
      `Invalid configuration:\n${problems.map((p) => `  ${p}`).join("\n")}`,
    );
    this.name = "ConfigError";
    this.problems = problems;
  }
}

const wholeNumber = (min: number, max: number, fallback: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, `must be a whole number from ${min} to ${max}`)
    .transform(Number)
    .pipe(
      z
        .int()
        .min(min, `must be at least ${min}`)
        .max(max, `must be at most ${max}`),
    )
    .default(fallback);

/* `true` and `false` are kept as words for one proxy and none. */
const proxyCount = z
  .string()
  .trim()
  .transform((value) =>
    value === "true" ? "1" : value === "false" ? "0" : value,
  )
  .pipe(
    z
      .string()
      .regex(
        /^[0-9]$/,
        "must be true, false or a number of proxies from 0 to 9",
      )
      .transform(Number),
  )
  .default(0);

const sourceToken =
  /^('self'|'none'|[a-z][a-z0-9+.-]*:(\/\/[^\s;,'"]+)?|[^\s;,'"]+)$/i;

/*
 * The value goes straight into a response header, so a semicolon or a
 * line break would let a typo add or end a directive.
 */
const frameAncestors = z
  .string()
  .trim()
  .min(1, "must name at least one source")
  .refine(
    (value) => value.split(/\s+/).every((token) => sourceToken.test(token)),
    "must be CSP sources separated by spaces, e.g. 'self' https://a.example",
  )
  .default("'self'");

/* The token travels as `Bearer <token>`, so it cannot hold spaces. */
const adminToken = z
  .string()
  .trim()
  .regex(/^\S+$/, "must not contain spaces")
  .min(24, "must be at least 24 characters")
  .max(512, "must be at most 512 characters")
  .optional();

const envSchema = z.object({
  PORT: wholeNumber(0, 65535, 8080),
  HOST: z
    .string()
    .regex(/^[A-Za-z0-9.:-]+$/, "must be a host name or an IP address")
    .default("127.0.0.1"),
  DATA_DIR: z.string().trim().min(1, "must not be empty").default("data"),
  DIST_DIR: z.string().trim().min(1, "must not be empty").default("dist"),
  STORE: z
    .enum(storeModes, { error: `must be one of ${storeModes.join(", ")}` })
    .default("disk"),
  DYNAMODB_ENDPOINT: z
    .url({ protocol: /^https?$/, error: "must be an http(s) URL" })
    .optional(),
  TABLE_NAME: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{3,255}$/, "must be 3-255 of A-Z a-z 0-9 _ . -")
    .default("readiness"),
  AWS_REGION: z
    .string()
    .regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, "must be a region such as eu-west-1")
    .default("us-east-1"),
  RETENTION_DAYS: wholeNumber(1, 3650, 180),
  LOG_LEVEL: z
    .enum(logLevels, { error: `must be one of ${logLevels.join(", ")}` })
    .default("info"),
  FRAME_ANCESTORS: frameAncestors,
  RATE_LIMIT_PER_MINUTE: wholeNumber(1, 1_000_000_000, 120),
  RATE_LIMIT_BURST: wholeNumber(1, 1_000_000_000, 60),
  TRUST_PROXY: proxyCount,
  ADMIN_TOKEN: adminToken,
  LEAD_RETENTION_DAYS: wholeNumber(1, 3650, 180),
  LEAD_GATE: z
    .enum(leadGates, { error: `must be one of ${leadGates.join(", ")}` })
    .default("results-first"),
  LEAD_WEBHOOK_URL: z
    .url({ protocol: /^https?$/, error: "must be an http(s) URL" })
    .optional(),
  LEAD_WEBHOOK_SECRET: z
    .string()
    .min(16, "must be at least 16 characters")
    .optional(),
  LEAD_DELIVERY: z
    .enum(leadDeliveryModes, {
      error: `must be one of ${leadDeliveryModes.join(", ")}`,
    })
    .default("in-process"),
  LEAD_DELIVERY_MAX_ATTEMPTS: wholeNumber(1, 100, 6),
  LEAD_DELIVERY_BASE_DELAY_MS: wholeNumber(1, 3_600_000, 1000),
  LEAD_DELIVERY_TIMEOUT_MS: wholeNumber(1, 120_000, 5000),
});

/* A webhook without its secret could not be signed, so it is refused. */
const configSchema = envSchema.superRefine((vars, ctx) => {
  if (vars.LEAD_WEBHOOK_URL && !vars.LEAD_WEBHOOK_SECRET) {
    ctx.addIssue({
      code: "custom",
      path: ["LEAD_WEBHOOK_SECRET"],
      message: "must be set when LEAD_WEBHOOK_URL is set",
    });
  }
});

/**
 * Parses the API's configuration from environment variables. Empty
 * values count as unset, so `PORT=` falls back to the default.
 *
 * @throws ConfigError listing every bad variable, one per line.
 * @example
 * const config = parseConfig(process.env);
 * config.port; // 8080 unless PORT is set
 */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = configSchema.safeParse(withoutEmptyValues(env), {
    reportInput: true,
  });
  if (!result.success) {
    throw new ConfigError(result.error.issues.map(describeIssue));
  }

  const vars = result.data;
  return {
    port: vars.PORT,
    host: vars.HOST,
    dataDir: vars.DATA_DIR,
    distDir: vars.DIST_DIR,
    store: vars.STORE,
    dynamodbEndpoint: vars.DYNAMODB_ENDPOINT,
    tableName: vars.TABLE_NAME,
    region: vars.AWS_REGION,
    retentionDays: vars.RETENTION_DAYS,
    logLevel: vars.LOG_LEVEL,
    frameAncestors: vars.FRAME_ANCESTORS,
    rateLimit: {
      perMinute: vars.RATE_LIMIT_PER_MINUTE,
      burst: vars.RATE_LIMIT_BURST,
    },
    trustProxy: vars.TRUST_PROXY,
    adminToken: vars.ADMIN_TOKEN,
    leadRetentionDays: vars.LEAD_RETENTION_DAYS,
    leadGate: vars.LEAD_GATE,
    leadDelivery: {
      mode: vars.LEAD_DELIVERY,
      webhook:
        vars.LEAD_WEBHOOK_URL && vars.LEAD_WEBHOOK_SECRET
          ? { url: vars.LEAD_WEBHOOK_URL, secret: vars.LEAD_WEBHOOK_SECRET }
          : undefined,
      maxAttempts: vars.LEAD_DELIVERY_MAX_ATTEMPTS,
      baseDelayMs: vars.LEAD_DELIVERY_BASE_DELAY_MS,
      timeoutMs: vars.LEAD_DELIVERY_TIMEOUT_MS,
    },
  };
}

function withoutEmptyValues(env: Record<string, string | undefined>) {
  return Object.fromEntries(
    Object.entries(env).filter(([, value]) => value?.trim()),
  );
}

/*
 * A bad value is echoed to help whoever set it, except where the value
 * is a secret: start-up errors end up in logs. A webhook URL may carry
 * a key in its query, so it counts as one.
 */
const secretVariables = new Set([
  "ADMIN_TOKEN",
  "LEAD_WEBHOOK_SECRET",
  "LEAD_WEBHOOK_URL",
]);

function describeIssue(issue: z.core.$ZodIssue): string {
  const name = issue.path.map(String).join(".");
  const secret = secretVariables.has(name);
  const got =
    typeof issue.input === "string" && !secret
      ? ` (got ${JSON.stringify(issue.input)})`
      : "";
  return `${name}: ${issue.message}${got}`;
}
