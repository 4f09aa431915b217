import type { Context, MiddlewareHandler } from "hono";

import type { RateLimitConfig } from "../config.ts";
import { RateLimitedError } from "../errors.ts";

interface Bucket {
  tokens: number;
  updatedMs: number;
}

/** Takes one request from a client's allowance. */
export interface RateLimiter {
  /** 0 when the request may go ahead, else the seconds to wait. */
  take(client: string): number;
}

/*
 * Past this many clients, buckets that have filled up again are
 * dropped: they hold nothing a fresh bucket would not. If every bucket
 * is in use, the oldest go, so memory stays bounded under a flood.
 */
const maxClients = 10_000;

/**
 * A token bucket per client, in memory: each client may make `burst`
 * requests at once, refilled at `perMinute` a minute. It limits one
 * process; in production API Gateway's throttling comes first.
 *
 * @example
 * const limiter = createRateLimiter({ perMinute: 60, burst: 20 });
 * limiter.take("203.0.113.7"); // 0: go ahead
 */
export function createRateLimiter(
  config: RateLimitConfig,
  nowMs: () => number = () => performance.now(),
): RateLimiter {
  const buckets = new Map<string, Bucket>();
  const perMs = config.perMinute / 60_000;

  const refill = (bucket: Bucket, now: number) => {
    const elapsed = now - bucket.updatedMs;
    bucket.tokens = Math.min(config.burst, bucket.tokens + elapsed * perMs);
    bucket.updatedMs = now;
  };

  const sweep = (now: number) => {
    for (const [client, bucket] of buckets) {
      refill(bucket, now);
      if (bucket.tokens >= config.burst) buckets.delete(client);
    }
    for (const client of buckets.keys()) {
      if (buckets.size < maxClients) break;
      buckets.delete(client);
    }
  };

  return {
    take(client) {
      const now = nowMs();
      if (buckets.size >= maxClients) sweep(now);

      const bucket = buckets.get(client) ?? {
        tokens: config.burst,
        updatedMs: now,
      };
      buckets.set(client, bucket);
      refill(bucket, now);

      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return 0;
      }
      return Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000));
    },
  };
}

/** Finds who is asking, for the rate limit only; never logged. */
export type ClientKey = (c: Context) => string;

/** Answers 429 with Retry-After once a client has used its allowance. */
export function rateLimit(
  limiter: RateLimiter,
  clientKey: ClientKey,
): MiddlewareHandler {
  return async function limitRate(c, next) {
    const waitSeconds = limiter.take(clientKey(c));
    if (waitSeconds > 0) throw new RateLimitedError(waitSeconds);
    await next();
  };
}
