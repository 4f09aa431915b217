import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Locator,
  type Page,
} from "playwright-core";

/**
 * Flags for the system Chromium in a container: no sandbox or GPU, and
 * none of the background traffic a fresh profile would otherwise make.
 */
const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Where the Chromium binary is; CHROMIUM_PATH overrides the default. */
const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/**
 * Starts the system Chromium headless. Browser downloads are never
 * used: the binary comes from the operating system's packages.
 *
 * @example
 * const browser = await launchChromium();
 */
export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [...chromiumArgs, ...extraArgs],
  });
}

/** A laptop-sized window. */
export const desktop: BrowserContextOptions = {
  viewport: { width: 1280, height: 800 },
};

/** A phone held upright, driven by touch. */
export const phone: BrowserContextOptions = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 3,
  isMobile: true,
  hasTouch: true,
};

/** What went wrong in the page while a test drove it. */
export interface PageWatch {
  /** Console errors, uncaught exceptions, failed and 4xx/5xx requests. */
  errors: string[];
  /** Every request to a host other than the app's. */
  offHostRequests: string[];
}

/**
 * How long a step may wait for the page. The app runs on loopback, so
 * anything slower is a failure, and it should fail within the test's
 * own time limit with a message that names the step.
 */
const actionTimeoutMs = 10_000;

export interface WatchedPage {
  context: BrowserContext;
  page: Page;
  watch: PageWatch;
}

/**
 * Opens a page in a new context of its own and records console errors
 * and requests to other hosts, so a test can assert a quiet page that
 * talks to nobody but the app.
 *
 * @example
 * const { page, watch } = await openWatchedPage(browser, app.url, phone);
 * expect(watch.errors).toEqual([]);
 */
export async function openWatchedPage(
  browser: Browser,
  appUrl: string,
  options: BrowserContextOptions = desktop,
): Promise<WatchedPage> {
  const context = await browser.newContext({ ...options, baseURL: appUrl });
  context.setDefaultTimeout(actionTimeoutMs);
  const page = await context.newPage();
  const watch = watchPage(page, new URL(appUrl).origin);
  return { context, page, watch };
}

function watchPage(page: Page, appOrigin: string): PageWatch {
  const watch: PageWatch = { errors: [], offHostRequests: [] };

  page.on("console", (message) => {
    if (message.type() === "error") {
      watch.errors.push(`console: ${message.text()}`);
    }
  });
  page.on("pageerror", (error) => {
    watch.errors.push(`uncaught: ${error.message}`);
  });
  page.on("requestfailed", (request) => {
    const reason = request.failure()?.errorText ?? "unknown";
    // Leaving a page (a reload, or a prerendered form followed before
    // the scripts ran) cancels the files it was still loading. That is
    // the browser's doing; a cancelled API call is still reported.
    const cancelled = reason === "net::ERR_ABORTED";
    if (cancelled && request.resourceType() !== "fetch") return;
    watch.errors.push(`request failed: ${request.url()} (${reason})`);
  });
  page.on("response", (response) => {
    if (response.status() >= 400) {
      watch.errors.push(`HTTP ${response.status()}: ${response.url()}`);
    }
  });
  page.on("request", (request) => {
    if (isOffHost(request.url(), appOrigin)) {
      watch.offHostRequests.push(request.url());
    }
  });

  return watch;
}

/** True for a network URL whose origin is not the app's. */
export function isOffHost(url: string, appOrigin: string): boolean {
  const { protocol, origin } = new URL(url);
  const local = protocol === "data:" || protocol === "blob:";
  return !local && origin !== appOrigin;
}

/**
 * Whether the focused element shows a focus indicator: an outline with
 * a width, or a box shadow.
 */
export function focusIndicatorOf(page: Page) {
  return page.evaluate(() => {
    const focused = document.activeElement;
    if (!focused || focused === document.body) return "nothing focused";
    const style = getComputedStyle(focused);
    const outline =
      style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
    const shadow = style.boxShadow !== "none";
    return outline || shadow ? "visible" : `none on <${focused.tagName}>`;
  });
}

/** Whether an element has the keyboard focus. */
export function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => element === document.activeElement);
}

/**
 * Presses Tab until an element has the focus, as a keyboard user
 * would, and fails after a bounded number of presses.
 */
export async function tabTo(page: Page, target: Locator, maxPresses = 80) {
  for (let presses = 0; presses < maxPresses; presses++) {
    if (await isFocused(target)) return presses;
    await page.keyboard.press("Tab");
  }
  throw new Error(`Tab did not reach the element in ${maxPresses} presses`);
}
