import fc from "fast-check";
import { describe, expect, it } from "vitest";

import {
  InvalidAnswersError,
  optionScore,
  priorityFactor,
  scoreAssessment,
  type Answers,
  type AssessmentResult,
} from "../../src/core/index.ts";
import { content } from "../../src/generated/content.ts";

const answersArbitrary: fc.Arbitrary<Answers> = fc.record(
  Object.fromEntries(
    content.questions.map((question) => [
      question.id,
      fc.constantFrom(...question.options.map((option) => option.id)),
    ]),
  ),
);

const scoreOf = (questionId: string, optionId: string) => {
  const question = content.questions.find((q) => q.id === questionId)!;
  const option = question.options.find((o) => o.id === optionId)!;
  return optionScore(option, content.scale);
};

const allScores = (result: AssessmentResult) => [
  result.overall.score,
  ...result.areas.map((area) => area.score),
];

describe("scoring, for any complete set of answers", () => {
  it("keeps every score a whole number from 0 to 100", () => {
    fc.assert(
      fc.property(answersArbitrary, (answers) => {
        for (const score of allScores(scoreAssessment(content, answers))) {
          expect(Number.isInteger(score)).toBe(true);
          expect(score).toBeGreaterThanOrEqual(0);
          expect(score).toBeLessThanOrEqual(100);
        }
      }),
    );
  });

  it("never lowers any score when one answer is raised", () => {
    const raise = answersArbitrary.chain((answers) =>
      fc.constantFrom(...content.questions).chain((question) => {
        const current = scoreOf(question.id, answers[question.id]!);
        const higher = question.options.filter(
          (option) => optionScore(option, content.scale) > current,
        );
        return higher.length === 0
          ? fc.constant(undefined)
          : fc.constantFrom(...higher).map((option) => ({
              before: answers,
              after: { ...answers, [question.id]: option.id },
            }));
      }),
    );

    fc.assert(
      fc.property(raise, (pair) => {
        if (!pair) return;
        const before = allScores(scoreAssessment(content, pair.before));
        const after = allScores(scoreAssessment(content, pair.after));
        after.forEach((score, i) =>
          expect(score).toBeGreaterThanOrEqual(before[i]!),
        );
      }),
    );
  });

  it("gives the same output for the same input", () => {
    fc.assert(
      fc.property(answersArbitrary, (answers) => {
        const copy = JSON.parse(JSON.stringify(answers)) as Answers;
        expect(scoreAssessment(content, copy)).toEqual(
          scoreAssessment(content, answers),
        );
      }),
    );
  });

  it("ranks the largest weighted gaps first", () => {
    fc.assert(
      fc.property(answersArbitrary, (answers) => {
        const ranked = scoreAssessment(content, answers).recommendations;

        for (const recommendation of ranked) {
          const gaps = recommendation.reasons.map((reason) =>
            reason.kind === "answer"
              ? (questionWeight(reason.questionId) *
                  (content.scale.max -
                    scoreOf(reason.questionId, answers[reason.questionId]!))) /
                content.scale.max
              : (100 - reason.score) / 100,
          );
          const expected =
            priorityFactor[recommendation.priority] * Math.max(...gaps);
          expect(recommendation.weightedGap).toBeCloseTo(expected, 9);
        }
        ranked.forEach((recommendation, i) => {
          if (i === 0) return;
          expect(recommendation.weightedGap).toBeLessThanOrEqual(
            ranked[i - 1]!.weightedGap,
          );
        });
      }),
    );
  });
});

function questionWeight(id: string): number {
  return content.questions.find((question) => question.id === id)!.weight;
}

describe("scoring, for hostile input", () => {
  it("throws only InvalidAnswersError, with at least one issue", () => {
    const hostile = fc.oneof(
      fc.anything(),
      fc.dictionary(fc.string(), fc.string()),
      answersArbitrary.chain((answers) =>
        fc
          .tuple(fc.constantFrom(...Object.keys(answers)), fc.anything())
          .map(([key, value]) => ({ ...answers, [key]: value })),
      ),
    );

    fc.assert(
      fc.property(hostile, (answers) => {
        try {
          scoreAssessment(content, answers);
        } catch (error) {
          expect(error).toBeInstanceOf(InvalidAnswersError);
          expect((error as InvalidAnswersError).issues.length).toBeGreaterThan(
            0,
          );
        }
      }),
      { numRuns: 500 },
    );
  });
});
