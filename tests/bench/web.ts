/**
 * Measures the production build in real Chromium: the landing page,
 * the 15 questions and the results, once unthrottled on a laptop and
 * once on a mid-range phone profile. Prints one Markdown table per
 * profile with each budget's verdict. Run with `npm run bench:web`.
 */
import { spawnSync } from "node:child_process";
import { cpus, loadavg } from "node:os";

import type { Browser, Page } from "playwright-core";

import { startAppServer, type AppServer } from "../support/app-server.ts";
import {
  answerAllButSubmit,
  chartNames,
  nextButton,
  questions,
  realisticChoices,
  resultsHeading,
  startButton,
} from "../support/assessment-journey.ts";
import { launchChromium } from "../support/browser.ts";
import {
  findLazyChunks,
  gzipBytes,
  type LazyChunks,
} from "../support/built-assets.ts";
import {
  applyProfile,
  midRangePhone,
  observePageTimings,
  pageClock,
  readPageTimings,
  unthrottledLaptop,
  waitForAnswerableQuestion,
  type DeviceProfile,
  type PageTimings,
} from "../support/page-timings.ts";
import {
  logTransfers,
  sumBytes,
  transfersOf,
  type Transfer,
  type TransferLog,
} from "../support/transfer-log.ts";

const stepTimeoutMs = 30_000;
const runsPerProfile = 3;
const benchTimeoutMs = 10 * 60_000;
/** Any name but the loopback address fails to resolve. */
const loopbackOnly = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1";

interface JourneyRun {
  log: TransferLog;
  timings: PageTimings;
  firstQuestionMs: number;
  quizEndMs: number;
  totalMs: number;
}

interface DirectRun {
  log: TransferLog;
  timings: PageTimings;
  firstQuestionMs: number;
}

async function openProfiledPage(
  browser: Browser,
  appUrl: string,
  profile: DeviceProfile,
) {
  const context = await browser.newContext({
    ...profile.context,
    baseURL: appUrl,
  });
  context.setDefaultTimeout(stepTimeoutMs);
  const page = await context.newPage();
  await applyProfile(page, profile);
  await observePageTimings(page);
  return { context, page, log: logTransfers(page, appUrl) };
}

async function waitForResults(page: Page) {
  await resultsHeading(page).waitFor();
  for (const name of chartNames) {
    await page.getByRole("figure", { name }).locator("svg").first().waitFor();
  }
}

/** Landing page, start, 15 questions, results with both charts. */
async function runJourney(
  browser: Browser,
  appUrl: string,
  profile: DeviceProfile,
): Promise<JourneyRun> {
  const { context, page, log } = await openProfiledPage(
    browser,
    appUrl,
    profile,
  );
  const started = Date.now();

  await page.goto("/", { waitUntil: "commit" });
  await startButton(page).click();
  const firstQuestionMs = await waitForAnswerableQuestion(page, stepTimeoutMs);
  log.phase = "quiz";
  await answerAllButSubmit(page, realisticChoices());
  const quizEndMs = await pageClock(page);
  log.phase = "results";
  await nextButton(page, questions.length).click();
  await waitForResults(page);
  const totalMs = Date.now() - started;

  await log.settle();
  const timings = await readPageTimings(page);
  await context.close();
  return { log, timings, firstQuestionMs, quizEndMs, totalMs };
}

/** A shared link straight to the first question, in a fresh context. */
async function runDirect(
  browser: Browser,
  appUrl: string,
  profile: DeviceProfile,
): Promise<DirectRun> {
  const { context, page, log } = await openProfiledPage(
    browser,
    appUrl,
    profile,
  );

  await page.goto("/assessment/1", { waitUntil: "commit" });
  const firstQuestionMs = await waitForAnswerableQuestion(page, stepTimeoutMs);
  await page.waitForLoadState("load");

  await log.settle();
  const timings = await readPageTimings(page);
  await context.close();
  return { log, timings, firstQuestionMs };
}

