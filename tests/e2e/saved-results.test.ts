import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { content } from "../../src/generated/content.ts";
import { startAppServer, type AppServer } from "../support/app-server.ts";
import { expectNoAxeViolations } from "../support/axe.ts";
import {
  answersOf,
  completeAssessment,
  expectedResultFor,
  realisticChoices,
  resultsHeading,
} from "../support/assessment-journey.ts";
import {
  desktop,
  launchChromium,
  openWatchedPage,
} from "../support/browser.ts";
import { useAppInChromium } from "../support/chromium-suite.ts";

const savedText = /^Saved\. Share link: /;
const sharedHeading = { level: 1, name: "Shared result" } as const;
const goneHeading = {
  level: 1,
  name: "This result does not exist or has been deleted",
} as const;

/** Waits for the share link and returns its address. */
async function waitForShareLink(page: Page, timeout = 10_000) {
  const status = page.getByRole("status").filter({ hasText: savedText });
  await status.waitFor({ timeout });
  const url = await status.getByRole("link").innerText();
  expect(url).toMatch(/\/results\/[0-9a-f-]{36}$/);
  return url;
}

async function overallScoreText(page: Page) {
  return page
    .getByText(/^\d+ out of 100$/)
    .first()
    .innerText();
}

describe("a saved result", () => {
  const suite = useAppInChromium();

  it("opens from its share link in another browser, then can be deleted", async () => {
    const { page, watch } = await suite.open(desktop);
    const choices = realisticChoices();
    const { score } = expectedResultFor(choices).overall;
    await completeAssessment(page, choices);
    const shareUrl = await waitForShareLink(page);
    expect(shareUrl.startsWith(suite.app.url)).toBe(true);
    await expectNoAxeViolations(page, "the results with their share link");

    const other = await suite.open(desktop);
    await other.page.goto(shareUrl);
    await other.page.getByRole("heading", sharedHeading).waitFor();
    expect(await overallScoreText(other.page)).toBe(`${score} out of 100`);
    await expectNoAxeViolations(other.page, "a shared result");
    expect(await overallScoreText(page)).toBe(`${score} out of 100`);
    const deleteButton = { name: "Delete my result" };
    expect(await other.page.getByRole("button", deleteButton).count()).toBe(0);

    await page.getByRole("button", deleteButton).click();
    await page.getByRole("button", { name: "Yes, delete it" }).click();
    await page.getByText(/^Your result was deleted from our server/).waitFor();
    expect(watch.errors).toEqual([]);

    await other.page.reload();
    await other.page.getByRole("heading", goneHeading).waitFor();
  });
});

describe("a result finished while the server is down", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "saved-results-"));
  const disk = { STORE: "disk", DATA_DIR: dataDir };
  let browser: Browser;
  let app: AppServer | undefined;

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("is stored exactly once after the server comes back", async () => {
    app = await startAppServer({ env: disk });
    const { port } = new URL(app.url);
    const { context, page } = await openWatchedPage(browser, app.url);
    const created: number[] = [];
    page.on("response", (response) => {
      const post = response.request().method() === "POST";
      if (post && response.url().endsWith("/api/assessments")) {
        created.push(response.status());
      }
    });

    // The first attempts fail as on a dead network; then the server
    // itself goes away while the page keeps trying.
    await context.route("**/api/assessments", (route) => route.abort());
    const choices = realisticChoices();
    await completeAssessment(page, choices);
    await page.getByText("Not saved yet; we will keep trying.").waitFor();
    expect(await resultsHeading(page).isVisible()).toBe(true);
    await app.stop();
    app = undefined;
    await context.unroute("**/api/assessments");
    await page.waitForTimeout(1500);

    app = await startAppServer({ env: { ...disk, PORT: port } });
    const shareUrl = await waitForShareLink(page, 45_000);
    const id = shareUrl.split("/").at(-1)!;

    const read = await fetch(`${app.url}/api/assessments/${id}`);
    expect(read.status).toBe(200);
    expect(((await read.json()) as { id: string }).id).toBe(id);
    expect(created.filter((status) => status === 201)).toHaveLength(1);

    const again = await fetch(`${app.url}/api/assessments`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        id,
        contentVersion: content.version,
        answers: answersOf(choices),
      }),
    });
    expect(again.status).toBe(200);
    await context.close();
  }, 90_000);
});
