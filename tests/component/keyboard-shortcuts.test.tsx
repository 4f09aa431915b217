import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import {
  findScreenHeading,
  questionAt,
  readSavedAnswers,
  renderApp,
} from "./render-app.tsx";

function hasFocus(element: HTMLElement) {
  return document.activeElement === element;
}

describe("keyboard shortcuts on a question", () => {
  it("picks option N with number key N, saves it and focuses it", async () => {
    const { user } = await renderApp("/assessment/1");
    const question = questionAt(1);

    await user.keyboard("3");

    const third = screen.getAllByRole("radio")[2]!;
    expect(third).toBeChecked();
    expect(third).toHaveFocus();
    expect(readSavedAnswers()).toEqual({
      [question.id]: question.options[2]!.id,
    });
  });

  it("ignores a number beyond the last option and keys with a modifier", async () => {
    const { user } = await renderApp("/assessment/1");
    const count = questionAt(1).options.length;

    await user.keyboard(String(count + 1));
    await user.keyboard("{Control>}2{/Control}");

    for (const radio of screen.getAllByRole("radio")) {
      expect(radio).not.toBeChecked();
    }
    expect(readSavedAnswers()).toEqual({});
  });

  it("goes to the next question with Enter once answered", async () => {
    const { user } = await renderApp("/assessment/1");

    await user.keyboard("2");
    await user.keyboard("{Enter}");

    const next = await screen.findByRole("heading", {
      name: questionAt(2).prompt,
    });
    expect(next).toHaveFocus();
    expect(window.location.pathname).toBe("/assessment/2");
  });

  it("stays and explains when Enter is pressed before answering", async () => {
    const { user } = await renderApp("/assessment/1");

    await user.keyboard("{Enter}");

    expect(
      await screen.findByText(/Choose an answer to go on/),
    ).toBeInTheDocument();
    expect(window.location.pathname).toBe("/assessment/1");
    expect(screen.getAllByRole("radio")[0]).toHaveFocus();
  });

  it("lets Enter on the Back button go back rather than forward", async () => {
    const { user } = await renderApp("/assessment/1");
    await user.keyboard("1{Enter}");
    await screen.findByRole("heading", { name: questionAt(2).prompt });

    screen.getByRole("button", { name: "Back" }).focus();
    await user.keyboard("{Enter}");

    expect(
      await screen.findByRole("heading", { name: questionAt(1).prompt }),
    ).toBeInTheDocument();
    expect(window.location.pathname).toBe("/assessment/1");
  });

  it("answers the whole assessment from the keyboard alone", async () => {
    const { user } = await renderApp("/");
    const start = screen.getByRole("button", { name: "Start the assessment" });
    for (let presses = 0; presses < 5 && !hasFocus(start); presses += 1) {
      await user.tab();
    }
    expect(start).toHaveFocus();
    await user.keyboard("{Enter}");

    for (let number = 1; number <= 15; number += 1) {
      await screen.findByRole("heading", { name: questionAt(number).prompt });
      await user.keyboard("2{Enter}");
    }

    expect(await findScreenHeading("Your results")).toBeInTheDocument();
    expect(Object.keys(readSavedAnswers())).toHaveLength(15);
  });
});
