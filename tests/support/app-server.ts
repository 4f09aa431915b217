import { cpSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { parseConfig } from "../../api/config.ts";
import { startServer } from "../../api/server.ts";

/** A running copy of the app, reachable on the loopback interface. */
export interface AppServer {
  /** The origin, e.g. `http://127.0.0.1:41234`, without a trailing slash. */
  url: string;
  /** The copy of the build that the server serves. */
  distDir: string;
  stop(): Promise<void>;
}

/*
 * Browser tests and the benchmark make many requests from one address
 * in a short time; the production rate limit is not what they test.
 */
const testEnvironment = {
  HOST: "127.0.0.1",
  PORT: "0",
  STORE: "memory",
  LOG_LEVEL: "warn",
  RATE_LIMIT_PER_MINUTE: "100000",
  RATE_LIMIT_BURST: "10000",
};

export interface AppServerOptions {
  /** Extra environment for the server, e.g. `{ ADMIN_TOKEN: "…" }`. */
  env?: Record<string, string>;
}

/**
 * Starts the real Node server, which serves the production build in
 * `dist/` compressed and the API, on a free loopback port, with the
 * embedded database in memory. The build must exist: run `vite build`
 * first. The server reads a copy of the build, so a rebuild while the
 * tests run cannot swap files under a page that is loading.
 *
 * @example
 * const app = await startAppServer();
 * await page.goto(app.url);
 * await app.stop();
 */
export async function startAppServer(
  options: AppServerOptions = {},
): Promise<AppServer> {
  if (!existsSync("dist/index.html")) {
    throw new Error("dist/index.html is missing: run `npx vite build` first");
  }

  const distDir = mkdtempSync(join(tmpdir(), "app-dist-"));
  cpSync("dist", distDir, { recursive: true });
  const config = parseConfig({
    ...testEnvironment,
    ...options.env,
    DIST_DIR: distDir,
  });
  const server = await startServer(config);

  return {
    url: server.url,
    distDir,
    async stop() {
      await server.shutdown();
      rmSync(distDir, { recursive: true, force: true });
    },
  };
}
