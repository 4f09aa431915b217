import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";

import {
  answerByClicking,
  optionRadio,
  realisticChoices,
  startButton,
  waitForQuestion,
  type Choice,
} from "../support/assessment-journey.ts";
import { desktop } from "../support/browser.ts";
import { useAppInChromium } from "../support/chromium-suite.ts";

const suite = useAppInChromium();

async function answerFirstFive(page: Page, choices: Choice[]) {
  await page.goto("/");
  await startButton(page).click();
  await answerByClicking(page, choices.slice(0, 5));
  await waitForQuestion(page, 6);
}

async function expectEarlierAnswersKept(page: Page, choices: Choice[]) {
  for (const choice of choices.slice(0, 5).reverse()) {
    await page.getByRole("button", { name: "Back", exact: true }).click();
    await waitForQuestion(page, choice.number);
    const radio = optionRadio(page, choice);
    expect(await radio.isChecked(), `question ${choice.number}`).toBe(true);
  }
}

describe("saved answers", () => {
  it("survive a reload in the middle of the assessment", async () => {
    const { page, watch } = await suite.open(desktop);
    const choices = realisticChoices();
    await answerFirstFive(page, choices);

    await page.reload();
    await waitForQuestion(page, 6);
    await expectEarlierAnswersKept(page, choices);

    expect(watch.errors).toEqual([]);
  });

  it("are offered for resuming on the landing page", async () => {
    const { page, watch } = await suite.open(desktop);
    const choices = realisticChoices();
    await answerFirstFive(page, choices);

    await page.goto("/");
    const resume = page.getByRole("button", {
      name: "Resume where you left off",
    });
    await resume.click();
    await waitForQuestion(page, 6);
    await expectEarlierAnswersKept(page, choices);

    expect(watch.errors).toEqual([]);
  });

  it("are cleared when the person chooses to start over", async () => {
    const { page } = await suite.open(desktop);
    const choices = realisticChoices();
    await answerFirstFive(page, choices);

    await page.goto("/");
    await page.getByRole("button", { name: "Start over" }).click();
    await waitForQuestion(page, 1);
    const checked = page.getByRole("radio", { checked: true });
    expect(await checked.count()).toBe(0);

    await page.reload();
    await waitForQuestion(page, 1);
    expect(await checked.count()).toBe(0);
    await page.goto("/");
    await startButton(page).waitFor();
    const resume = { name: "Resume where you left off" };
    expect(await page.getByRole("button", resume).count()).toBe(0);
  });
});
