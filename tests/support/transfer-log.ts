import type { Page, Request } from "playwright-core";

import { isOffHost } from "./browser.ts";

/** The part of the journey in which the page asked for a file. */
export type Phase = "loading" | "quiz" | "results";

/** One response body, as it came over the network. */
export interface Transfer {
  /** The file name, e.g. `index-BgHXNEN7.js`. */
  file: string;
  kind: "js" | "css" | "other";
  /** The encoded (compressed) body size. */
  bytes: number;
  encoding: string;
  phase: Phase;
}

export interface TransferLog {
  transfers: Transfer[];
  offHost: string[];
  /** The part of the journey the page is in now. */
  phase: Phase;
  settle(): Promise<unknown>;
}

function kindOf(url: string): Transfer["kind"] {
  const { pathname } = new URL(url);
  if (/\.m?js$/.test(pathname)) return "js";
  return pathname.endsWith(".css") ? "css" : "other";
}

async function describeTransfer(request: Request, phase: Phase) {
  const sizes = await request.sizes();
  const response = await request.response();
  const transfer: Transfer = {
    file: new URL(request.url()).pathname.split("/").pop() ?? "",
    kind: kindOf(request.url()),
    bytes: sizes.responseBodySize,
    encoding: response?.headers()["content-encoding"] ?? "identity",
    phase,
  };
  return transfer;
}

/**
 * Records every response body's encoded size, tagged with the phase of
 * the journey in which the page asked for it, and every request to
 * another host. Call `settle()` before reading the transfers.
 */
export function logTransfers(page: Page, appOrigin: string): TransferLog {
  const pending: Promise<unknown>[] = [];
  const askedIn = new Map<Request, Phase>();
  const log: TransferLog = {
    transfers: [],
    offHost: [],
    phase: "loading",
    settle: () => Promise.all(pending),
  };

  page.on("request", (request) => {
    askedIn.set(request, log.phase);
    if (isOffHost(request.url(), appOrigin)) log.offHost.push(request.url());
  });
  page.on("requestfinished", (request) => {
    const done = describeTransfer(request, askedIn.get(request) ?? log.phase);
    pending.push(done.then((transfer) => log.transfers.push(transfer)));
  });
  return log;
}

const allPhases: Phase[] = ["loading", "quiz", "results"];

/** The transfers of one kind asked for in some phases, or in any. */
export function transfersOf(
  log: TransferLog,
  kind: Transfer["kind"],
  phases = allPhases,
) {
  return log.transfers.filter(
    (t) => t.kind === kind && phases.includes(t.phase),
  );
}

export const sumBytes = (transfers: Transfer[]) =>
  transfers.reduce((sum, t) => sum + t.bytes, 0);
