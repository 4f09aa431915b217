import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, afterEach, beforeAll } from "vitest";

import {
  startAppServer,
  type AppServer,
  type AppServerOptions,
} from "./app-server.ts";
import {
  desktop,
  launchChromium,
  openWatchedPage,
  type WatchedPage,
} from "./browser.ts";

/** The app and the browser that a file of browser tests shares. */
export interface ChromiumSuite {
  app: AppServer;
  browser: Browser;
  /** A page in a context of its own, closed after the test. */
  open(options?: Parameters<typeof openWatchedPage>[2]): Promise<WatchedPage>;
}

/**
 * Starts the app and Chromium once before a file's tests and stops
 * both after them. Each test opens pages in fresh contexts, which are
 * closed when the test ends, pass or fail.
 *
 * @example
 * const suite = useAppInChromium();
 * it("...", async () => {
 *   const { page, watch } = await suite.open(phone);
 * });
 */
export function useAppInChromium(
  serverOptions: AppServerOptions = {},
): ChromiumSuite {
  const contexts: BrowserContext[] = [];
  const suite = {
    async open(options = desktop) {
      const opened = await openWatchedPage(
        suite.browser,
        suite.app.url,
        options,
      );
      contexts.push(opened.context);
      return opened;
    },
  } as ChromiumSuite;

  beforeAll(async () => {
    suite.app = await startAppServer(serverOptions);
    suite.browser = await launchChromium();
  });
  afterEach(async () => {
    const open = contexts.splice(0);
    await Promise.all(open.map((context) => context.close()));
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.app?.stop();
  });

  return suite;
}
