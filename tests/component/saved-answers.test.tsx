import { screen, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";

import { content } from "../../src/generated/content.ts";
import { savedAnswersKey } from "../../src/lib/saved-answers.ts";
import {
  firstOptions,
  questionAt,
  readSavedAnswers,
  renderApp,
  seedSavedAnswers,
} from "./render-app.tsx";

describe("saving answers in this browser", () => {
  it("saves each answer with the content version the moment it is chosen", async () => {
    const { user } = await renderApp("/assessment/1");
    const question = questionAt(1);

    await user.click(screen.getAllByRole("radio")[1]!);

    const saved = JSON.parse(localStorage.getItem(savedAnswersKey)!) as {
      contentVersion: string;
      answers: Record<string, string>;
    };
    expect(saved.contentVersion).toBe(content.version);
    expect(saved.answers).toEqual({ [question.id]: question.options[1]!.id });
  });

  it("restores answers and the place after a reload", async () => {
    const first = await renderApp("/assessment/1");
    await first.user.keyboard("4{Enter}");
    await screen.findByRole("heading", { name: questionAt(2).prompt });
    await first.user.keyboard("2");
    first.unmount();

    const { user } = await renderApp("/");
    await user.click(
      screen.getByRole("button", { name: "Resume where you left off" }),
    );

    expect(
      screen.getByRole("heading", { name: questionAt(2).prompt }),
    ).toBeInTheDocument();
    expect(screen.getAllByRole("radio")[1]).toBeChecked();
    await user.click(screen.getByRole("button", { name: "Back" }));
    expect(screen.getAllByRole("radio")[3]).toBeChecked();
  });

  it("offers to resume or start over, and start over clears the answers", async () => {
    seedSavedAnswers(firstOptions(6), { position: 6 });
    const { user } = await renderApp("/");

    expect(
      screen.getByText(
        `You have answered 6 of ${content.questions.length} questions.`,
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole("button", { name: "Start the assessment" }),
    ).not.toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Start over" }));

    expect(window.location.pathname).toBe("/assessment/1");
    expect(readSavedAnswers()).toEqual({});
    for (const radio of screen.getAllByRole("radio")) {
      expect(radio).not.toBeChecked();
    }
  });

  it("keeps answers that still fit new content and says what changed", async () => {
    const kept = firstOptions(3);
    const firstId = questionAt(1).id;
    seedSavedAnswers(
      {
        ...kept,
        [firstId]: "an-option-that-was-renamed",
        "old-question": "all",
      },
      { contentVersion: "an-older-version", position: 3 },
    );

    await renderApp("/");

    const status = await screen.findByRole("status");
    await within(status).findByText(/We kept 2 of your 4 answers/);
    expect(status).toHaveTextContent("1 question you answered was removed.");
    expect(status).toHaveTextContent("1 question now has different choices");
    expect(screen.getByText(/You have answered 2 of/)).toBeInTheDocument();

    const { [firstId]: _dropped, ...stillValid } = kept;
    expect(readSavedAnswers()).toEqual(stillValid);
  });

  it("lets the person dismiss the content change message", async () => {
    seedSavedAnswers(firstOptions(2), { contentVersion: "an-older-version" });
    const { user } = await renderApp("/");

    await screen.findByText(/All 2 of your answers still apply/);
    await user.click(screen.getByRole("button", { name: "Dismiss message" }));

    expect(screen.getByRole("status")).toBeEmptyDOMElement();
  });

  it.each([
    ["text that is not JSON", "{not json"],
    ["JSON of the wrong shape", JSON.stringify([1, 2, 3])],
    [
      "answers that are not an object",
      JSON.stringify({ contentVersion: content.version, answers: "x" }),
    ],
  ])("starts clean when storage holds %s", async (_label, raw) => {
    localStorage.setItem(savedAnswersKey, raw);

    const { user } = await renderApp("/");
    await user.click(
      screen.getByRole("button", { name: "Start the assessment" }),
    );
    await user.keyboard("1");

    expect(readSavedAnswers()).toEqual({
      [questionAt(1).id]: questionAt(1).options[0]!.id,
    });
  });

  it("still works, in memory, when localStorage refuses to be used", async () => {
    vi.spyOn(Storage.prototype, "setItem").mockImplementation(() => {
      throw new DOMException(
        "The quota has been exceeded.",
        "QuotaExceededError",
      );
    });
    vi.spyOn(Storage.prototype, "getItem").mockImplementation(() => {
      throw new DOMException("The operation is insecure.", "SecurityError");
    });

    const { user } = await renderApp("/");
    expect(
      screen.getByText(/not letting the page save anything/),
    ).toBeInTheDocument();
    await user.click(
      screen.getByRole("button", { name: "Start the assessment" }),
    );
    await user.keyboard("3{Enter}");
    await screen.findByRole("heading", { name: questionAt(2).prompt });
    await user.click(screen.getByRole("button", { name: "Back" }));

    await screen.findByRole("heading", { name: questionAt(1).prompt });
    expect(screen.getAllByRole("radio")[2]).toBeChecked();
  });
});
