import type { BrowserContextOptions, Page } from "playwright-core";

import { desktop, phone } from "./browser.ts";

/** A device and network to measure on. */
export interface DeviceProfile {
  name: string;
  context: BrowserContextOptions;
  /** How many times slower the CPU runs; 1 leaves it alone. */
  cpuSlowdown: number;
  network?: { latencyMs: number; downBytesPerS: number; upBytesPerS: number };
}

export const unthrottledLaptop: DeviceProfile = {
  name: "Unthrottled laptop",
  context: desktop,
  cpuSlowdown: 1,
};

/** 4x CPU slowdown, 150 ms round trip, 1.6 Mbps down, 750 kbps up. */
export const midRangePhone: DeviceProfile = {
  name: "Mid-range phone (4x CPU, 150 ms RTT, 1.6 Mbps)",
  context: phone,
  cpuSlowdown: 4,
  network: {
    latencyMs: 150,
    downBytesPerS: 200_000,
    upBytesPerS: 93_750,
  },
};

/**
 * Applies a profile's CPU and network throttling to a page through the
 * DevTools protocol, with the HTTP cache off so every byte is fetched.
 */
export async function applyProfile(page: Page, profile: DeviceProfile) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  await cdp.send("Emulation.setCPUThrottlingRate", {
    rate: profile.cpuSlowdown,
  });
  if (!profile.network) return;

  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: profile.network.latencyMs,
    downloadThroughput: profile.network.downBytesPerS,
    uploadThroughput: profile.network.upBytesPerS,
  });
}

/**
 * What the page's performance observers saw, in ms since the tab's
 * first navigation. A journey can cross documents (a prerendered form
 * followed before its scripts ran), so the timings of each document
 * carry on from the one before, kept in sessionStorage as it unloads.
 */
export interface PageTimings {
  longTasks: { start: number; duration: number }[];
  /** The last largest-contentful-paint candidate; null when none. */
  lcp: number | null;
  /** Layout shift not caused by recent input: the CLS definition. */
  unexpectedShift: number;
  /** All layout shift, also right after a click. */
  allShift: number;
  /** The elements that moved without recent input, and by how much. */
  shiftedElements: string[];
  /** When the first pointer press reached a page; null before any. */
  firstInput: number | null;
}

declare global {
  interface Window {
    pageTimings?: PageTimings;
    /** When this document's navigation started, in the tab's clock. */
    pageOffset?: number;
  }
}

type LayoutShift = PerformanceEntry & {
  value: number;
  hadRecentInput: boolean;
  sources?: { node?: Node | null }[];
};

/**
 * Registers performance observers before any of the page's own
 * scripts run, so long tasks and shifts from the first paint count.
 * The script avoids named inner functions: tsx would wrap them in a
 * helper that does not exist in the page.
 */
export async function observePageTimings(page: Page) {
  await page.addInitScript(function recordPageTimings() {
    const originKey = "bench:tab-origin";
    const timingsKey = "bench:tab-timings";
    const origin = Number(
      sessionStorage.getItem(originKey) ?? performance.timeOrigin,
    );
    sessionStorage.setItem(originKey, String(origin));
    const offset = performance.timeOrigin - origin;
    const earlier = sessionStorage.getItem(timingsKey);
    const timings: PageTimings = earlier
      ? (JSON.parse(earlier) as PageTimings)
      : {
          longTasks: [],
          lcp: null,
          unexpectedShift: 0,
          allShift: 0,
          shiftedElements: [],
          firstInput: null,
        };
    window.pageTimings = timings;
    window.addEventListener(
      "pointerdown",
      (event) => {
        timings.firstInput ??= offset + event.timeStamp;
      },
      { capture: true, passive: true },
    );
    window.pageOffset = offset;
    window.addEventListener("pagehide", () =>
      sessionStorage.setItem(timingsKey, JSON.stringify(timings)),
    );

    const handlers: [string, (entry: PerformanceEntry) => void][] = [
      [
        "longtask",
        (entry) =>
          timings.longTasks.push({
            start: offset + entry.startTime,
            duration: entry.duration,
          }),
      ],
      // The first document's: the page the visitor arrived on.
      [
        "largest-contentful-paint",
        (entry) => {
          if (offset === 0) timings.lcp = entry.startTime;
        },
      ],
      [
        "layout-shift",
        (entry) => {
          const shift = entry as LayoutShift;
          timings.allShift += shift.value;
          if (shift.hadRecentInput) return;
          timings.unexpectedShift += shift.value;
          const moved = (shift.sources ?? []).map((source) => {
            const element = source.node as Element | null | undefined;
            const classes = element?.className ? `.${element.className}` : "";
            return `${element?.nodeName ?? "?"}${classes}`;
          });
          const at = `${Math.round(offset + shift.startTime)} ms`;
          timings.shiftedElements.push(
            `${shift.value.toFixed(3)} at ${at}: ${moved.join(", ")}`,
          );
        },
      ],
    ];
    for (const [type, handle] of handlers) {
      new PerformanceObserver((list) =>
        list.getEntries().forEach(handle),
      ).observe({ type, buffered: true });
    }
  });
}

/**
 * Reads what the observers saw, after giving the page a moment to
 * report its largest contentful paint, which arrives after the paint.
 */
export async function readPageTimings(page: Page): Promise<PageTimings> {
  await page
    .waitForFunction(() => window.pageTimings?.lcp !== null, undefined, {
      timeout: 3_000,
    })
    .catch(() => undefined);
  const timings = await page.evaluate(() => window.pageTimings);
  if (!timings) throw new Error("the performance observers did not run");
  return timings;
}

/** Milliseconds since the tab's first navigation started. */
export function pageClock(page: Page): Promise<number> {
  return page.evaluate(() => (window.pageOffset ?? 0) + performance.now());
}

/**
 * Waits until the first radio on screen is enabled and a tap on it
 * would be kept: React has attached its handlers, or the page is the
 * prerendered question, whose answers the app picks up when it starts.
 * Returns that moment in ms since the tab's first navigation. Polls
 * once per frame.
 */
export async function waitForAnswerableQuestion(page: Page, timeout: number) {
  const ready = await page.waitForFunction(
    function firstRadioIsLive() {
      const radio = document.querySelector<HTMLInputElement>(
        "input[type=radio]:not(:disabled)",
      );
      const react =
        radio && Object.keys(radio).some((key) => /^__reactProps\$/.test(key));
      const prerendered =
        radio?.closest("[data-prerendered]") && radio.form?.method === "get";
      const live = react || prerendered;
      return live ? (window.pageOffset ?? 0) + performance.now() : false;
    },
    undefined,
    { polling: "raf", timeout },
  );
  return (await ready.jsonValue()) as number;
}
