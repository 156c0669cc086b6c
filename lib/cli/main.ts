// Entry point of `temporal-cloud-guardrails`. User mistakes (bad config, bad flags) print a clear
// message and a non-zero exit code, never a stack trace.
import { ConfigError } from "../config/issues";
import { ConstructValidationError } from "../constructs/errors";
import { MissingPeerError } from "../constructs/peers/lazy";
import { UsageError, type CliIo } from "./command";
import { COMMANDS } from "./commands";

const NAME = "temporal-cloud-guardrails";

export const processIo: CliIo = {
  out: (text) => process.stdout.write(text.endsWith("\n") ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith("\n") ? text : `${text}\n`),
};

export function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, load]) => `  ${name.padEnd(10)} ${load().summary}`);
  return [`Usage: ${NAME} <command> [options]`, "", "Commands:", ...lines, "", `Run '${NAME} <command> --help' for a command's options.`].join("\n");
}

export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    io.out(usage());
    return name ? 0 : 2;
  }
  const load = COMMANDS[name];
  if (!load) {
    io.err(`Unknown command "${name}".\n\n${usage()}`);
    return 2;
  }
  const command = load();
  if (rest.includes("--help") || rest.includes("-h")) {
    io.out(command.help);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (err) {
    return reportError(err, io);
  }
}

/** Prints user-facing errors plainly; anything else is a bug and keeps its stack. */
export function reportError(err: unknown, io: CliIo): number {
  if (err instanceof ConfigError) {
    io.err(err.message);
    io.err("Nothing was written.");
    return 1;
  }
  if (err instanceof ConstructValidationError || err instanceof MissingPeerError) {
    io.err(err.message);
    io.err("Nothing was written.");
    return 1;
  }
  if (err instanceof UsageError) {
    io.err(`${err.message}\nRun '${NAME} --help' for usage.`);
    return 2;
  }
  io.err(`Internal error (please report it): ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
  return 70;
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
