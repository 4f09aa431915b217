import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

import { JSDOM } from "jsdom";
import { StrictMode } from "react";
import { renderToString } from "react-dom/server";

import { prerenderedPages, shellPage } from "../api/site-pages.ts";

/*
 * Prerenders the screens a visitor meets first, the landing page and
 * the first question, into the built SPA, so that they show and can be
 * used before the scripts arrive, each with the stylesheet inline
 * (docs/decisions/prerendered-first-screens.md). Runs after `vite build`:
 *   dist/index.html         the landing page, as a new visitor sees it;
 *   dist/assessment/1.html  the first question, unanswered;
 *   dist/app.html           the empty shell, for every other route.
 * The list is `prerenderedPages` in api/site-pages.ts.
 */

const distDir = process.argv[2] ?? "dist";
const rootTag = '<div id="root"></div>';

/*
 * The app reads the address, the referrer and localStorage while it
 * renders, so it renders inside a browser-like window: a new visitor's
 * empty one.
 */
const dom = new JSDOM("<!doctype html><html><body></body></html>", {
  url: "http://localhost/",
});
Object.assign(globalThis, {
  window: dom.window,
  document: dom.window.document,
  localStorage: dom.window.localStorage,
});

const { App } = await import("../src/app/app.tsx");
const { openAnswerStore } = await import("../src/lib/answer-store.tsx");

async function renderPage(path: string): Promise<string> {
  dom.reconfigure({ url: `http://localhost${path}` });
  dom.window.localStorage.clear();
  const answerStore = await openAnswerStore();
  return renderToString(
    <StrictMode>
      <App answerStore={answerStore} />
    </StrictMode>,
  );
}

/*
 * The stylesheet goes into each page, so the first paint waits for the
 * page alone: on a slow link a separate file queues behind the scripts.
 * It is about 3 kB compressed, and the CSP allows inline styles.
 */
function inlineStylesheet(html: string): string {
  const link = /<link rel="stylesheet"[^>]*href="\/(assets\/[^"]+\.css)"[^>]*>/;
  const found = link.exec(html);
  if (!found?.[1]) throw new Error(`${distDir}/index.html links no stylesheet`);
  const css = readFileSync(join(distDir, found[1]), "utf8");
  return html.replace(found[0], () => `<style>${css}</style>`);
}

const shell = inlineStylesheet(
  readFileSync(join(distDir, "index.html"), "utf8"),
);
if (!shell.includes(rootTag)) {
  throw new Error(`${distDir}/index.html has no empty ${rootTag} to fill`);
}
writeFileSync(join(distDir, shellPage), shell);

for (const [path, file] of Object.entries(prerenderedPages)) {
  const markup = await renderPage(path);
  const page = shell.replace(
    rootTag,
    `<div id="root" data-prerendered="">${markup}</div>`,
  );
  const target = join(distDir, file);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, page);
}

const paths = Object.keys(prerenderedPages);
console.log(`Prerendered ${paths.join(" and ")}.`);
