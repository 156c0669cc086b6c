// The rotation clock: one `rotation_clock` variable and local per stack, read by every rotating construct's
// generation; empty means the plan's timestamp. The replay follows it as Terraform would.
import { RotatingApiKey } from "../../lib/constructs/rotating-api-key";
import { RotatingCa } from "../../lib/constructs/rotating-ca";
import { TerraformReplay, type StackJson } from "../../lib/analysis/terraform-replay";
import { X509Certificate } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { constructStack, EXAMPLES_DIR, type SynthJson } from "../helpers";

const DAY = 86400;
const secret = { secretName: "temporal/ns/w/api-key", target: { aws: { region: "us-east-1" } }, reader: { awsRoleArn: "arn:aws:iam::123456789012:role/w" } };

function synth(): SynthJson {
  const { stack, synth: out } = constructStack();
  new RotatingApiKey(stack, "key-a", { serviceAccountId: "sa", displayName: "a", secret: { ...secret, secretName: "a/k" } });
  new RotatingApiKey(stack, "key-b", { serviceAccountId: "sb", displayName: "b", secret: { ...secret, secretName: "b/k" } });
  new RotatingCa(stack, "ca", { name: "orders" });
  return out();
}

const expiries = (replay: TerraformReplay) =>
  [...replay.state.values()].filter((o) => o.type === "time_offset").map((o) => `${o.address}=${String(o.attributes.rfc3339)}`).sort();

describe("rotation clock", () => {
  const json = synth();

  test("declared once per stack, an empty default, validated as RFC 3339; every generation reads it", () => {
    const variables = json.variable as Record<string, Record<string, unknown>>;
    expect(Object.keys(variables)).toEqual(["rotation_clock"]);
    expect(variables.rotation_clock).toMatchObject({ type: "string", default: "", nullable: false });
    const locals = json.locals as Record<string, string>;
    expect(locals.rotation_clock).toBe('${var.rotation_clock == "" ? plantimestamp() : var.rotation_clock}');
    const generations = Object.entries(locals).filter(([k]) => k !== "rotation_clock");
    expect(generations).toHaveLength(3);
    for (const [, expression] of generations) {
      expect(expression).toContain("provider::time::rfc3339_parse(local.rotation_clock)");
      expect(expression).not.toContain("plantimestamp");
    }
  });

  test("plans warn when the clock is moved (check.rotation_clock, once) and 30 days before an additional CA expires", () => {
    const checks = json.check as Record<string, { assert: { condition: string; error_message: string }[] }>;
    expect(Object.keys(checks)).toEqual(["rotation_clock"]);
    expect(checks.rotation_clock.assert[0].condition).toContain("timecmp(local.rotation_clock, timeadd(plantimestamp(), \"1h\")) < 0");
    const { stack, synth: out } = constructStack();
    const pem = fs.readFileSync(path.join(EXAMPLES_DIR, "certs", "dev-ca.pem"), "utf8");
    new RotatingCa(stack, "ca", { name: "orders", additionalCaPems: [pem] });
    const withExtra = out().check as Record<string, { assert: { condition: string; error_message: string }[] }>;
    const [name] = Object.keys(withExtra).filter((k) => k.startsWith("additional_ca_expiry_"));
    const notAfter = new Date(new X509Certificate(pem).validTo).toISOString().replace(/\.\d{3}Z$/, "Z");
    expect(withExtra[name].assert[0].condition).toBe(`\${timecmp(timeadd(local.rotation_clock, "720h"), "${notAfter}") < 0}`);
    expect(withExtra[name].assert[0].error_message).toContain("additionalCaPems[0] (O=Example Corp, CN=Example dev-ca)");
  });

  test("the replay: empty means the plan time; a set clock moves every generation and nothing else", () => {
    const now = Date.parse("2026-06-01T08:00:00Z") / 1000;
    const byPlanTime = new TerraformReplay(json as StackJson);
    byPlanTime.apply(now + 200 * DAY);
    const byClock = new TerraformReplay(json as StackJson, { variables: { rotation_clock: new Date((now + 200 * DAY) * 1000).toISOString() } });
    byClock.apply(now);
    const today = new TerraformReplay(json as StackJson);
    today.apply(now);
    expect(expiries(byClock)).toEqual(expiries(byPlanTime));
    expect(expiries(byClock)).not.toEqual(expiries(today));
  });
});
