import type { ContentProblem } from "./content-error.ts";

/** The five parts every pattern section covers, in this order. */
export const sectionParts = [
  "What it is",
  "Why it matters",
  "How to start",
  "Pitfalls",
  "AWS services",
] as const;

export const minimumWordsPerPage = 600;

export interface ParsedSection {
  anchor: string;
  title: string;
  markdown: string;
}

export interface ParsedPage {
  id: string;
  file: string;
  frontmatter: string;
  /** Filled in once the frontmatter has been validated. */
  title?: string;
  area?: string;
  intro: string;
  sections: ParsedSection[];
  words: number;
}

const headingPattern = /^## (.+?)\s*(?:\{#([^}]*)\})?\s*$/;
const anchorPattern = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/**
 * Splits a pattern page into its frontmatter, intro and `##` sections,
 * and reports what breaks the page's rules: a missing or malformed
 * anchor, a repeated anchor, the five parts missing or out of order,
 * or too few words.
 */
export function parsePatternPage(
  id: string,
  file: string,
  source: string,
): { page: ParsedPage; problems: ContentProblem[] } {
  const problems: ContentProblem[] = [];
  const report = (path: string, message: string) =>
    problems.push({ file, path, message });

  const { frontmatter, body, bodyLine } = splitFrontmatter(source);
  if (frontmatter === undefined) {
    report("", "must start with a frontmatter block between --- lines");
  }

  const chunks = splitSections(body, bodyLine);
  const sections: ParsedSection[] = [];
  const seen = new Set<string>();

  for (const chunk of chunks.sections) {
    const path = `line ${chunk.line}`;
    const match = headingPattern.exec(chunk.heading);
    const title = match?.[1] ?? chunk.heading;
    const anchor = match?.[2];

    if (anchor === undefined || !anchorPattern.test(anchor)) {
      report(path, `heading "${title}" needs a kebab-case {#anchor}`);
      continue;
    }
    if (seen.has(anchor)) report(path, `anchor "${anchor}" is used twice`);
    seen.add(anchor);

    const order = checkParts(chunk.markdown);
    if (order) report(path, `section "${anchor}" ${order}`);
    sections.push({ anchor, title, markdown: chunk.markdown });
  }

  if (sections.length === 0) report("", "has no ## sections");

  const words = countWords(body);
  if (words < minimumWordsPerPage) {
    report("", `has ${words} words; a page needs ${minimumWordsPerPage}`);
  }

  const page: ParsedPage = {
    id,
    file,
    frontmatter: frontmatter ?? "",
    intro: chunks.intro,
    sections,
    words,
  };
  return { page, problems };
}

/*
 * `bodyLine` is the file's line number of the body's first line, so
 * that problems name the line an author sees in their editor.
 */
function splitFrontmatter(source: string): {
  frontmatter: string | undefined;
  body: string;
  bodyLine: number;
} {
  const text = source.replace(/\r\n/g, "\n");
  const match = /^---\n([\s\S]*?)\n---\n/.exec(text);
  if (!match) return { frontmatter: undefined, body: text, bodyLine: 1 };

  const frontmatterLines = match[0].split("\n").length - 1;
  return {
    frontmatter: match[1],
    body: text.slice(match[0].length),
    bodyLine: frontmatterLines + 1,
  };
}

interface Chunk {
  heading: string;
  line: number;
  markdown: string;
}

function splitSections(
  body: string,
  firstLine: number,
): { intro: string; sections: Chunk[] } {
  const intro: string[] = [];
  const sections: Chunk[] = [];
  let current: (Chunk & { lines: string[] }) | undefined;

  body.split("\n").forEach((line, index) => {
    if (line.startsWith("## ")) {
      if (current) sections.push(finish(current));
      const at = firstLine + index;
      current = { heading: line, line: at, markdown: "", lines: [] };
    } else if (current) {
      current.lines.push(line);
    } else {
      intro.push(line);
    }
  });
  if (current) sections.push(finish(current));

  return { intro: intro.join("\n").trim(), sections };
}

function finish(chunk: Chunk & { lines: string[] }): Chunk {
  const { lines, ...rest } = chunk;
  return { ...rest, markdown: lines.join("\n").trim() };
}

function checkParts(markdown: string): string | undefined {
  const found = markdown
    .split("\n")
    .filter((line) => line.startsWith("### "))
    .map((line) => line.slice(4).trim());
  const expected: readonly string[] = sectionParts;

  if (found.join("|") === expected.join("|")) return undefined;
  return (
    `must have the ### parts ${expected.map((p) => `"${p}"`).join(", ")} ` +
    `in that order; found ${found.map((p) => `"${p}"`).join(", ") || "none"}`
  );
}

/** Counts words in Markdown, ignoring headings' anchors and punctuation. */
export function countWords(markdown: string): number {
  const plain = markdown.replace(/\{#[^}]*\}/g, " ");
  return plain.split(/\s+/).filter((token) => /[\p{L}\p{N}]/u.test(token))
    .length;
}
