import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { request, type IncomingHttpHeaders } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { parseConfig } from "../../api/config.ts";
import { createLogger } from "../../api/log.ts";
import { startServer, type RunningServer } from "../../api/server.ts";
import { DataDirInUseError } from "../../api/store/embedded-engine.ts";
import type { CreatedAssessment } from "../../src/core/submission.ts";
import { validSubmission } from "../support/api-harness.ts";

const root = mkdtempSync(join(tmpdir(), "readiness-server-"));
const distDir = join(root, "dist");
const indexHtml = "<!doctype html><title>App</title>" + "<p>a</p>".repeat(200);
const appJs = `console.log(${JSON.stringify("asset ".repeat(500))});`;

beforeAll(() => {
  mkdirSync(join(distDir, "assets"), { recursive: true });
  writeFileSync(join(distDir, "index.html"), indexHtml);
  writeFileSync(join(distDir, "assets", "app-3f9a1c.js"), appJs);
  writeFileSync(join(root, "secret.txt"), "outside the build");
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

function start(dataDir: string, dist = distDir, lines: string[] = []) {
  const config = parseConfig({
    PORT: "0",
    DATA_DIR: dataDir,
    DIST_DIR: dist,
  });
  return startServer(
    config,
    createLogger("info", (line) => lines.push(line)),
  );
}

function postOver(url: string, submission: unknown) {
  return fetch(`${url}/api/assessments`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(submission),
  });
}

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/* node:http, not fetch, so that compressed bodies arrive as sent. */
function rawGet(
  url: string,
  headers: Record<string, string> = {},
): Promise<RawResponse> {
  return new Promise((done, fail) => {
    const req = request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () =>
        done({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks),
        }),
      );
    });
    req.on("error", fail);
    req.end();
  });
}

describe("the Node server with data on disk", () => {
  it("keeps stored results across a shutdown and a restart", async () => {
    const dataDir = join(root, "data-restart");
    const submission = validSubmission();

    const first = await start(dataDir);
    const created = await postOver(first.url, submission);
    const stored = (await created.json()) as CreatedAssessment;
    await first.shutdown();

    const second = await start(dataDir);
    const read = await fetch(`${second.url}/api/assessments/${submission.id}`);
    const body: unknown = await read.json();
    await second.shutdown();

    expect(created.status).toBe(201);
    expect(read.status).toBe(200);
    const { deletionToken: _token, ...withoutToken } = stored;
    expect(body).toEqual(withoutToken);
  });

  it("starts with an empty store when the data folder is new", async () => {
    const server = await start(join(root, "data-fresh"));

    const read = await fetch(
      `${server.url}/api/assessments/${crypto.randomUUID()}`,
    );
    const health = await fetch(`${server.url}/api/health`);
    await server.shutdown();

    expect(read.status).toBe(404);
    expect(health.status).toBe(200);
  });

  it("refuses a second server on the same data folder", async () => {
    const dataDir = join(root, "data-shared");
    const first = await start(dataDir);

    const second = start(dataDir);

    await expect(second).rejects.toBeInstanceOf(DataDirInUseError);
    const health = await fetch(`${first.url}/api/health`);
    await first.shutdown();
    expect(health.status).toBe(200);
  });

  it("logs requests without the client's address", async () => {
    const lines: string[] = [];
    const server = await start(join(root, "data-log"), distDir, lines);

    await fetch(`${server.url}/api/health`);
    await server.shutdown();

    // Start-up lines, such as the lead deliverer's, are not requests.
    const requests = lines.filter((line) => line.includes('"msg":"request"'));
    expect(requests).toHaveLength(1);
    expect(lines.join("\n")).not.toContain("127.0.0.1");
    expect(JSON.parse(requests[0]!)).toMatchObject({ path: "/api/health" });
  });
});

/** Runs the real `npm start` entry in a child process. */
async function spawnEntry(dataDir: string) {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "api/node-server.ts"],
    {
      env: { ...process.env, PORT: "0", DATA_DIR: dataDir, LOG_LEVEL: "warn" },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const exited = new Promise<number | null>((done) =>
    child.once("exit", (code) => done(code)),
  );

  let output = "";
  child.stderr.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const url = await new Promise<string>((done, fail) => {
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const found = output.match(/running at (http:\/\/\S+)/);
      if (found) done(found[1]!);
    });
    void exited.then(() => fail(new Error(`the server exited: ${output}`)));
  });
  return { child, url, exited };
}

