import type { QuizContent } from "../core/content/schema.ts";

/**
 * The names of the question form's fields, as the browser sends them
 * when the form is used before the scripts have run.
 */
export const earlyAnswerFields = {
  question: "question",
  option: "option",
} as const;

/** An answer given before the app was running. */
export interface EarlyAnswer {
  questionId: string;
  optionId: string;
}

/**
 * Finds the answers a person gave on a prerendered page before its
 * scripts arrived, so that none is lost when the app takes over:
 * - a radio already checked in the prerendered question (`page`);
 * - the answer in the address, when they went on with the form's own
 *   submit, which the browser sends as `?question=…&option=…`.
 * Anything that does not name a known question and one of its options
 * is ignored, as the address can hold anything.
 *
 * @example
 * readEarlyAnswers(content, "?question=ed-event-bus&option=some", root);
 * // [{ questionId: "ed-event-bus", optionId: "some" }]
 */
export function readEarlyAnswers(
  content: QuizContent,
  search: string,
  page: ParentNode,
): EarlyAnswer[] {
  const fromAddress = new URLSearchParams(search);
  const candidates = [
    {
      questionId: fromAddress.get(earlyAnswerFields.question),
      optionId: fromAddress.get(earlyAnswerFields.option),
    },
    {
      questionId: fieldValue(
        page,
        `input[name="${earlyAnswerFields.question}"]`,
      ),
      optionId: fieldValue(
        page,
        `input[name="${earlyAnswerFields.option}"]:checked`,
      ),
    },
  ];
  return candidates.filter((answer): answer is EarlyAnswer =>
    isKnownAnswer(content, answer),
  );
}

function fieldValue(page: ParentNode, selector: string): string | null {
  return page.querySelector<HTMLInputElement>(selector)?.value ?? null;
}

function isKnownAnswer(
  content: QuizContent,
  answer: { questionId: string | null; optionId: string | null },
): boolean {
  const question = content.questions.find((q) => q.id === answer.questionId);
  return (
    question?.options.some((option) => option.id === answer.optionId) ?? false
  );
}

/** The address without the early answer's fields, for the history. */
export function withoutEarlyAnswer(location: Location): string {
  const search = new URLSearchParams(location.search);
  search.delete(earlyAnswerFields.question);
  search.delete(earlyAnswerFields.option);
  const rest = search.toString();
  return `${location.pathname}${rest ? `?${rest}` : ""}${location.hash}`;
}
