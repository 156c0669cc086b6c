// Resource and data source types of a prebuilt @cdktf/provider-* package that the library can synthesize:
// every class it deep-imports (`@cdktf/provider-aws/lib/vpc-endpoint` -> aws_vpc_endpoint).
import * as fs from "node:fs";
import * as path from "node:path";

const LIB = path.join(__dirname, "..", "lib");

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "providers" ? [] : sourceFiles(full);
    return e.name.endsWith(".ts") ? [full] : [];
  });
}

export function prebuiltTypesUsed(provider: string): { resources: Set<string>; dataSources: Set<string> } {
  const resources = new Set<string>();
  const dataSources = new Set<string>();
  const pattern = new RegExp(`["']@cdktf/provider-${provider}/lib/([a-z0-9-]+)["']`, "g");
  for (const file of sourceFiles(LIB)) {
    for (const [, module] of fs.readFileSync(file, "utf8").matchAll(pattern)) {
      if (module === "provider") continue;
      const data = module.startsWith(`data-${provider}-`);
      const type = (data ? module.slice("data-".length) : `${provider}-${module}`).replace(/-/g, "_");
      (data ? dataSources : resources).add(type);
    }
  }
  return { resources, dataSources };
}
