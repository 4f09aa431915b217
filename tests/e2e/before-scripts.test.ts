import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";

import {
  nextButton,
  optionRadio,
  realisticChoices,
  startButton,
  waitForQuestion,
} from "../support/assessment-journey.ts";
import { phone } from "../support/browser.ts";
import { useAppInChromium } from "../support/chromium-suite.ts";

const suite = useAppInChromium();

/**
 * Holds back every script until `release` is called, as a slow network
 * would, so the test acts on the prerendered pages alone.
 */
async function holdScripts(page: Page) {
  let release = () => {};
  const released = new Promise<void>((done) => (release = done));

  await page.route(/\/assets\/.*\.js$/, async (route) => {
    await released;
    // A page left meanwhile has cancelled its requests.
    await route.continue().catch(() => undefined);
  });
  return release;
}

const isReact = (page: Page) =>
  page.evaluate(() => {
    const radio = document.querySelector("input[type=radio]");
    return (
      radio !== null && Object.keys(radio).some((k) => k.includes("react"))
    );
  });

describe("the prerendered first screens, before the scripts arrive", () => {
  it("start the assessment and keep an answer given and sent on", async () => {
    const { page, watch } = await suite.open(phone);
    const [first] = realisticChoices();
    const release = await holdScripts(page);

    await page.goto("/", { waitUntil: "commit" });
    await startButton(page).tap();
    await page.waitForURL((url) => url.pathname === "/assessment/1", {
      waitUntil: "commit",
    });
    expect(await isReact(page)).toBe(false);
    await optionRadio(page, first!).tap();
    await nextButton(page, 1).tap();
    await page.waitForURL((url) => url.pathname === "/assessment/2", {
      waitUntil: "commit",
    });
    release();

    await waitForQuestion(page, 2);
    expect(new URL(page.url()).search).toBe("");
    await page.getByRole("button", { name: "Back", exact: true }).tap();
    await waitForQuestion(page, 1);
    expect(await optionRadio(page, first!).isChecked()).toBe(true);
    expect(watch.errors).toEqual([]);
  });

  it("keep an answer chosen before the scripts took over", async () => {
    const { page, watch } = await suite.open(phone);
    const [first] = realisticChoices();
    const release = await holdScripts(page);

    await page.goto("/assessment/1", { waitUntil: "commit" });
    await optionRadio(page, first!).tap();
    release();

    await expect.poll(() => isReact(page)).toBe(true);
    expect(await optionRadio(page, first!).isChecked()).toBe(true);
    await nextButton(page, 1).tap();
    await waitForQuestion(page, 2);
    await page.getByRole("button", { name: "Back", exact: true }).tap();
    await waitForQuestion(page, 1);
    expect(await optionRadio(page, first!).isChecked()).toBe(true);
    expect(watch.errors).toEqual([]);
  });

  it("show the landing page with its start button in the HTML itself", async () => {
    const { page } = await suite.open(phone);
    await holdScripts(page);

    await page.goto("/", { waitUntil: "commit" });

    await startButton(page).waitFor();
    const title = "Integration Readiness Assessment";
    await page.getByRole("heading", { level: 1, name: title }).waitFor();
  });
});
