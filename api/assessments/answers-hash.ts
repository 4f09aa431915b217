import { createHash } from "node:crypto";

import type { Answers } from "../../src/core/scoring/answers.ts";

/**
 * A hash of the content version and the answers that ignores the
 * order of the answers, so that a retry of the same submission always
 * matches, however the client serialised it.
 *
 * @example
 * hashAnswers("1f05", { b: "x", a: "y" }) ===
 *   hashAnswers("1f05", { a: "y", b: "x" }); // true
 */
export function hashAnswers(contentVersion: string, answers: Answers): string {
  const entries = Object.keys(answers)
    .sort()
    .map((question) => [question, answers[question]]);
  const canonical = JSON.stringify([contentVersion, entries]);
  return createHash("sha256").update(canonical, "utf8").digest("hex");
}
