import { Suspense, useState, type MouseEvent } from "react";

import { LoadingMessage } from "../components/loading-message.tsx";
import { quizContent as content } from "../generated/quiz-content.ts";
import { AnswerStoreProvider, type AnswerStore } from "../lib/answer-store.tsx";
import {
  openBrowserStorage,
  type KeyValueStorage,
} from "../lib/browser-storage.ts";
import { paths } from "../lib/paths.ts";
import { Link, RouterProvider, useLocation } from "../lib/router.tsx";
import { SubmissionProvider } from "../lib/submission/index.ts";
import { ErrorBoundary } from "./error-boundary.tsx";
import { RouteOutlet } from "./route-outlet.tsx";
import { SavedAnswersNotice } from "./saved-answers-notice.tsx";

interface AppProps {
  answerStore: AnswerStore;
  /** Where submissions wait until stored; localStorage by default. */
  submissionStorage?: KeyValueStorage;
}

/**
 * The whole single-page app: page frame and routes, around an answer
 * store opened beforehand (see `openAnswerStore`) and the queue that
 * saves finished results to the server.
 */
export function App({ answerStore, submissionStorage }: AppProps) {
  const [storage] = useState(() => submissionStorage ?? openBrowserStorage());

  return (
    <RouterProvider>
      <AnswerStoreProvider store={answerStore}>
        <SubmissionProvider storage={storage}>
          <PageFrame />
        </SubmissionProvider>
      </AnswerStoreProvider>
    </RouterProvider>
  );
}

function PageFrame() {
  const { pathname } = useLocation();

  return (
    <>
      <a href="#main" className="skip-link" onClick={focusMain}>
        Skip to main content
      </a>
      <header className="site-header">
        <div className="container">
          <Link to={paths.start} className="brand">
            {content.title}
          </Link>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="container">
        <ErrorBoundary key={pathname}>
          <Suspense fallback={<LoadingMessage />}>
            <RouteOutlet />
          </Suspense>
        </ErrorBoundary>
      </main>
      <footer className="site-footer">
        <div className="container">
          <p>
            {content.title}, content version {content.version}.
          </p>
        </div>
      </footer>
      <SavedAnswersNotice />
    </>
  );
}

/** Focuses main without putting "#main" in the address. */
function focusMain(event: MouseEvent<HTMLAnchorElement>) {
  event.preventDefault();
  document.getElementById("main")?.focus();
}
