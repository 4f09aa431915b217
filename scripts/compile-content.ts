import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

import { ContentError } from "../src/core/content/content-error.ts";
import { loadContent } from "../src/core/content/load-content.server.ts";

/*
 * Validates `content/` and writes it as typed modules under
 * `src/generated/`, which the SPA, the API and the tests import. Each
 * pattern page is its own module so the browser loads a page only when
 * someone opens it.
 */

const outDir = join("src", "generated");
const banner = "// Generated from content/ by scripts/compile-content.ts.\n";

function compile(): void {
  const { content, pages } = loadContent("content");

  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(join(outDir, "patterns"), { recursive: true });

  // The questions go in a module of their own, which is all the first
  // screens need; the levels and recommendations load with the results.
  const { levels, recommendations, ...quiz } = content;
  writeFileSync(
    join(outDir, "quiz-content.ts"),
    `${banner}import type { QuizContent } from "../core/content/schema.ts";\n\n` +
      `export const quizContent: QuizContent = ${JSON.stringify(quiz, null, 2)};\n`,
  );
  writeFileSync(
    join(outDir, "content.ts"),
    `${banner}import type { Content } from "../core/content/schema.ts";\n` +
      `import { quizContent } from "./quiz-content.ts";\n\n` +
      "export const content: Content = {\n  ...quizContent,\n" +
      `  levels: ${JSON.stringify(levels, null, 2)},\n` +
      `  recommendations: ${JSON.stringify(recommendations, null, 2)},\n};\n`,
  );

  for (const page of pages) {
    writeFileSync(
      join(outDir, "patterns", `${page.id}.ts`),
      `${banner}import type { PatternPage } from "../../core/content/schema.ts";\n\n` +
        `export const page: PatternPage = ${JSON.stringify(page, null, 2)};\n`,
    );
  }

  const loaders = pages
    .map((page) => `  "${page.id}": () => import("./${page.id}.ts"),`)
    .join("\n");
  writeFileSync(
    join(outDir, "patterns", "index.ts"),
    `${banner}import type { PatternPage } from "../../core/content/schema.ts";\n\n` +
      "export const patternLoaders: Record<\n  string,\n" +
      "  () => Promise<{ page: PatternPage }>\n> = {\n" +
      `${loaders}\n};\n`,
  );

  console.log(
    `Content ${content.version}: ${content.questions.length} questions, ` +
      `${content.recommendations.length} recommendations, ${pages.length} pages.`,
  );
}

try {
  compile();
} catch (error) {
  if (!(error instanceof ContentError)) throw error;
  console.error(error.message);
  process.exit(1);
}
