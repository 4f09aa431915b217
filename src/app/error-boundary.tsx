import { Component, type ReactNode } from "react";

import { PageHeading } from "../components/page-heading.tsx";
import { forgetFailedLoads } from "../lib/load-once.ts";
import { paths } from "../lib/paths.ts";
import { Link } from "../lib/router.tsx";
import { useDocumentTitle } from "../lib/use-document-title.ts";

interface ErrorBoundaryProps {
  children: ReactNode;
}

interface ErrorBoundaryState {
  failed: boolean;
}

/**
 * Catches a screen that fails to render or to load, and offers to try
 * again. The answer store sits above it, so no answer is lost.
 */
export class ErrorBoundary extends Component<
  ErrorBoundaryProps,
  ErrorBoundaryState
> {
  override state: ErrorBoundaryState = { failed: false };

  static getDerivedStateFromError(): ErrorBoundaryState {
    return { failed: true };
  }

  retry = () => {
    forgetFailedLoads();
    this.setState({ failed: false });
  };

  override render() {
    if (this.state.failed) return <CrashScreen onRetry={this.retry} />;
    return this.props.children;
  }
}

function CrashScreen({ onRetry }: { onRetry: () => void }) {
  useDocumentTitle("Something went wrong");

  return (
    <section className="screen">
      <PageHeading>Something went wrong</PageHeading>
      <p>
        This screen could not be shown. Your answers are kept: nothing you chose
        has been lost.
      </p>
      <div className="actions">
        <button type="button" className="button primary" onClick={onRetry}>
          Try again
        </button>
        <Link to={paths.start} className="button">
          Go to the start
        </Link>
      </div>
    </section>
  );
}
