import { PageHeading } from "../../components/page-heading.tsx";
import { paths } from "../../lib/paths.ts";
import { Link } from "../../lib/router.tsx";

interface UnfinishedResultsProps {
  answered: number;
  total: number;
  /** The 1-based number of the first question without an answer. */
  next: number;
}

/** Shown at `/results` before every question has an answer. */
export function UnfinishedResults({
  answered,
  total,
  next,
}: UnfinishedResultsProps) {
  return (
    <section className="screen">
      <PageHeading>Your results are not ready yet</PageHeading>
      <p>
        The results need an answer to every question. You have answered{" "}
        {answered} of {total}.
      </p>
      <p>
        <Link to={paths.question(next)} className="button primary">
          Go to question {next}
        </Link>
      </p>
    </section>
  );
}
