import type { FormEvent } from "react";

import { PageHeading } from "../../components/page-heading.tsx";
import { quizContent as content } from "../../generated/quiz-content.ts";
import { useAnswerStore, useAnswers } from "../../lib/answer-store.tsx";
import { paths } from "../../lib/paths.ts";
import { navigate } from "../../lib/router.tsx";
import { countAnswered, firstUnanswered } from "../../lib/saved-answers.ts";
import { useDocumentTitle } from "../../lib/use-document-title.ts";

/** The start page: what the assessment is, and a way in or back in. */
export function LandingScreen() {
  const { answers, persistent } = useAnswers();
  const answered = countAnswered(answers, content);
  const total = content.questions.length;

  useDocumentTitle();

  return (
    <section className="screen landing">
      <PageHeading>{content.title}</PageHeading>
      <AboutTheAssessment />
      {!persistent && <StorageWarning />}
      {answered > 0 ? (
        <ResumeCard answered={answered} total={total} />
      ) : (
        <StartForm />
      )}
    </section>
  );
}

/*
 * A form rather than a bare button, so that the prerendered page works
 * before its scripts arrive: the browser then follows the form to the
 * first question, which is prerendered too.
 */
function StartForm() {
  function start(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    navigate(paths.question(1));
  }

  return (
    <form method="get" action={paths.question(1)} onSubmit={start}>
      <button type="submit" className="button primary large">
        Start the assessment
      </button>
    </form>
  );
}

function AboutTheAssessment() {
  return (
    <>
      <p className="lead">
        Find out how ready your integration architecture is for event-driven,
        API-led and hybrid patterns on AWS, and what to improve first.
      </p>
      <ul className="facts">
        <li>
          <strong>About 3 minutes.</strong> {content.questions.length} questions
          in {content.areas.length} areas: {listAreas()}.
        </li>
        <li>
          <strong>A clear result.</strong> A score from 0 to 100 and a maturity
          level for each area, charts, and a ranked list of recommendations that
          link to our pattern guides.
        </li>
        <li>
          <strong>Saved as you go.</strong> Each answer is kept in this browser
          as you choose it, so you can close the tab and come back. Your
          finished result is saved on our server for a share link, and you can
          delete it.
        </li>
      </ul>
    </>
  );
}

function listAreas() {
  const names = content.areas.map((area) => area.name);
  const last = names.pop();
  return names.length > 0 ? `${names.join(", ")} and ${last}` : last;
}

function StorageWarning() {
  return (
    <p className="warning">
      This browser is not letting the page save anything, so your answers last
      only until you close or reload this tab.
    </p>
  );
}

function ResumeCard({ answered, total }: { answered: number; total: number }) {
  const store = useAnswerStore();
  const { answers, position } = useAnswers();
  const open = firstUnanswered(answers, content);
  const complete = open === -1;

  function resume() {
    const index = Math.min(position, open);
    navigate(complete ? paths.results : paths.question(index + 1));
  }

  function startOver() {
    store.clear();
    navigate(paths.question(1));
  }

  return (
    <div className="card resume">
      <h2>Welcome back</h2>
      <p>
        {complete
          ? `You have answered all ${total} questions.`
          : `You have answered ${answered} of ${total} questions.`}
      </p>
      <div className="actions">
        <button type="button" className="button primary" onClick={resume}>
          {complete ? "See your results" : "Resume where you left off"}
        </button>
        <button type="button" className="button" onClick={startOver}>
          Start over
        </button>
      </div>
    </div>
  );
}
