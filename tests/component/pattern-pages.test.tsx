import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";

import { page } from "../../src/generated/patterns/event-driven.ts";
import { findScreenHeading, renderApp } from "./render-app.tsx";

async function findPageHeading() {
  return findScreenHeading(page.title);
}

describe("a pattern page", () => {
  it("shows the title, a table of contents and a heading per section", async () => {
    await renderApp("/patterns/event-driven");
    await findPageHeading();

    const contents = screen.getByRole("navigation", { name: "Contents" });
    const links = within(contents).getAllByRole("link");
    expect(links.map((link) => link.getAttribute("href"))).toEqual(
      page.sections.map((section) => `#${section.anchor}`),
    );
    for (const section of page.sections) {
      const heading = screen.getByRole("heading", {
        level: 2,
        name: section.title,
      });
      expect(heading).toHaveAttribute("id", section.anchor);
    }
    expect(
      screen.getByRole("link", { name: "Back to your results" }),
    ).toHaveAttribute("href", "/results");
    expect(document.title).toContain(page.title);
  });

  it("scrolls to and focuses the section a deep link names", async () => {
    const scroll = vi.spyOn(Element.prototype, "scrollIntoView");
    const target = page.sections[3]!;

    await renderApp(`/patterns/event-driven#${target.anchor}`);
    await findPageHeading();

    const heading = screen.getByRole("heading", {
      level: 2,
      name: target.title,
    });
    expect(heading).toHaveFocus();
    expect(scroll.mock.contexts).toContain(heading);
  });

  it("moves focus to a section chosen from the contents", async () => {
    const { user } = await renderApp("/patterns/event-driven");
    await findPageHeading();
    const target = page.sections[2]!;

    await user.click(screen.getByRole("link", { name: target.title }));

    expect(window.location.hash).toBe(`#${target.anchor}`);
    const heading = screen.getByRole("heading", {
      level: 2,
      name: target.title,
    });
    await waitFor(() => expect(heading).toHaveFocus());
  });

  it("answers an unknown page with the not-found page", async () => {
    await renderApp("/patterns/no-such-page");

    expect(
      screen.getByRole("heading", { level: 1, name: "Page not found" }),
    ).toBeInTheDocument();
  });
});
