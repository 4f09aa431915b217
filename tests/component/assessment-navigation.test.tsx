import { act, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { content } from "../../src/generated/content.ts";
import {
  findScreenHeading,
  firstOptions,
  questionAt,
  readSavedAnswers,
  renderApp,
  seedSavedAnswers,
} from "./render-app.tsx";

const total = content.questions.length;

function progressBar() {
  return screen.getByRole("progressbar", { name: "Assessment progress" });
}

describe("moving through the questions", () => {
  it("starts at question 1 from the landing page and focuses its heading", async () => {
    const { user } = await renderApp("/");

    await user.click(
      screen.getByRole("button", { name: "Start the assessment" }),
    );

    const heading = screen.getByRole("heading", {
      level: 2,
      name: questionAt(1).prompt,
    });
    expect(window.location.pathname).toBe("/assessment/1");
    expect(heading).toHaveFocus();
    expect(screen.getByText(`Question 1 of ${total}`)).toBeInTheDocument();
    expect(progressBar()).toHaveAttribute("aria-valuenow", "1");
  });

  it('offers a named radio group with the help text and "Not sure" last', async () => {
    await renderApp("/assessment/1");
    const question = questionAt(1);

    const group = screen.getByRole("radiogroup", { name: question.prompt });
    const radios = within(group).getAllByRole("radio");

    expect(radios).toHaveLength(question.options.length);
    expect(radios.at(-1)).toHaveAccessibleName("Not sure");
    expect(group).toHaveAccessibleDescription(question.help);
  });

  it("goes on with Next and back with Back, updating progress and focus", async () => {
    const { user } = await renderApp("/assessment/1");

    await user.click(screen.getAllByRole("radio")[2]!);
    await user.click(screen.getByRole("button", { name: "Next" }));

    const second = await screen.findByRole("heading", {
      name: questionAt(2).prompt,
    });
    expect(second).toHaveFocus();
    expect(window.location.pathname).toBe("/assessment/2");
    expect(screen.getByText(`Question 2 of ${total}`)).toBeInTheDocument();
    expect(progressBar()).toHaveAttribute("aria-valuenow", "2");

    await user.click(screen.getByRole("button", { name: "Back" }));

    const first = screen.getByRole("heading", { name: questionAt(1).prompt });
    expect(first).toHaveFocus();
    expect(screen.getAllByRole("radio")[2]).toBeChecked();
  });

  it("keeps the person on the question and says why when Next has no answer", async () => {
    const { user } = await renderApp("/assessment/1");

    await user.click(screen.getByRole("button", { name: "Next" }));

    const group = screen.getByRole("radiogroup", {
      name: questionAt(1).prompt,
    });
    expect(
      await screen.findByText(/Choose an answer to go on/),
    ).toBeInTheDocument();
    expect(group).toHaveAccessibleDescription(
      expect.stringContaining("Choose an answer to go on"),
    );
    expect(window.location.pathname).toBe("/assessment/1");
    expect(readSavedAnswers()).toEqual({});
  });

  it("follows the browser's back button to the previous question", async () => {
    const { user } = await renderApp("/assessment/1");
    await user.click(screen.getAllByRole("radio")[0]!);
    await user.click(screen.getByRole("button", { name: "Next" }));
    await screen.findByRole("heading", { name: questionAt(2).prompt });

    await act(async () => {
      window.history.back();
      await new Promise((resolve) =>
        window.addEventListener("popstate", resolve, { once: true }),
      );
    });

    expect(
      screen.getByRole("heading", { name: questionAt(1).prompt }),
    ).toHaveFocus();
    expect(screen.getByText(`Question 1 of ${total}`)).toBeInTheDocument();
  });

  it("sends a person who skips ahead back to the first open question", async () => {
    await renderApp("/assessment/9");

    expect(
      await screen.findByRole("heading", { name: questionAt(1).prompt }),
    ).toBeInTheDocument();
    expect(window.location.pathname).toBe("/assessment/1");
  });

  it("calls the last button See my results and opens the results", async () => {
    seedSavedAnswers(firstOptions(total - 1), { position: total - 1 });
    const { user } = await renderApp("/");
    await user.click(
      screen.getByRole("button", { name: "Resume where you left off" }),
    );
    expect(
      screen.getByRole("heading", { name: questionAt(total).prompt }),
    ).toBeInTheDocument();

    await user.click(screen.getAllByRole("radio")[0]!);
    await user.click(screen.getByRole("button", { name: "See my results" }));

    expect(await findScreenHeading("Your results")).toBeInTheDocument();
    expect(window.location.pathname).toBe("/results");
  });
});