type LongTask = PageTimings["longTasks"][number];

/** Long tasks that started in a window of ms since navigation. */
function tasksBetween(timings: PageTimings, from: number, to = Infinity) {
  return timings.longTasks.filter((t) => t.start >= from && t.start < to);
}

/** The time past 50 ms that each task kept the main thread busy. */
const blockingTime = (tasks: LongTask[]) =>
  tasks.reduce((sum, task) => sum + Math.max(0, task.duration - 50), 0);

const longestTask = (tasks: LongTask[]) =>
  Math.max(0, ...tasks.map((task) => task.duration));

interface Row {
  measure: string;
  value: string;
  target: string;
  verdict: "PASS" | "FAIL" | "";
}

const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
const ms = (time: number) => `${Math.round(time)} ms`;

function judged(
  measure: string,
  value: string,
  target: string,
  pass: boolean,
): Row {
  return { measure, value, target, verdict: pass ? "PASS" : "FAIL" };
}

function info(measure: string, value: string): Row {
  return { measure, value, target: "", verdict: "" };
}

function encodingsOf(transfers: Transfer[]) {
  return [...new Set(transfers.map((t) => t.encoding))].join(", ") || "none";
}

/*
 * The budget is what one page loads to run its first question: the
 * direct link's page. From the landing page the journey can load two
 * pages' scripts (a start tapped before the landing's scripts ran opens
 * the prerendered question page), and with the cache off the second
 * fetches them again, so that sum is shown but not judged.
 */
function byteRows(
  journey: JourneyRun,
  direct: DirectRun,
  distDir: string,
): Row[] {
  const jsFirst = transfersOf(journey.log, "js", ["loading"]);
  const jsPage = transfersOf(direct.log, "js");
  const jsAll = transfersOf(journey.log, "js");
  const cssFirst = transfersOf(journey.log, "css", ["loading"]);
  const cssAll = transfersOf(journey.log, "css");
  const gzipPage = gzipBytes(distDir, jsPage);

  return [
    info(
      `JS the first question's page loads (${encodingsOf(jsPage)})`,
      `${kB(sumBytes(jsPage))} in ${jsPage.length} files`,
    ),
    judged(
      "JS the first question's page loads, as gzip -9",
      kB(gzipPage),
      "≤ 100 kB",
      gzipPage <= 100_000,
    ),
    info(
      "JS transferred before the first question, landing then start",
      `${kB(sumBytes(jsFirst))} in ${jsFirst.length} files`,
    ),
    info("JS transferred, whole journey", kB(sumBytes(jsAll))),
    info("CSS transferred before the first question", kB(sumBytes(cssFirst))),
    info("CSS transferred, whole journey", kB(sumBytes(cssAll))),
  ];
}

function firstQuestionRow(route: string, time: number): Row {
  const measure = `First question answerable: ${route}`;
  return judged(measure, ms(time), "≤ 1000 ms", time <= 1000);
}

function timingRows(journey: JourneyRun, direct: DirectRun): Row[] {
  const { timings, firstQuestionMs, quizEndMs } = journey;
  const quiz = longestTask(tasksBetween(timings, firstQuestionMs, quizEndMs));
  const results = longestTask(tasksBetween(timings, quizEndMs));
  const loadingBlocked = blockingTime(
    tasksBetween(timings, 0, firstQuestionMs),
  );

  const clickedAt = timings.firstInput ?? NaN;
  return [
    firstQuestionRow("landing, then start", firstQuestionMs),
    info("of which: the start click reached the page at", ms(clickedAt)),
    info(
      "of which: the first question answerable after the click",
      ms(firstQuestionMs - clickedAt),
    ),
    firstQuestionRow("direct link /assessment/1", direct.firstQuestionMs),
    info("LCP: landing page", ms(journey.timings.lcp ?? NaN)),
    info("LCP: direct link /assessment/1", ms(direct.timings.lcp ?? NaN)),
    info("Total blocking time until the first question", ms(loadingBlocked)),
    info(
      "Total blocking time, whole journey",
      ms(blockingTime(timings.longTasks)),
    ),
    judged("Longest task during the quiz", ms(quiz), "≤ 50 ms", quiz <= 50),
    info("Longest task from the last answer to the results", ms(results)),
    info("Time to complete the journey", ms(journey.totalMs)),
  ];
}

