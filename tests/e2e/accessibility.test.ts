import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";

import {
  choiceOf,
  completeAssessment,
  lastSectionOf,
  nextButton,
  optionRadio,
  realisticChoices,
  startButton,
  waitForQuestion,
} from "../support/assessment-journey.ts";
import { expectNoAxeViolations } from "../support/axe.ts";
import { desktop, phone } from "../support/browser.ts";
import { useAppInChromium } from "../support/chromium-suite.ts";

const suite = useAppInChromium();

async function openQuestionOne(page: Page) {
  await page.goto("/");
  await startButton(page).click();
  await waitForQuestion(page, 1);
}

/** Every CSS transition or animation on the page that takes time. */
function movingElements(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll("*")].flatMap((element) => {
      const style = getComputedStyle(element);
      const durations = `${style.transitionDuration},${style.animationDuration}`;
      const seconds = Math.max(
        ...durations.split(",").map((part) => parseFloat(part) || 0),
      );
      return seconds > 0 ? [`<${element.tagName}> ${seconds}s`] : [];
    }),
  );
}

describe("accessibility of every screen", () => {
  it("finds no axe violations on the landing page", async () => {
    const { page } = await suite.open();
    await page.goto("/");
    await startButton(page).waitFor();
    await expectNoAxeViolations(page, "the landing page");
  });

  it("finds no axe violations on the landing page's resume offer", async () => {
    const { page } = await suite.open();
    await openQuestionOne(page);
    await optionRadio(page, choiceOf(1, "some")).check();
    await page.goto("/");
    const resume = { name: "Resume where you left off" };
    await page.getByRole("button", resume).waitFor();
    await expectNoAxeViolations(page, "the landing page with a resume offer");
  });

  it("finds no axe violations on a question, on a phone", async () => {
    const { page } = await suite.open(phone);
    await openQuestionOne(page);
    await expectNoAxeViolations(page, "question 1");
  });

  it("finds no axe violations on a question's missing-answer error", async () => {
    const { page } = await suite.open();
    await openQuestionOne(page);
    await nextButton(page, 1).click();

    await waitForQuestion(page, 1);
    await page.getByText(/choose an answer/i).waitFor();
    await expectNoAxeViolations(page, "question 1 with its error");
  });

  it("finds no axe violations on the results", async () => {
    const { page } = await suite.open();
    await completeAssessment(page, realisticChoices());
    const chart = page.getByRole("figure", { name: /^Bar chart/ });
    await chart.locator("svg").first().waitFor();
    await expectNoAxeViolations(page, "the results");
  });

  it("finds no axe violations on a pattern page", async () => {
    const { page } = await suite.open();
    const section = await lastSectionOf("hybrid");
    await page.goto(`/patterns/${section.pageId}`);
    const title = { level: 1, name: section.pageTitle };
    await page.getByRole("heading", title).waitFor();
    await expectNoAxeViolations(page, "a pattern page");
  });

  it("finds no axe violations on the not-found page", async () => {
    const { page } = await suite.open();
    await page.goto("/no-such-page");
    const title = { level: 1, name: "Page not found" };
    await page.getByRole("heading", title).waitFor();
    await expectNoAxeViolations(page, "the not-found page");
  });

  it("has no transition or animation when reduced motion is asked for", async () => {
    const calm = { ...desktop, reducedMotion: "reduce" as const };
    const { page } = await suite.open(calm);
    await openQuestionOne(page);
    await optionRadio(page, choiceOf(1, "some")).check();
    const query = "(prefers-reduced-motion: reduce)";

    expect(await page.evaluate((q) => matchMedia(q).matches, query)).toBe(true);
    expect(await movingElements(page)).toEqual([]);
  });
});
