// Terraform's own parser on every example's synthesized output, without providers: `terraform init`
// loads and decodes the whole configuration (every block, expression and lifecycle argument) before it
// installs anything, so a syntax mistake fails here in seconds.
import * as fs from "node:fs";
import * as path from "node:path";
import { loadConfig } from "../../lib/config/load";
import { synthesizeEstate } from "../../lib/estate/synth";
import { EXAMPLES_DIR, tempDir } from "../helpers";
import { diagnosticsOf, formatDiagnostic, noProviderCliConfig, terraform } from "./terraform";

const examples = fs.readdirSync(EXAMPLES_DIR).filter((f) => /\.ya?ml$/.test(f)).sort();
const PROVIDER_NOT_FOUND = "Failed to query available provider packages";

describe.each(examples)("terraform parses examples/%s", (file) => {
  test("init finds no error but the missing providers", () => {
    const dir = tempDir("tcg-parse-");
    try {
      const result = synthesizeEstate({ config: loadConfig(path.join(EXAMPLES_DIR, file)), outdir: path.join(dir, "cdktf.out") });
      expect(result.blocked).toBe(false);
      const json = JSON.parse(fs.readFileSync(result.stackFile, "utf8")) as { terraform: { required_providers: Record<string, unknown> } };
      const run = terraform(path.dirname(result.stackFile), ["init", "-backend=false", "-input=false", "-json"], noProviderCliConfig(dir));
      const errors = diagnosticsOf(run.stdout).filter((d) => d.severity === "error");
      const other = errors.filter((d) => d.summary !== PROVIDER_NOT_FOUND);
      expect(other.map(formatDiagnostic)).toEqual([]);
      // Reaching provider installation for every required provider proves the configuration was decoded.
      expect(errors.filter((d) => d.summary === PROVIDER_NOT_FOUND)).toHaveLength(Object.keys(json.terraform.required_providers).length);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
