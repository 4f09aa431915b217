import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";

import { minimumFormMs } from "../../src/core/leads/lead-schema.ts";
import {
  completeAssessment,
  expectedResultFor,
  realisticChoices,
} from "../support/assessment-journey.ts";
import { expectNoAxeViolations } from "../support/axe.ts";
import { useAppInChromium } from "../support/chromium-suite.ts";
import { adminEnv, testAdminToken } from "../support/lead-fixtures.ts";

const suite = useAppInChromium({ env: adminEnv });

/*
 * The API takes a form sent faster than a person could fill it for a
 * bot, and answers 202 without storing it, so the test waits that long.
 */
const humanFormMs = minimumFormMs + 500;

const person = {
  name: "Margaret Hamilton",
  email: "margaret@apollo.example",
  company: "Apollo Guidance",
  role: "Head of Software Engineering",
};

function leadForm(page: Page) {
  return page.getByRole("form", { name: "Leave your details" });
}

async function fillLeadForm(page: Page) {
  const form = leadForm(page);
  await form.getByRole("textbox", { name: "Name" }).fill(person.name);
  await form.getByRole("textbox", { name: "Work email" }).fill(person.email);
  await form.getByRole("textbox", { name: "Company" }).fill(person.company);
  await form.getByRole("textbox", { name: "Role" }).fill(person.role);
  await form
    .getByRole("combobox", { name: "Company size" })
    .selectOption("1000-4999");
  await form.getByRole("radio", { name: "Email me the full report" }).check();
  await form.getByRole("checkbox", { name: /I agree/ }).check();
}

async function waitForCharts(page: Page) {
  const chart = page.getByRole("figure", { name: /^Bar chart/ });
  await chart.locator("svg").first().waitFor();
}

describe("lead capture", () => {
  it("takes a lead under the result, and the admin sees it in the table", async () => {
    const { page, watch } = await suite.open();
    const choices = realisticChoices();
    await completeAssessment(page, choices);
    await leadForm(page).waitFor();
    const shownAt = Date.now();

    await fillLeadForm(page);
    await page.waitForTimeout(
      Math.max(0, humanFormMs - (Date.now() - shownAt)),
    );
    const sent = page.waitForResponse("**/api/leads");
    await page.getByRole("button", { name: "Send my details" }).click();

    expect((await sent).status()).toBe(201);
    await page.getByText("Thanks — we will be in touch.").waitFor();

    await page.goto("/admin");
    await page.getByLabel("Admin token").fill(testAdminToken);
    await page.getByRole("button", { name: "Show the leads" }).click();
    const table = page.getByRole("table", { name: "Leads, newest first" });
    const row = table.getByRole("row").filter({ hasText: person.email });
    await row.waitFor();

    const overall = expectedResultFor(choices).overall;
    const cells = await row.getByRole("cell").allTextContents();
    expect(cells).toEqual([
      person.name,
      person.company,
      person.email,
      person.role,
      "1,000 to 4,999 employees",
      "Email me the full report",
      String(overall.score),
      overall.level.name,
      expect.any(String),
    ]);
    expect(watch.errors).toEqual([]);
  });

  it("finds no axe violations on the results with the lead form", async () => {
    const { page } = await suite.open();
    await completeAssessment(page, realisticChoices());
    await leadForm(page).waitFor();
    await waitForCharts(page);
    await expectNoAxeViolations(page, "the results with the lead form");

    await page.getByRole("button", { name: "Send my details" }).click();
    await page.getByText("Name is required").waitFor();
    await expectNoAxeViolations(page, "the lead form with its errors");
  });

  it("finds no axe violations on the admin page, before and after the token", async () => {
    const { page } = await suite.open();
    await page.goto("/admin");
    await page.getByLabel("Admin token").waitFor();
    await expectNoAxeViolations(page, "the admin sign-in");

    await page.getByLabel("Admin token").fill(testAdminToken);
    await page.getByRole("button", { name: "Show the leads" }).click();
    await page.getByText(/^(Showing \d+ leads?|No leads match)/).waitFor();
    await page.getByText("No deliveries have failed.").waitFor();
    await expectNoAxeViolations(page, "the admin page");
  });

  it("hides the lead form when the results are printed", async () => {
    const { page } = await suite.open();
    await completeAssessment(page, realisticChoices());
    await leadForm(page).waitFor();

    await page.emulateMedia({ media: "print" });

    expect(await leadForm(page).isVisible()).toBe(false);
  });

  it("says plainly when the admin token is not accepted", async () => {
    const { page, watch } = await suite.open();
    await page.goto("/admin");
    await page.getByLabel("Admin token").fill("not-the-admin-token");
    await page.getByRole("button", { name: "Show the leads" }).click();

    await page
      .getByText("The token was not accepted. Check it and enter it again.")
      .waitFor();
    expect(watch.errors.every((line) => line.includes("401"))).toBe(true);
  });
});

describe("lead capture with the form first", () => {
  const formFirst = useAppInChromium({
    env: { ...adminEnv, LEAD_GATE: "form-first" },
  });

  it("shows the result only once the details are sent", async () => {
    const { page, watch } = await formFirst.open();
    await completeAssessment(page, realisticChoices());
    await leadForm(page).waitFor();
    const shownAt = Date.now();
    const scores = page.getByRole("table", { name: "Scores by area" });
    expect(await scores.count()).toBe(0);

    await fillLeadForm(page);
    await page.waitForTimeout(
      Math.max(0, humanFormMs - (Date.now() - shownAt)),
    );
    await page.getByRole("button", { name: "Send my details" }).click();

    await page.getByText("Thanks — we will be in touch.").waitFor();
    await scores.waitFor();
    await waitForCharts(page);
    await expectNoAxeViolations(page, "the results after the form");
    expect(watch.errors).toEqual([]);
  });
});
