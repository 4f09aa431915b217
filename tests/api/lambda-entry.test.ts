import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

import type { LambdaEvent } from "hono/aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { ErrorBody } from "../../api/errors.ts";
import type { CreatedAssessment } from "../../src/core/submission.ts";
import {
  startTestStore,
  validSubmission,
  type TestStore,
} from "../support/api-harness.ts";

let db: TestStore;
type Handler = (typeof import("../../api/lambda.ts"))["handler"];
const savedEnv = { ...process.env };

beforeAll(async () => {
  db = await startTestStore("readiness-lambda");
  Object.assign(process.env, {
    STORE: "aws",
    DYNAMODB_ENDPOINT: db.engine.endpoint,
    TABLE_NAME: db.tableName,
    AWS_REGION: "us-east-1",
    LOG_LEVEL: "silent",
  });
});

afterAll(async () => {
  process.env = savedEnv;
  await db.stop();
});

/** An API Gateway HTTP API (payload 2.0) event, as Lambda receives it. */
function httpApiEvent(
  method: string,
  path: string,
  options: {
    body?: string;
    base64?: boolean;
    headers?: Record<string, string>;
  } = {},
): LambdaEvent {
  const domainName = "abc123.execute-api.us-east-1.amazonaws.com";
  return {
    version: "2.0",
    routeKey: "$default",
    rawPath: path,
    rawQueryString: "",
    headers: { host: domainName, ...options.headers },
    requestContext: {
      accountId: "123456789012",
      apiId: "abc123",
      authentication: null,
      authorizer: {},
      domainName,
      domainPrefix: "abc123",
      http: {
        method,
        path,
        protocol: "HTTP/1.1",
        sourceIp: "203.0.113.20",
        userAgent: "vitest",
      },
      requestId: "request-1",
      routeKey: "$default",
      stage: "$default",
      time: "03/Dec/2026:19:00:00 +0000",
      timeEpoch: Date.now(),
    },
    isBase64Encoded: options.base64 ?? false,
    body: options.body ?? null,
  };
}

/*
 * The source entry, and the bundle that is deployed: the bundle swaps
 * the SDK's credential chain and zod's locales, so it is checked too.
 * `npm test` builds it before the tests run.
 */
const bundlePath = resolve("build/lambda/index.mjs");
const entries: [string, () => Promise<{ handler: Handler }>][] = [
  ["the source", () => import("../../api/lambda.ts")],
  [
    "the built bundle",
    () => {
      if (!existsSync(bundlePath)) {
        throw new Error(`${bundlePath} is missing: run npm run build:lambda`);
      }
      return import(pathToFileURL(bundlePath).href) as Promise<{
        handler: Handler;
      }>;
    },
  ],
];

describe.each(entries)("the Lambda handler from %s", (_name, load) => {
  let handler: Handler;

  beforeAll(async () => {
    // The entry reads its configuration when it loads, as on a cold start.
    ({ handler } = await load());
  });

  it("stores a POSTed submission and answers 201 with security headers", async () => {
    const submission = validSubmission();

    const result = await handler(
      httpApiEvent("POST", "/api/assessments", {
        body: JSON.stringify(submission),
        headers: { "content-type": "application/json" },
      }),
    );
    const body = JSON.parse(result.body) as CreatedAssessment;

    expect(result.statusCode).toBe(201);
    expect(body.id).toBe(submission.id);
    expect(body.deletionToken).toBeTruthy();
    expect(result.headers["content-security-policy"]).toContain(
      "frame-ancestors 'self'",
    );
    expect(await db.readItem(submission.id)).toBeDefined();
  });

  it("reads a body API Gateway sent base64-encoded", async () => {
    const submission = validSubmission();
    const encoded = Buffer.from(JSON.stringify(submission)).toString("base64");

    const result = await handler(
      httpApiEvent("POST", "/api/assessments", {
        body: encoded,
        base64: true,
        headers: { "content-type": "application/json" },
      }),
    );

    expect(result.statusCode).toBe(201);
  });

  it("answers a GET with the stored result", async () => {
    const submission = validSubmission();
    await handler(
      httpApiEvent("POST", "/api/assessments", {
        body: JSON.stringify(submission),
        headers: { "content-type": "application/json" },
      }),
    );

    const result = await handler(
      httpApiEvent("GET", `/api/assessments/${submission.id}`),
    );

    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toMatchObject({
      id: submission.id,
      answers: submission.answers,
    });
  });

  it("answers bad input with the JSON error body, not a 500", async () => {
    const result = await handler(
      httpApiEvent("POST", "/api/assessments", {
        body: "{not json",
        headers: { "content-type": "application/json" },
      }),
    );

    const body = JSON.parse(result.body) as ErrorBody;

    expect(result.statusCode).toBe(400);
    expect(Object.keys(body)).toEqual(["error"]);
    expect(body.error.code).toBe("malformed_json");
    expect(body.error.issues).toBeUndefined();
  });
});
