/** One thing wrong with the content, located as precisely as we can. */
export interface ContentProblem {
  /** The file, relative to the project, e.g. `content/assessment.yaml`. */
  file: string;
  /** Where inside the file, e.g. `questions[2].options[0].score`. */
  path: string;
  message: string;
}

/**
 * Thrown when the content does not validate. Its message lists every
 * problem on its own line, so a build log shows all of them at once.
 *
 * @example
 * content/recommendations.yaml: recommendations[3].pattern: links to ...
 */
export class ContentError extends Error {
  readonly problems: ContentProblem[];

  constructor(problems: ContentProblem[]) {
    const lines = problems.map(formatProblem);
    super(
      `The content has ${problems.length} problem(s):\n${lines.join("\n")}`,
    );
    this.name = "ContentError";
    this.problems = problems;
  }
}

function formatProblem(problem: ContentProblem): string {
  const where = problem.path
    ? `${problem.file}: ${problem.path}`
    : problem.file;
  return `  ${where}: ${problem.message}`;
}

/** Turns a zod issue path into `a.b[2].c`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => {
    if (typeof key === "number") return `${out}[${key}]`;
    const name = String(key);
    return out ? `${out}.${name}` : name;
  }, "");
}
