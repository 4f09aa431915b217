import { createHmac, timingSafeEqual } from "node:crypto";
import {
  createServer,
  type IncomingMessage,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";

/** One request as the receiver saw it, whatever it answered. */
export interface ReceivedRequest {
  idempotencyKey: string | undefined;
  timestamp: string | undefined;
  signature: string | undefined;
  contentType: string | undefined;
  body: string;
  /** True when the signature matches the body, the timestamp and the secret. */
  signatureValid: boolean;
  /** What the receiver answered; undefined when it never answered. */
  status: number | undefined;
}

/** How the receiver answers the requests it has not answered yet. */
export type ReceiverMode = "ok" | "never-answer";

/**
 * A CRM stand-in: a real HTTP server on a loopback port that checks the
 * signature on its own (with node:crypto, not the API's signing code)
 * and stores each event once by its `Idempotency-Key`, as the webhook
 * contract asks of a receiver.
 */
export interface WebhookReceiver {
  url: string;
  secret: string;
  /** Every request, in order of arrival. */
  requests: ReceivedRequest[];
  /** The events stored, by Idempotency-Key, each parsed once. */
  stored: Map<string, unknown>;
  /**
   * Answers the next `count` requests with 503. With `afterStoring`, a
   * valid event is stored first, as when a CRM commits but its answer
   * is lost, so the sender retries something already received.
   */
  failNext(count: number, options?: { afterStoring?: boolean }): void;
  /** Switches between answering and holding requests without an answer. */
  setMode(mode: ReceiverMode): void;
  close(): Promise<void>;
}

/**
 * Starts a receiver on 127.0.0.1 and a free port.
 *
 * @example
 * const receiver = await startWebhookReceiver("secret");
 * receiver.failNext(2);
 */
export async function startWebhookReceiver(
  secret: string,
): Promise<WebhookReceiver> {
  const requests: ReceivedRequest[] = [];
  const stored = new Map<string, unknown>();
  let failuresLeft = 0;
  let storeBeforeFailing = false;
  let mode: ReceiverMode = "ok";

  const server = createServer((req, res) => {
    void readBody(req).then((body) => {
      const seen = describeRequest(req, body, secret);
      requests.push(seen);

      if (mode === "never-answer") return;
      const failing = failuresLeft > 0;
      if (failing) failuresLeft -= 1;
      if (failing && !storeBeforeFailing) {
        answer(res, seen, 503);
        return;
      }

      if (!seen.signatureValid || !seen.idempotencyKey) {
        answer(res, seen, 401);
        return;
      }
      if (!stored.has(seen.idempotencyKey)) {
        stored.set(seen.idempotencyKey, JSON.parse(body));
      }
      answer(res, seen, failing ? 503 : 200);
    });
  });

  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/crm/leads`,
    secret,
    requests,
    stored,
    failNext: (count, options = {}) => {
      failuresLeft = count;
      storeBeforeFailing = options.afterStoring ?? false;
    },
    setMode: (next) => {
      mode = next;
    },
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((done, fail) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => done(Buffer.concat(chunks).toString("utf8")));
    req.on("error", fail);
  });
}

function describeRequest(
  req: IncomingMessage,
  body: string,
  secret: string,
): ReceivedRequest {
  const header = (name: string) => {
    const value = req.headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const timestamp = header("x-signature-timestamp");
  const signature = header("x-signature");

  return {
    idempotencyKey: header("idempotency-key"),
    timestamp,
    signature,
    contentType: header("content-type"),
    body,
    signatureValid: verifySignature(secret, timestamp, body, signature),
    status: undefined,
  };
}

function verifySignature(
  secret: string,
  timestamp: string | undefined,
  body: string,
  signature: string | undefined,
): boolean {
  if (!timestamp || !signature?.startsWith("sha256=")) return false;

  const expected = createHmac("sha256", secret)
    .update(`${timestamp}.${body}`)
    .digest();
  const given = Buffer.from(signature.slice("sha256=".length), "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function answer(res: ServerResponse, seen: ReceivedRequest, status: number) {
  seen.status = status;
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify({ received: status === 200 }));
}

/**
 * Resolves once `check` returns true, polling every 10 ms; rejects
 * with `what` after `timeoutMs`, so a stuck test says what it awaited.
 *
 * @example
 * await waitUntil("the lead is stored", () => receiver.stored.has(id));
 */
export async function waitUntil(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs = 5_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
