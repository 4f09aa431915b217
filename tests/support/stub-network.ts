import { vi } from "vitest";

/** One request the app made, as the stubbed network saw it. */
export interface SentRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Headers;
  body: unknown;
}

/** Answers one request; undefined passes it to the next route. */
export type Route = (request: SentRequest) => Response | undefined;

/** A JSON response, as the API would send it. */
export function json(status: number, body: unknown, headers = {}) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json", ...headers },
  });
}

/**
 * Replaces `fetch` (and nothing else) with a list of routes, and keeps
 * every request so a test can look at what the app sent. A request no
 * route answers gets a 404, as an unknown API path would.
 *
 * @example
 * const network = stubNetwork([(r) => r.path === "/api/x" ? json(200, {}) : undefined]);
 * network.sent("POST", "/api/leads"); // the bodies sent there
 */
export function stubNetwork(routes: Route[]) {
  const requests: SentRequest[] = [];

  vi.stubGlobal(
    "fetch",
    vi.fn((input: RequestInfo | URL, init: RequestInit = {}) => {
      const request = describeRequest(input, init);
      requests.push(request);
      for (const route of routes) {
        const response = route(request);
        if (response) return Promise.resolve(response);
      }
      return Promise.resolve(json(404, { error: { code: "not_found" } }));
    }),
  );

  return {
    requests,
    /** The requests sent with this method to this path. */
    sent(method: string, path: string) {
      return requests.filter((r) => r.method === method && r.path === path);
    },
  };
}

function describeRequest(
  input: RequestInfo | URL,
  init: RequestInit,
): SentRequest {
  const href =
    typeof input === "string"
      ? input
      : input instanceof URL
        ? input.href
        : input.url;
  const url = new URL(href, "http://localhost");
  const text = typeof init.body === "string" ? init.body : undefined;

  return {
    method: (init.method ?? "GET").toUpperCase(),
    path: url.pathname,
    query: url.searchParams,
    headers: new Headers(init.headers),
    body: text === undefined ? undefined : (JSON.parse(text) as unknown),
  };
}
