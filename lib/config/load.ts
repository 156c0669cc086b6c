// Reads a configuration from YAML, JSON or a TypeScript/JavaScript module. Whatever the file holds, the
// result is a document or a ConfigError with a location: never a stack trace.
import * as fs from "node:fs";
import * as path from "node:path";
import { ConfigError } from "./issues";
import { parseConfig } from "./parse";
import { parseYamlDocument } from "./yaml-input";
import type { ResolvedConfig } from "./resolve";

const MODULE_EXTENSIONS = new Set([".ts", ".mts", ".cts", ".js", ".cjs", ".mjs"]);
const CONFIG_EXTENSIONS = /\.(ya?ml|json|[cm]?ts|[cm]?js)$/i;

/** Reads the raw document from `file` (no validation). */
export function readConfigDocument(file: string): unknown {
  const fail = (message: string): never => {
    throw new ConfigError([{ path: "", message }], file);
  };
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return fail(`config file ${file} does not exist; pass --config with a YAML, JSON or .ts file`);
  }
  if (stat.isDirectory()) {
    const candidates = listConfigFiles(file);
    return fail(`${file} is a directory, not a config file; pass --config with a file${candidates.length ? ` such as ${candidates.slice(0, 3).map((c) => path.join(file, c)).join(", ")}` : " (.yaml, .yml, .json or .ts)"}`);
  }
  const ext = path.extname(file).toLowerCase();
  if (MODULE_EXTENSIONS.has(ext)) return loadModule(file, fail);
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    return fail(`cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)}); check the path and its permissions`);
  }
  if (text.trim() === "" || (ext !== ".json" && text.split("\n").every((l) => /^\s*(#.*)?$/.test(l)))) {
    return fail("the file is empty; a configuration needs at least a namespaces: list (see examples/development-estate.yaml)");
  }
  if (ext === ".json") return parseJsonText(text, fail);
  const parsed = parseYamlDocument(text);
  return parsed.ok ? parsed.value : fail(`cannot be parsed as YAML: ${parsed.message}`);
}

function listConfigFiles(dir: string): string[] {
  try {
    return fs.readdirSync(dir).filter((f) => CONFIG_EXTENSIONS.test(f)).sort();
  } catch {
    return [];
  }
}

/** JSON.parse with the error's line and column (Node reports only a character offset). */
export function parseJsonText(text: string, fail: (message: string) => never): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const reason = err instanceof Error ? err.message.split("\n")[0] : String(err);
    if (err instanceof RangeError) return fail("cannot be parsed as JSON: it is nested too deeply; a configuration is only a few levels deep");
    const offset = /at position (\d+)/.exec(reason);
    const where = offset ? lineColumn(text, Number(offset[1])) : lineColumn(text, text.length);
    const plain = reason.replace(/ in JSON at position \d+.*$/, "").replace(/^Unexpected end of JSON input$/, "the text ends before the JSON value is complete");
    return fail(`cannot be parsed as JSON: ${plain} at line ${where.line}, column ${where.column}`);
  }
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  return { line, column: offset - before.lastIndexOf("\n") };
}

function loadModule(file: string, fail: (message: string) => never): unknown {
  const absolute = path.resolve(file);
  if (/\.[cm]?ts$/.test(absolute)) registerTypeScript(fail);
  try {
    const loaded = require(absolute);
    return loaded?.default ?? loaded?.config ?? loaded;
  } catch (err) {
    return fail(describeModuleFailure(err, absolute));
  }
}

/** One line for a module that failed to compile or threw while loading, located in the config file. */
export function describeModuleFailure(err: unknown, absolute: string): string {
  // Compilers may throw objects from another realm (not instanceof Error): read them by shape.
  const e = (err !== null && typeof err === "object" ? err : {}) as { message?: unknown; name?: unknown; stack?: unknown };
  const message = typeof e.message === "string" ? e.message : String(err);
  const name = typeof e.name === "string" ? e.name : "Error";
  // esbuild: "<file>:<line>:<col>: ERROR: <text>"; swc: "x <text>" with "╭─[<file>:<line>:<col>]".
  const esbuild = /:(\d+):(\d+): ERROR: (.+)/.exec(message);
  if (esbuild) return `cannot be compiled: ${esbuild[3]} at line ${esbuild[1]}, column ${esbuild[2]}; fix the syntax error`;
  const swc = /^\s*x (.+)$/m.exec(message);
  const swcAt = /\[[^\]]*:(\d+):(\d+)\]/.exec(message);
  if (swc) return `cannot be compiled: ${swc[1].trim()}${swcAt ? ` at line ${swcAt[1]}, column ${swcAt[2]}` : ""}; fix the syntax error`;
  if (name === "SyntaxError") return `cannot be compiled: ${message.split("\n")[0]}; fix the syntax error`;
  const frame = typeof e.stack === "string" ? e.stack.split("\n").find((l) => l.includes(absolute)) : undefined;
  const at = frame ? /:(\d+):(\d+)\)?\s*$/.exec(frame) : null;
  return `threw while loading (${name}: ${message.split("\n")[0].slice(0, 200)})${at ? ` at line ${at[1]}, column ${at[2]}` : ""}; a config module must export the configuration object without throwing`;
}

/** tsx (an optional peer) compiles .ts config modules on demand; without it say how to get it. */
function registerTypeScript(fail: (message: string) => never): void {
  let tsx: { register(): unknown };
  try {
    tsx = require("tsx/cjs/api");
  } catch (err) {
    if ((err as { code?: string }).code !== "MODULE_NOT_FOUND") throw err;
    fail("is a TypeScript config, which needs the optional peer tsx to load; install it (npm i -D tsx) or use a .js, .json or .yaml config");
  }
  tsx.register();
}

/** Reads, validates and resolves a configuration file. Throws ConfigError listing every problem. */
export function loadConfig(file: string): ResolvedConfig {
  const document = readConfigDocument(file);
  return parseConfig(document, { baseDir: path.dirname(path.resolve(file)), source: file });
}
