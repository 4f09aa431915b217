import type { Page } from "playwright-core";

import type { Option, Question } from "../../src/core/content/schema.ts";
import type { Answers } from "../../src/core/scoring/answers.ts";
import { scoreAssessment } from "../../src/core/scoring/score-assessment.ts";
import { content } from "../../src/generated/content.ts";
import { patternLoaders } from "../../src/generated/patterns/index.ts";
import { notSureOption, optionNear } from "./answers.ts";

/** The questions in the order the app asks them. */
export const questions = content.questions;

/** The chart figures the results page shows, by accessible name. */
export const chartNames = [
  "Radar chart of area scores",
  "Bar chart of area scores",
];

/** One option picked for one question. */
export interface Choice {
  /** 1-based, as in `/assessment/N`. */
  number: number;
  question: Question;
  option: Option;
}

/** The question at a 1-based position. */
export function questionAt(number: number): Question {
  const question = questions[number - 1];
  if (!question) throw new Error(`there is no question ${number}`);
  return question;
}

/**
 * Answers a team with mature eventing, middling APIs and weak hybrid
 * practice would give, varied within each area, with the eighth
 * question answered "Not sure".
 */
export function realisticChoices(): Choice[] {
  const areaScore: Record<string, number> = {
    "event-driven": 3,
    "api-led": 2,
    hybrid: 1,
  };
  return questions.map((question, index) => {
    const wobble = (index % 3) - 1;
    const target = Math.min(4, Math.max(0, areaScore[question.area]! + wobble));
    const id =
      index === 7 ? notSureOption(question) : optionNear(question, target);
    return choiceOf(index + 1, id);
  });
}

/** The choice of an option, by its id, for the question at a position. */
export function choiceOf(number: number, optionId: string): Choice {
  const question = questionAt(number);
  const option = question.options.find((o) => o.id === optionId);
  if (!option) throw new Error(`question ${number} has no "${optionId}"`);
  return { number, question, option };
}

/** The answers the app should have stored for these choices. */
export function answersOf(choices: Choice[]): Answers {
  return Object.fromEntries(
    choices.map((choice) => [choice.question.id, choice.option.id]),
  );
}

/** What the scoring core makes of these choices: the expected result. */
export function expectedResultFor(choices: Choice[]) {
  return scoreAssessment(content, answersOf(choices));
}

/** The heading that carries a question's prompt. */
export function questionHeading(page: Page, number: number) {
  const { prompt } = questionAt(number);
  return page.getByRole("heading", { level: 2, name: prompt, exact: true });
}

/** The radio for one option, inside the group named by the prompt. */
export function optionRadio(page: Page, choice: Choice) {
  return page
    .getByRole("radiogroup", { name: choice.question.prompt, exact: true })
    .getByRole("radio", { name: choice.option.label, exact: true });
}

/** The button that moves on from a question: "Next" or the last one. */
export function nextButton(page: Page, number: number) {
  const name = number === questions.length ? "See my results" : "Next";
  return page.getByRole("button", { name, exact: true });
}

export function startButton(page: Page) {
  return page.getByRole("button", { name: "Start the assessment" });
}

export function resultsHeading(page: Page) {
  return page.getByRole("heading", { level: 1, name: "Your results" });
}

/** Waits until the app shows the question at a position. */
export async function waitForQuestion(page: Page, number: number) {
  await page.waitForURL((url) => url.pathname === `/assessment/${number}`);
  await questionHeading(page, number).waitFor();
}

/**
 * From the question on screen, picks each choice by clicking and moves
 * on with "Next", or "See my results" after the last question.
 */
export async function answerByClicking(page: Page, choices: Choice[]) {
  for (const choice of choices) {
    await waitForQuestion(page, choice.number);
    await optionRadio(page, choice).check();
    await nextButton(page, choice.number).click();
  }
}

/**
 * Answers every question by clicking but leaves the last one on screen,
 * its option chosen, so the caller decides how to go to the results.
 */
export async function answerAllButSubmit(page: Page, choices: Choice[]) {
  const last = choices.at(-1);
  if (!last) throw new Error("no choices to answer");
  await answerByClicking(page, choices.slice(0, -1));

  await waitForQuestion(page, last.number);
  await optionRadio(page, last).check();
}

/** From the landing page, takes the assessment up to the results. */
export async function completeAssessment(page: Page, choices: Choice[]) {
  await page.goto("/");
  await startButton(page).click();
  await answerByClicking(page, choices);
  await resultsHeading(page).waitFor();
  await resultsLoaded(page);
}

/**
 * Waits until the results screen has no "Loading…" left: the report
 * below the heading loads its settings and section titles after it.
 */
export async function resultsLoaded(page: Page) {
  const loading = page.getByRole("status").filter({ hasText: "Loading…" });
  await loading.first().waitFor({ state: "detached" });
}

/** A pattern section named by a reference such as `hybrid#cqrs`. */
export async function patternSection(reference: string) {
  const [pageId = "", anchor = ""] = reference.split("#");
  const load = patternLoaders[pageId];
  if (!load) throw new Error(`no pattern page "${pageId}"`);

  const { page } = await load();
  const section = page.sections.find((s) => s.anchor === anchor);
  if (!section) throw new Error(`no section "${anchor}" on "${pageId}"`);
  return { pageId, pageTitle: page.title, anchor, title: section.title };
}

/** The sections of a pattern page, in order. */
export async function sectionsOf(pageId: string) {
  const load = patternLoaders[pageId];
  if (!load) throw new Error(`no pattern page "${pageId}"`);
  return (await load()).page.sections;
}

/** The last section of a pattern page: far enough down to need a scroll. */
export async function lastSectionOf(pageId: string) {
  const last = (await sectionsOf(pageId)).at(-1)!;
  return patternSection(`${pageId}#${last.anchor}`);
}
