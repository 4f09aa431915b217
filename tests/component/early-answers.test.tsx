import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { content } from "../../src/generated/content.ts";
import {
  readEarlyAnswers,
  withoutEarlyAnswer,
} from "../../src/lib/early-answers.ts";

const [first, second] = content.questions;
const firstOption = first!.options[0]!.id;
const secondOption = second!.options[1]!.id;

/** A prerendered question form as the browser holds it. */
function prerenderedForm(questionId: string, checked?: string) {
  const page = document.createElement("div");
  const radios = content.questions
    .find((question) => question.id === questionId)!
    .options.map(
      (option) =>
        `<input type="radio" name="option" value="${option.id}"` +
        `${option.id === checked ? " checked" : ""}>`,
    );
  page.innerHTML =
    `<form><input type="hidden" name="question" value="${questionId}">` +
    `${radios.join("")}</form>`;
  return page;
}

describe("answers given before the scripts ran", () => {
  it("are read from the address the form's own submit went to", () => {
    const search = `?question=${first!.id}&option=${firstOption}`;

    const page = document.createElement("div");

    const answers = readEarlyAnswers(content, search, page);

    expect(answers).toEqual([{ questionId: first!.id, optionId: firstOption }]);
  });

  it("are read from a radio checked in the prerendered page", () => {
    const page = prerenderedForm(second!.id, secondOption);

    const answers = readEarlyAnswers(content, "", page);

    expect(answers).toEqual([
      { questionId: second!.id, optionId: secondOption },
    ]);
  });

  it("are none when nothing was chosen", () => {
    expect(readEarlyAnswers(content, "", prerenderedForm(first!.id))).toEqual(
      [],
    );
  });

  it("ignore questions and options the content does not have", () => {
    const searches = [
      `?question=nope&option=${firstOption}`,
      `?question=${first!.id}&option=nope`,
      `?question=${first!.id}&option=${secondOption}x`,
      `?option=${firstOption}`,
    ];

    for (const search of searches) {
      const page = document.createElement("div");
      expect(readEarlyAnswers(content, search, page), search).toEqual([]);
    }
  });

  it("never come from a hostile address", () => {
    const page = document.createElement("div");
    fc.assert(
      fc.property(fc.string(), fc.string(), (question, option) => {
        const search = new URLSearchParams({ question, option }).toString();
        const answers = readEarlyAnswers(content, `?${search}`, page);
        const known = content.questions.some(
          (q) => q.id === question && q.options.some((o) => o.id === option),
        );
        expect(answers.length).toBe(known ? 1 : 0);
      }),
      { numRuns: 300 },
    );
  });

  it("leave the rest of the address, campaign included, when removed", () => {
    const location = new URL(
      `https://x.example/assessment/2?utm_source=mail&question=${first!.id}` +
        `&option=${firstOption}#top`,
    ) as unknown as Location;

    expect(withoutEarlyAnswer(location)).toBe(
      "/assessment/2?utm_source=mail#top",
    );
  });
});
