import { describe, expect, it } from "vitest";

import {
  nextButton,
  optionRadio,
  realisticChoices,
  startButton,
} from "../support/assessment-journey.ts";
import { phone } from "../support/browser.ts";
import { useAppInChromium } from "../support/chromium-suite.ts";
import {
  expectQuestionScreen,
  expectResultsFor,
} from "../support/results-checks.ts";

const suite = useAppInChromium();

describe("the assessment on a phone, by touch", () => {
  it("takes a person from the landing page to scored results", async () => {
    const { page, watch } = await suite.open(phone);
    const choices = realisticChoices();

    await page.goto("/");
    const title = "Integration Readiness Assessment";
    await page.getByRole("heading", { level: 1, name: title }).waitFor();
    await startButton(page).tap();

    for (const choice of choices) {
      await expectQuestionScreen(page, choice.number);
      const radio = optionRadio(page, choice);
      await radio.tap();
      await expect.poll(() => radio.isChecked()).toBe(true);
      await nextButton(page, choice.number).tap();
    }
    await expectResultsFor(page, choices);

    expect(watch.errors).toEqual([]);
    expect(watch.offHostRequests).toEqual([]);
  });
});
