// The configuration as the estate constructs take it: an opaque, validated and resolved config built from a
// file or from plain data. It is the one config type jsii carries (Python passes a path or a dict); the
// resolved model behind it stays TypeScript-only (resolvedConfigOf), as jsii cannot express its shape.
import { loadConfig } from "./load";
import { parseConfig, safeParseConfig, type ParseOptions } from "./parse";
import type { ConfigIssue } from "./issues";
import type { ResolvedConfig } from "./resolve";
import type { EstateConfigInput } from "./types";
import { environmentOf, type Environment } from "../domain/environments";

/** A validated estate configuration. Build one with `fromFile` or `fromObject`; estates take it as `config`. */
export class EstateConfig {
  /**
   * Reads, validates and resolves a YAML, JSON or TypeScript/JavaScript config file (relative paths in it,
   * such as CA files, are read against the file's folder). Throws a ConfigError listing every problem as
   * `path: message`.
   */
  public static fromFile(file: string): EstateConfig {
    return new EstateConfig(loadConfig(file));
  }

  /**
   * Validates and resolves a configuration given as plain data: the document a config file holds, as an
   * object (a Python dict, a Java Map, parsed JSON). Throws a ConfigError listing every problem as
   * `path: message`. TypeScript: `estateConfig(input)` types the document.
   */
  public static fromObject(document: any, options?: ParseOptions): EstateConfig {
    return new EstateConfig(parseConfig(document, options));
  }

  /** Every problem of a configuration given as plain data, as `path` and `message`; empty when it is valid. */
  public static problemsIn(document: any, options?: ParseOptions): ConfigIssue[] {
    const result = safeParseConfig(document, options);
    return result.ok ? [] : result.issues.map((issue) => ({ path: issue.path, message: issue.message }));
  }

  /** @internal A config resolved by parseConfig / loadConfig / resolve (TypeScript: estateConfigOf). */
  public static _wrap(resolved: ResolvedConfig): EstateConfig {
    return new EstateConfig(resolved);
  }

  /** @internal */
  public readonly _resolved: ResolvedConfig;

  private constructor(resolved: ResolvedConfig) {
    this._resolved = resolved;
  }

  /** `name:` of the config. @default none (the estate is named "temporal-cloud") */
  public get name(): string | undefined {
    return this._resolved.name;
  }

  /** `account.id:` of the config, the account the Temporal Cloud provider is pinned to. @default none */
  public get accountId(): string | undefined {
    return this._resolved.accountId;
  }

  /** Names of the configured namespaces, in config order. */
  public get namespaceNames(): string[] {
    return this._resolved.namespaces.map((ns) => ns.name);
  }

  /** The environment of the namespace named `namespace`. */
  public environmentOf(namespace: string): Environment {
    const ns = this._resolved.namespaces.find((n) => n.name === namespace);
    if (!ns) throw new Error(`the config has no namespace "${namespace}" (namespaces: ${this.namespaceNames.join(", ")})`);
    return environmentOf(ns.environment);
  }

  /** Whether the estate is synthesized into several stacks (build it with TemporalCloudEstate). */
  public get split(): boolean {
    return this._resolved.stacks.split;
  }

  /** Names of the estate's stacks in apply order (a split estate's; empty when not split, the stack is named by the estate). */
  public get stackNames(): string[] {
    return this._resolved.stacks.split ? this._resolved.stacks.stacks.map((s) => s.name) : [];
  }
}

/** TypeScript: a typed configuration document, validated and resolved (see EstateConfig.fromObject). */
export function estateConfig(input: EstateConfigInput, options?: ParseOptions): EstateConfig {
  return EstateConfig.fromObject(input, options);
}

/** TypeScript: wraps a configuration already resolved with parseConfig / loadConfig / resolve. */
export function estateConfigOf(resolved: ResolvedConfig): EstateConfig {
  return EstateConfig._wrap(resolved);
}

/** TypeScript: the resolved model behind a config (what the built-in features read; not carried by jsii). */
export function resolvedConfigOf(config: EstateConfig): ResolvedConfig {
  return config._resolved;
}
