import "@testing-library/jest-dom/vitest";

import { cleanup, configure } from "@testing-library/react";
import { afterEach, beforeEach, vi } from "vitest";

// jsdom has no layout, so it has no scrolling: it logs "not implemented"
// for window.scrollTo and lacks scrollIntoView. Both stand in as no-ops,
// and tests that care about scrolling spy on them.
window.scrollTo = () => undefined;
Element.prototype.scrollIntoView = function scrollIntoView() {};

// The whole suite shares two cores with the other test projects, so a
// screen that needs a few round trips can take more than the default
// second to appear; the checks themselves are unchanged.
configure({ asyncUtilTimeout: 3000 });

beforeEach(() => {
  localStorage.clear();
  window.history.replaceState(null, "", "/");
  vi.spyOn(console, "error");
  vi.spyOn(console, "warn");
});

afterEach(() => {
  cleanup();

  const errors = vi.mocked(console.error).mock.calls;
  const warnings = vi.mocked(console.warn).mock.calls;
  vi.restoreAllMocks();

  const noise = [...errors, ...warnings].map((args) => args.map(String));
  if (noise.length > 0) {
    throw new Error(`the console was not quiet:\n${noise.join("\n")}`);
  }
});
