import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";

import {
  choiceOf,
  optionRadio,
  questionHeading,
  questions,
  resultsHeading,
  startButton,
  waitForQuestion,
  type Choice,
} from "../support/assessment-journey.ts";
import {
  desktop,
  focusIndicatorOf,
  isFocused,
  tabTo,
} from "../support/browser.ts";
import { useAppInChromium } from "../support/chromium-suite.ts";
import {
  expectResultsFor,
  recommendationItems,
} from "../support/results-checks.ts";

const suite = useAppInChromium();

/** Spread picks over the options, with the fifth answered "Not sure". */
function keyboardChoices(): Choice[] {
  return questions.map((question, index) => {
    const scored = question.options.length - 1;
    const position = index === 4 ? scored : (index * 2) % scored;
    return choiceOf(index + 1, question.options[position]!.id);
  });
}

async function expectVisibleFocus(page: Page) {
  expect(await focusIndicatorOf(page)).toBe("visible");
}

async function answerByKeys(page: Page, choice: Choice) {
  await waitForQuestion(page, choice.number);
  const heading = questionHeading(page, choice.number);
  await expect.poll(() => isFocused(heading)).toBe(true);
  await expectVisibleFocus(page);

  const key = choice.question.options.indexOf(choice.option) + 1;
  await page.keyboard.press(String(key));
  await expect.poll(() => optionRadio(page, choice).isChecked()).toBe(true);
  await page.keyboard.press("Enter");
}

async function followRecommendationByKeys(page: Page) {
  const link = recommendationItems(page).first().getByRole("link");
  const href = await link.getAttribute("href");
  await tabTo(page, link);
  await expectVisibleFocus(page);

  await page.keyboard.press("Enter");
  await page.waitForURL((url) => `${url.pathname}${url.hash}` === href);
  await page.getByRole("heading", { level: 1 }).waitFor();
}

describe("the assessment by keyboard alone", () => {
  it("reaches the results and a pattern page and comes back", async () => {
    const { page, watch } = await suite.open(desktop);
    const choices = keyboardChoices();

    await page.goto("/");
    await tabTo(page, startButton(page));
    await expectVisibleFocus(page);
    await page.keyboard.press("Enter");
    for (const choice of choices) await answerByKeys(page, choice);
    await expectResultsFor(page, choices);

    await followRecommendationByKeys(page);
    const back = page.getByRole("link", { name: "Back to your results" });
    await tabTo(page, back);
    await expectVisibleFocus(page);
    await page.keyboard.press("Enter");
    await resultsHeading(page).waitFor();

    expect(watch.errors).toEqual([]);
  });
});
