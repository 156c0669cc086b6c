import type { Command } from "./command";
import { parseFlags, stringFlag } from "./args";
import { loadConfig } from "../config/load";
import { synthesizeEstate } from "../../stacks/synth";
import { renderEstateSummary } from "./summary";
import { packageFile } from "../package-root";
import { collectWarnings } from "./warnings";

export const DEFAULT_CONFIG = packageFile("examples", "production-estate.yaml");

export const synthCommand: Command = {
  summary: "Synthesize an estate config into Terraform JSON (cdktf.out) and print its summary",
  help: [
    "Usage: temporal-cloud-guardrails synth [--config FILE] [--out DIR]",
    "",
    "Validates the configuration, synthesizes the Terraform JSON for every namespace and prints a summary.",
    "When the configuration is invalid, every problem is listed and nothing is written.",
    "",
    "Options:",
    "  --config FILE  Estate configuration: .yaml, .yml, .json, or a .ts/.js module exporting the config",
    "                 (default: examples/production-estate.yaml)",
    "  --out DIR      Output directory (default: cdktf.out)",
    "  --help         Show this help",
  ].join("\n"),
  run(args, io) {
    const flags = parseFlags(args, { config: { type: "string" }, out: { type: "string" } });
    const configFile = stringFlag(flags, "config") ?? DEFAULT_CONFIG;
    const config = loadConfig(configFile);
    const result = synthesizeEstate({ config, outdir: stringFlag(flags, "out") ?? "cdktf.out" });
    io.out(renderEstateSummary(result, configFile));
    for (const warning of collectWarnings(result.stack)) io.err(`warning: ${warning}`);
    return 0;
  },
};
