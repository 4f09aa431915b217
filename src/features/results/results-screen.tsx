import { use, useMemo } from "react";

import { PageHeading } from "../../components/page-heading.tsx";
import type { Answers } from "../../core/scoring/answers.ts";
import {
  scoreAssessment,
  type AssessmentResult,
} from "../../core/scoring/score-assessment.ts";
import { content } from "../../generated/content.ts";
import { useAnswers } from "../../lib/answer-store.tsx";
import { countAnswered, firstUnanswered } from "../../lib/saved-answers.ts";
import { useDocumentTitle } from "../../lib/use-document-title.ts";
import { AnswerList } from "./answer-lists.tsx";
import { AreaScores } from "./area-scores.tsx";
import { OverallScore } from "./overall-score.tsx";
import { RecommendationList } from "./recommendation-list.tsx";
import { ResultActions } from "./result-actions.tsx";
import { loadSectionTitles } from "./section-titles.ts";
import { UnfinishedResults } from "./unfinished-results.tsx";

/** The screen at `/results`: the scored result of the saved answers. */
export function ResultsScreen() {
  const { answers } = useAnswers();
  const open = firstUnanswered(answers, content);
  const total = content.questions.length;

  useDocumentTitle(open === -1 ? "Your results" : "Results not ready");

  if (open !== -1) {
    const answered = countAnswered(answers, content);
    return (
      <UnfinishedResults answered={answered} total={total} next={open + 1} />
    );
  }
  return <CompleteResults answers={answers} total={total} />;
}

function CompleteResults({
  answers,
  total,
}: {
  answers: Answers;
  total: number;
}) {
  const result = useMemo(() => scoreAssessment(content, answers), [answers]);
  const titles = use(
    loadSectionTitles(result.recommendations.map((r) => r.pattern)),
  );

  return (
    <article className="screen results">
      <PageHeading>Your results</PageHeading>
      <p className="lead">
        Based on your answers to all {total} questions. Scores run from 0 to
        100; each area counts its practices by how much they matter.
      </p>
      <OverallScore overall={result.overall} />
      <AreaScores areas={result.areas} />
      <AnswerGroups result={result} />
      <RecommendationList
        recommendations={result.recommendations}
        titles={titles}
      />
      <ResultActions answered={total} />
    </article>
  );
}

/** Strengths, gaps and "not sure", side by side on a wide screen. */
function AnswerGroups({ result }: { result: AssessmentResult }) {
  return (
    <div className="answer-groups">
      <AnswerList
        id="strengths"
        title="Strengths"
        intro="Practices you have in place across most of your systems."
        empty="No practice is in place widely yet. The recommendations below say where to start."
        insights={result.strengths}
      />
      <AnswerList
        id="gaps"
        title="Gaps"
        intro="Practices that are missing or rare, weightiest first."
        empty="No practice is missing outright."
        insights={result.gaps}
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
