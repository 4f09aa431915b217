import { spawn, spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { pathToFileURL } from "node:url";

import { PutCommand } from "@aws-sdk/lib-dynamodb";
import autocannon from "autocannon";

import { toItem } from "../../api/store/store.ts";
import { assessmentKey } from "../../api/store/table-definition.ts";
import { scoreAssessment } from "../../src/core/scoring/score-assessment.ts";
import { content } from "../../src/generated/content.ts";
import { answersByArea } from "../support/answers.ts";
import { startTestStore, type TestStore } from "../support/test-store.ts";

/*
 * The API benchmark, `npm run bench:api`. In one run, on loopback only:
 *   1. raw PutItem throughput of one process against the embedded
 *      engine, and POST /api/assessments through the full Node server
 *      (a child process, as `npm start` runs it), each at 1, 16 and 64
 *      requests in flight, taking turns;
 *   2. the Lambda bundle's size and its cold import time.
 * It prints a Markdown table for docs/benchmarks.md. BENCH_SECONDS sets
 * the length of each run (10 by default).
 */

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const concurrencies = [1, 16, 64] as const;
const maxRawItems = 500_000;
const tableName = "readiness-bench";
/** /proc counts CPU time in USER_HZ ticks, 100 a second on Linux. */
const clockTicksPerSecond = 100;
const region = "us-east-1";

const answers = answersByArea(content, () => 2);
const submission = {
  contentVersion: content.version,
  answers,
  context: { utm: { source: "bench", campaign: "load" } },
};

/** Throughput, and the CPU time one operation took in its process. */
interface Rate {
  perSecond: number;
  cpuMs: number;
}

interface Row {
  connections: number;
  raw: Rate;
  api: Rate;
  p50: number;
  p99: number;
  failed: number;
}

/* ---- 1a. the raw store ---- */

/** The item the API stores for one submission, built by the same code. */
function sampleItem() {
  return toItem({
    id: randomUUID(),
    contentVersion: content.version,
    createdAt: new Date().toISOString(),
    expiresAt: Math.floor(Date.now() / 1000) + 180 * 86_400,
    answers,
    result: scoreAssessment(content, answers),
    context: submission.context,
    answersHash: "0".repeat(64),
    deletionTokenHash: "0".repeat(64),
  });
}

/*
 * The same conditional write of the same item the API makes, through an
 * SDK client with the store's settings, so like is compared with like.
 */
async function rawPuts(
  documents: TestStore["documents"],
  concurrency: number,
  duration: number,
): Promise<Rate> {
  const template = sampleItem();
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const deadline = started + duration * 1000;
  let count = 0;

  const worker = async () => {
    while (performance.now() < deadline && count < maxRawItems) {
      const id = randomUUID();
      await documents.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...template, ...assessmentKey(id), id },
          ConditionExpression: "attribute_not_exists(pk) OR expiresAt <= :now",
          ExpressionAttributeValues: { ":now": Math.floor(Date.now() / 1000) },
        }),
      );
      count += 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));

  const cpu = process.cpuUsage(cpuBefore);
  return {
    perSecond: count / ((performance.now() - started) / 1000),
    cpuMs: (cpu.user + cpu.system) / 1000 / count,
  };
}

/* ---- 1b. the API through the full server ---- */

async function startServerProcess() {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "api/node-server.ts"],
    {
      env: {
        ...process.env,
        PORT: "0",
        STORE: "memory",
        LOG_LEVEL: "info",
        RATE_LIMIT_PER_MINUTE: "1000000000",
        RATE_LIMIT_BURST: "1000000000",
      },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );

  let logLines = 0;
  const url = await new Promise<string>((done, fail) => {
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      const found = chunk.match(/running at (http:\/\/\S+)/);
      if (found) done(found[1]!);
      logLines += chunk.split("\n").length - 1;
    });
    child.once("exit", () => fail(new Error("the server exited early")));
  });

  const stop = () =>
    new Promise<void>((done) => {
      child.once("exit", () => done());
      child.kill("SIGTERM");
    });
  return { url, stop, pid: child.pid!, logLines: () => logLines };
}

/*
 * CPU seconds a process has used, from /proc (Linux). Throughput on a
 * shared machine swings with everyone else's load; CPU time per
 * request barely does, so the report shows both.
 */
function cpuSecondsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]);
  return ticks / clockTicksPerSecond;
}

async function apiPosts(
  server: Awaited<ReturnType<typeof startServerProcess>>,
  connections: number,
) {
  const cpuBefore = cpuSecondsOf(server.pid);
  const result = await postWithFreshIds(server.url, connections, seconds);
  const cpuSeconds = cpuSecondsOf(server.pid) - cpuBefore;

  const rate: Rate = {
    perSecond: result.requests.total / result.duration,
    cpuMs: (1000 * cpuSeconds) / result.requests.total,
  };
  return { result, rate };
}

function postWithFreshIds(url: string, connections: number, duration: number) {
  return autocannon({
    url,
    connections,
    duration,
    requests: [
      {
        method: "POST",
        path: "/api/assessments",
        headers: { "content-type": "application/json" },
        setupRequest: (request) => ({
          ...request,
          body: JSON.stringify({ id: randomUUID(), ...submission }),
        }),
      },
    ],
  });
}

