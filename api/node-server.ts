import { ConfigError, parseConfig, type Config } from "./config.ts";
import { describeError } from "./errors.ts";
import { startServer, type RunningServer } from "./server.ts";
import { DataDirInUseError } from "./store/embedded-engine.ts";

/*
 * The Node entry behind `npm start`: read the configuration, start,
 * print the URL, and shut down cleanly on Ctrl-C or SIGTERM. Everything
 * else lives in server.ts, which the tests start directly.
 */

function readConfig(): Config {
  try {
    return parseConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}

async function start(config: Config): Promise<RunningServer> {
  try {
    return await startServer(config);
  } catch (error) {
    console.error("The server could not start:", startFailure(error, config));
    process.exit(1);
  }
}

/* Mistakes an operator can fix get one plain line; the rest in full. */
function startFailure(error: unknown, config: Config): unknown {
  if (error instanceof DataDirInUseError) return error.message;

  const code = (error as NodeJS.ErrnoException).code;
  if (code === "EADDRINUSE") return `PORT ${config.port} is already in use.`;
  if (code === "EACCES") return `PORT ${config.port} needs more privileges.`;
  return describeError(error);
}

function stopOnSignals(server: RunningServer): void {
  let stopping = false;

  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: finishing requests and closing the store…`);
    server.shutdown().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error("The shutdown failed:", describeError(error));
        process.exit(1);
      },
    );
  };

  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

const config = readConfig();
const server = await start(config);
console.log(`Integration Readiness Assessment is running at ${server.url}`);
stopOnSignals(server);
