// Prebuilt provider packages must be imported by resource (`@cdktf/provider-aws/lib/vpc-endpoint`): their
// barrels load every resource of the provider (~14 s and ~1 GB for AWS).
import * as fs from "node:fs";
import * as path from "node:path";
import { execFileSync } from "node:child_process";
import { REPO_ROOT } from "../helpers";

const SCANNED_FOLDERS = ["lib", "scripts", "bench", "test", "examples"];
const PROVIDERS = "(?:aws|google|tls|time)";
/** A specifier that names a provider barrel: the package root, `/lib` or `/lib/index`. */
const BARREL = new RegExp(`^@cdktf/provider-${PROVIDERS}(?:/lib(?:/index(?:\\.js)?)?)?/?$`);
const SPECIFIERS = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)["'`]([^"'`]+)["'`]/gm;

export function barrelImports(source: string): string[] {
  return [...source.matchAll(SPECIFIERS)].map((m) => m[1]).filter((spec) => BARREL.test(spec));
}

function tsFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" || entry.name === "cdktf.out" ? [] : tsFiles(full);
    return entry.name.endsWith(".ts") ? [full] : [];
  });
}

describe("deep imports of prebuilt providers", () => {
  test("the detector flags barrels and accepts per-resource paths", () => {
    const pkg = (name: string) => `@cdktf/provider-${name}`;
    const sample = [
      `import { VpcEndpoint } from "${pkg("aws")}";`,
      `import * as google from '${pkg("google")}/lib';`,
      `const tls = require("${pkg("tls")}/lib/index.js");`,
      `const time = await import("${pkg("time")}");`,
      `import { VpcEndpoint } from "${pkg("aws")}/lib/vpc-endpoint";`,
      `import { PrivateKey } from "${pkg("tls")}/lib/private-key";`,
    ].join("\n");
    expect(barrelImports(sample)).toEqual([pkg("aws"), `${pkg("google")}/lib`, `${pkg("tls")}/lib/index.js`, pkg("time")]);
  });

  test("no .ts file imports a provider barrel", () => {
    const files = SCANNED_FOLDERS.flatMap((folder) => tsFiles(path.join(REPO_ROOT, folder))).filter((f) => !f.includes(`${path.sep}providers${path.sep}temporalcloud${path.sep}`));
    expect(files.length).toBeGreaterThan(10);
    const offenders = files.flatMap((file) => barrelImports(fs.readFileSync(file, "utf8")).map((spec) => `${path.relative(REPO_ROOT, file)}: ${spec}`));
    expect(offenders).toEqual([]);
  });

  test("loading the CLI and every command module never loads a provider barrel", () => {
    // A child process, because jest's module registry is not node's require.cache.
    const script = [
      "require('tsx/cjs/api').register();",
      "const { COMMANDS } = require('./lib/cli/commands.ts');",
      "require('./lib/cli/main.ts');",
      "for (const load of Object.values(COMMANDS)) load();",
      "const loaded = Object.keys(require.cache);",
      "console.log(JSON.stringify({ providerFiles: loaded.filter((f) => f.includes('@cdktf')).length, barrels: loaded.filter((f) => /@cdktf[\\\\/]provider-[a-z]+[\\\\/](lib[\\\\/])?index\\.js$/.test(f)) }));",
    ].join("\n");
    const output = execFileSync(process.execPath, ["-e", script], { cwd: REPO_ROOT, encoding: "utf8", env: { ...process.env, CHECKPOINT_DISABLE: "1" } });
    const result = JSON.parse(output.trim().split("\n").pop()!) as { providerFiles: number; barrels: string[] };
    expect(result.providerFiles).toBeGreaterThan(0);
    expect(result.barrels).toEqual([]);
  });
});
