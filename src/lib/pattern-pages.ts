import type { PatternPage } from "../core/content/schema.ts";
import { patternLoaders } from "../generated/patterns/index.ts";
import { loadOnce } from "./load-once.ts";

const loaders = new Map(
  Object.entries(patternLoaders).map(([id, load]) => [
    id,
    loadOnce(async () => (await load()).page),
  ]),
);

/** True when the content has a pattern page with this id. */
export function hasPatternPage(pageId: string) {
  return loaders.has(pageId);
}

/**
 * Loads one pattern page; each page is a chunk of its own, fetched the
 * first time it is asked for and shared after that.
 *
 * @example
 * const page = use(loadPatternPage("event-driven"));
 */
export function loadPatternPage(pageId: string): Promise<PatternPage> {
  const load = loaders.get(pageId);
  if (!load) return Promise.reject(new Error(`no pattern page "${pageId}"`));
  return load();
}

/** Splits a `page#anchor` reference into its parts. */
export function parsePatternRef(ref: string) {
  const [page = "", anchor = ""] = ref.split("#");
  return { page, anchor, href: `/patterns/${page}#${anchor}` };
}
