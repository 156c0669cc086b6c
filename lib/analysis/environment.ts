// How an environment is read from what a stack says about a namespace: the guardrails marker, tags, names.
import { ENVIRONMENTS, type EnvironmentName } from "../domain/environments";

/** `production`, `prod`, `prd`, `staging`, `stg`, `dev`, ... → the environment; anything else undefined. */
export function asEnvironment(value: unknown): EnvironmentName | undefined {
  if (typeof value !== "string" || value === "") return undefined;
  const v = value.toLowerCase();
  if ((ENVIRONMENTS as readonly string[]).includes(v)) return v as EnvironmentName;
  if (v === "prod" || v === "prd") return "production";
  if (v === "stg" || v === "stage") return "staging";
  if (v === "dev" || v === "test" || v === "sandbox") return "development";
  return undefined;
}

/** EnvironmentName from the namespace name's last hyphen-separated part (`orders-prod` → production). */
export function environmentFromName(name: string): EnvironmentName | undefined {
  return name.includes("-") ? asEnvironment(name.split("-").pop()) : undefined;
}

/** True for an exact environment name (the marker is written by us and never abbreviated). */
export function isEnvironment(value: unknown): value is EnvironmentName {
  return typeof value === "string" && (ENVIRONMENTS as readonly string[]).includes(value);
}
