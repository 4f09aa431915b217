import { getConnInfo, handle } from "hono/aws-lambda";

import { createApp } from "./app.ts";
import { parseConfig } from "./config.ts";
import { createLogger } from "./log.ts";
import { openStore } from "./store/store.ts";

/*
 * The Lambda entry: the same app as the Node server, behind API
 * Gateway's HTTP API. It imports nothing Node-server-only (no embedded
 * engine, no static files), so the bundle stays small. A bad
 * environment fails the cold start with the ConfigError's message.
 */

const config = parseConfig(process.env);

const app = createApp({
  config,
  store: openStore({
    endpoint: config.dynamodbEndpoint,
    region: config.region,
    tableName: config.tableName,
  }),
  logger: createLogger(config.logLevel),
  clientAddress: (c) => getConnInfo(c).remote.address,
});

/** The function API Gateway invokes, with v1 or v2 payloads. */
export const handler = handle(app);
