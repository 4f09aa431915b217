import type { Server } from "node:http";
import type { AddressInfo } from "node:net";

import { serve } from "@hono/node-server";
import { getConnInfo } from "@hono/node-server/conninfo";

import { createApp } from "./app.ts";
import type { Config } from "./config.ts";
import { createInProcessDelivery } from "./leads/delivery/in-process-deliverer.ts";
import { noLeadDelivery, type LeadDelivery } from "./leads/lead-delivery.ts";
import { createLogger, type Logger } from "./log.ts";
import { serveStaticFiles } from "./static-files.ts";
import {
  startEmbeddedEngine,
  type EmbeddedEngine,
} from "./store/embedded-engine.ts";
import { openStore, type Store } from "./store/store.ts";

/** A listening server and the way to stop it without losing data. */
export interface RunningServer {
  /** Where to open the app, e.g. `http://127.0.0.1:8080`. */
  url: string;
  /** Stops taking requests, finishes those in flight, closes the store. */
  shutdown(): Promise<void>;
}

/* In-flight requests get this long to finish before they are cut. */
const drainMs = 10_000;

/**
 * Starts the API and the SPA on one port. Without a DynamoDB endpoint
 * the embedded engine starts too, on disk under DATA_DIR (or in memory
 * with STORE=memory), and the table is created if it is missing.
 *
 * @example
 * const server = await startServer(parseConfig(process.env));
 * console.log(server.url);
 * await server.shutdown();
 */
export async function startServer(
  config: Config,
  logger: Logger = createLogger(config.logLevel),
): Promise<RunningServer> {
  const engine = await startEngineIfLocal(config);
  const endpoint = config.dynamodbEndpoint ?? engine?.endpoint;
  const store = openStore({
    endpoint,
    region: config.region,
    tableName: config.tableName,
  });

  const delivery = leadDeliveryFor(config, store, logger);
  try {
    // In AWS the CDK stack owns the table; locally we make our own.
    if (endpoint) await store.ensureTable();
    await delivery.start();
    const server = await listen(config, store, logger, delivery);
    return {
      url: serverUrl(server),
      shutdown: () => shutdown(server, { delivery, store, engine }),
    };
  } catch (error) {
    await delivery.stop();
    store.close();
    await engine?.stop();
    throw error;
  }
}

async function startEngineIfLocal(
  config: Config,
): Promise<EmbeddedEngine | undefined> {
  if (config.dynamodbEndpoint || config.store === "aws") return undefined;

  const dataDir = config.store === "disk" ? config.dataDir : undefined;
  return startEmbeddedEngine({ dataDir });
}

/*
 * With LEAD_DELIVERY=stream another process delivers, reading the
 * table's stream, so the server only stores leads.
 */
function leadDeliveryFor(
  config: Config,
  store: Store,
  logger: Logger,
): LeadDelivery {
  if (config.leadDelivery.mode !== "in-process") return noLeadDelivery;
  return createInProcessDelivery({
    store,
    settings: config.leadDelivery,
    logger,
  });
}

function listen(
  config: Config,
  store: Store,
  logger: Logger,
  leadDelivery: LeadDelivery,
) {
  const app = createApp({
    config,
    store,
    logger,
    leadDelivery,
    clientAddress: (c) => getConnInfo(c).remote.address,
    staticFiles: serveStaticFiles(config.distDir),
  });

  return new Promise<Server>((done, fail) => {
    const server = serve(
      { fetch: app.fetch, port: config.port, hostname: config.host },
      () => done(server as Server),
    );
    server.once("error", fail);
  });
}

function serverUrl(server: Server): string {
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(":") ? `[${address}]` : address;
  return `http://${host}:${port}`;
}

/*
 * The order matters: first no new requests and the running ones
 * finished, then no new delivery attempts and the running ones
 * recorded, then the SDK's sockets, then the engine, which writes what
 * it holds to disk before it closes.
 */
async function shutdown(
  server: Server,
  parts: {
    delivery: LeadDelivery;
    store: Store;
    engine: EmbeddedEngine | undefined;
  },
): Promise<void> {
  await closeServer(server);
  await parts.delivery.stop();
  parts.store.close();
  await parts.engine?.stop();
}

function closeServer(server: Server): Promise<void> {
  const cut = setTimeout(() => server.closeAllConnections(), drainMs);
  cut.unref();

  return new Promise((done, fail) => {
    server.close((error) => {
      clearTimeout(cut);
      if (error) fail(error);
      else done();
    });
    server.closeIdleConnections();
  });
}
