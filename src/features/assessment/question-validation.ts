import { zodResolver } from "@hookform/resolvers/zod";
import { z } from "zod";

import { createAnswersSchema } from "../../core/scoring/answers.ts";
import { content } from "../../generated/content.ts";

const answersSchema = createAnswersSchema(content);

/**
 * The form resolver for one question, from the core's answers schema,
 * so the form accepts exactly what scoring accepts. This module brings
 * zod, so it loads after the first question is on screen.
 */
export function createQuestionResolver(questionId: string) {
  const option = answersSchema.shape[questionId];
  if (!option) throw new Error(`the content has no question "${questionId}"`);
  return zodResolver(z.object({ option }));
}