describe("npm start's entry", () => {
  it("shuts down on SIGINT with exit code 0 and keeps what it stored", async () => {
    const dataDir = join(root, "data-signal");
    const submission = validSubmission();

    const first = await spawnEntry(dataDir);
    const created = await postOver(first.url, submission);
    first.child.kill("SIGINT");
    const code = await first.exited;

    const second = await spawnEntry(dataDir);
    const read = await fetch(`${second.url}/api/assessments/${submission.id}`);
    second.child.kill("SIGTERM");
    await second.exited;

    expect(created.status).toBe(201);
    expect(code).toBe(0);
    expect(read.status).toBe(200);
  }, 60_000);
});

describe("the Node server serving the SPA", () => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await start(join(root, "data-static"));
  });

  afterAll(async () => {
    await server.shutdown();
  });

  it("serves index.html with brotli, no-cache and the security headers", async () => {
    const response = await rawGet(`${server.url}/`, {
      "accept-encoding": "gzip, br",
    });

    expect(response.status).toBe(200);
    expect(response.headers["content-encoding"]).toBe("br");
    expect(brotliDecompressSync(response.body).toString()).toBe(indexHtml);
    expect(response.headers["cache-control"]).toBe("no-cache");
    expect(response.headers["content-type"]).toMatch(/^text\/html/);
    expect(response.headers["content-security-policy"]).toMatch(
      /^default-src 'self'/,
    );
    expect(response.headers["x-content-type-options"]).toBe("nosniff");
  });

  it("serves hashed assets gzipped and cached for a year", async () => {
    const response = await rawGet(`${server.url}/assets/app-3f9a1c.js`, {
      "accept-encoding": "gzip",
    });

    expect(response.status).toBe(200);
    expect(response.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(response.body).toString()).toBe(appJs);
    expect(response.headers["cache-control"]).toBe(
      "public, max-age=31536000, immutable",
    );
    expect(response.headers.vary).toBe("Accept-Encoding");
  });

  it("serves files uncompressed to a client that asks for that", async () => {
    const response = await rawGet(`${server.url}/assets/app-3f9a1c.js`, {
      "accept-encoding": "br;q=0, identity",
    });

    expect(response.headers["content-encoding"]).toBeUndefined();
    expect(response.body.toString()).toBe(appJs);
  });

  it("answers every page with index.html when nothing is prerendered", async () => {
    const response = await rawGet(`${server.url}/results/some-id`);

    expect(response.status).toBe(200);
    expect(response.body.toString()).toBe(indexHtml);
  });

  it("answers prerendered pages with their own file, others with the shell", async () => {
    const prerendered = join(root, "dist-prerendered");
    mkdirSync(join(prerendered, "assessment"), { recursive: true });
    writeFileSync(join(prerendered, "index.html"), "landing");
    writeFileSync(join(prerendered, "assessment", "1.html"), "question 1");
    writeFileSync(join(prerendered, "app.html"), "shell");
    const site = await start(join(root, "data-prerendered"), prerendered);

    const bodyOf = async (path: string) =>
      (await rawGet(`${site.url}${path}`)).body.toString();
    const bodies = {
      landing: await bodyOf("/"),
      first: await bodyOf("/assessment/1"),
      firstWithSlash: await bodyOf("/assessment/1/"),
      second: await bodyOf("/assessment/2"),
      results: await bodyOf("/results"),
    };
    await site.shutdown();

    expect(bodies).toEqual({
      landing: "landing",
      first: "question 1",
      firstWithSlash: "question 1",
      second: "shell",
      results: "shell",
    });
  });

  it("answers 304 when the browser already has the file", async () => {
    const first = await rawGet(`${server.url}/`);

    const again = await rawGet(`${server.url}/`, {
      "if-none-match": String(first.headers.etag),
    });

    expect(again.status).toBe(304);
    expect(again.body).toHaveLength(0);
  });

  it("answers JSON 404 for a missing file and for unknown API paths", async () => {
    const asset = await rawGet(`${server.url}/assets/missing.js`);
    const api = await rawGet(`${server.url}/api/unknown`);

    for (const response of [asset, api]) {
      expect(response.status).toBe(404);
      expect(JSON.parse(response.body.toString())).toMatchObject({
        error: { code: "not_found" },
      });
    }
  });

  it("never serves a file outside the build folder", async () => {
    const response = await rawGet(`${server.url}/..%2fsecret.txt`);

    expect(response.status).toBe(404);
    expect(response.body.toString()).not.toContain("outside the build");
  });
});

describe("the Node server before the SPA is built", () => {
  it("answers pages with a 503 that says so, and the API still works", async () => {
    const server = await start(
      join(root, "data-unbuilt"),
      join(root, "no-dist"),
    );

    const page = await rawGet(`${server.url}/`);
    const health = await rawGet(`${server.url}/api/health`);
    await server.shutdown();

    expect(page.status).toBe(503);
    expect(page.body.toString()).toContain("has not been built yet");
    expect(health.status).toBe(200);
  });
});
