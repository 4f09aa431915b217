import { useEffect, useState } from "react";

import { PageHeading } from "../../components/page-heading.tsx";
import { LoadingMessage } from "../../components/loading-message.tsx";
import type { StoredAssessment } from "../../core/submission.ts";
import { paths } from "../../lib/paths.ts";
import { Link } from "../../lib/router.tsx";
import {
  AssessmentsApiError,
  readAssessment,
} from "../../lib/submission/assessments-api.ts";
import { useSubmission } from "../../lib/submission/index.ts";
import { useDocumentTitle } from "../../lib/use-document-title.ts";
import { DeleteResult } from "./delete-result.tsx";
import { ResultReport } from "./result-report.tsx";

type Outcome =
  | { kind: "loading" }
  | { kind: "found"; assessment: StoredAssessment }
  | { kind: "missing" }
  | { kind: "unreachable" };

/**
 * The screen at `/results/ID`: a result someone saved and shared, as
 * the server stored it, in any browser. Whoever holds its deletion
 * token (the browser that saved it) may delete it here.
 */
export function SharedResultScreen({ id }: { id: string }) {
  const [outcome, setOutcome] = useState<Outcome>({ kind: "loading" });
  const [round, setRound] = useState(0);

  useEffect(() => {
    const request = new AbortController();
    fetchOutcome(id, request.signal).then((next) => {
      if (!request.signal.aborted) setOutcome(next);
    }, noop);
    return () => request.abort();
  }, [id, round]);

  function retry() {
    setOutcome({ kind: "loading" });
    setRound((count) => count + 1);
  }

  switch (outcome.kind) {
    case "loading":
      return <LoadingMessage />;
    case "found":
      return (
        <SharedResult
          assessment={outcome.assessment}
          onDeleted={() => setOutcome({ kind: "missing" })}
        />
      );
    case "missing":
      return <MissingResult />;
    case "unreachable":
      return <UnreachableResult onRetry={retry} />;
  }
}

function noop() {}

async function fetchOutcome(id: string, signal: AbortSignal) {
  try {
    const assessment = await readAssessment(id, signal);
    return { kind: "found", assessment } as const;
  } catch (error) {
    const gone =
      error instanceof AssessmentsApiError &&
      (error.status === 404 || error.status === 400);
    return { kind: gone ? "missing" : "unreachable" } as const;
  }
}

interface SharedResultProps {
  assessment: StoredAssessment;
  onDeleted: () => void;
}

function SharedResult({ assessment, onDeleted }: SharedResultProps) {
  const own = useSubmission(assessment.id);
  useDocumentTitle("Shared result");

  return (
    <article className="screen results">
      <PageHeading>Shared result</PageHeading>
      <p className="lead">
        A result of the {assessment.result.areas.length}-area assessment, saved
        on {formatDate(assessment.createdAt)}. Anyone with this link can see it
        until {formatDate(assessment.expiresAt)}, when it is deleted.
      </p>
      <ResultReport result={assessment.result} answerLabel="Answer" />
      <div className="result-actions">
        <Link to={paths.start} className="button primary">
          Take the assessment yourself
        </Link>
        {own.canDelete && (
          <DeleteResult onDelete={own.deleteResult} onDeleted={onDeleted} />
        )}
      </div>
    </article>
  );
}

function MissingResult() {
  useDocumentTitle("Result not found");

  return (
    <section className="screen">
      <PageHeading>This result does not exist or has been deleted</PageHeading>
      <p>
        The link may be incomplete, or the person who saved the result deleted
        it. Results are also deleted some months after they are saved.
      </p>
      <p>
        <Link to={paths.start} className="button primary">
          Take the assessment
        </Link>
      </p>
    </section>
  );
}

function UnreachableResult({ onRetry }: { onRetry: () => void }) {
  useDocumentTitle("Result not loaded");

  return (
    <section className="screen">
      <PageHeading>The result could not be loaded</PageHeading>
      <p>
        We could not reach the server, or it is busy. Check your connection and
        try again.
      </p>
      <p>
        <button type="button" className="button primary" onClick={onRetry}>
          Try again
        </button>
      </p>
    </section>
  );
}

const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "long" });

/** A stored time as a date a person reads, e.g. "3 December 2026". */
function formatDate(iso: string) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateFormat.format(date);
}
