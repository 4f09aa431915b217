import { lazy, Suspense, type ReactNode } from "react";

import type { AreaResult } from "../../core/scoring/score-assessment.ts";
import { content } from "../../generated/content.ts";
import { ChartBoundary } from "./chart-boundary.tsx";

const AreaRadarChart = lazy(() =>
  import("./area-charts.tsx").then((charts) => ({
    default: charts.AreaRadarChart,
  })),
);
const AreaBarChart = lazy(() =>
  import("./area-charts.tsx").then((charts) => ({
    default: charts.AreaBarChart,
  })),
);

/** Each area's score and level: as a table, two charts and a key. */
export function AreaScores({ areas }: { areas: AreaResult[] }) {
  const points = areas.map((area) => ({
    name: area.name.replace(/ integration$/i, ""),
    score: area.score,
  }));

  return (
    <section aria-labelledby="scores-by-area">
      <h2 id="scores-by-area">Scores by area</h2>
      <AreaTable areas={areas} />
      <div className="charts">
        <ChartFigure id="radar" caption="Radar chart of area scores">
          <AreaRadarChart points={points} />
        </ChartFigure>
        <ChartFigure id="bar" caption="Bar chart of area scores">
          <AreaBarChart points={points} />
        </ChartFigure>
      </div>
      <LevelKey />
    </section>
  );
}

interface ChartFigureProps {
  id: string;
  caption: string;
  children: ReactNode;
}

/**
 * A chart with its caption. The frame keeps the chart's size while its
 * code loads, so nothing below it moves when the chart appears.
 */
function ChartFigure({ id, caption, children }: ChartFigureProps) {
  const captionId = `${id}-caption`;

  return (
    <figure className="chart" aria-labelledby={captionId}>
      <div className={`chart-frame ${id}`}>
        <ChartBoundary>
          <Suspense fallback={null}>{children}</Suspense>
        </ChartBoundary>
      </div>
      <figcaption id={captionId}>{caption}</figcaption>
    </figure>
  );
}

function AreaTable({ areas }: { areas: AreaResult[] }) {
  return (
    <table className="scores">
      <caption className="visually-hidden">Scores by area</caption>
      <thead>
        <tr>
          <th scope="col">Area</th>
          <th scope="col">Score (out of 100)</th>
          <th scope="col">Level</th>
        </tr>
      </thead>
      <tbody>
        {areas.map((area) => (
          <tr key={area.id}>
            <th scope="row">{area.name}</th>
            <td>{area.score}</td>
            <td>{area.level.name}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function LevelKey() {
  return (
    <details className="level-key">
      <summary>What the maturity levels mean</summary>
      <dl>
        {content.levels.map((level) => (
          <div key={level.id}>
            <dt>
              {level.name} ({level.min} to {level.max})
            </dt>
            <dd>{level.meaning}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
