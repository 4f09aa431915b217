import type { QuizContent } from "../core/content/schema.ts";
import { createPartialAnswersSchema } from "../core/scoring/answers.ts";
import type { AnswerCheck } from "./saved-answers.ts";

/**
 * The core's schema for answers given so far, as a yes/no check. This
 * module brings zod with it, so it is loaded only when there are saved
 * answers to check; see docs/decisions/zod-after-the-first-question.md.
 *
 * @example
 * const check = createAnswerCheck(content);
 * check({ "ed-event-bus": "some" }); // true
 */
export function createAnswerCheck(content: QuizContent): AnswerCheck {
  const schema = createPartialAnswersSchema(content);
  return (answers) => schema.safeParse(answers).success;
}
