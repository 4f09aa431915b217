/** The app's addresses, in one place so screens link without guessing. */
export const paths = {
  start: "/",
  results: "/results",

  /** The question screen for a 1-based question number. */
  question(number: number) {
    return `/assessment/${number}`;
  },
};

export type Route =
  | { name: "landing" }
  | { name: "question"; number: number }
  | { name: "results" }
  | { name: "pattern"; pageId: string }
  | { name: "not-found" };

/**
 * Matches a path to a route. Only the shape is checked here: whether
 * question 99 or pattern page "x" exists is up to the screens.
 *
 * @example
 * matchRoute("/assessment/3"); // { name: "question", number: 3 }
 */
export function matchRoute(pathname: string): Route {
  if (pathname === "/") return { name: "landing" };
  if (pathname === paths.results) return { name: "results" };

  const question = /^\/assessment\/([1-9]\d{0,2})$/.exec(pathname);
  if (question?.[1]) return { name: "question", number: Number(question[1]) };

  const pattern = /^\/patterns\/([a-z0-9-]+)$/.exec(pathname);
  if (pattern?.[1]) return { name: "pattern", pageId: pattern[1] };

  return { name: "not-found" };
}
