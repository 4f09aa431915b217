import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { basename, join, relative } from "node:path";

import { marked } from "marked";
import { parseDocument } from "yaml";
import type { z } from "zod";

import { checkContent, type ParsedContent } from "./check-content.ts";
import {
  ContentError,
  formatPath,
  type ContentProblem,
} from "./content-error.ts";
import { parsePatternPage, type ParsedPage } from "./parse-pattern-page.ts";
import {
  assessmentFileSchema,
  patternFrontmatterSchema,
  questionFileSchema,
  recommendationsFileSchema,
  type Content,
  type PatternPage,
} from "./schema.ts";

export interface LoadedContent {
  content: Content;
  pages: PatternPage[];
}

/**
 * Reads, validates and compiles the content folder. Runs at build and
 * test time only: it uses the file system and a Markdown renderer,
 * neither of which the browser bundle carries.
 *
 * @throws ContentError listing every problem, each with file and path.
 * @example
 * const { content, pages } = loadContent("content");
 */
export function loadContent(dir: string, root = process.cwd()): LoadedContent {
  const problems: ContentProblem[] = [];
  const name = (file: string) => relative(root, join(dir, file));

  const assessment = readYaml(
    name("assessment.yaml"),
    root,
    assessmentFileSchema,
    problems,
  );
  const questionFiles = listFiles(join(dir, "questions"), ".yaml").map((file) =>
    readYaml(name(`questions/${file}`), root, questionFileSchema, problems),
  );
  const recommendations = readYaml(
    name("recommendations.yaml"),
    root,
    recommendationsFileSchema,
    problems,
  );
  const pages = listFiles(join(dir, "patterns"), ".md").map((file) =>
    readPage(name(`patterns/${file}`), root, problems),
  );

  if (!assessment || !recommendations || questionFiles.includes(undefined)) {
    throw new ContentError(problems);
  }

  const parsed: ParsedContent = {
    assessment,
    questionFiles: questionFiles.filter((f) => f !== undefined),
    recommendations,
    pages,
  };
  problems.push(...checkContent(parsed));
  if (problems.length > 0) throw new ContentError(problems);

  return { content: compileContent(parsed), pages: pages.map(renderPage) };
}

function listFiles(dir: string, extension: string): string[] {
  try {
    return readdirSync(dir)
      .filter((file) => file.endsWith(extension))
      .sort();
  } catch {
    return [];
  }
}

function readYaml<T>(
  file: string,
  root: string,
  schema: z.ZodType<T>,
  problems: ContentProblem[],
): { file: string; data: T } | undefined {
  let source: string;
  try {
    source = readFileSync(join(root, file), "utf8");
  } catch {
    problems.push({ file, path: "", message: "is missing" });
    return undefined;
  }

  const document = parseDocument(source);
  const [error] = document.errors;
  if (error) {
    // Later errors usually follow from the first, so name only that one.
    const line = error.linePos?.[0].line;
    const message = error.message.split("\n")[0]!.replace(/ at line.*$/, "");
    problems.push({
      file,
      path: line === undefined ? "" : `line ${line}`,
      message: `is not valid YAML: ${message}`,
    });
    return undefined;
  }

  const result = schema.safeParse(document.toJS());
  if (!result.success) {
    for (const issue of result.error.issues) {
      problems.push({
        file,
        path: formatPath(issue.path),
        message: issue.message,
      });
    }
    return undefined;
  }
  return { file, data: result.data };
}

function readPage(
  file: string,
  root: string,
  problems: ContentProblem[],
): ParsedPage {
  const id = basename(file, ".md");
  const source = readFileSync(join(root, file), "utf8");
  const { page, problems: pageProblems } = parsePatternPage(id, file, source);
  problems.push(...pageProblems);

  const frontmatter = patternFrontmatterSchema.safeParse(
    parseDocument(page.frontmatter).toJS() ?? {},
  );
  if (!frontmatter.success) {
    for (const issue of frontmatter.error.issues) {
      const path = `frontmatter.${formatPath(issue.path)}`;
      problems.push({ file, path, message: issue.message });
    }
    return page;
  }
  return { ...page, ...frontmatter.data };
}

function compileContent(parsed: ParsedContent): Content {
  const { title, scale, areas, levels } = parsed.assessment.data;
  const questions = areas.flatMap((area) =>
    parsed.questionFiles
      .filter((file) => file.data.area === area.id)
      .flatMap((file) => file.data.questions)
      .map((question) => ({ ...question, area: area.id })),
  );
  const { recommendations } = parsed.recommendations.data;

  const scoring = { scale, areas, levels, questions, recommendations };
  return {
    version: hashVersion(scoring),
    title,
    scale,
    areas,
    levels,
    questions,
    recommendations,
  };
}

/**
 * The version is a hash of everything that changes a score, a level or
 * a recommendation, so wording fixes elsewhere keep stored results
 * comparable while any change to scoring gives a new version.
 */
function hashVersion(scoring: Omit<Content, "version" | "title">): string {
  const relevant = {
    scale: scoring.scale,
    areas: scoring.areas.map(({ id }) => id),
    levels: scoring.levels.map(({ id, min, max }) => ({ id, min, max })),
    questions: scoring.questions.map(({ id, area, weight, options }) => ({
      id,
      area,
      weight,
      options: options.map((option) =>
        "notSure" in option
          ? { id: option.id, notSure: true }
          : { id: option.id, score: option.score },
      ),
    })),
    recommendations: scoring.recommendations.map(
      ({ id, priority, impact, when, pattern }) => ({
        id,
        priority,
        impact,
        when,
        pattern,
      }),
    ),
  };
  return createHash("sha256")
    .update(JSON.stringify(relevant))
    .digest("hex")
    .slice(0, 12);
}

function renderPage(page: ParsedPage): PatternPage {
  const render = (markdown: string) =>
    marked.parse(markdown, { async: false, gfm: true });

  return {
    id: page.id,
    title: page.title ?? page.id,
    area: page.area ?? "",
    introHtml: render(page.intro),
    sections: page.sections.map((section) => ({
      anchor: section.anchor,
      title: section.title,
      html: render(section.markdown),
    })),
  };
}
