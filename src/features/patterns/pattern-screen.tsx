import { use, useEffect } from "react";

import { PageHeading } from "../../components/page-heading.tsx";
import type { PatternPage } from "../../core/content/schema.ts";
import { paths } from "../../lib/paths.ts";
import { loadPatternPage } from "../../lib/pattern-pages.ts";
import { Link } from "../../lib/router.tsx";
import { useDocumentTitle } from "../../lib/use-document-title.ts";

interface PatternScreenProps {
  pageId: string;
  /** The section to show first, from the address's `#anchor`. */
  anchor: string;
}

/** The screen at `/patterns/PAGE`: one page of pattern material. */
export function PatternScreen({ pageId, anchor }: PatternScreenProps) {
  const page = use(loadPatternPage(pageId));
  const hasSection = page.sections.some((s) => s.anchor === anchor);

  useDocumentTitle(page.title);
  useEffect(() => {
    if (hasSection) showSection(anchor);
  }, [hasSection, anchor]);

  return (
    <article className="screen pattern-page">
      <p className="back-link">
        <Link to={paths.results}>Back to your results</Link>
      </p>
      <PageHeading focusOnArrival={!hasSection}>{page.title}</PageHeading>
      <div
        className="prose"
        dangerouslySetInnerHTML={{ __html: page.introHtml }}
      />
      <Contents page={page} />
      {page.sections.map((section) => (
        <section key={section.anchor} className="pattern-section">
          <h2 id={section.anchor} tabIndex={-1}>
            {section.title}
          </h2>
          <div
            className="prose"
            dangerouslySetInnerHTML={{ __html: section.html }}
          />
        </section>
      ))}
    </article>
  );
}

function Contents({ page }: { page: PatternPage }) {
  return (
    <nav aria-labelledby="contents-title" className="card contents">
      <p id="contents-title" className="contents-title">
        Contents
      </p>
      <ol>
        {page.sections.map((section) => (
          <li key={section.anchor}>
            <a href={`#${section.anchor}`}>{section.title}</a>
          </li>
        ))}
      </ol>
    </nav>
  );
}

/**
 * Scrolls a section's heading into view and focuses it. The page loads
 * after the address is set, so the browser's own jump to the anchor
 * finds nothing; this does it once the section exists, and again on
 * every change of anchor.
 */
function showSection(anchor: string) {
  const heading = document.getElementById(anchor);
  if (!heading) return;

  heading.scrollIntoView({ block: "start", behavior: "instant" });
  heading.focus({ preventScroll: true });
}
