// Real Terraform and the real time and tls providers (built by `npm run providers`) apply the rotation graph:
// the generation local, the API-key expiry offsets, both CA slots and a client certificate, exactly as
// synthesized. What they compute must equal what lib/analysis replays for the same plan time, the client
// certificate must chain to a CA of the bundle, and a plan right after the apply must be empty.
import { X509Certificate } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { Testing, TerraformStack } from "cdktf";
import { TlsProvider } from "@cdktf/provider-tls/lib/provider";
import { TimeProvider } from "@cdktf/provider-time/lib/provider";
import { RotatingCa } from "../../lib/constructs/rotating-ca";
import { ClientCertificate } from "../../lib/constructs/client-certificate";
import { RotatingApiKey } from "../../lib/constructs/rotating-api-key";
import { TerraformReplay, type StackJson } from "../../lib/analysis/terraform-replay";
import { readManifest } from "../../scripts/toolchain";
import { constructStack, EXAMPLES_DIR, tempDir, type SynthJson } from "../helpers";
import { terraform } from "./terraform";

/** The API-key construct's time resources and generation local, with the CA and a client certificate. */
const iso = (seconds: number) => new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");

function rotationGraph(): SynthJson {
  const { stack: keyStack, synth } = constructStack();
  new RotatingApiKey(keyStack, "key", { serviceAccountId: "sa", displayName: "w", phaseHours: 7, secret: { secretName: "a/b", target: { aws: { region: "us-east-1" } }, reader: { awsRoleArn: "arn:aws:iam::123456789012:role/w" } } });
  const key = synth();
  const stack = new TerraformStack(Testing.app(), "real");
  new TlsProvider(stack, "tls", {});
  new TimeProvider(stack, "time", {});
  const ca = new RotatingCa(stack, "ca", { name: "orders", phaseHours: 11, additionalCaPems: [EXTRA_CA] });
  new ClientCertificate(stack, "client", { ca, commonName: "worker.orders-dev" });
  const json = JSON.parse(Testing.synth(stack)) as SynthJson;
  json.resource = { ...json.resource, time_offset: key.resource?.time_offset ?? {} };
  json.locals = { ...(json.locals as object), ...(key.locals as object) };
  return json;
}

const manifest = readManifest();
const EXTRA_CA = fs.readFileSync(path.join(EXAMPLES_DIR, "certs", "dev-ca.pem"), "utf8");
const EXTRA_CA_EXPIRES = Date.parse(new X509Certificate(EXTRA_CA).validTo) / 1000;
const CHECK_FAILED = "Warning: Check block assertion failed";

