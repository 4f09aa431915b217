import { act, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";

import {
  findScreenHeading,
  firstOptions,
  readSavedAnswers,
  renderApp,
  seedSavedAnswers,
} from "./render-app.tsx";

const failures = vi.hoisted(() => ({ remaining: 0 }));

// A pattern page whose chunk fails to download once, the way a phone
// on a weak connection sees it.
vi.mock("../../src/generated/patterns/index.ts", async (importOriginal) => {
  const real =
    await importOriginal<
      typeof import("../../src/generated/patterns/index.ts")
    >();
  return {
    patternLoaders: {
      ...real.patternLoaders,
      hybrid: () => {
        if (failures.remaining > 0) {
          failures.remaining -= 1;
          return Promise.reject(new TypeError("Failed to fetch"));
        }
        return real.patternLoaders.hybrid!();
      },
    },
  };
});

describe("addresses the app does not know", () => {
  it.each(["/nowhere", "/assessment/99", "/assessment/0", "/results/abc"])(
    "shows the not-found page at %s, with a way to the start",
    async (path) => {
      const { user } = await renderApp(path);

      expect(
        screen.getByRole("heading", { level: 1, name: "Page not found" }),
      ).toBeInTheDocument();
      expect(document.title).toContain("Page not found");

      await user.click(screen.getByRole("link", { name: "Go to the start" }));
      expect(
        screen.getByRole("button", { name: "Start the assessment" }),
      ).toBeInTheDocument();
    },
  );
});

describe("a screen that fails", () => {
  it("shows a friendly message, keeps the answers, and recovers on Try again", async () => {
    const report = vi.mocked(console.error).mockImplementation(() => undefined);
    failures.remaining = 1;
    const answers = firstOptions(4);
    seedSavedAnswers(answers, { position: 4 });

    const { user } = await renderApp("/patterns/hybrid");

    expect(await findScreenHeading("Something went wrong")).toBeInTheDocument();
    expect(screen.getByText(/Your answers are kept/)).toBeInTheDocument();
    expect(readSavedAnswers()).toEqual(answers);
    expect(report).toHaveBeenCalled();

    // The retry suspends while the page loads again; user-event's own act
    // is synchronous and would leave React waiting, so this one is async.
    const tryAgain = screen.getByRole("button", { name: "Try again" });
    await act(async () => {
      await user.click(tryAgain);
    });

    expect(
      await findScreenHeading("Hybrid integration patterns"),
    ).toBeInTheDocument();
    expect(readSavedAnswers()).toEqual(answers);
    report.mockClear();
  });
});
