// Flag parsing on node:util's parseArgs, with usage errors instead of exceptions.
import { parseArgs } from "node:util";
import { UsageError } from "./command";

export interface FlagSpec {
  readonly [name: string]: { type: "string" | "boolean"; multiple?: boolean; short?: string };
}

export interface ParsedFlags {
  readonly values: Record<string, string | boolean | string[] | boolean[] | undefined>;
  readonly positionals: string[];
}

export function parseFlags(args: readonly string[], options: FlagSpec, allowPositionals = false): ParsedFlags {
  try {
    const parsed = parseArgs({ args: [...args], options: options as never, allowPositionals, strict: true });
    return { values: parsed.values as ParsedFlags["values"], positionals: parsed.positionals };
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
}

/** A string flag's value, or undefined. */
export function stringFlag(flags: ParsedFlags, name: string): string | undefined {
  const value = flags.values[name];
  return typeof value === "string" ? value : undefined;
}