describe("real terraform applies the rotation graph as the replay models it", () => {
  test("apply, compare with the replay, chain the client certificate, plan again: no changes", () => {
    if (!manifest?.providers.time || !manifest.providers.tls) throw new Error("the time and tls providers are not built; run `npm run providers` first (.ci/run does)");
    const dir = tempDir("tcg-rotation-real-");
    try {
      const json = rotationGraph();
      fs.writeFileSync(path.join(dir, "main.tf.json"), JSON.stringify(json));
      const cli = manifest.cliConfig;
      expect(terraform(dir, ["init", "-input=false", "-backend=false"], cli).status).toBe(0);
      const before = Math.floor(Date.now() / 1000);
      const apply = terraform(dir, ["apply", "-auto-approve", "-input=false", "-no-color"], cli);
      expect(apply.stderr).toBe("");
      expect(apply.status).toBe(0);
      const after = Math.ceil(Date.now() / 1000);
      const show = JSON.parse(terraform(dir, ["show", "-json"], cli).stdout) as { values: { root_module: { resources: { address: string; type: string; values: Record<string, unknown> }[] } } };
      const real = new Map(show.values.root_module.resources.map((r) => [r.address, r.values] as const));

      // The replay of the same JSON at the same plan time (the generations cannot change within the run).
      const replay = new TerraformReplay(json as StackJson);
      replay.apply(before);
      const late = new TerraformReplay(json as StackJson);
      late.apply(after);
      for (const [address, object] of replay.state) {
        const values = real.get(address);
        expect({ address, exists: values !== undefined }).toEqual({ address, exists: true });
        if (object.type === "time_offset") {
          expect({ address, base: values?.base_rfc3339, at: values?.rfc3339 }).toEqual({ address, base: object.attributes.base_rfc3339, at: object.attributes.rfc3339 });
          expect(late.state.get(address)?.attributes.rfc3339).toBe(object.attributes.rfc3339);
        }
        if (object.type === "tls_self_signed_cert") {
          expect((values?.subject as { common_name: string }[])[0].common_name).toBe((object.attributes.subject as { common_name: string }[])[0].common_name);
          expect(values?.validity_period_hours).toBe(object.attributes.validity_period_hours);
        }
        if (object.type === "tls_locally_signed_cert") expect(values?.early_renewal_hours).toBe(object.attributes.early_renewal_hours);
      }

      // The client certificate was signed by the CA the replay says is current, and chains to it.
      const [clientAddress] = [...replay.state.keys()].filter((a) => a.startsWith("tls_locally_signed_cert."));
      const replayedIssuer = [...replay.state.values()].find((o) => o.type === "tls_self_signed_cert" && o.attributes.cert_pem === replay.state.get(clientAddress)?.attributes.ca_cert_pem)?.address;
      const client = new X509Certificate(String(real.get(clientAddress)?.cert_pem));
      const cas = [...real.entries()].filter(([a]) => a.startsWith("tls_self_signed_cert.")).map(([a, v]) => ({ address: a, cert: new X509Certificate(String(v.cert_pem)) }));
      const issuers = cas.filter((ca) => client.checkIssued(ca.cert) && client.verify(ca.cert.publicKey));
      expect(issuers.map((i) => i.address)).toEqual([replayedIssuer]);
      expect(issuers[0].cert.ca).toBe(true);

      // No perpetual diff: a plan right after the apply is empty (exit code 0 with -detailed-exitcode).
      const plan = terraform(dir, ["plan", "-detailed-exitcode", "-input=false"], cli);
      expect({ status: plan.status, stdout: plan.status === 0 ? "" : plan.stdout }).toEqual({ status: 0, stdout: "" });
      expect(apply.stdout).not.toContain(CHECK_FAILED);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test("var.rotation_clock moves every generation as the replay predicts; a non-time value is refused as data", () => {
    if (!manifest?.providers.time || !manifest.providers.tls) throw new Error("the time and tls providers are not built; run `npm run providers` first (.ci/run does)");
    const dir = tempDir("tcg-rotation-clock-");
    try {
      const json = rotationGraph();
      fs.writeFileSync(path.join(dir, "main.tf.json"), JSON.stringify(json));
      const cli = manifest.cliConfig;
      expect(terraform(dir, ["init", "-input=false", "-backend=false"], cli).status).toBe(0);
      // An expression-looking value stays a string: validation refuses it, nothing reads the file.
      const injected = terraform(dir, ["plan", "-input=false", "-no-color", "-var", 'rotation_clock=${file("/etc/hostname")}'], cli);
      expect(injected.status).toBe(1);
      expect(injected.stderr).toContain("rotation_clock must be empty (use the plan's timestamp) or an RFC 3339 time");
      expect(injected.stderr).not.toContain("Invalid function argument");

      const later = Math.floor(Date.now() / 1000) + 200 * 86400;
      const clock = iso(later);
      const apply = terraform(dir, ["apply", "-auto-approve", "-input=false", "-no-color", "-var", `rotation_clock=${clock}`], cli);
      expect(apply.stderr).toBe("");
      const show = JSON.parse(terraform(dir, ["show", "-json"], cli).stdout) as { values: { root_module: { resources: { address: string; type: string; values: Record<string, unknown> }[] } } };
      const replay = new TerraformReplay(json as StackJson, { variables: { rotation_clock: clock } });
      replay.apply(Math.floor(Date.now() / 1000));
      const offsets = (rows: [string, unknown][]) => rows.sort(([a], [b]) => a.localeCompare(b));
      expect(offsets(show.values.root_module.resources.filter((r) => r.type === "time_offset").map((r) => [r.address, r.values.rfc3339])))
        .toEqual(offsets([...replay.state.values()].filter((o) => o.type === "time_offset").map((o) => [o.address, o.attributes.rfc3339])));
      // 200 days on, every expiry lies beyond the clock, not beyond today + the rotation period.
      for (const r of show.values.root_module.resources.filter((x) => x.type === "time_offset")) expect(Date.parse(String(r.values.rfc3339)) / 1000).toBeGreaterThan(later);
      // The moved clock is said on every plan (a check block, a warning), and nothing else is.
      expect(apply.stdout).toContain(CHECK_FAILED);
      expect(apply.stdout).toContain(`rotation_clock is ${clock}, not this plan's time`);
      const same = terraform(dir, ["plan", "-detailed-exitcode", "-input=false", "-no-color", "-var", `rotation_clock=${clock}`], cli);
      expect(same.status).toBe(0);
      expect(same.stdout.split(CHECK_FAILED).length - 1).toBe(1);
      expect(same.stdout).toContain("in check.rotation_clock");

      // The additional CA: plans warn within 30 days of its expiry, not before.
      const near = iso(EXTRA_CA_EXPIRES - 10 * 86400);
      const warned = terraform(dir, ["plan", "-input=false", "-no-color", "-var", `rotation_clock=${near}`], cli).stdout;
      // (terraform prints the config line with each warning, so only the warning's location tells them apart)
      expect(warned).toContain("in check.additional_ca_expiry_");
      expect(warned).toContain("additionalCaPems[0] (O=Example Corp, CN=Example dev-ca) expires at");
      const early = terraform(dir, ["plan", "-input=false", "-no-color", "-var", `rotation_clock=${iso(EXTRA_CA_EXPIRES - 40 * 86400)}`], cli).stdout;
      expect(early).toContain("in check.rotation_clock");
      expect(early).not.toContain("in check.additional_ca_expiry_");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
