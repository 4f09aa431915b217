interface QuestionProgressProps {
  number: number;
  total: number;
}

/**
 * "Question 4 of 15", as the screen's level-1 heading and as a progress
 * bar; the question itself is the level-2 heading below it.
 */
export function QuestionProgress({ number, total }: QuestionProgressProps) {
  const text = `Question ${number} of ${total}`;

  return (
    <div className="progress">
      <h1 className="progress-text">{text}</h1>
      <div
        role="progressbar"
        aria-label="Assessment progress"
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={number}
        aria-valuetext={text}
        className="progress-track"
      >
        <div
          className="progress-fill"
          style={{ width: `${(100 * number) / total}%` }}
        />
      </div>
    </div>
  );
}
