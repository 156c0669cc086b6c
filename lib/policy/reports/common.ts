// Facts every report format shares.
import * as fs from "node:fs";
import { packageFile } from "../../package-root";
import type { ComplianceReport, Finding } from "../types";

export const TOOL_NAME = "temporal-cloud-guardrails";
export const TOOL_URI = "https://github.com/temporal-cloud-guardrails/temporal-cloud-guardrails";

export interface ReportContext {
  /** Stack file the findings point into (relative path preferred, used as SARIF artifact uri). */
  readonly stackFile?: string;
  /** Config file the estate was built from. */
  readonly configFile?: string;
  /** Several stacks (a split estate): each stack's file and text, by stack name; findings name their stack. */
  readonly stackFiles?: Readonly<Record<string, { readonly file: string; readonly text?: string }>>;
}

export function toolVersion(): string {
  try {
    return (JSON.parse(fs.readFileSync(packageFile("package.json"), "utf8")) as { version: string }).version;
  } catch {
    return "0.0.0";
  }
}

/** All findings, active first. */
export function allFindings(report: ComplianceReport): Finding[] {
  return [...report.findings, ...report.suppressed];
}

/** 1-based line where the config declares namespace `name` (`name: <name>`), else 1. */
export function configLineOf(configText: string | undefined, namespace: string | undefined): number {
  if (!configText || !namespace) return 1;
  const lines = configText.split("\n");
  const escaped = namespace.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const pattern = new RegExp(`^\\s*(-\\s*)?"?name"?\\s*:\\s*["']?${escaped}["']?\\s*,?\\s*$`);
  const index = lines.findIndex((l) => pattern.test(l));
  return index < 0 ? 1 : index + 1;
}

/** 1-based line of a block's key in the stack file (`"<name>": {`), for code-scanning locations. */
export function lineOf(stackText: string | undefined, address: string): number {
  if (!stackText) return 1;
  const name = address.split(".").pop() ?? address;
  const idx = stackText.indexOf(`"${name}": {`);
  return idx < 0 ? 1 : stackText.slice(0, idx).split("\n").length;
}
