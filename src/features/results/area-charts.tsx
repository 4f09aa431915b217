import {
  Bar,
  BarChart,
  CartesianGrid,
  LabelList,
  PolarAngleAxis,
  PolarGrid,
  PolarRadiusAxis,
  Radar,
  RadarChart,
  XAxis,
  YAxis,
} from "recharts";

/** One area on a chart: a short name and its score from 0 to 100. */
export interface ChartPoint {
  name: string;
  score: number;
}

// Charts are drawn at a fixed size and scaled by CSS through the SVG
// viewBox, so their space is known before this chunk arrives (no
// layout shift) and they print at a steady width. Animation is off:
// the numbers are the point, and printing must not catch a half-drawn
// chart. The table gives screen readers the same numbers, so the
// charts are hidden from them and take no keyboard focus.
const accent = "#0b5cad";
const ink = "#2b3440";
const grid = "#c3cad4";
const tick = { fill: ink, fontSize: 13 };
const frame = { width: 360, height: 300, accessibilityLayer: false };

/** Area scores on a radar, one spoke per area. */
export function AreaRadarChart({ points }: { points: ChartPoint[] }) {
  return (
    <div aria-hidden="true">
      <RadarChart {...frame} data={points} cy="56%" outerRadius={112}>
        <PolarGrid stroke={grid} />
        <PolarAngleAxis dataKey="name" tick={tick} />
        <PolarRadiusAxis
          domain={[0, 100]}
          tickCount={5}
          angle={30}
          axisLine={false}
          tick={{ ...tick, fontSize: 11 }}
          tickFormatter={(value: number) => (value === 0 ? "" : String(value))}
        />
        <Radar
          dataKey="score"
          stroke={accent}
          strokeWidth={2}
          fill={accent}
          fillOpacity={0.25}
          isAnimationActive={false}
        />
      </RadarChart>
    </div>
  );
}

/** Area scores as horizontal bars on a 0-100 scale. */
export function AreaBarChart({ points }: { points: ChartPoint[] }) {
  return (
    <div aria-hidden="true">
      <BarChart
        {...frame}
        data={points}
        layout="vertical"
        margin={{ top: 16, right: 40, bottom: 16, left: 8 }}
      >
        <CartesianGrid stroke={grid} horizontal={false} />
        <XAxis type="number" domain={[0, 100]} tickCount={6} tick={tick} />
        <YAxis type="category" dataKey="name" width={96} tick={tick} />
        <Bar
          dataKey="score"
          fill={accent}
          barSize={28}
          isAnimationActive={false}
        >
          <LabelList dataKey="score" position="right" fill={ink} />
        </Bar>
      </BarChart>
    </div>
  );
}
