// Dumps `terraform providers schema -json` from the providers `npm run providers` built and commits:
//   schemas/temporalcloud/provider-schema.dumped-<built version>.json   the whole temporalcloud schema
//   schemas/<aws|google|tls|time>/provider-schema.json                  only the types the library synthesizes
//   npm run schemas   (after npm run providers; -- --cloud for aws/google when they were built)
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { readManifest, type BuiltProvider, type ToolchainManifest } from "./toolchain";
import { prebuiltTypesUsed } from "./prebuilt-types";

const ROOT = path.join(__dirname, "..");
type Dump = { format_version: string; provider_schemas: Record<string, ProviderDump> };
type ProviderDump = { provider: unknown; resource_schemas?: Record<string, unknown>; data_source_schemas?: Record<string, unknown> };

function run(cwd: string, args: string[], manifest: ToolchainManifest): string {
  const res = spawnSync(manifest.terraform.path, args, {
    cwd,
    encoding: "utf8",
    maxBuffer: 1024 * 1024 * 1024,
    env: { ...process.env, CHECKPOINT_DISABLE: "1", TF_CLI_CONFIG_FILE: manifest.cliConfig, TF_IN_AUTOMATION: "1" },
  });
  if (res.status !== 0) throw new Error(`terraform ${args.join(" ")} failed:\n${res.stdout}\n${res.stderr}`);
  return res.stdout;
}

/** The schema dump of the given providers, through a config that only requires them. */
function dump(providers: BuiltProvider[], manifest: ToolchainManifest): Dump {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tcg-schema-"));
  try {
    const required = Object.fromEntries(providers.map((p) => [p.source.split("/")[2], { source: p.source, version: p.pinned }]));
    fs.writeFileSync(path.join(dir, "main.tf.json"), JSON.stringify({ terraform: { required_providers: required } }));
    run(dir, ["init", "-backend=false", "-input=false", "-no-color"], manifest);
    return JSON.parse(run(dir, ["providers", "schema", "-json"], manifest)) as Dump;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function pick<T>(all: Record<string, T> | undefined, names: Set<string>): Record<string, T> {
  return Object.fromEntries(Object.entries(all ?? {}).filter(([name]) => names.has(name)).sort(([a], [b]) => a.localeCompare(b)));
}

function write(file: string, source: string, built: BuiltProvider, schema: ProviderDump, formatVersion: string): void {
  const doc = { format_version: formatVersion, provider_versions: { [source]: built.built }, provider_schemas: { [source]: schema } };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(doc, null, 2)}\n`);
  console.log(`${path.relative(ROOT, file)}: ${built.source} ${built.built} (${Object.keys(schema.resource_schemas ?? {}).length} resources, ${Object.keys(schema.data_source_schemas ?? {}).length} data sources)`);
}

function main(): void {
  const manifest = readManifest();
  if (!manifest) throw new Error("no toolchain manifest: run `npm run providers` first");
  const providers = Object.values(manifest.providers);
  const schemas = dump(providers, manifest);
  for (const built of providers) {
    const name = built.source.split("/")[2];
    const schema = schemas.provider_schemas[built.source];
    if (!schema) throw new Error(`the dump has no schema for ${built.source}`);
    if (name === "temporalcloud") {
      write(path.join(ROOT, "schemas", name, `provider-schema.dumped-${built.built}.json`), built.source, built, schema, schemas.format_version);
      continue;
    }
    const used = prebuiltTypesUsed(name);
    const missing = [...used.resources, ...used.dataSources].filter((t) => !schema.resource_schemas?.[t] && !schema.data_source_schemas?.[t]);
    if (missing.length > 0) throw new Error(`${built.source} ${built.built} has no ${missing.join(", ")}`);
    const subset = { provider: schema.provider, resource_schemas: pick(schema.resource_schemas, used.resources), data_source_schemas: pick(schema.data_source_schemas, used.dataSources) };
    write(path.join(ROOT, "schemas", name, "provider-schema.json"), built.source, built, subset, schemas.format_version);
  }
}

main();
