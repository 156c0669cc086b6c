// Shared by the time-travel tests: the AWS secret applied for real (test:e2e:cloud) or replaced by a
// terraform_data stand-in (CI has no aws provider), and the events of `terraform apply -json`.
import * as fs from "node:fs";
import type { StackJson } from "./stacks";

type Blocks = Record<string, Record<string, Record<string, unknown>>>;

/** The stack applied unchanged: the secret version is its own holder; the secret's name is what workers read. */
export function withAws(json: StackJson): { applied: StackJson; holder: string; versionAddress: string; secretName: string } {
  const resources = json.resource as Blocks;
  const versions = Object.keys(resources.aws_secretsmanager_secret_version ?? {});
  const secrets = Object.values(resources.aws_secretsmanager_secret ?? {});
  if (versions.length !== 1 || secrets.length !== 1) throw new Error(`expected one secret and one version, found ${secrets.length} and ${versions.length}`);
  const address = `aws_secretsmanager_secret_version.${versions[0]}`;
  return { applied: json, holder: address, versionAddress: address, secretName: String(secrets[0].name) };
}

/** The synthesized stack without AWS: the secret version becomes a terraform_data holding the same value. */
export function withoutAws(json: StackJson): { applied: StackJson; holder: string; versionAddress: string } {
  const copy = JSON.parse(JSON.stringify(json)) as StackJson & { resource: Blocks; data?: Blocks; provider: Record<string, unknown> };
  const versions = Object.entries(copy.resource.aws_secretsmanager_secret_version ?? {});
  if (versions.length !== 1) throw new Error(`expected one secret version, found ${versions.length}`);
  const [name, version] = versions[0];
  for (const type of Object.keys(copy.resource)) if (type.startsWith("aws_")) delete copy.resource[type];
  for (const type of Object.keys(copy.data ?? {})) if (type.startsWith("aws_")) delete (copy.data as Blocks)[type];
  delete copy.provider.aws;
  delete copy.terraform.required_providers.aws;
  const value = version.secret_string;
  copy.resource.terraform_data = { ...(copy.resource.terraform_data ?? {}), [name]: { input: value, triggers_replace: value } };
  return { applied: copy, holder: `terraform_data.${name}`, versionAddress: `aws_secretsmanager_secret_version.${name}` };
}

export const iso = (seconds: number): string => new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");

/** Events of `terraform apply -json`, in order: `<action> <address>` when each change completed. */
export function completions(stdout: string): string[] {
  return stdout.split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l) as { type: string; hook?: { action?: string; resource?: { addr: string } } })
    .filter((m) => m.type === "apply_complete" && m.hook?.resource).map((m) => `${m.hook?.action} ${m.hook?.resource?.addr}`);
}

export interface StateFile { serial: number; resources: { mode: string; type: string; name: string; instances: { attributes: Record<string, unknown>; deposed?: string }[] }[] }

/** Current (non-deposed) managed objects of a local state file, by address; empty before the first apply. */
export function stateObjects(statePath: string): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>();
  if (!fs.existsSync(statePath)) return out;
  const state = JSON.parse(fs.readFileSync(statePath, "utf8")) as StateFile;
  for (const r of state.resources) if (r.mode === "managed") for (const i of r.instances) if (!i.deposed) out.set(`${r.type}.${r.name}`, i.attributes);
  return out;
}
