import { act, render, screen, type RenderResult } from "@testing-library/react";
import userEvent from "@testing-library/user-event";

import { App } from "../../src/app/app.tsx";
import { content } from "../../src/generated/content.ts";
import { openAnswerStore } from "../../src/lib/answer-store.tsx";
import { savedAnswersKey } from "../../src/lib/saved-answers.ts";

/**
 * Opens the app at a path the way main.tsx does: the answer store is
 * restored from localStorage first. Calling it again after `unmount`
 * is a reload.
 */
export async function renderApp(path = "/") {
  window.history.replaceState(null, "", path);
  const answerStore = await openAnswerStore();
  const user = userEvent.setup();

  // Lazy screens suspend while their chunk loads; an async act lets
  // React settle without warning about an act it cannot finish.
  let view: RenderResult | undefined;
  await act(async () => {
    view = render(<App answerStore={answerStore} />);
    await Promise.resolve();
  });
  return { user, answerStore, ...view! };
}

/** Writes answers to localStorage as an earlier visit would have. */
export function seedSavedAnswers(
  answers: Record<string, string>,
  options: { contentVersion?: string; position?: number } = {},
) {
  const envelope = {
    contentVersion: options.contentVersion ?? content.version,
    answers,
    position: options.position ?? 0,
  };
  localStorage.setItem(savedAnswersKey, JSON.stringify(envelope));
}

/** The answers as they are saved in localStorage right now. */
export function readSavedAnswers(): Record<string, string> {
  const raw = localStorage.getItem(savedAnswersKey);
  if (raw === null) return {};
  return (JSON.parse(raw) as { answers: Record<string, string> }).answers;
}

/** The question at a 1-based position. */
export function questionAt(number: number) {
  const question = content.questions[number - 1];
  if (!question) throw new Error(`the content has no question ${number}`);
  return question;
}

/** Answers for the first `count` questions, each with its first option. */
export function firstOptions(count: number) {
  return Object.fromEntries(
    content.questions
      .slice(0, count)
      .map((question) => [question.id, question.options[0]!.id]),
  );
}

/**
 * Waits for a screen's level-1 heading. Lazy screens (results, pattern
 * pages) wait for their chunk, which is slow the first time vitest
 * transforms it, hence the longer timeout.
 */
export function findScreenHeading(name: string) {
  return screen.findByRole("heading", { level: 1, name }, { timeout: 5000 });
}
