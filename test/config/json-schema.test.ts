import * as fs from "node:fs";
import Ajv2020 from "ajv/dist/2020";
import { parse } from "yaml";
import { JSON_SCHEMA_FILE, renderJsonSchema } from "../../scripts/gen-json-schema";
import { EXAMPLES_DIR } from "../helpers";

describe("config.schema.json", () => {
  test("is up to date with the zod schema (run `npm run gen:json-schema` if not)", () => {
    expect(fs.readFileSync(JSON_SCHEMA_FILE, "utf8")).toBe(renderJsonSchema());
  });

  test("accepts every example and rejects an unknown key, so editors flag typos", () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    const validate = ajv.compile(JSON.parse(fs.readFileSync(JSON_SCHEMA_FILE, "utf8")));
    for (const file of fs.readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith(".yaml"))) {
      const doc = parse(fs.readFileSync(`${EXAMPLES_DIR}/${file}`, "utf8"));
      expect({ file, ok: validate(doc), errors: validate.errors ?? null }).toEqual({ file, ok: true, errors: null });
    }
    expect(validate({ namespaces: [{ name: "ab", environment: "development", retentionDay: 3 }] })).toBe(false);
    expect(validate({ namespaces: [{ name: "ab", environment: "development", regions: ["aws-moon-1"] }] })).toBe(false);
  });
});
