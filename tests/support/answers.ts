import {
  isNotSure,
  type Content,
  type Question,
} from "../../src/core/content/schema.ts";
import type { Answers } from "../../src/core/scoring/answers.ts";

/** The option of a question whose score is nearest to the one wanted. */
export function optionNear(question: Question, score: number): string {
  const scored = question.options.flatMap((option) =>
    isNotSure(option) ? [] : [{ id: option.id, score: option.score }],
  );
  scored.sort((a, b) => Math.abs(a.score - score) - Math.abs(b.score - score));
  return scored[0]!.id;
}

/** The "not sure" option of a question. */
export function notSureOption(question: Question): string {
  return question.options.find(isNotSure)!.id;
}

/** Answers every question with the option nearest a score per area. */
export function answersByArea(
  content: Content,
  scoreFor: (area: string) => number,
): Answers {
  return Object.fromEntries(
    content.questions.map((q) => [q.id, optionNear(q, scoreFor(q.area))]),
  );
}
