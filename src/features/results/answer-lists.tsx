import type { AnswerInsight } from "../../core/scoring/score-assessment.ts";

interface AnswerListProps {
  id: string;
  title: string;
  intro: string;
  empty: string;
  insights: AnswerInsight[];
  /** Off for "Not sure", where the answer is the same every time. */
  showAnswer?: boolean;
  /** What the chosen option is called: "Your answer", or "Answer". */
  answerLabel?: string;
}

/** One group of answers (strengths, gaps or "not sure") under a heading. */
export function AnswerList(props: AnswerListProps) {
  const { id, title, intro, empty, insights } = props;
  const { showAnswer = true, answerLabel = "Your answer" } = props;

  return (
    <section aria-labelledby={id} className="answer-group">
      <h2 id={id}>{title}</h2>
      <p>{insights.length === 0 ? empty : intro}</p>
      {insights.length > 0 && (
        <ul className="answers">
          {insights.map((insight) => (
            <li key={insight.questionId}>
              <span className="prompt">{insight.prompt}</span>
              {showAnswer && (
                <span className="answer">
                  {answerLabel}: {insight.optionLabel}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
