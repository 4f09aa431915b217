import type {
  RankedRecommendation,
  Reason,
} from "../../core/scoring/rank-recommendations.ts";
import { parsePatternRef } from "../../lib/pattern-pages.ts";
import { Link } from "../../lib/router.tsx";
import { sectionTitle, type SectionTitles } from "./section-titles.ts";

interface RecommendationListProps {
  recommendations: RankedRecommendation[];
  titles: SectionTitles;
}

/** The ranked recommendations, each with why it was chosen and where to read more. */
export function RecommendationList(props: RecommendationListProps) {
  const { recommendations, titles } = props;

  return (
    <section aria-labelledby="recommendations">
      <h2 id="recommendations">Recommendations</h2>
      {recommendations.length === 0 ? (
        <p>
          None of the recommendations apply: your answers meet every practice
          the assessment measures.
        </p>
      ) : (
        <>
          <p>
            Most important first, ranked by priority and by how large the gap
            is.
          </p>
          <ol className="recommendations">
            {recommendations.map((recommendation) => (
              <RecommendationItem
                key={recommendation.id}
                recommendation={recommendation}
                titles={titles}
              />
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

function RecommendationItem({
  recommendation,
  titles,
}: {
  recommendation: RankedRecommendation;
  titles: SectionTitles;
}) {
  const { title, summary, priority, impact, reasons, pattern } = recommendation;

  return (
    <li className="card recommendation">
      <h3>{title}</h3>
      <p className="tags">
        <span className={`tag ${priority}`}>Priority: {priority}</span>
        <span className="tag">Impact: {impact}</span>
      </p>
      <p>{summary}</p>
      <p className="why">Why this is recommended:</p>
      <ul className="reasons">
        {distinctReasons(reasons).map((reason) => (
          <li key={reasonKey(reason)}>{describeReason(reason)}</li>
        ))}
      </ul>
      <p className="pattern-link">
        <Link to={parsePatternRef(pattern).href}>
          Read: {sectionTitle(titles, pattern)}
        </Link>
      </p>
    </li>
  );
}

/** A rule may test one answer twice (a range); say it once. */
function distinctReasons(reasons: Reason[]) {
  const seen = new Set<string>();
  return reasons.filter((reason) => {
    const key = reasonKey(reason);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function reasonKey(reason: Reason) {
  return reason.kind === "answer" ? reason.questionId : reason.areaId;
}

/** A reason in plain words. */
function describeReason(reason: Reason) {
  if (reason.kind === "area") {
    return `Your ${reason.areaName} score is ${reason.score} out of 100.`;
  }
  if (reason.notSure) {
    return `You were not sure about “${reason.prompt}”`;
  }
  return `You answered “${reason.optionLabel}” to “${reason.prompt}”`;
}
