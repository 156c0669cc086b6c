// Reads a configuration from YAML, JSON or a TypeScript/JavaScript module.
import * as fs from "node:fs";
import * as path from "node:path";
import { parse as parseYaml } from "yaml";
import { ConfigError } from "./issues";
import { parseConfig } from "./parse";
import type { ResolvedConfig } from "./resolve";

/** Reads the raw document from `file` (no validation). */
export function readConfigDocument(file: string): unknown {
  const ext = path.extname(file).toLowerCase();
  if (!fs.existsSync(file)) {
    throw new ConfigError([{ path: "", message: `config file ${file} does not exist; pass --config with a YAML, JSON or .ts file` }], file);
  }
  if (ext === ".ts" || ext === ".js" || ext === ".cjs" || ext === ".mts") return loadModule(file);
  const text = fs.readFileSync(file, "utf8");
  try {
    return ext === ".json" ? JSON.parse(text) : parseYaml(text, { prettyErrors: true });
  } catch (err) {
    const reason = err instanceof Error ? err.message.split("\n")[0] : String(err);
    throw new ConfigError([{ path: "", message: `cannot be parsed as ${ext === ".json" ? "JSON" : "YAML"}: ${reason}` }], file);
  }
}

function loadModule(file: string): unknown {
  const absolute = path.resolve(file);
  if (/\.m?ts$/.test(absolute)) registerTypeScript(file);
  const loaded = require(absolute);
  return loaded?.default ?? loaded?.config ?? loaded;
}

/** tsx (an optional peer) compiles .ts config modules on demand; without it say how to get it. */
function registerTypeScript(file: string): void {
  let tsx: { register(): unknown };
  try {
    tsx = require("tsx/cjs/api");
  } catch (err) {
    if ((err as { code?: string }).code !== "MODULE_NOT_FOUND") throw err;
    throw new ConfigError([{ path: "", message: "is a TypeScript config, which needs the optional peer tsx to load; install it (npm i -D tsx) or use a .js, .json or .yaml config" }], file);
  }
  tsx.register();
}

/** Reads, validates and resolves a configuration file. Throws ConfigError listing every problem. */
export function loadConfig(file: string): ResolvedConfig {
  const document = readConfigDocument(file);
  return parseConfig(document, { baseDir: path.dirname(path.resolve(file)), source: file });
}
