// aws_*/google_*/tls_*/time_* blocks are validated against schemas dumped from the real providers.
import * as fs from "node:fs";
import * as path from "node:path";
import { loadConfig } from "../../lib/config/load";
import { synthesizeEstate } from "../../lib/estate/synth";
import { PREBUILT_PROVIDERS, prebuiltCatalogue, validateOutDir, validateStackJson } from "../../lib/policy/schema-validation/validate";
import { prebuiltTypesUsed } from "../../scripts/prebuilt-types";
import { EXAMPLES_DIR, tempDir } from "../helpers";

const examples = fs.readdirSync(EXAMPLES_DIR).filter((f) => /\.ya?ml$/.test(f)).sort();
const dumped = PREBUILT_PROVIDERS.filter((name) => prebuiltCatalogue(name));

describe("prebuilt provider schemas", () => {
  test("tls and time schemas are committed (aws and google where their providers could be built)", () => {
    expect(dumped).toEqual(expect.arrayContaining(["tls", "time"]));
  });

  test.each(dumped)("the %s subset has every type the library can synthesize", (name) => {
    const catalogue = prebuiltCatalogue(name)!;
    const used = prebuiltTypesUsed(name);
    expect([...used.resources].filter((t) => !catalogue.schema.resource_schemas[t])).toEqual([]);
    expect([...used.dataSources].filter((t) => !catalogue.schema.data_source_schemas[t])).toEqual([]);
  });

  test("a tls block the real provider rejects is reported", () => {
    const json = { resource: { tls_private_key: { k: { algorithm: "ECDSA", ecdsa_curve: "P384", rsa_bitz: 4096 } }, time_offset: { o: {} } } };
    const problems = [...validateStackJson(json, prebuiltCatalogue("tls")), ...validateStackJson(json, prebuiltCatalogue("time"))];
    expect(problems.map((p) => `${p.address} ${p.path}`)).toEqual(expect.arrayContaining(["tls_private_key.k rsa_bitz"]));
    expect(problems.some((p) => p.address === "time_offset.o")).toBe(false); // offset_* are all optional in the schema
  });

  test("types outside the committed subset are not checked", () => {
    expect(validateStackJson({ resource: { tls_something_new: { x: { anything: 1 } } } }, prebuiltCatalogue("tls"))).toEqual([]);
  });

  test.each(examples)("examples/%s passes every committed schema", (file) => {
    const dir = tempDir("tcg-prebuilt-");
    try {
      const result = synthesizeEstate({ config: loadConfig(path.join(EXAMPLES_DIR, file)), outdir: path.join(dir, "out") });
      const { files, problems } = validateOutDir(result.outdir);
      expect(files).toHaveLength(result.stacks.length);
      expect(problems).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
