import { signWebhook } from "../webhook-signature.ts";

/** Where the events go and the secret they are signed with. */
export interface WebhookTarget {
  url: string;
  secret: string;
}

/** What one POST to the webhook came to. */
export type PostOutcome = { ok: true } | { ok: false; error: string };

/**
 * POSTs one signed event to the webhook. A 2xx answer is a delivery;
 * any other status, a network error or no answer within `timeoutMs` is
 * a failure, described in a few words that never include the body or
 * the receiver's answer, so that it is safe to log and to store.
 *
 * @example
 * await postWebhook(target, { idempotencyKey: lead.id, body, … });
 * // { ok: false, error: "HTTP 503" }
 */
export async function postWebhook(
  target: WebhookTarget,
  request: {
    idempotencyKey: string;
    body: string;
    timeoutMs: number;
    now: Date;
  },
): Promise<PostOutcome> {
  const timestamp = String(Math.floor(request.now.getTime() / 1000));
  const signature = await signWebhook(target.secret, timestamp, request.body);
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), request.timeoutMs);

  try {
    const response = await fetch(target.url, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "Idempotency-Key": request.idempotencyKey,
        "X-Signature-Timestamp": timestamp,
        "X-Signature": signature,
      },
      body: request.body,
      signal: abort.signal,
      redirect: "manual",
    });
    // The answer is not read, only released: it is the CRM's business.
    await response.body?.cancel();
    return response.ok
      ? { ok: true }
      : { ok: false, error: `HTTP ${response.status}` };
  } catch (error) {
    return {
      ok: false,
      error: abort.signal.aborted ? "timeout" : describe(error),
    };
  } finally {
    clearTimeout(timer);
  }
}

/*
 * fetch's errors carry the URL and sometimes more in their message, so
 * only the error's code (ECONNREFUSED, ENOTFOUND, …) is kept.
 */
function describe(error: unknown): string {
  const cause = error instanceof Error ? error.cause : undefined;
  const code =
    typeof cause === "object" && cause !== null && "code" in cause
      ? String(cause.code)
      : undefined;
  return code && /^[A-Z_]{3,40}$/.test(code)
    ? `network error ${code}`
    : "network error";
}
