import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";

import type { Logger } from "./log.ts";
import {
  AssessmentExistsError,
  AssessmentNotFoundError,
  StoreUnavailableError,
} from "./store/store-errors.ts";

/** Every machine-readable error code the API answers with. */
export const errorCodes = [
  "malformed_json",
  "invalid_body",
  "invalid_id",
  "invalid_query",
  "unsupported_media_type",
  "payload_too_large",
  "unknown_content_version",
  "rate_limited",
  "store_unavailable",
  "not_found",
  "assessment_not_found",
  "method_not_allowed",
  "conflict",
  "forbidden",
  "unauthorized",
  "internal_error",
] as const;
export type ErrorCode = (typeof errorCodes)[number];

/** One thing wrong with a request body, located by its path. */
export interface ErrorIssue {
  path: string[];
  code: string;
  message: string;
}

/** The JSON body of every error response. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; issues?: ErrorIssue[] };
}

interface HttpErrorOptions {
  issues?: ErrorIssue[];
  headers?: Record<string, string>;
}

/**
 * An error the client caused or can act on. The one error handler
 * turns it into its status and the JSON error body.
 *
 * @example
 * throw new HttpError(415, "unsupported_media_type", "Send JSON.");
 */
export class HttpError extends Error {
  readonly status: ContentfulStatusCode;
  readonly code: ErrorCode;
  readonly issues: ErrorIssue[] | undefined;
  readonly headers: Record<string, string>;

  constructor(
    status: ContentfulStatusCode,
    code: ErrorCode,
    message: string,
    options: HttpErrorOptions = {},
  ) {
    super(message);
    this.name = "HttpError";
    this.status = status;
    this.code = code;
    this.issues = options.issues;
    this.headers = options.headers ?? {};
  }
}

/** A client sent more requests than its rate allows. */
export class RateLimitedError extends HttpError {
  constructor(retryAfterSeconds: number) {
    super(429, "rate_limited", "Too many requests; try again later.", {
      headers: { "Retry-After": String(retryAfterSeconds) },
    });
    this.name = "RateLimitedError";
  }
}

/** How long a client should wait before retrying when the store is down. */
export const storeRetryAfterSeconds = 5;

const codeForStatus: Partial<Record<number, ErrorCode>> = {
  400: "invalid_body",
  404: "not_found",
  405: "method_not_allowed",
  413: "payload_too_large",
  415: "unsupported_media_type",
};

/**
 * Creates the app's one error handler. Known errors become their JSON
 * error body; anything else is logged in full and answered with a bare
 * 500 that reveals nothing about the server.
 */
export function createErrorHandler(logger: Logger) {
  return function handleError(error: Error, c: Context): Response {
    const requestId = c.get("requestId") as string | undefined;
    if (error instanceof StoreUnavailableError) {
      logger.warn("store unavailable", {
        requestId,
        error: describeError(error),
      });
    }

    const known = toHttpError(error);
    if (known) return errorResponse(c, known);

    logger.error("unhandled error", { requestId, error: describeError(error) });
    return errorResponse(
      c,
      new HttpError(500, "internal_error", "Something went wrong on our side."),
    );
  };
}

/** Answers with the JSON error body for an HttpError. */
export function errorResponse(c: Context, error: HttpError): Response {
  const body: ErrorBody = {
    error: {
      code: error.code,
      message: error.message,
      ...(error.issues ? { issues: error.issues } : {}),
    },
  };
  return c.json(body, error.status, error.headers);
}

function toHttpError(error: Error): HttpError | undefined {
  if (error instanceof HttpError) return error;

  if (error instanceof StoreUnavailableError) {
    return new HttpError(
      503,
      "store_unavailable",
      "The store is not available right now; try again shortly.",
      { headers: { "Retry-After": String(storeRetryAfterSeconds) } },
    );
  }
  if (error instanceof AssessmentNotFoundError) {
    return new HttpError(404, "not_found", "No assessment has this id.");
  }
  if (error instanceof AssessmentExistsError) {
    return new HttpError(409, "conflict", error.message);
  }

  return fromHonoException(error);
}

/*
 * Hono's own middleware throws HTTPException for a few client errors.
 * Its status is kept; its plain-text body is replaced by ours.
 */
function fromHonoException(error: Error): HttpError | undefined {
  if (!(error instanceof HTTPException)) return undefined;

  const status = error.status;
  const code = codeForStatus[status];
  if (!code) return undefined;
  return new HttpError(status, code, error.message || "Bad request.");
}

/** The whole error, its cause chain included, for the server log only. */
export function describeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { value: String(error) };

  return {
    name: error.name,
    message: error.message,
    stack: error.stack,
    ...(error.cause === undefined ? {} : { cause: describeError(error.cause) }),
  };
}
