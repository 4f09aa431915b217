import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import type { Locator, Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";

import {
  chartNames,
  completeAssessment,
  expectedResultFor,
  realisticChoices,
  type Choice,
} from "../support/assessment-journey.ts";
import { desktop } from "../support/browser.ts";
import { useAppInChromium } from "../support/chromium-suite.ts";

const suite = useAppInChromium();
const pdfDir = mkdtempSync(join(tmpdir(), "results-pdf-"));
afterAll(() => rmSync(pdfDir, { recursive: true, force: true }));

type Parts = Record<string, Locator>;

/** The controls and page frame that have no place on paper. */
function screenOnlyParts(page: Page) {
  return {
    retake: page.getByRole("button", { name: "Retake the assessment" }),
    print: page.getByRole("button", { name: "Print or save as PDF" }),
    banner: page.getByRole("banner"),
    navigation: page.getByRole("navigation"),
  };
}

/** The parts of the report that must reach paper. */
function reportParts(page: Page, choices: Choice[]) {
  const result = expectedResultFor(choices);
  const topTitle = result.recommendations[0]!.title;
  const [radar, bar] = chartNames;
  return {
    table: page.getByRole("table", { name: "Scores by area" }),
    radar: page.getByRole("figure", { name: radar }),
    bar: page.getByRole("figure", { name: bar }),
    recommendations: page.getByRole("heading", {
      level: 2,
      name: "Recommendations",
    }),
    topRecommendation: page.getByRole("heading", {
      level: 3,
      name: topTitle,
      exact: true,
    }),
  };
}

/** Which parts are visible; a part that is missing counts as hidden. */
async function visibilityOf(parts: Parts) {
  const entries = Object.entries(parts).map(async ([name, part]) => {
    return [name, await part.first().isVisible()] as const;
  });
  return Object.fromEntries(await Promise.all(entries));
}

const allAre = (parts: Parts, visible: boolean) =>
  Object.fromEntries(Object.keys(parts).map((name) => [name, visible]));

/** Page objects in a PDF file; `/Type /Pages` is the tree, not a page. */
function countPdfPages(pdf: Buffer): number {
  return (
    pdf.toString("latin1").match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0
  );
}

describe("the printed results", () => {
  it("hide the controls and keep the charts and recommendations", async () => {
    const { page } = await suite.open(desktop);
    const choices = realisticChoices();
    await completeAssessment(page, choices);
    const onScreen = screenOnlyParts(page);
    const { retake, print, banner } = onScreen;
    const frame = { retake, print, banner };
    expect(await visibilityOf(frame)).toEqual(allAre(frame, true));

    await page.emulateMedia({ media: "print" });

    expect(await visibilityOf(onScreen)).toEqual(allAre(onScreen, false));
    const report = reportParts(page, choices);
    expect(await visibilityOf(report)).toEqual(allAre(report, true));
  });

  it("make a PDF of one or two A4 pages", async () => {
    const { page } = await suite.open(desktop);
    await completeAssessment(page, realisticChoices());
    const path = join(pdfDir, "results.pdf");

    await page.pdf({ path, format: "A4" });
    const pdf = readFileSync(path);

    expect(pdf.length).toBeGreaterThan(1000);
    expect(countPdfPages(pdf)).toBeGreaterThanOrEqual(1);
    expect(countPdfPages(pdf)).toBeLessThanOrEqual(2);
  });
});