function stabilityRows(
  journey: JourneyRun,
  direct: DirectRun,
  lazy: LazyChunks,
): Row[] {
  const offHost = journey.log.offHost.length + direct.log.offHost.length;
  const early = [
    ...journey.log.transfers.filter((t) => t.phase !== "results"),
    ...direct.log.transfers,
  ];

  return [
    clsRow("CLS: landing to results", journey.timings),
    clsRow("CLS: direct link /assessment/1", direct.timings),
    info(
      "Layout shift including shifts right after input",
      journey.timings.allShift.toFixed(3),
    ),
    judged("Requests to other hosts", String(offHost), "0", offHost === 0),
    lazyRow("Recharts files loaded before the results", early, lazy.charts),
    lazyRow(
      "Pattern page files loaded before the results",
      early,
      lazy.patterns,
    ),
  ];
}

function clsRow(measure: string, timings: PageTimings): Row {
  const cls = timings.unexpectedShift;
  return judged(measure, cls.toFixed(3), "0", cls === 0);
}

function lazyRow(measure: string, early: Transfer[], chunk: Set<string>) {
  const loaded = early.filter((t) => chunk.has(t.file));
  const value = lazyVerdictValue(loaded, chunk);
  return judged(measure, value, "none", chunk.size > 0 && loaded.length === 0);
}

/** Names the files loaded too early, or says the chunk was not found. */
function lazyVerdictValue(loaded: Transfer[], chunk: Set<string>) {
  if (chunk.size === 0) return "chunk not found in dist/";
  return loaded.length === 0 ? "none" : loaded.map((t) => t.file).join(", ");
}

function toMarkdown(profile: DeviceProfile, rows: Row[]): string {
  const lines = rows.map(
    (r) => `| ${r.measure} | ${r.value} | ${r.target} | ${r.verdict} |`,
  );
  return [
    `### ${profile.name}`,
    "",
    "| measure | value | target | result |",
    "| --- | --- | --- | --- |",
    ...lines,
  ].join("\n");
}

function describeEarlyFiles(direct: DirectRun): string {
  const files = direct.log.transfers
    .filter((t) => t.kind !== "other")
    .map((t) => `\`${t.file}\` ${kB(t.bytes)}`);
  return `The first question's page loads: ${files.join(", ") || "none"}.`;
}

function describeQuizTasks(journey: JourneyRun): string {
  const { timings, firstQuestionMs, quizEndMs } = journey;
  const tasks = tasksBetween(timings, firstQuestionMs, quizEndMs).map(
    (task) => `${ms(task.duration)} at ${ms(task.start)}`,
  );
  if (tasks.length === 0) return "";
  return `Long tasks during the quiz: ${tasks.join(", ")}.`;
}

function describeShifts(journey: JourneyRun, direct: DirectRun): string {
  const shifts = [
    ...journey.timings.shiftedElements.map((s) => `landing to results ${s}`),
    ...direct.timings.shiftedElements.map((s) => `direct link ${s}`),
  ];
  if (shifts.length === 0) return "";
  return `Layout shifts without input: ${shifts.join("; ")}.`;
}

/** The run whose time to the first question is the median. */
function medianRun<T extends { firstQuestionMs: number }>(runs: T[]): T {
  const sorted = [...runs].sort(
    (a, b) => a.firstQuestionMs - b.firstQuestionMs,
  );
  return sorted[Math.floor(sorted.length / 2)]!;
}

