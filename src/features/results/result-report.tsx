import { use } from "react";

import type { AssessmentResult } from "../../core/scoring/score-assessment.ts";
import { AnswerList } from "./answer-lists.tsx";
import { AreaScores } from "./area-scores.tsx";
import { OverallScore } from "./overall-score.tsx";
import { RecommendationList } from "./recommendation-list.tsx";
import { loadSectionTitles } from "./section-titles.ts";

interface ResultReportProps {
  result: AssessmentResult;
  /** What the chosen option is called in the answer lists. */
  answerLabel?: string;
}

/**
 * A scored result: overall score, area scores with charts, strengths,
 * gaps and "not sure", and the ranked recommendations. The person's
 * own results and a shared result show the same report.
 */
export function ResultReport({ result, answerLabel }: ResultReportProps) {
  const titles = use(
    loadSectionTitles(result.recommendations.map((r) => r.pattern)),
  );

  return (
    <>
      <OverallScore overall={result.overall} />
      <AreaScores areas={result.areas} />
      <AnswerGroups result={result} answerLabel={answerLabel} />
      <RecommendationList
        recommendations={result.recommendations}
        titles={titles}
      />
    </>
  );
}

/** Strengths, gaps and "not sure", side by side on a wide screen. */
function AnswerGroups({ result, answerLabel }: ResultReportProps) {
  return (
    <div className="answer-groups">
      <AnswerList
        id="strengths"
        title="Strengths"
        intro="Practices you have in place across most of your systems."
        empty="No practice is in place widely yet. The recommendations below say where to start."
        insights={result.strengths}
        answerLabel={answerLabel}
      />
      <AnswerList
        id="gaps"
        title="Gaps"
        intro="Practices that are missing or rare, weightiest first."
        empty="No practice is missing outright."
        insights={result.gaps}
        answerLabel={answerLabel}
      />
      <AnswerList
        id="not-sure"
        title="Not sure"
        intro="Questions you were not sure about. They count as gaps until someone finds out."
        empty="You had an answer for every question."
        insights={result.unsure}
        showAnswer={false}
      />
    </div>
  );
}
