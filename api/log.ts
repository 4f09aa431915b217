import { randomUUID } from "node:crypto";

import type { MiddlewareHandler } from "hono";

import type { LogLevel } from "./config.ts";

type Fields = Record<string, unknown>;

type Log = (message: string, fields?: Fields) => void;

/** Writes one JSON object per line. Never give it bodies or answers. */
export interface Logger {
  debug: Log;
  info: Log;
  warn: Log;
  error: Log;
}

const rank: Record<LogLevel, number> = {
  debug: 10,
  info: 20,
  warn: 30,
  error: 40,
  silent: 100,
};

type Level = Exclude<LogLevel, "silent">;

const toStdout = (line: string) => {
  process.stdout.write(`${line}\n`);
};

/**
 * Creates a logger that writes lines at or above `level`, as JSON with
 * the time, the level and the message first.
 *
 * @example
 * const logger = createLogger("info");
 * logger.info("listening", { url: "http://127.0.0.1:8080" });
 * // {"time":"…","level":"info","msg":"listening","url":"…"}
 */
export function createLogger(
  level: LogLevel,
  write: (line: string) => void = toStdout,
): Logger {
  const at = (lineLevel: Level) =>
    function log(message: string, fields: Fields = {}) {
      if (rank[lineLevel] < rank[level]) return;
      const time = new Date().toISOString();
      write(
        JSON.stringify({ time, level: lineLevel, msg: message, ...fields }),
      );
    };

  return {
    debug: at("debug"),
    info: at("info"),
    warn: at("warn"),
    error: at("error"),
  };
}

/** The variables the request log shares with the rest of the app. */
export interface RequestLogVariables {
  requestId: string;
}

/*
 * A caller may pass its own id so that its logs and ours line up, but
 * only a short plain token: anything else could smuggle data into the
 * log.
 */
const acceptableRequestId = /^[A-Za-z0-9._-]{8,64}$/;

const uuidSegment =
  /\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?=\/|$)/gi;

/**
 * Logs one line per request: method, path, status, duration and the
 * request id, which is also sent back as `X-Request-Id`. Ids in the
 * path are masked, since an assessment id is what grants access to a
 * result.
 */
export function requestLog(
  logger: Logger,
): MiddlewareHandler<{ Variables: RequestLogVariables }> {
  return async function logRequest(c, next) {
    const started = performance.now();
    const given = c.req.header("x-request-id");
    const requestId =
      given && acceptableRequestId.test(given) ? given : randomUUID();
    c.set("requestId", requestId);

    await next();

    c.res.headers.set("X-Request-Id", requestId);
    const status = c.res.status;
    const log = status >= 500 ? logger.error : logger.info;
    log("request", {
      requestId,
      method: c.req.method,
      path: c.req.path.replace(uuidSegment, "/:id"),
      status,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
    });
  };
}
