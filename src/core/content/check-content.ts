import type { z } from "zod";

import type { ContentProblem } from "./content-error.ts";
import type { ParsedPage } from "./parse-pattern-page.ts";
import {
  conditionsOf,
  isNotSure,
  optionScore,
  type assessmentFileSchema,
  type questionFileSchema,
  type recommendationsFileSchema,
} from "./schema.ts";

export interface Located<T> {
  file: string;
  data: T;
}

export interface ParsedContent {
  assessment: Located<z.infer<typeof assessmentFileSchema>>;
  questionFiles: Located<z.infer<typeof questionFileSchema>>[];
  recommendations: Located<z.infer<typeof recommendationsFileSchema>>;
  pages: ParsedPage[];
}

type Report = (file: string, path: string, message: string) => void;

/**
 * Checks what a schema cannot see on one file alone: unique ids, links
 * between files, level bands, option scores and whether every question
 * can lead to advice. Returns every problem found, not just the first.
 */
export function checkContent(content: ParsedContent): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const report: Report = (file, path, message) =>
    problems.push({ file, path, message });

  checkAreasAndLevels(content, report);
  checkQuestions(content, report);
  checkRecommendations(content, report);
  checkPages(content, report);
  return problems;
}

function checkUnique(
  ids: { id: string; path: string }[],
  file: string,
  what: string,
  report: Report,
): void {
  const seen = new Set<string>();
  for (const { id, path } of ids) {
    if (seen.has(id)) report(file, path, `${what} id "${id}" is used twice`);
    seen.add(id);
  }
}

function checkAreasAndLevels(content: ParsedContent, report: Report): void {
  const { file, data } = content.assessment;
  const pageIds = new Set(content.pages.map((page) => page.id));

  checkUnique(
    data.areas.map((area, i) => ({ id: area.id, path: `areas[${i}].id` })),
    file,
    "area",
    report,
  );
  data.areas.forEach((area, i) => {
    if (!pageIds.has(area.page)) {
      report(file, `areas[${i}].page`, missingPage(area.page, pageIds));
    }
    const hasQuestions = content.questionFiles.some(
      (questions) => questions.data.area === area.id,
    );
    if (!hasQuestions) {
      report(file, `areas[${i}]`, `area "${area.id}" has no questions`);
    }
  });

  checkUnique(
    data.levels.map((level, i) => ({ id: level.id, path: `levels[${i}].id` })),
    file,
    "level",
    report,
  );
  checkLevelBands(content, report);
}

function checkLevelBands(content: ParsedContent, report: Report): void {
  const { file, data } = content.assessment;
  let expectedMin = 0;

  data.levels.forEach((level, i) => {
    if (level.min !== expectedMin) {
      report(
        file,
        `levels[${i}].min`,
        `is ${level.min}, but the bands must run on without gaps or ` +
          `overlaps from 0, so it should be ${expectedMin}`,
      );
    }
    if (level.max < level.min) {
      report(file, `levels[${i}].max`, "is below min");
    }
    expectedMin = level.max + 1;
  });

  if (expectedMin !== 101) {
    report(file, "levels", "the last level must end at 100");
  }
}

function checkQuestions(content: ParsedContent, report: Report): void {
  const { scale, areas } = content.assessment.data;
  const areaIds = new Set(areas.map((area) => area.id));
  const seen = new Set<string>();

  for (const { file, data } of content.questionFiles) {
    if (!areaIds.has(data.area)) {
      report(file, "area", unknown("area", data.area, areaIds));
    }

    data.questions.forEach((question, i) => {
      const path = `questions[${i}]`;
      if (seen.has(question.id)) {
        report(
          file,
          `${path}.id`,
          `question id "${question.id}" is used twice`,
        );
      }
      seen.add(question.id);

      checkOptions(question.options, scale, file, path, report);
      checkPatternLink(
        content,
        question.pattern,
        file,
        `${path}.pattern`,
        report,
      );
      checkTriggersAdvice(content, question.id, file, path, report);
    });
  }
}

function checkOptions(
  options: z.infer<typeof questionFileSchema>["questions"][number]["options"],
  scale: { min: number; max: number },
  file: string,
  path: string,
  report: Report,
): void {
  checkUnique(
    options.map((option, i) => ({
      id: option.id,
      path: `${path}.options[${i}].id`,
    })),
    file,
    "option",
    report,
  );

  const notSure = options.filter(isNotSure);
  if (notSure.length !== 1 || !isNotSure(options[options.length - 1]!)) {
    report(
      file,
      `${path}.options`,
      'needs exactly one "notSure: true" option, and it must come last',
    );
  }

  const scores: number[] = [];
  options.forEach((option, i) => {
    if (isNotSure(option)) return;
    if (option.score < scale.min || option.score > scale.max) {
      report(
        file,
        `${path}.options[${i}].score`,
        `is ${option.score}, outside the scale ${scale.min} to ${scale.max}`,
      );
    }
    scores.push(option.score);
  });

  const increasing = scores.every(
    (score, i) => i === 0 || score > scores[i - 1]!,
  );
  const spansScale =
    scores[0] === scale.min && scores[scores.length - 1] === scale.max;
  if (!increasing || !spansScale || scores.length < 2) {
    report(
      file,
      `${path}.options`,
      `scores must rise strictly from ${scale.min} to ${scale.max}; ` +
        `found ${scores.join(", ")}`,
    );
  }
}

