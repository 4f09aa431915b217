import {
  conditionsOf,
  type Condition,
  type Content,
  type Priority,
  type Recommendation,
} from "../content/schema.ts";
import type { AnswerInsight } from "./score-assessment.ts";

/** Why a recommendation was chosen: one answer, or one area's score. */
export type Reason =
  | {
      kind: "answer";
      questionId: string;
      prompt: string;
      optionLabel: string;
      notSure: boolean;
      score: number;
      max: number;
      gap: number;
    }
  | {
      kind: "area";
      areaId: string;
      areaName: string;
      score: number;
      gap: number;
    };

export interface RankedRecommendation {
  id: string;
  title: string;
  summary: string;
  priority: Priority;
  impact: Priority;
  pattern: string;
  /** The priority factor times the largest gap among the reasons. */
  weightedGap: number;
  reasons: Reason[];
}

interface AreaScore {
  id: string;
  name: string;
  score: number;
}

/** How much each priority multiplies a gap by when ranking. */
export const priorityFactor: Record<Priority, number> = {
  high: 3,
  medium: 2,
  low: 1,
};

/**
 * Picks the recommendations whose conditions hold and ranks them by
 * weighted gap, largest first. Each carries the answers or area scores
 * that triggered it, so the reader can see why it was chosen.
 */
export function rankRecommendations(
  content: Content,
  insights: AnswerInsight[],
  areas: AreaScore[],
): RankedRecommendation[] {
  const ranked = content.recommendations.flatMap((recommendation) => {
    const reasons = reasonsFor(recommendation, insights, areas);
    if (!reasons) return [];
    const gap = Math.max(...reasons.map((reason) => reason.gap));
    return [toRanked(recommendation, reasons, gap)];
  });

  return ranked.sort(
    (a, b) =>
      b.weightedGap - a.weightedGap ||
      priorityFactor[b.priority] - priorityFactor[a.priority] ||
      a.id.localeCompare(b.id),
  );
}

function toRanked(
  recommendation: Recommendation,
  reasons: Reason[],
  gap: number,
): RankedRecommendation {
  const { id, title, summary, priority, impact, pattern } = recommendation;
  return {
    id,
    title,
    summary,
    priority,
    impact,
    pattern,
    weightedGap: priorityFactor[priority] * gap,
    reasons,
  };
}

/** The reasons a recommendation applies, or undefined when it does not. */
function reasonsFor(
  recommendation: Recommendation,
  insights: AnswerInsight[],
  areas: AreaScore[],
): Reason[] | undefined {
  const conditions = conditionsOf(recommendation.when);
  const held = conditions.flatMap((condition) => {
    const reason = evaluate(condition, insights, areas);
    return reason ? [reason] : [];
  });

  const applies =
    "all" in recommendation.when
      ? held.length === conditions.length
      : held.length > 0;
  return applies ? held : undefined;
}

function evaluate(
  condition: Condition,
  insights: AnswerInsight[],
  areas: AreaScore[],
): Reason | undefined {
  if ("question" in condition) {
    const insight = insights.find((i) => i.questionId === condition.question);
    if (!insight) return undefined;
    const holds =
      "atMost" in condition
        ? insight.score <= condition.atMost
        : insight.score >= condition.atLeast;
    return holds ? answerReason(insight) : undefined;
  }

  const area = areas.find((a) => a.id === condition.area);
  if (!area) return undefined;
  const holds =
    "below" in condition
      ? area.score < condition.below
      : area.score >= condition.atLeast;
  if (!holds) return undefined;
  return {
    kind: "area",
    areaId: area.id,
    areaName: area.name,
    score: area.score,
    gap: (100 - area.score) / 100,
  };
}

/** A missing point on a heavy question counts for more. */
export function answerGap(insight: AnswerInsight): number {
  return (insight.weight * (insight.max - insight.score)) / insight.max;
}

function answerReason(insight: AnswerInsight): Reason {
  return {
    kind: "answer",
    questionId: insight.questionId,
    prompt: insight.prompt,
    optionLabel: insight.optionLabel,
    notSure: insight.notSure,
    score: insight.score,
    max: insight.max,
    gap: answerGap(insight),
  };
}
