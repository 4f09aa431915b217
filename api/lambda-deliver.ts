import { parseConfig } from "./config.ts";
import { createDeliveryHandler } from "./leads/delivery/event-handler.ts";
import { createLogger } from "./log.ts";
import { openStore } from "./store/store.ts";

/*
 * The lead delivery function's entry (LEAD_DELIVERY=stream): a rule on
 * the product's bus invokes it with each "Lead captured" event. Like
 * api/lambda.ts it imports nothing Node-server-only, and a bad
 * environment fails the cold start with the ConfigError's message.
 */

const config = parseConfig(process.env);

/** The function EventBridge invokes, one event at a time. */
export const handler = createDeliveryHandler({
  store: openStore({
    endpoint: config.dynamodbEndpoint,
    region: config.region,
    tableName: config.tableName,
  }),
  settings: config.leadDelivery,
  logger: createLogger(config.logLevel),
});
