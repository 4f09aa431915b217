import {
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  writeSync,
} from "node:fs";
import type { AddressInfo } from "node:net";
import { join, resolve } from "node:path";

import dynalite from "dynalite";

/** A DynamoDB-compatible engine running inside this process. */
export interface EmbeddedEngine {
  /** The loopback URL to give the SDK as its endpoint. */
  endpoint: string;
  /** Stops taking requests, finishes pending writes and closes the files. */
  stop(): Promise<void>;
}

/**
 * Another running process keeps its data in the same folder. The
 * engine's files allow one process only, and a second one would fail
 * on its first request instead of at start.
 */
export class DataDirInUseError extends Error {
  constructor(dataDir: string, pid: number) {
    super(
      `DATA_DIR ${dataDir} is in use by another server (process ${pid}). ` +
        "Stop that one, or set another DATA_DIR.",
    );
    this.name = "DataDirInUseError";
  }
}

export interface EmbeddedEngineOptions {
  /** A folder to keep the data in; in memory when left out. */
  dataDir?: string | undefined;
}

/**
 * Starts dynalite on a random loopback port, so that `npm start` and
 * the tests need no account, no Docker and no Java. Only the Node
 * server and the tests import this; the Lambda bundle never does.
 *
 * @example
 * const engine = await startEmbeddedEngine({ dataDir: "data" });
 * const store = openStore({ endpoint: engine.endpoint, … });
 * await engine.stop();
 */
export async function startEmbeddedEngine(
  options: EmbeddedEngineOptions = {},
): Promise<EmbeddedEngine> {
  const path = options.dataDir && databasePath(options.dataDir);
  const unlock = options.dataDir ? lockDataDir(options.dataDir) : () => {};
  const server = dynalite({
    ...(path ? { path } : {}),
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });

  try {
    await new Promise<void>((done, fail) => {
      server.once("error", fail);
      server.listen(0, "127.0.0.1", () => {
        server.off("error", fail);
        done();
      });
    });
  } catch (error) {
    unlock();
    throw error;
  }

  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: () => closeServer(server).finally(unlock),
  };
}

/*
 * A lock file with our process id. One left by a process that has
 * died (a crash, a kill -9) is taken over, so a crash never blocks the
 * next start.
 */
function lockDataDir(dataDir: string): () => void {
  const lockFile = join(resolve(dataDir), "server.lock");

  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = openSync(lockFile, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockFile, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }

    const holder = Number(readFileSync(lockFile, "utf8"));
    if (isRunning(holder)) throw new DataDirInUseError(dataDir, holder);
    rmSync(lockFile, { force: true });
  }
  throw new DataDirInUseError(dataDir, Number.NaN);
}

function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, under another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function databasePath(dataDir: string): string {
  const path = resolve(dataDir, "dynalite");
  mkdirSync(path, { recursive: true });
  return path;
}

/*
 * dynalite's close waits for pending operations and then closes its
 * LevelDB, so everything acknowledged is on disk when this resolves.
 */
function closeServer(server: ReturnType<typeof dynalite>): Promise<void> {
  return new Promise((done, fail) => {
    server.close((error) => (error ? fail(error) : done()));
  });
}
