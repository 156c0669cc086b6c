// The prebuilt @cdktf/provider-* bindings were generated from the pinned provider's schema; the committed
// subsets were dumped from the provider the toolchain built (aws: 6.47.1 built, 6.25.0 pinned). Every
// argument a binding can write must still exist in the dumped schema, or a value set through the binding
// would fail `terraform validate` with the provider that actually runs.
import * as fs from "node:fs";
import * as path from "node:path";
import { PREBUILT_PROVIDERS, prebuiltCatalogue } from "../../lib/policy/schema-validation/validate";
import { prebuiltTypesUsed } from "../../scripts/prebuilt-types";

const dumped = PREBUILT_PROVIDERS.filter((name) => prebuiltCatalogue(name));

/** Top-level argument names the binding writes: the keys of its class's `synthesizeAttributes()`. */
function bindingArguments(provider: string, type: string, data: boolean): string[] {
  const moduleName = data ? type.replace(/_/g, "-").replace(/^/, "data-") : type.slice(provider.length + 1).replace(/_/g, "-");
  const file = path.join(path.dirname(require.resolve(`@cdktf/provider-${provider}/package.json`)), "lib", moduleName, "index.js");
  const source = fs.readFileSync(file, "utf8");
  const start = source.indexOf("synthesizeAttributes() {");
  if (start < 0) throw new Error(`${file} has no synthesizeAttributes()`);
  const body = source.slice(start, source.indexOf("\n    }\n", start));
  return [...body.matchAll(/^ {12}([a-z0-9_]+): /gm)].map((m) => m[1]);
}

type Block = { attributes?: Record<string, { computed?: boolean; optional?: boolean; required?: boolean }>; block_types?: Record<string, unknown> };

describe.each(dumped)("the %s bindings against the dumped schema", (provider) => {
  const catalogue = prebuiltCatalogue(provider)!;
  const used = prebuiltTypesUsed(provider);
  const cases = [
    ...[...used.resources].map((t) => ({ type: t, data: false, block: catalogue.schema.resource_schemas[t]?.block as Block })),
    ...[...used.dataSources].map((t) => ({ type: t, data: true, block: catalogue.schema.data_source_schemas[t]?.block as Block })),
  ].sort((a, b) => a.type.localeCompare(b.type));

  test.each(cases)("$type: every argument the binding writes is in the dump", ({ type, data, block }) => {
    const known = new Set([...Object.keys(block.attributes ?? {}), ...Object.keys(block.block_types ?? {})]);
    const args = bindingArguments(provider, type, data);
    expect(args.length).toBeGreaterThan(0);
    expect(args.filter((a) => !known.has(a))).toEqual([]);
  });
});
