import { describe, expect, it } from "vitest";

import {
  answerAllButSubmit,
  nextButton,
  realisticChoices,
  startButton,
} from "../support/assessment-journey.ts";
import { expectNoAxeViolations } from "../support/axe.ts";
import { useAppInChromium } from "../support/chromium-suite.ts";
import { expectResultsFor } from "../support/results-checks.ts";

const suite = useAppInChromium();

describe("error screens", () => {
  it("lead from an unknown address back to the start", async () => {
    const { page, watch } = await suite.open();

    await page.goto("/assessment/extra/page");
    const title = { level: 1, name: "Page not found" };
    await page.getByRole("heading", title).waitFor();
    await page.getByRole("link", { name: "Go to the start" }).click();

    await startButton(page).waitFor();
    expect(new URL(page.url()).pathname).toBe("/");
    expect(watch.errors).toEqual([]);
  });

  it("keep the answers when the results fail to load", async () => {
    const { context, page } = await suite.open();
    const choices = realisticChoices();
    await page.goto("/");
    await startButton(page).click();
    await answerAllButSubmit(page, choices);

    // Every script not loaded yet fails: the results screen's chunks.
    await context.route("**/*.js", (route) => route.abort());
    await nextButton(page, choices.length).click();
    const crash = { level: 1, name: "Something went wrong" };
    await page.getByRole("heading", crash).waitFor();
    expect(await page.getByText(/answers are kept/i).isVisible()).toBe(true);
    await expectNoAxeViolations(page, "the error screen");

    await context.unroute("**/*.js");
    await page.getByRole("button", { name: "Try again" }).click();
    await expectResultsFor(page, choices);
  });
});
