// `emulator`: a local Temporal Cloud (Cloud Operations API over plaintext gRPC) for terraform runs and
// tests. The emulator layer is loaded only here, so the library's own import never pulls in gRPC.
import { UsageError, type Command } from "./command";
import { parseFlags, stringFlag } from "./args";

export const BOOTSTRAP_ENV = "TEMPORAL_CLOUD_EMULATOR_BOOTSTRAP_KEY";

export const emulatorCommand: Command = {
  summary: "Run a local Temporal Cloud Operations API emulator (gRPC, plaintext on 127.0.0.1)",
  help: [
    "Usage: temporal-cloud-guardrails emulator [--port N] [--state FILE] [--account-id ID] [--clock-offset DURATION]",
    "",
    "Serves temporal.api.cloud.cloudservice.v1.CloudService on 127.0.0.1 until SIGTERM or SIGINT. The first",
    "line on stdout is 'listening on 127.0.0.1:<port>', the second 'admin on http://127.0.0.1:<port>'",
    "(POST /clock {\"advance\": \"30d\"} moves the clock). One line per request goes to stderr.",
    "Point the temporalcloud provider at it with TEMPORAL_CLOUD_ENDPOINT=127.0.0.1:<port> and",
    "TEMPORAL_CLOUD_ALLOW_INSECURE=true.",
    "",
    `Authentication: the bootstrap key is read from ${BOOTSTRAP_ENV}, else TEMPORAL_CLOUD_API_KEY.`,
    "Callers must present it or an API key this emulator issued (enabled, not expired). With neither",
    "variable set, any key that was not issued here is accepted as the account owner (open mode).",
    "",
    "Options:",
    "  --port N                 gRPC port; 0 picks a free one (default 0)",
    "  --admin-port N           admin HTTP port; 0 picks a free one (default 0)",
    "  --state FILE             persist state to FILE (temp file + rename) and load it at start",
    "  --account-id ID          account id, for allowed_account_id pins (default a1b2c)",
    "  --clock-offset DURATION  start with the clock moved, e.g. 30d, -2h, 1d12h (default: the offset saved in --state, else 0)",
    "  --async-polls N          GetAsyncOperation polls until an operation is fulfilled (default 1)",
    "  --scim-group IDP_ID      a group the identity provider pushed over SCIM (repeatable), for",
    "                           temporalcloud_scim_group lookups",
    "  --help                   Show this help",
  ].join("\n"),
  async run(args, io) {
    const flags = parseFlags(args, {
      port: { type: "string" },
      "admin-port": { type: "string" },
      state: { type: "string" },
      "account-id": { type: "string" },
      "clock-offset": { type: "string" },
      "async-polls": { type: "string" },
      "scim-group": { type: "string", multiple: true },
    });
    const port = portFlag(stringFlag(flags, "port"), "--port");
    const adminPort = portFlag(stringFlag(flags, "admin-port"), "--admin-port");
    const accountId = stringFlag(flags, "account-id") ?? "a1b2c";
    if (!/^[a-z0-9][a-z0-9-]{0,31}$/.test(accountId)) throw new UsageError(`--account-id "${accountId}" must be lowercase letters, digits and hyphens`);
    const polls = Number(stringFlag(flags, "async-polls") ?? "1");
    if (!Number.isInteger(polls) || polls < 1) throw new UsageError("--async-polls must be a whole number of at least 1");
    const { parseDuration } = require("../emulator/clock") as typeof import("../emulator/clock");
    // Absent: the offset saved in the --state file (moved through the admin endpoint) carries over.
    let clockOffsetMs: number | undefined;
    const offset = stringFlag(flags, "clock-offset");
    try {
      if (offset !== undefined) clockOffsetMs = parseDuration(offset);
    } catch (err) {
      throw new UsageError(`--clock-offset: ${(err as Error).message}`);
    }
    const emulatorModule = require("../emulator") as typeof import("../emulator");
    let emulator: Awaited<ReturnType<typeof emulatorModule.startEmulator>>;
    try {
      emulator = await emulatorModule.startEmulator({
        port,
        adminPort,
        accountId,
        clockOffsetMs,
        asyncPolls: polls,
        stateFile: stringFlag(flags, "state"),
        scimGroups: (flags.values["scim-group"] as string[] | undefined) ?? [],
        bootstrapKey: process.env[BOOTSTRAP_ENV] || process.env.TEMPORAL_CLOUD_API_KEY || undefined,
        log: (line) => io.err(line),
      });
    } catch (err) {
      if (err instanceof emulatorModule.MissingDependencyError) {
        io.err(err.message);
        return 1;
      }
      throw err;
    }
    io.out(`listening on ${emulator.address}`);
    io.out(`admin on ${emulator.adminUrl}`);
    io.err(`account ${accountId}; auth ${emulator.openAuth ? "open (no bootstrap key set)" : "bootstrap key + issued keys"}`);
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once("SIGTERM", stop);
      process.once("SIGINT", stop);
    });
    await emulator.close();
    return 0;
  },
};

function portFlag(value: string | undefined, name: string): number {
  if (value === undefined) return 0;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`${name} "${value}" is not a port number (0-65535)`);
  return port;
}
