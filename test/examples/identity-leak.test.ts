// No API-key token may reach anything but the secret version: not an output (unless sensitive), not another
// resource's attribute, not a data source or local. Runs over every example users copy.
import * as fs from "node:fs";
import * as path from "node:path";
import { readConfigDocument } from "../../lib/config/load";
import { EXAMPLES_DIR, synthStacks, type SynthJson } from "../helpers";

/** A token attribute, a whole-object reference to a key (which carries its token), or the secret payload itself. */
const TOKEN_REFERENCE = /temporalcloud_apikey\.[A-Za-z0-9_-]+(?:\.token|(?![A-Za-z0-9_.-]))|(?:aws_secretsmanager_secret_version\.[A-Za-z0-9_-]+\.secret_string|google_secret_manager_secret_version\.[A-Za-z0-9_-]+\.secret_data)/;
const ALLOWED = new Set(["resource.aws_secretsmanager_secret_version.*.secret_string", "resource.google_secret_manager_secret_version.*.secret_data"]);

/** Every string in `value` with its path, e.g. `resource.aws_x.name.attr`. */
function strings(value: unknown, at: string[], out: Array<{ path: string[]; text: string }>): void {
  if (typeof value === "string") out.push({ path: at, text: value });
  else if (Array.isArray(value)) value.forEach((v, i) => strings(v, [...at, String(i)], out));
  else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) strings(v, [...at, k], out);
}

export function tokenLeaks(json: SynthJson): { leaks: string[]; allowedUses: number } {
  const found: Array<{ path: string[]; text: string }> = [];
  strings(json, [], found);
  const leaks: string[] = [];
  let allowedUses = 0;
  for (const { path: p, text } of found) {
    if (!TOKEN_REFERENCE.test(text)) continue;
    // A replace trigger names the key, not its value: Terraform reads only whether it is being replaced.
    if (p.at(-3) === "lifecycle" && p.at(-2) === "replace_triggered_by") continue;
    const [section, type, , attribute] = p;
    if (section === "resource" && p.length === 4 && ALLOWED.has(`resource.${type}.*.${attribute}`)) {
      allowedUses++;
      continue;
    }
    if (section === "output" && json.output?.[type]?.sensitive === true) continue;
    leaks.push(`${p.join(".")}: ${text.slice(0, 120)}`);
  }
  return { leaks, allowedUses };
}

const examples = fs.readdirSync(EXAMPLES_DIR).filter((f) => /\.ya?ml$/.test(f)).sort();

describe("API-key tokens stay in the secrets manager", () => {
  test("there are examples to check, including one with API keys", () => {
    expect(examples).toContain("identity-estate.yaml");
  });

  test.each(examples)("%s: no token reaches an output or another attribute", (file) => {
    // Every stack of a split example (tokens must not cross stacks through outputs either).
    for (const json of Object.values(synthStacks(readConfigDocument(path.join(EXAMPLES_DIR, file))))) {
      const { leaks, allowedUses } = tokenLeaks(json);
      expect(leaks).toEqual([]);
      // Every key set writes exactly one secret version.
      const keySets = Object.keys(json.resource?.temporalcloud_apikey ?? {}).length / 2;
      expect(allowedUses).toBe(keySets);
    }
  });

  test("the check catches a token in a plain output, a tag and a whole-key reference", () => {
    const json: SynthJson = {
      output: { plain: { value: "${temporalcloud_apikey.k.token}" }, hidden: { value: "${temporalcloud_apikey.k.token}", sensitive: true } },
      resource: {
        aws_ssm_parameter: { p: { value: "${temporalcloud_apikey.k}" } },
        aws_s3_object: { o: { content: "${aws_secretsmanager_secret_version.v.secret_string}" } },
        aws_secretsmanager_secret_version: { v: { secret_string: "${jsonencode({a = temporalcloud_apikey.k.token})}", tags: { t: "${temporalcloud_apikey.k.token}" }, lifecycle: { replace_triggered_by: ["temporalcloud_apikey.k"] } } },
        temporalcloud_service_account: { s: { description: "${temporalcloud_apikey.k.id}" } },
      },
    };
    expect(tokenLeaks(json).leaks.map((l) => l.split(":")[0]).sort()).toEqual([
      "output.plain.value",
      "resource.aws_s3_object.o.content",
      "resource.aws_secretsmanager_secret_version.v.tags.t",
      "resource.aws_ssm_parameter.p.value",
    ]);
  });
});
