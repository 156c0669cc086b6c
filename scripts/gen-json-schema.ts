// Writes config.schema.json (JSON Schema 2020-12) from the zod config schema, for editor autocompletion:
// add `# yaml-language-server: $schema=<path>/config.schema.json` to a YAML config.
import * as fs from "node:fs";
import * as path from "node:path";
import { z } from "zod";
import { configSchema } from "../lib/config/schema";

export const JSON_SCHEMA_FILE = path.join(__dirname, "..", "config.schema.json");

export function renderJsonSchema(): string {
  const schema = z.toJSONSchema(configSchema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  const document = {
    ...schema,
    $id: "https://temporal-cloud-guardrails/config.schema.json",
    title: "temporal-cloud-guardrails estate configuration",
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

if (require.main === module) {
  fs.writeFileSync(JSON_SCHEMA_FILE, renderJsonSchema());
  console.log(`wrote ${path.relative(process.cwd(), JSON_SCHEMA_FILE)}`);
}