/*
 * Raw and API runs alternate, level by level, so that both meet the
 * same background load on a shared machine. The server process is
 * idle while the raw puts run, and the other way round.
 */
async function measure(): Promise<Row[]> {
  const db = await startTestStore(tableName);
  const server = await startServerProcess();
  await rawPuts(db.documents, 16, 2);
  await postWithFreshIds(server.url, 16, 2);

  const rows: Row[] = [];
  for (const connections of concurrencies) {
    const raw = await rawPuts(db.documents, connections, seconds);
    const { result, rate } = await apiPosts(server, connections);
    rows.push({
      connections,
      raw,
      api: rate,
      p50: result.latency.p50,
      p99: result.latency.p99,
      failed: result.non2xx + result.errors + result.timeouts,
    });
  }

  console.error(`the server wrote ${server.logLines()} log lines`);
  await server.stop();
  await db.stop();
  return rows;
}

/* ---- 2. the Lambda bundle ---- */

const bundlePath = "build/lambda/index.mjs";

interface Bundle {
  sizeKb: number;
  importMs: number;
}

function measureBundle(): Bundle {
  const build = spawnSync("npm", ["run", "--silent", "build:lambda"], {
    stdio: ["ignore", "inherit", "inherit"],
  });
  if (build.status !== 0) throw new Error("npm run build:lambda failed");

  const sizeKb = statSync(bundlePath).size / 1024;
  const imports = Array.from({ length: 7 }, coldImportMs).sort((a, b) => a - b);
  return { sizeKb, importMs: imports[3]! };
}

/* A fresh process each time: nothing is cached, as on a cold start. */
function coldImportMs(): number {
  const href = pathToFileURL(bundlePath).href;
  const script =
    "const t = performance.now();" +
    `await import(${JSON.stringify(href)});` +
    "process.stdout.write(String(performance.now() - t));";

  const run = spawnSync(
    process.execPath,
    ["--input-type=module", "-e", script],
    {
      env: {
        PATH: process.env.PATH,
        STORE: "aws",
        TABLE_NAME: tableName,
        AWS_REGION: region,
        LOG_LEVEL: "silent",
      },
      encoding: "utf8",
    },
  );
  if (run.status !== 0) throw new Error(`import failed: ${run.stderr}`);
  return Number(run.stdout);
}

/* ---- the report ---- */

const fixed = (value: number, digits = 0) => value.toFixed(digits);
const verdict = (met: boolean) => (met ? "met" : "**missed**");

function machineLine(): string {
  const load = loadavg()
    .map((value) => value.toFixed(1))
    .join(" ");
  return (
    `Machine: ${cpus().length} cores (${cpus()[0]?.model.trim()}), ` +
    `${fixed(totalmem() / 2 ** 30, 1)} GB, Node ${process.version}, ` +
    `load average ${load} at the end. ${seconds} s per run, embedded ` +
    "engine in memory, loopback only."
  );
}

const throughputShare = (row: Row) =>
  (100 * row.api.perSecond) / row.raw.perSecond;
const cpuShare = (row: Row) => (100 * row.raw.cpuMs) / row.api.cpuMs;

function throughputTable(rows: Row[]): string[] {
  return [
    "| in flight | raw PutItem/s | POST/s | API / raw | p50 ms | p99 ms " +
      "| CPU ms per put | CPU ms per POST | CPU share | failed |",
    "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...rows.map(
      (row) =>
        `| ${row.connections} | ${fixed(row.raw.perSecond)} | ` +
        `${fixed(row.api.perSecond)} | ${fixed(throughputShare(row))}% | ` +
        `${fixed(row.p50, 1)} | ${fixed(row.p99, 1)} | ` +
        `${fixed(row.raw.cpuMs, 2)} | ${fixed(row.api.cpuMs, 2)} | ` +
        `${fixed(cpuShare(row))}% | ${row.failed} |`,
    ),
  ];
}

function targetsTable(rows: Row[], bundle: Bundle): string[] {
  const at16 = rows.find((row) => row.connections === 16)!;

  return [
    "| target | measured | verdict |",
    "| --- | --- | --- |",
    ...rows.map(
      (row) =>
        `| API ≥ 70% of raw store throughput, ${row.connections} in flight ` +
        `| ${fixed(throughputShare(row))}% (by CPU cost ` +
        `${fixed(cpuShare(row))}%) | ${verdict(throughputShare(row) >= 70)} |`,
    ),
    `| p99 < 50 ms at 16 connections | ${fixed(at16.p99, 1)} ms | ` +
      `${verdict(at16.p99 < 50)} |`,
    `| Lambda bundle < 300 KB minified | ${fixed(bundle.sizeKb, 1)} KB | ` +
      `${verdict(bundle.sizeKb < 300)} |`,
  ];
}

function report(rows: Row[], bundle: Bundle): string {
  return [
    machineLine(),
    "",
    ...throughputTable(rows),
    "",
    `Lambda bundle: ${fixed(bundle.sizeKb, 1)} KB minified; cold import ` +
      `${fixed(bundle.importMs)} ms (median of 7 fresh processes).`,
    "",
    ...targetsTable(rows, bundle),
  ].join("\n");
}

console.error(`raw PutItem and POST, ${seconds} s at each level…`);
const rows = await measure();
console.error("Lambda bundle…");
const bundle = measureBundle();
console.log(report(rows, bundle));
