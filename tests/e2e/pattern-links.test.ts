import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";

import {
  completeAssessment,
  expectedResultFor,
  lastSectionOf,
  patternSection,
  realisticChoices,
  sectionsOf,
  type Choice,
} from "../support/assessment-journey.ts";
import { desktop } from "../support/browser.ts";
import { useAppInChromium } from "../support/chromium-suite.ts";

const suite = useAppInChromium();

/** Where the element with an id sits: its tag and top edge on screen. */
function placeOf(page: Page, id: string) {
  return page.evaluate((anchor) => {
    const element = document.getElementById(anchor);
    if (!element) return { tag: "missing", top: NaN, height: innerHeight };
    const { top } = element.getBoundingClientRect();
    return { tag: element.tagName, top, height: innerHeight };
  }, id);
}

async function expectSectionOnScreen(page: Page, anchor: string) {
  await expect.poll(() => placeOf(page, anchor).then((p) => p.tag)).toBe("H2");
  await expect
    .poll(async () => {
      const { top, height } = await placeOf(page, anchor);
      return top >= 0 && top < height;
    })
    .toBe(true);
  expect(await page.evaluate(() => scrollY)).toBeGreaterThan(0);
}

/** A recommended section that is not the first on its page. */
async function deepRecommendedSection(choices: Choice[]) {
  const result = expectedResultFor(choices);
  for (const recommendation of result.recommendations) {
    const section = await patternSection(recommendation.pattern);
    const [first] = await sectionsOf(section.pageId);
    if (first?.anchor !== section.anchor) return section;
  }
  throw new Error("no recommendation points below the top of its page");
}

describe("links to the pattern material", () => {
  it("land on the recommended section from the results", async () => {
    const { page, watch } = await suite.open(desktop);
    const choices = realisticChoices();
    const section = await deepRecommendedSection(choices);
    await completeAssessment(page, choices);

    const name = `Read: ${section.title}`;
    await page.getByRole("link", { name }).first().click();
    const path = `/patterns/${section.pageId}`;
    await page.waitForURL((url) => url.pathname === path);
    expect(new URL(page.url()).hash).toBe(`#${section.anchor}`);
    await expectSectionOnScreen(page, section.anchor);

    expect(watch.errors).toEqual([]);
  });

  it("scroll to the section when a deep link is opened directly", async () => {
    const { page, watch } = await suite.open(desktop);
    const section = await lastSectionOf("event-driven");

    await page.goto(`/patterns/${section.pageId}#${section.anchor}`);
    const title = page.getByRole("heading", { level: 2, name: section.title });
    await title.waitFor();
    await expectSectionOnScreen(page, section.anchor);

    expect(watch.errors).toEqual([]);
  });

  it("list every section in the contents, each a jump to it", async () => {
    const { page, watch } = await suite.open();
    const sections = await sectionsOf("api-led");
    const last = sections.at(-1)!;

    await page.goto("/patterns/api-led");
    const contents = page.getByRole("navigation", { name: "Contents" });
    await contents.waitFor();
    const titles = await contents.getByRole("link").allInnerTexts();
    expect(titles).toEqual(sections.map((section) => section.title));

    await contents.getByRole("link", { name: last.title }).click();
    await page.waitForURL((url) => url.hash === `#${last.anchor}`);
    await expectSectionOnScreen(page, last.anchor);
    expect(watch.errors).toEqual([]);
  });
});
