import type { Resolver, ResolverResult } from "react-hook-form";

import type { Question } from "../../core/content/schema.ts";
import { loadOnce } from "../../lib/load-once.ts";
import type { QuestionValues } from "./question-options.ts";

const loadValidation = loadOnce(() => import("./question-validation.ts"));

/** Starts fetching the validation chunk, so it is ready by "Next". */
export function preloadQuestionValidation() {
  loadValidation().catch(() => undefined);
}

/**
 * A resolver that validates with the core's zod schema once its chunk
 * has loaded. If the chunk cannot be fetched (a flaky connection), the
 * option is checked against the question directly, so "Next" never
 * fails for want of a download.
 */
export function createLazyResolver(
  question: Question,
): Resolver<QuestionValues> {
  return async function resolveQuestion(values, context, options) {
    try {
      const { createQuestionResolver } = await loadValidation();
      return await createQuestionResolver(question.id)(
        values,
        context,
        options,
      );
    } catch {
      return checkDirectly(question, values);
    }
  };
}

function checkDirectly(
  question: Question,
  values: QuestionValues,
): ResolverResult<QuestionValues> {
  const known = question.options.some((o) => o.id === values.option);
  if (known) return { values, errors: {} };

  const error = { type: "required", message: "Choose an option" };
  return { values: {}, errors: { option: error } };
}
