import { describe, expect, it } from "vitest";

import {
  InvalidAnswersError,
  scoreAssessment,
  type AssessmentResult,
} from "../../src/core/index.ts";
import { content } from "../../src/generated/content.ts";
import { answersByArea, notSureOption } from "../support/answers.ts";

const areaScore = (result: AssessmentResult, id: string) =>
  result.areas.find((area) => area.id === id)!.score;

const pagesOf = (result: AssessmentResult) =>
  result.recommendations.map((r) => r.pattern.split("#")[0]);

function rejection(answers: unknown): InvalidAnswersError {
  try {
    scoreAssessment(content, answers);
  } catch (error) {
    if (error instanceof InvalidAnswersError) return error;
    throw error;
  }
  throw new Error("expected the answers to be rejected");
}

describe("an organisation that has none of the practices", () => {
  const result = scoreAssessment(
    content,
    answersByArea(content, () => 0),
  );

  it("scores zero everywhere at the lowest level", () => {
    expect(result.overall.score).toBe(0);
    expect(result.overall.level.id).toBe(content.levels[0]!.id);
    expect(result.areas.every((area) => area.score === 0)).toBe(true);
  });

  it("has every answer as a gap and no strengths", () => {
    expect(result.gaps).toHaveLength(content.questions.length);
    expect(result.strengths).toEqual([]);
    expect(result.unsure).toEqual([]);
  });

  it("gets high-priority advice first, each with the answers behind it", () => {
    expect(result.recommendations.length).toBeGreaterThanOrEqual(8);
    expect(result.recommendations[0]!.priority).toBe("high");
    for (const recommendation of result.recommendations) {
      expect(recommendation.reasons.length).toBeGreaterThan(0);
    }
  });
});

describe("an organisation that has every practice, measured", () => {
  const result = scoreAssessment(
    content,
    answersByArea(content, () => 4),
  );

  it("scores 100 everywhere at the top level", () => {
    expect(result.overall.score).toBe(100);
    expect(result.overall.level.id).toBe(content.levels.at(-1)!.id);
    expect(result.strengths).toHaveLength(content.questions.length);
    expect(result.gaps).toEqual([]);
  });

  it("gets no advice triggered by a weak answer", () => {
    const fromWeakAnswers = result.recommendations.filter((r) =>
      r.reasons.some((reason) => reason.kind === "answer" && reason.score < 4),
    );
    expect(fromWeakAnswers).toEqual([]);
  });
});

describe("an organisation strong in events but weak in APIs", () => {
  const strongEvents = scoreAssessment(
    content,
    answersByArea(content, (area) =>
      area === "event-driven" ? 4 : area === "api-led" ? 0 : 2,
    ),
  );
  const strongApis = scoreAssessment(
    content,
    answersByArea(content, (area) =>
      area === "api-led" ? 4 : area === "event-driven" ? 0 : 2,
    ),
  );

  it("scores the event-driven area well above the API-led area", () => {
    expect(areaScore(strongEvents, "event-driven")).toBeGreaterThanOrEqual(75);
    expect(areaScore(strongEvents, "api-led")).toBeLessThanOrEqual(25);
    expect(strongEvents.overall.score).toBeGreaterThan(25);
    expect(strongEvents.overall.score).toBeLessThan(75);
  });

  it("is pointed at the API-led material before anything else", () => {
    expect(pagesOf(strongEvents)[0]).toBe("api-led");
    const apiAdvice = pagesOf(strongEvents).filter(
      (page) => page === "api-led",
    );
    const eventAdvice = pagesOf(strongEvents).filter(
      (page) => page === "event-driven",
    );
    expect(apiAdvice.length).toBeGreaterThan(eventAdvice.length);
  });

  it("gets visibly different advice from the mirror-image organisation", () => {
    const ids = (result: AssessmentResult) =>
      result.recommendations.slice(0, 5).map((r) => r.id);
    expect(ids(strongEvents)).not.toEqual(ids(strongApis));
    expect(pagesOf(strongApis)[0]).toBe("event-driven");
  });
});

describe("not sure", () => {
  it("scores as a gap but is reported on its own", () => {
    const answers = answersByArea(content, () => 4);
    const question = content.questions[0]!;
    answers[question.id] = notSureOption(question);

    const result = scoreAssessment(content, answers);

    expect(result.unsure.map((i) => i.questionId)).toEqual([question.id]);
    expect(result.gaps).toEqual([]);
    expect(areaScore(result, question.area)).toBeLessThan(100);
    const reasons = result.recommendations.flatMap((r) => r.reasons);
    expect(reasons).toContainEqual(
      expect.objectContaining({ questionId: question.id, notSure: true }),
    );
  });
});

describe("answers the content does not know", () => {
  const valid = answersByArea(content, () => 2);
  const first = content.questions[0]!.id;

  it("rejects an unknown question by name", () => {
    const error = rejection({ ...valid, "made-up": "none" });
    expect(error.issues).toEqual([
      expect.objectContaining({ code: "unknown_question", path: ["made-up"] }),
    ]);
  });

  it("rejects an unknown option with the question's path", () => {
    const error = rejection({ ...valid, [first]: "sometimes" });
    expect(error.issues).toEqual([
      expect.objectContaining({ code: "unknown_option", path: [first] }),
    ]);
  });

  it("rejects a missing answer", () => {
    const { [first]: _dropped, ...rest } = valid;
    const error = rejection(rest);
    expect(error.issues).toEqual([
      expect.objectContaining({ code: "missing_answer", path: [first] }),
    ]);
  });

  it("rejects something that is not an object", () => {
    expect(rejection(["a"]).issues[0]!.code).toBe("invalid_answers");
    expect(rejection(null).issues[0]!.code).toBe("invalid_answers");
  });
});
