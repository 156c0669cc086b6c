// Subcommands, loaded lazily so that start-up only pays for the command that runs.
import type { Command } from "./command";

export const COMMANDS: Readonly<Record<string, () => Command>> = {
  synth: () => require("./synth-command").synthCommand,
  review: () => require("./review-command").reviewCommand,
  check: () => require("./check-command").checkCommand,
  validate: () => require("./validate-command").validateCommand,
  emulator: () => require("./emulator-command").emulatorCommand,
};
