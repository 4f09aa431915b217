import { memo, useEffect } from "react";

import { NotFoundScreen } from "../../components/not-found-screen.tsx";
import { quizContent as content } from "../../generated/quiz-content.ts";
import {
  useAnswerSelector,
  useAnswerStore,
  type AnswerState,
} from "../../lib/answer-store.tsx";
import { paths } from "../../lib/paths.ts";
import { Redirect, navigate } from "../../lib/router.tsx";
import { firstUnanswered } from "../../lib/saved-answers.ts";
import { useDocumentTitle } from "../../lib/use-document-title.ts";
import { QuestionForm } from "./question-form.tsx";
import { QuestionProgress } from "./question-progress.tsx";

/** The screen at `/assessment/N`: question N (1-based) of the content. */
export function QuestionScreen({ number }: { number: number }) {
  const total = content.questions.length;
  const furthest = useAnswerSelector(furthestReachable);

  if (number > total) return <NotFoundScreen />;
  if (number > furthest) return <Redirect to={paths.question(furthest)} />;

  return <QuestionStep number={number} total={total} />;
}

/** The highest question number a person may open: no skipping ahead. */
function furthestReachable({ answers }: AnswerState) {
  const open = firstUnanswered(answers, content);
  return open === -1 ? content.questions.length : open + 1;
}

// Memoised so that choosing an option, which saves an answer, does not
// render the question again: the radio already shows the choice.
const QuestionStep = memo(function QuestionStep({
  number,
  total,
}: {
  number: number;
  total: number;
}) {
  const question = content.questions[number - 1]!;
  const area = content.areas.find((a) => a.id === question.area);
  const store = useAnswerStore();
  const isLast = number === total;

  useDocumentTitle(`Question ${number} of ${total}`);
  useEffect(() => {
    store.setPosition(number - 1);
  }, [store, number]);

  function goBack() {
    navigate(number === 1 ? paths.start : paths.question(number - 1));
  }

  function goNext() {
    navigate(isLast ? paths.results : paths.question(number + 1));
  }

  return (
    <section className="screen question-screen">
      <QuestionProgress number={number} total={total} />
      {area && <p className="eyebrow">{area.name}</p>}
      <QuestionForm
        key={question.id}
        question={question}
        isLast={isLast}
        action={isLast ? paths.results : paths.question(number + 1)}
        savedOption={store.getState().answers[question.id]}
        onChoose={(optionId) => store.chooseOption(question.id, optionId)}
        onBack={goBack}
        onNext={goNext}
      />
    </section>
  );
});
