// Finds files shipped with the package (examples, schemas) from both the TypeScript sources and dist/.
import * as fs from "node:fs";
import * as path from "node:path";

let cached: string | undefined;

/** The folder holding this package's package.json. */
export function packageRoot(): string {
  if (cached) return cached;
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, "package.json")) || path.basename(dir) === "dist") {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error("temporal-cloud-guardrails: cannot find the package root");
    dir = parent;
  }
  cached = dir;
  return dir;
}

/** Path of a file shipped with the package, e.g. packageFile("examples", "production-estate.yaml"). */
export function packageFile(...parts: string[]): string {
  return path.join(packageRoot(), ...parts);
}
