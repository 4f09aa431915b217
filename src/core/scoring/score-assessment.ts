import {
  isNotSure,
  optionScore,
  type Content,
  type Level,
  type Question,
} from "../content/schema.ts";
import { parseAnswers } from "./answers.ts";
import {
  rankRecommendations,
  type RankedRecommendation,
} from "./rank-recommendations.ts";

export interface LevelRef {
  id: string;
  name: string;
  meaning: string;
}

export interface AreaResult {
  id: string;
  name: string;
  score: number;
  level: LevelRef;
}

/** How one answer stands: used for strengths, gaps and "not sure". */
export interface AnswerInsight {
  questionId: string;
  area: string;
  prompt: string;
  optionId: string;
  optionLabel: string;
  score: number;
  max: number;
  weight: number;
  notSure: boolean;
}

export interface AssessmentResult {
  contentVersion: string;
  overall: { score: number; level: LevelRef };
  areas: AreaResult[];
  strengths: AnswerInsight[];
  gaps: AnswerInsight[];
  /** Answered "not sure": scored as a gap, reported on its own. */
  unsure: AnswerInsight[];
  recommendations: RankedRecommendation[];
}

/** An answer at or above this share of the scale is a strength. */
export const strengthShare = 0.75;
/** An answer at or below this share of the scale is a gap. */
export const gapShare = 0.25;

/**
 * Scores a complete set of answers: each area and the whole from 0 to
 * 100 with their maturity levels, the strengths and gaps, and the
 * recommendations ranked by weighted gap. Pure and deterministic.
 *
 * @throws InvalidAnswersError when an answer names an unknown question
 * or option, or a question has no answer.
 * @example
 * const result = scoreAssessment(content, answers);
 * result.areas[0].score; // 0-100
 */
export function scoreAssessment(
  content: Content,
  answers: unknown,
): AssessmentResult {
  const valid = parseAnswers(content, answers);
  const insights = content.questions.map((question) =>
    describeAnswer(content, question, valid[question.id]!),
  );

  const areas = content.areas.map((area) => {
    const score = percentOf(insights.filter((i) => i.area === area.id));
    return {
      id: area.id,
      name: area.name,
      score,
      level: levelFor(content, score),
    };
  });
  const overallScore = percentOf(insights);

  return {
    contentVersion: content.version,
    overall: { score: overallScore, level: levelFor(content, overallScore) },
    areas,
    strengths: byWeightedScore(
      insights.filter((i) => i.score >= i.max * strengthShare),
      "high",
    ),
    gaps: byWeightedScore(
      insights.filter((i) => !i.notSure && i.score <= i.max * gapShare),
      "low",
    ),
    unsure: insights.filter((i) => i.notSure),
    recommendations: rankRecommendations(content, insights, areas),
  };
}

function describeAnswer(
  content: Content,
  question: Question,
  optionId: string,
): AnswerInsight {
  const option = question.options.find((o) => o.id === optionId)!;
  return {
    questionId: question.id,
    area: question.area,
    prompt: question.prompt,
    optionId,
    optionLabel: option.label,
    score: optionScore(option, content.scale),
    max: content.scale.max,
    weight: question.weight,
    notSure: isNotSure(option),
  };
}

/** The weighted share of the best possible score, rounded to 0-100. */
function percentOf(insights: AnswerInsight[]): number {
  const earned = insights.reduce((sum, i) => sum + i.score * i.weight, 0);
  const possible = insights.reduce((sum, i) => sum + i.max * i.weight, 0);
  return possible === 0 ? 0 : Math.round((100 * earned) / possible);
}

/** The maturity level whose band holds the score. */
export function levelFor(content: Content, score: number): LevelRef {
  const level: Level =
    content.levels.find((l) => score >= l.min && score <= l.max) ??
    content.levels[content.levels.length - 1]!;
  return { id: level.id, name: level.name, meaning: level.meaning };
}

function byWeightedScore(
  insights: AnswerInsight[],
  first: "high" | "low",
): AnswerInsight[] {
  const sign = first === "high" ? -1 : 1;
  return [...insights].sort(
    (a, b) =>
      sign * (a.score - b.score) ||
      b.weight - a.weight ||
      a.questionId.localeCompare(b.questionId),
  );
}
