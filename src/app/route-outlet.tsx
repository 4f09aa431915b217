import { use } from "react";

import { LandingScreen, QuestionScreen } from "../features/assessment/index.ts";
import { loadOnce } from "../lib/load-once.ts";
import { matchRoute } from "../lib/paths.ts";
import { hasPatternPage } from "../lib/pattern-pages.ts";
import { useLocation } from "../lib/router.tsx";
import { NotFoundScreen } from "../components/not-found-screen.tsx";

// The landing page and the questions ship in the first load; the
// results (with recharts) and the pattern pages wait until they are
// visited, to keep the first question fast on a slow phone.
const loadResults = loadOnce(() => import("../features/results/index.ts"));
const loadPatterns = loadOnce(() => import("../features/patterns/index.ts"));
const loadLeads = loadOnce(() => import("../features/leads/index.ts"));
const loadAdmin = loadOnce(() => import("../features/leads/admin.ts"));

// The lead form comes with the results; both chunks load at once.
function ResultsRoute() {
  const leads = loadLeads();
  const { ResultsScreen } = use(loadResults());
  const { LeadGate } = use(leads);
  return <ResultsScreen gate={LeadGate} />;
}

function SharedResultRoute({ id }: { id: string }) {
  const { SharedResultScreen } = use(loadResults());
  return <SharedResultScreen id={id} />;
}

function PatternRoute({ pageId, anchor }: { pageId: string; anchor: string }) {
  const { PatternScreen } = use(loadPatterns());
  return <PatternScreen pageId={pageId} anchor={anchor} />;
}

function AdminRoute() {
  const { AdminScreen } = use(loadAdmin());
  return <AdminScreen />;
}

/** The screen for the current address. */
export function RouteOutlet() {
  const { pathname, anchor } = useLocation();
  const route = matchRoute(pathname);

  switch (route.name) {
    case "landing":
      return <LandingScreen />;
    case "question":
      return <QuestionScreen number={route.number} />;
    case "results":
      return <ResultsRoute />;
    case "shared-result":
      return <SharedResultRoute id={route.id} />;
    case "admin":
      return <AdminRoute />;
    case "pattern":
      if (!hasPatternPage(route.pageId)) return <NotFoundScreen />;
      return <PatternRoute pageId={route.pageId} anchor={anchor} />;
    case "not-found":
      return <NotFoundScreen />;
  }
}
