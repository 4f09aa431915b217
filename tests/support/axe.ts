import { AxeBuilder } from "@axe-core/playwright";
import type { Result } from "axe-core";
import type { Page } from "playwright-core";

/** The WCAG 2.0, 2.1 and 2.2 success criteria at levels A and AA. */
export const wcagTags = [
  "wcag2a",
  "wcag2aa",
  "wcag21a",
  "wcag21aa",
  "wcag22aa",
];

/**
 * Scans the page as it is now with axe against WCAG A and AA, and
 * throws with one readable line per failing element when anything
 * fails.
 *
 * @example
 * await expectNoAxeViolations(page, "landing");
 */
export async function expectNoAxeViolations(
  page: Page,
  screen: string,
): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(wcagTags).analyze();
  if (results.violations.length === 0) return;

  const lines = results.violations.flatMap(describeViolation);
  throw new Error(
    `axe found ${results.violations.length} violation(s) on ${screen}:\n` +
      lines.join("\n"),
  );
}

function describeViolation(violation: Result): string[] {
  const heading = `- ${violation.id} (${violation.impact ?? "no impact"}): ${violation.help}`;
  const targets = violation.nodes.map(
    (node) => `    at ${node.target.map(String).join(" > ")}`,
  );
  return [heading, ...targets];
}
