import { PageHeading } from "./page-heading.tsx";
import { paths } from "../lib/paths.ts";
import { Link } from "../lib/router.tsx";
import { useDocumentTitle } from "../lib/use-document-title.ts";

/** Any address the app does not know. */
export function NotFoundScreen() {
  useDocumentTitle("Page not found");

  return (
    <section className="screen">
      <PageHeading>Page not found</PageHeading>
      <p>
        There is nothing at this address. If you followed a link, it may be out
        of date. Any answers you gave are still saved.
      </p>
      <p>
        <Link to={paths.start} className="button primary">
          Go to the start
        </Link>
      </p>
    </section>
  );
}
