import { StrictMode } from "react";
import { createRoot } from "react-dom/client";

import { App } from "./app/app.tsx";
import { openAnswerStore } from "./lib/answer-store.tsx";
import "./styles/global.css";

const root = document.getElementById("root");
if (!root) throw new Error('index.html needs an element with id "root"');

const answerStore = await openAnswerStore();

createRoot(root).render(
  <StrictMode>
    <App answerStore={answerStore} />
  </StrictMode>,
);
