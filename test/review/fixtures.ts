// Small hand-made cdk.tf.json documents for review tests, written as cdktf.out folders.
import * as fs from "node:fs";
import * as path from "node:path";
import { tempDir } from "../helpers";

export type Resources = Record<string, Record<string, Record<string, unknown>>>;

const NS = "temporalcloud_namespace";

/** A namespace resource body; `environment` becomes the guardrails marker unless null. */
export function namespace(name: string, attrs: Record<string, unknown> = {}, environment: string | null = "production"): Record<string, unknown> {
  return {
    "//": {
      metadata: { path: `estate/ns-${name}/namespace`, uniqueId: `ns-${name}_namespace` },
      ...(environment ? { temporal_cloud_guardrails: { environment } } : {}),
    },
    name,
    regions: ["aws-us-east-1"],
    retention_days: 30,
    api_key_auth: true,
    namespace_lifecycle: { enable_delete_protection: true },
    lifecycle: environment === "production" ? { prevent_destroy: true } : undefined,
    ...attrs,
  };
}

export const ref = (type: string, id: string, attr = "id") => `\${${type}.${id}.${attr}}`;
export const nsRef = (name: string) => ref(NS, `ns-${name}_namespace`);

/** One stack's resources keyed by type; namespaces are given as a list and keyed like cdktf does. */
export function estate(namespaces: Array<Record<string, unknown>>, others: Resources = {}): Resources {
  const byId: Record<string, Record<string, unknown>> = {};
  for (const ns of namespaces) byId[`ns-${String(ns.name)}_namespace`] = JSON.parse(JSON.stringify(ns));
  return { [NS]: byId, ...others };
}

/** Writes stacks into a fresh cdktf.out folder (manifest.json + stacks/<name>/cdk.tf.json). */
export function writeOut(stacks: Record<string, Resources>): string {
  const dir = tempDir("tcg-review-");
  const manifest: Record<string, unknown> = {};
  for (const [name, resource] of Object.entries(stacks)) {
    const rel = path.join("stacks", name, "cdk.tf.json");
    fs.mkdirSync(path.join(dir, "stacks", name), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), JSON.stringify({ provider: { temporalcloud: [{}] }, resource }, null, 2));
    manifest[name] = { name, synthesizedStackPath: rel };
  }
  fs.writeFileSync(path.join(dir, "manifest.json"), JSON.stringify({ version: "0.21.0", stacks: manifest }));
  return dir;
}
