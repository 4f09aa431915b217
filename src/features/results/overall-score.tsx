import type { AssessmentResult } from "../../core/scoring/score-assessment.ts";

/** The overall score and maturity level, with what the level means. */
export function OverallScore({ overall }: Pick<AssessmentResult, "overall">) {
  return (
    <div className="card overall">
      <p className="overall-label">Overall score</p>
      <p className="score-line">{overall.score} out of 100</p>
      <p className="level">
        Maturity level: <strong>{overall.level.name}</strong>
      </p>
      <p>{overall.level.meaning}</p>
    </div>
  );
}