function describeRuns(journeys: JourneyRun[], directs: DirectRun[]) {
  const times = (runs: { firstQuestionMs: number }[]) =>
    runs.map((run) => ms(run.firstQuestionMs)).join(", ");
  return (
    `${runsPerProfile} runs; the table shows the median one. First ` +
    `question answerable in each run: landing ${times(journeys)}; ` +
    `direct link ${times(directs)}.`
  );
}

async function measureProfile(
  browser: Browser,
  app: AppServer,
  profile: DeviceProfile,
  lazy: LazyChunks,
) {
  const journeys: JourneyRun[] = [];
  const directs: DirectRun[] = [];
  for (let run = 0; run < runsPerProfile; run++) {
    journeys.push(await runJourney(browser, app.url, profile));
    directs.push(await runDirect(browser, app.url, profile));
  }

  const journey = medianRun(journeys);
  const direct = medianRun(directs);
  const rows = [
    ...byteRows(journey, direct, app.distDir),
    ...timingRows(journey, direct),
    ...stabilityRows(journey, direct, lazy),
  ];
  const notes = [
    describeRuns(journeys, directs),
    describeEarlyFiles(direct),
    describeQuizTasks(journey),
    describeShifts(journey, direct),
  ];
  const parts = [toMarkdown(profile, rows), ...notes.filter(Boolean)];
  return `${parts.join("\n\n")}\n`;
}

function buildApp() {
  const build = spawnSync("npm", ["run", "build"], {
    stdio: ["ignore", "inherit", "inherit"],
    timeout: 5 * 60_000,
  });
  if (build.status !== 0) throw new Error("npm run build failed");
}

const method = [
  "How to read it: each time is in ms from the start of the first",
  "navigation of the tab, across documents when a prerendered form is",
  "followed before its scripts ran. *First question answerable* is the",
  "moment the first radio is enabled and a tap on it would be kept: React",
  "has attached its handlers, or it is the prerendered question, whose",
  "answer the app picks up when it starts (checked once per frame); from",
  "the landing page it includes finding and clicking the start button as",
  "soon as it shows. *LCP* is the first document's last candidate before",
  "the first input. *Total blocking time* sums each long",
  "task's time beyond 50 ms, from a PerformanceObserver registered before",
  "the page's scripts. *The quiz* runs from the first answerable question",
  "to the last answer. *CLS* adds up every layout shift not within 0.5 s",
  "of input (stricter than the session windows of the web-vitals CLS).",
  "Sizes are encoded bodies as sent; 1 kB = 1000 bytes. The phone profile",
  "throttles through the DevTools protocol with the HTTP cache off.",
].join("\n");

function describeMachine(browser: Browser) {
  const today = new Date().toISOString().slice(0, 10);
  const cores = cpus().length;
  const load = loadavg()[0]!.toFixed(1);
  return (
    `Run ${today} on ${cores} cores (load average ${load} at the start), ` +
    `Node ${process.version}, Chromium ${browser.version()}.`
  );
}

async function measureAll(browser: Browser, app: AppServer) {
  const lazy = await findLazyChunks(app.distDir);
  console.log(`\n${describeMachine(browser)}\n\n${method}\n`);

  // The server compresses each file on its first request and keeps
  // it; a CDN would too, so one journey warms it up unmeasured.
  await runJourney(browser, app.url, unthrottledLaptop);
  for (const profile of [unthrottledLaptop, midRangePhone]) {
    console.log(await measureProfile(browser, app, profile, lazy));
  }
}

async function main() {
  buildApp();
  const app = await startAppServer();
  const browser = await launchChromium([loopbackOnly]).catch(
    async (error: unknown) => {
      await app.stop();
      throw error;
    },
  );

  try {
    await measureAll(browser, app);
  } finally {
    await browser.close();
    await app.stop();
  }
}

const watchdog = setTimeout(() => {
  console.error(`bench:web gave up after ${benchTimeoutMs / 60_000} minutes`);
  process.exit(1);
}, benchTimeoutMs);
watchdog.unref();

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
