import {
  Fragment,
  Suspense,
  useMemo,
  type ComponentType,
  type ReactNode,
} from "react";

import { LoadingMessage } from "../../components/loading-message.tsx";
import { PageHeading } from "../../components/page-heading.tsx";
import type { Answers } from "../../core/scoring/answers.ts";
import { scoreAssessment } from "../../core/scoring/score-assessment.ts";
import { content } from "../../generated/content.ts";
import { useAnswers } from "../../lib/answer-store.tsx";
import { countAnswered, firstUnanswered } from "../../lib/saved-answers.ts";
import { useSubmitAnswers } from "../../lib/submission/index.ts";
import { useDocumentTitle } from "../../lib/use-document-title.ts";
import { ResultActions } from "./result-actions.tsx";
import { ResultReport } from "./result-report.tsx";
import { SavedResultPanel } from "./saved-result-panel.tsx";
import { UnfinishedResults } from "./unfinished-results.tsx";

/**
 * Wraps the result; the app passes the lead feature's gate, which may
 * hold the result back until the person has left their details.
 */
export type ResultGate = ComponentType<{ children: ReactNode }>;

/** The screen at `/results`: the scored result of the saved answers. */
export function ResultsScreen({ gate = Fragment }: { gate?: ResultGate }) {
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
  return <CompleteResults answers={answers} total={total} gate={gate} />;
}

/*
 * The result on screen is scored here, from the answers, so it shows
 * at once; saving it to the server runs beside it and never holds it up.
 */
function CompleteResults({
  answers,
  total,
  gate: Gate,
}: {
  answers: Answers;
  total: number;
  gate: ResultGate;
}) {
  const result = useMemo(() => scoreAssessment(content, answers), [answers]);
  useSubmitAnswers();

  return (
    <article className="screen results">
      <PageHeading>Your results</PageHeading>
      <p className="lead">
        Based on your answers to all {total} questions. Scores run from 0 to
        100; each area counts its practices by how much they matter.
      </p>
      {/* The report waits for its settings and section titles here, so
          the heading and the actions around it never go back to a
          page-wide "Loading…" once they are on screen. */}
      <Suspense fallback={<LoadingMessage />}>
        <Gate>
          <ResultReport result={result} />
          <SavedResultPanel />
        </Gate>
      </Suspense>
      <ResultActions answered={total} />
    </article>
  );
}
