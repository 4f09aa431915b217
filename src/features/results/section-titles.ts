import { loadPatternPage, parsePatternRef } from "../../lib/pattern-pages.ts";

/** Section titles by pattern reference (`page#anchor`). */
export type SectionTitles = ReadonlyMap<string, string>;

const loaded = new Map<string, Promise<SectionTitles>>();

/**
 * Loads the titles of the sections these references point to. The
 * titles live in the pattern pages, so the pages are fetched here,
 * which also makes following a recommendation link instant. A page
 * that fails to load leaves its links with a title made from the
 * anchor, so the results never fail for want of a link text.
 */
export function loadSectionTitles(refs: string[]): Promise<SectionTitles> {
  const pages = [...new Set(refs.map((ref) => parsePatternRef(ref).page))];
  const key = pages.sort().join(" ");

  let pending = loaded.get(key);
  if (!pending) {
    pending = Promise.all(pages.map(loadPageTitles)).then(
      (entries) => new Map(entries.flat()),
    );
    loaded.set(key, pending);
  }
  return pending;
}

async function loadPageTitles(pageId: string) {
  try {
    const page = await loadPatternPage(pageId);
    return page.sections.map(
      (section) => [`${pageId}#${section.anchor}`, section.title] as const,
    );
  } catch {
    return [];
  }
}

/** The section's title, or a readable one made from its anchor. */
export function sectionTitle(titles: SectionTitles, ref: string) {
  const known = titles.get(ref);
  if (known) return known;

  const words = parsePatternRef(ref).anchor.replaceAll("-", " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}
