import { afterAll, beforeAll } from "vitest";

import { createApp, type AppDeps } from "../../api/app.ts";
import { parseConfig } from "../../api/config.ts";
import { createLogger } from "../../api/log.ts";
import type { Store } from "../../api/store/store.ts";
import type { Answers } from "../../src/core/scoring/answers.ts";
import type { Submission } from "../../src/core/submission.ts";
import { content } from "../../src/generated/content.ts";
import { answersByArea } from "./answers.ts";
import { startTestStore, type TestStore } from "./test-store.ts";

export { startTestStore, type TestStore };

/** Log lines an app wrote, parsed, so a test can look at them. */
export type LogLines = Record<string, unknown>[];

/**
 * Builds the real app on a store, with a generous rate limit unless
 * the test sets one, and its log lines kept in memory.
 */
export function buildTestApp(
  store: Store,
  options: {
    env?: Record<string, string>;
    now?: () => Date;
    clientAddress?: AppDeps["clientAddress"];
    leadDelivery?: AppDeps["leadDelivery"];
  } = {},
) {
  const config = parseConfig({
    RATE_LIMIT_BURST: "1000000",
    RATE_LIMIT_PER_MINUTE: "1000000",
    ...options.env,
  });
  const logs: LogLines = [];
  const logger = createLogger("debug", (line) => {
    logs.push(JSON.parse(line) as Record<string, unknown>);
  });

  const app = createApp({
    config,
    store,
    logger,
    now: options.now,
    clientAddress: options.clientAddress,
    leadDelivery: options.leadDelivery,
  });
  return { app, logs };
}

type BuildOptions = Parameters<typeof buildTestApp>[1];

/**
 * Starts a test store before the file's tests and stops it after, and
 * builds the app on it. Read the fields inside tests, not at load.
 *
 * @example
 * const api = useTestApi();
 * it("…", async () => { await api.app.request("/api/health"); });
 */
export function useTestApi(options?: BuildOptions) {
  const api = {} as { db: TestStore } & ReturnType<typeof buildTestApp>;

  beforeAll(async () => {
    api.db = await startTestStore();
    Object.assign(api, buildTestApp(api.db.store, options));
  });
  afterAll(async () => {
    await api.db.stop();
  });
  return api;
}

/** Answers every question, at roughly the given score per area. */
export function someAnswers(score = 2): Answers {
  return answersByArea(content, () => score);
}

/** A valid submission with a fresh id. */
export function validSubmission(overrides: Partial<Submission> = {}) {
  return {
    id: crypto.randomUUID(),
    contentVersion: content.version,
    answers: someAnswers(),
    ...overrides,
  } satisfies Submission;
}

type Requester = {
  request: (path: string, init?: RequestInit) => Response | Promise<Response>;
};

/** POSTs a JSON body (or a raw string) to /api/assessments. */
export async function postAssessment(
  app: Requester,
  body: unknown,
  headers: Record<string, string> = {},
) {
  return await app.request("/api/assessments", {
    method: "POST",
    body: typeof body === "string" ? body : JSON.stringify(body),
    headers: { "content-type": "application/json", ...headers },
  });
}

/** The JSON error body, checked to have the documented shape. */
export async function errorOf(response: Response) {
  const body = (await response.json()) as {
    error: { code: string; message: string; issues?: unknown[] };
  };
  if (typeof body.error?.code !== "string") {
    throw new Error(`not an error body: ${JSON.stringify(body)}`);
  }
  return body.error;
}
