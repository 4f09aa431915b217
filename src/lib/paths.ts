import { isUuid } from "./uuid.ts";

/** The app's addresses, in one place so screens link without guessing. */
export const paths = {
  start: "/",
  results: "/results",
  /** The leads admin; deliberately linked from nowhere in the app. */
  admin: "/admin",

  /** The question screen for a 1-based question number. */
  question(number: number) {
    return `/assessment/${number}`;
  },

  /** A stored result, by its id; the share link. */
  sharedResult(id: string) {
    return `/results/${id}`;
  },
};

export type Route =
  | { name: "landing" }
  | { name: "question"; number: number }
  | { name: "results" }
  | { name: "shared-result"; id: string }
  | { name: "admin" }
  | { name: "pattern"; pageId: string }
  | { name: "not-found" };

/**
 * Matches a path to a route. Only the shape is checked here: whether
 * question 99 or pattern page "x" exists is up to the screens.
 *
 * @example
 * matchRoute("/assessment/3"); // { name: "question", number: 3 }
 * matchRoute("/results/0b7f6a0e-2f7d-4c1e-9a55-3c1b8f0e7d21");
 * // { name: "shared-result", id: "0b7f6a0e-…" }
 */
export function matchRoute(pathname: string): Route {
  if (pathname === "/") return { name: "landing" };
  if (pathname === paths.results) return { name: "results" };
  if (pathname === paths.admin) return { name: "admin" };

  const question = /^\/assessment\/([1-9]\d{0,2})$/.exec(pathname);
  if (question?.[1]) return { name: "question", number: Number(question[1]) };

  const shared = /^\/results\/([0-9a-f-]{36})$/i.exec(pathname);
  if (shared?.[1] && isUuid(shared[1])) {
    return { name: "shared-result", id: shared[1].toLowerCase() };
  }

  const pattern = /^\/patterns\/([a-z0-9-]+)$/.exec(pathname);
  if (pattern?.[1]) return { name: "pattern", pageId: pattern[1] };

  return { name: "not-found" };
}
