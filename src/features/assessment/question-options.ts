import type { Option, Question } from "../../core/content/schema.ts";

/** What the question form holds: the id of the chosen option. */
export interface QuestionValues {
  option: string;
}

// The core's isNotSure lives beside its zod schemas; importing it would
// pull zod into the first load, so the same test is made here.
function isNotSureOption(option: Option) {
  return "notSure" in option;
}

/** The options in the order shown: "Not sure" always last. */
export function orderOptions(question: Question): Option[] {
  const scored = question.options.filter((o) => !isNotSureOption(o));
  const notSure = question.options.filter(isNotSureOption);
  return [...scored, ...notSure];
}
