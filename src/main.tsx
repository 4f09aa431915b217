import { StrictMode, startTransition } from "react";
import { createRoot } from "react-dom/client";

import { App } from "./app/app.tsx";
import { quizContent as content } from "./generated/quiz-content.ts";
import { openAnswerStore } from "./lib/answer-store.tsx";
import { readEarlyAnswers, withoutEarlyAnswer } from "./lib/early-answers.ts";
import "./styles/global.css";

const root = document.getElementById("root");
if (!root) throw new Error('index.html needs an element with id "root"');

const answerStore = await openAnswerStore();

// The landing page and the first question are prerendered, so a person
// may answer before this script runs; those answers are kept before
// React replaces the prerendered markup.
const early = readEarlyAnswers(content, window.location.search, root);
for (const { questionId, optionId } of early) {
  answerStore.chooseOption(questionId, optionId);
}
if (window.location.search) {
  window.history.replaceState(null, "", withoutEarlyAnswer(window.location));
}

// As a transition, the first render yields to the browser every few
// milliseconds, so a tap on the prerendered page is handled at once
// instead of waiting for the whole app to render on a slow phone.
startTransition(() => {
  createRoot(root).render(
    <StrictMode>
      <App answerStore={answerStore} />
    </StrictMode>,
  );
});