function checkTriggersAdvice(
  content: ParsedContent,
  questionId: string,
  file: string,
  path: string,
  report: Report,
): void {
  const scoresOf = answerScores(content);
  const triggers = content.recommendations.data.recommendations.some((rec) =>
    canLeadToAdvice(rec.when, questionId, scoresOf),
  );

  if (!triggers) {
    report(
      file,
      path,
      `no recommendation can be reached through question "${questionId}": ` +
        'none has an "atMost" on it that one of its answers meets together ' +
        "with the rest of the recommendation's conditions",
    );
  }
}

type Condition = ReturnType<typeof conditionsOf>[number];
type QuestionCondition = Extract<Condition, { question: string }>;

/** The scores each question's answers can have, by question id. */
function answerScores(content: ParsedContent): Map<string, number[]> {
  const { scale } = content.assessment.data;
  const questions = content.questionFiles.flatMap((f) => f.data.questions);
  return new Map(
    questions.map((q) => [q.id, q.options.map((o) => optionScore(o, scale))]),
  );
}

const holdsAt = (condition: QuestionCondition, score: number) =>
  "atMost" in condition
    ? score <= condition.atMost
    : score >= condition.atLeast;

/*
 * A rule can be reached through a question when one of the question's
 * answers meets an "atMost" on it. With "all", that same answer must
 * meet every other condition on the question, and each other question
 * named must have an answer that meets its conditions. Area conditions
 * are taken as reachable: the answers to the area can push its score
 * either way.
 */
function canLeadToAdvice(
  when: Parameters<typeof conditionsOf>[0],
  questionId: string,
  scoresOf: Map<string, number[]>,
): boolean {
  const onQuestion = (id: string) =>
    conditionsOf(when).filter(
      (c): c is QuestionCondition => "question" in c && c.question === id,
    );
  const reachable = (id: string, conditions: QuestionCondition[]) =>
    (scoresOf.get(id) ?? []).some((score) =>
      conditions.every((condition) => holdsAt(condition, score)),
    );

  const own = onQuestion(questionId);
  const lowers = own.filter((c) => "atMost" in c);
  if (lowers.length === 0) return false;
  if ("any" in when) {
    return lowers.some((lower) => reachable(questionId, [lower]));
  }

  if (!reachable(questionId, own)) return false;
  const others = new Set(
    conditionsOf(when).flatMap((c) =>
      "question" in c && c.question !== questionId ? [c.question] : [],
    ),
  );
  return [...others].every((id) => reachable(id, onQuestion(id)));
}

function checkRecommendations(content: ParsedContent, report: Report): void {
  const { file, data } = content.recommendations;
  const { scale, areas } = content.assessment.data;
  const areaIds = new Set(areas.map((area) => area.id));
  const questions = new Set(
    content.questionFiles.flatMap((f) => f.data.questions.map((q) => q.id)),
  );

  checkUnique(
    data.recommendations.map((rec, i) => ({
      id: rec.id,
      path: `recommendations[${i}].id`,
    })),
    file,
    "recommendation",
    report,
  );

  data.recommendations.forEach((rec, i) => {
    const path = `recommendations[${i}]`;
    checkPatternLink(content, rec.pattern, file, `${path}.pattern`, report);

    const key = "any" in rec.when ? "any" : "all";
    conditionsOf(rec.when).forEach((condition, j) => {
      const at = `${path}.when.${key}[${j}]`;
      if ("question" in condition) {
        if (!questions.has(condition.question)) {
          report(
            file,
            `${at}.question`,
            unknown("question", condition.question, questions),
          );
        }
        const limit =
          "atMost" in condition ? condition.atMost : condition.atLeast;
        if (limit < scale.min || limit > scale.max) {
          report(
            file,
            at,
            `${limit} is outside the scale ${scale.min} to ${scale.max}`,
          );
        }
      } else if (!areaIds.has(condition.area)) {
        report(file, `${at}.area`, unknown("area", condition.area, areaIds));
      }
    });
  });
}

function checkPatternLink(
  content: ParsedContent,
  ref: string,
  file: string,
  path: string,
  report: Report,
): void {
  const [pageId = "", anchor = ""] = ref.split("#");
  const page = content.pages.find((candidate) => candidate.id === pageId);
  const pageIds = new Set(content.pages.map((candidate) => candidate.id));

  if (!page) {
    report(
      file,
      path,
      `links to "${ref}", but ${missingPage(pageId, pageIds)}`,
    );
    return;
  }
  const anchors = page.sections.map((section) => section.anchor);
  if (!anchors.includes(anchor)) {
    report(
      file,
      path,
      `links to "${ref}", but ${page.file} has no section with the anchor ` +
        `"${anchor}" (it has: ${anchors.join(", ")})`,
    );
  }
}

function checkPages(content: ParsedContent, report: Report): void {
  const areaIds = new Set(content.assessment.data.areas.map((a) => a.id));
  for (const page of content.pages) {
    if (page.area !== undefined && !areaIds.has(page.area)) {
      report(page.file, "area", unknown("area", page.area, areaIds));
    }
  }
}

function unknown(what: string, id: string, known: Set<string>): string {
  return `names the unknown ${what} "${id}" (known: ${[...known].join(", ")})`;
}

function missingPage(id: string, known: Set<string>): string {
  return (
    `there is no pattern page "${id}" ` +
    `(expected content/patterns/${id}.md; pages: ${[...known].join(", ")})`
  );
}
