// The command-line contract: each subcommand is a module with a run() and its help text.

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

export interface Command {
  /** One-line description for the command list. */
  readonly summary: string;
  /** Full help, printed for `<command> --help`. */
  readonly help: string;
  /** Runs the command; returns the process exit code. */
  run(args: readonly string[], io: CliIo): Promise<number> | number;
}

/** Raised for wrong command-line usage; printed without a stack trace, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}
