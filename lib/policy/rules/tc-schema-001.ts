import { Severity } from "../types";
import { builtInRule } from "./built-in";
import type { RuleFinding } from "../types";
import { temporalCloudCatalogue, validateBlock } from "../schema-validation/validate";

export const TC_SCHEMA_001 = builtInRule({
  id: "TC-SCHEMA-001",
  title: "Block does not match the temporalcloud provider schema",
  severity: Severity.ERROR,
  control: "Every temporalcloud_* resource and data source passes the provider's schema and validators (offline terraform validate)",
  fix: "Correct the attribute as the message says; the schema is schemas/temporalcloud/provider-schema.json (provider v1.5.0).",
  check(model) {
    const catalogue = temporalCloudCatalogue();
    const out: RuleFinding[] = [];
    for (const block of model.blocks) {
      if (block.kind === "output" || !block.type.startsWith(catalogue.prefix)) continue;
      const schemas = block.kind === "data" ? catalogue.schema.data_source_schemas : catalogue.schema.resource_schemas;
      const schema = schemas[block.type];
      if (!schema) {
        out.push({ resource: block, message: `${block.type} is not part of the temporalcloud provider schema` });
        continue;
      }
      const validators = block.kind === "resource" ? catalogue.validators[block.type] : undefined;
      for (const p of validateBlock(block.address, block.attributes, schema.block, validators)) {
        if (p.severity === "warning") continue; // create-only checks: validate reports them, synth does not fail on them
        out.push({ resource: block, attribute: p.path || undefined, message: `${p.path ? `${p.path}: ` : ""}${p.message}` });
      }
    }
    return out;
  },
});
