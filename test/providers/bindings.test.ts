// The committed bindings must be exactly what the generator makes from the committed schema.
import * as fs from "node:fs";
import * as path from "node:path";
import { BINDINGS_DIR, generateBindings, listFiles } from "../../scripts/gen-bindings";
import { tempDir } from "../helpers";

describe("generated temporalcloud bindings", () => {
  test("are up to date with schemas/temporalcloud/provider-schema.json (run `npm run gen:bindings` if not)", async () => {
    const out = path.join(tempDir("tcg-bindings-"), "temporalcloud");
    try {
      const generated = await generateBindings(out);
      const committed = listFiles(BINDINGS_DIR);
      expect(committed).toEqual(generated);
      const stale = generated.filter((file) => fs.readFileSync(path.join(out, file), "utf8") !== fs.readFileSync(path.join(BINDINGS_DIR, file), "utf8"));
      expect(stale).toEqual([]);
    } finally {
      fs.rmSync(path.dirname(out), { recursive: true, force: true });
    }
  });

  test("cover every resource and data source of the schema", () => {
    const schema = JSON.parse(fs.readFileSync(path.join(__dirname, "../../schemas/temporalcloud/provider-schema.json"), "utf8"));
    const provider = schema.provider_schemas["registry.terraform.io/temporalio/temporalcloud"];
    const dirs = fs.readdirSync(BINDINGS_DIR);
    for (const type of Object.keys(provider.resource_schemas)) expect(dirs).toContain(type.replace(/^temporalcloud_/, "").replace(/_/g, "-"));
    for (const type of Object.keys(provider.data_source_schemas)) expect(dirs).toContain(`data-${type.replace(/_/g, "-")}`);
  });
});
