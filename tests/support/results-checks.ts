import type { Page } from "playwright-core";
import { expect } from "vitest";

import type { AssessmentResult } from "../../src/core/scoring/score-assessment.ts";
import {
  chartNames,
  expectedResultFor,
  patternSection,
  questionAt,
  questions,
  resultsHeading,
  waitForQuestion,
  type Choice,
} from "./assessment-journey.ts";

const resultSections = [
  "Scores by area",
  "Strengths",
  "Gaps",
  "Not sure",
  "Recommendations",
];

/** The app's name, which ends every tab title. */
const appTitle = "Integration Readiness Assessment";

/**
 * Asserts what a question screen shows: the progress as heading, tab
 * title and progress bar, and one radio per option with "Not sure"
 * last. A part that does not show fails the wait that names it.
 */
export async function expectQuestionScreen(page: Page, number: number) {
  await waitForQuestion(page, number);
  const counter = `Question ${number} of ${questions.length}`;
  await page.getByRole("heading", { level: 1, name: counter }).waitFor();
  expect(await page.title()).toBe(`${counter} - ${appTitle}`);
  await expectProgressBar(page, number, counter);
  await expectOptionsInOrder(page, number);
}

async function expectProgressBar(page: Page, number: number, text: string) {
  const name = "Assessment progress";
  const bar = page.getByRole("progressbar", { name });
  const values = await bar.evaluate((element) =>
    ["valuenow", "valuemin", "valuemax", "valuetext"].map((value) =>
      element.getAttribute(`aria-${value}`),
    ),
  );
  expect(values).toEqual([`${number}`, "0", `${questions.length}`, text]);
}

async function expectOptionsInOrder(page: Page, number: number) {
  const { prompt, options } = questionAt(number);
  const group = page.getByRole("radiogroup", { name: prompt, exact: true });
  const snapshot = await group.ariaSnapshot();
  const radios = [...snapshot.matchAll(/^\s*- radio "((?:[^"\\]|\\.)*)"/gm)];

  expect(radios).toHaveLength(options.length);
  expect(radios.at(-1)?.[1]).toBe("Not sure");
}

/**
 * Asserts that the results page shows the score, table, charts and
 * recommendations the scoring core computes for these choices.
 */
export async function expectResultsFor(page: Page, choices: Choice[]) {
  const expected = expectedResultFor(choices);
  await resultsHeading(page).waitFor();
  expect(await page.title()).toBe(`Your results - ${appTitle}`);

  for (const name of resultSections) {
    await page.getByRole("heading", { level: 2, name, exact: true }).waitFor();
  }
  await expectOverallScore(page, expected);
  await expectAreaTable(page, expected);
  await expectCharts(page);
  await expectRecommendations(page, expected);
}

async function expectOverallScore(page: Page, expected: AssessmentResult) {
  const { score, level } = expected.overall;
  const overall = page
    .locator("*")
    .filter({ hasText: "Overall score" })
    .filter({ hasText: / out of 100/ })
    .last();
  const text = await overall.innerText();

  expect(text).toContain(`${score} out of 100`);
  expect(text).toContain(`Maturity level: ${level.name}`);
  expect(text).toContain(level.meaning);
}

async function expectAreaTable(page: Page, expected: AssessmentResult) {
  const table = page.getByRole("table", { name: "Scores by area" });
  await table.waitFor();

  for (const area of expected.areas) {
    const row = table.getByRole("row").filter({ hasText: area.name });
    const cells = await row.getByRole("cell").allInnerTexts();
    const text = [await row.getByRole("rowheader").allInnerTexts(), cells];
    expect(text.flat().join(" | "), area.name).toMatch(
      new RegExp(`\\b${area.score}\\b.*${area.level.name}`),
    );
  }
}

async function expectCharts(page: Page) {
  for (const name of chartNames) {
    const figure = page.getByRole("figure", { name });
    await figure.waitFor();
    await figure.locator("svg").first().waitFor();
  }
}

/** Each recommendation on the results page: its item, title and link. */
export function recommendationItems(page: Page) {
  const link = page.getByRole("link", { name: /^Read: / });
  return page.getByRole("listitem").filter({ has: link });
}

async function expectRecommendations(page: Page, expected: AssessmentResult) {
  await recommendationItems(page).first().waitFor();
  const items = await recommendationItems(page).all();
  const ranked = expected.recommendations.slice(0, items.length);

  for (const [index, item] of items.entries()) {
    const recommendation = ranked[index]!;
    const title = item.getByRole("heading", { level: 3 });
    expect(await title.innerText()).toBe(recommendation.title);

    const section = await patternSection(recommendation.pattern);
    const link = item.getByRole("link", { name: `Read: ${section.title}` });
    expect(await link.getAttribute("href")).toBe(
      `/patterns/${section.pageId}#${section.anchor}`,
    );
  }
}
