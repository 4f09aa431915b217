import { Component, type ReactNode } from "react";

interface ChartBoundaryState {
  failed: boolean;
}

/**
 * Keeps the results on screen when a chart's code fails to load: the
 * table above the charts already gives every number.
 */
export class ChartBoundary extends Component<
  { children: ReactNode },
  ChartBoundaryState
> {
  override state: ChartBoundaryState = { failed: false };

  static getDerivedStateFromError(): ChartBoundaryState {
    return { failed: true };
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <p className="chart-missing">
        The chart could not be loaded. The table gives the same numbers.
      </p>
    );
  }
}
