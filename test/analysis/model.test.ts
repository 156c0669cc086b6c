import * as fs from "node:fs";
import * as path from "node:path";
import { TerraformModel, type StackJson } from "../../lib/analysis/model";
import { main } from "../../lib/cli/main";
import { tempDir } from "../helpers";

const ns = (name: string, comment: Record<string, unknown> = {}, attrs: Record<string, unknown> = {}) => ({ "//": comment, name, regions: ["aws-us-east-1"], ...attrs });

describe("TerraformModel", () => {
  it("reads the guardrails marker: environment and the decided limits win over names and tags", () => {
    const json: StackJson = {
      resource: {
        temporalcloud_namespace: {
          a: ns("orders", { temporal_cloud_guardrails: { environment: "production", critical: true, retention: { minDays: 10, maxDays: 60 }, maxApiKeyDays: 45, recordsRetentionDays: 400, caExpiryHorizonDays: 60 } }),
          b: ns("billing-dev", { temporal_cloud_guardrails: { environment: "staging" } }),
          c: ns("ledger-prod"),
          d: ns("untagged"),
          e: ns("bad-marker", { temporal_cloud_guardrails: { environment: "prod", maxApiKeyDays: -3 } }),
        },
      },
    };
    const model = TerraformModel.fromJson("s", json);
    const ctx = (id: string) => model.contextOf(model.get(`temporalcloud_namespace.${id}`)!);
    expect(ctx("a")).toEqual({ environment: "production", source: "marker", critical: true, retention: { defaultDays: 10, minDays: 10, maxDays: 60, keepDays: undefined }, maxApiKeyDays: 45, recordsRetentionDays: 400, caExpiryHorizonDays: 60, maxClientCertificateDays: 90 });
    expect([ctx("b").environment, ctx("b").source, ctx("b").maxApiKeyDays]).toEqual(["staging", "marker", 180]);
    expect([ctx("d").caExpiryHorizonDays, ctx("d").maxClientCertificateDays]).toEqual([undefined, undefined]);
    expect([ctx("c").environment, ctx("c").source, ctx("c").maxApiKeyDays]).toEqual(["production", "name", 90]);
    expect(ctx("d").environment).toBeUndefined();
    // The marker is written by us with exact names; anything else is ignored, never guessed.
    expect([ctx("e").environment, ctx("e").maxApiKeyDays]).toEqual([undefined, undefined]);
    expect(model.get("temporalcloud_namespace.a")!.attributes["//"]).toBeUndefined();
  });

  it("assigns resources to the one namespace they connect to, in either direction", () => {
    const json: StackJson = {
      resource: {
        temporalcloud_namespace: { a: ns("a", {}, { connectivity_rule_ids: ["${temporalcloud_connectivity_rule.ra.id}"] }), b: ns("b") },
        temporalcloud_connectivity_rule: { ra: { connectivity_type: "private", connection_id: "${aws_vpc_endpoint.ea.id}" } },
        aws_vpc_endpoint: { ea: { vpc_id: "vpc-1" } },
        temporalcloud_service_account: {
          sa: { name: "w", namespace_scoped_access: { namespace_id: "${temporalcloud_namespace.a.id}", permission: "write" } },
          both: { name: "x", namespace_accesses: [{ namespace_id: "${temporalcloud_namespace.a.id}" }, { namespace_id: "${temporalcloud_namespace.b.id}" }] },
        },
        temporalcloud_apikey: { k: { owner_id: "${temporalcloud_service_account.sa.id}" } },
        time_rotating: { lonely: { rotation_days: 30 } },
      },
    };
    const model = TerraformModel.fromJson("s", json);
    const of = (address: string) => model.namespaceOf(address);
    expect(["temporalcloud_apikey.k", "temporalcloud_service_account.sa", "aws_vpc_endpoint.ea", "temporalcloud_connectivity_rule.ra"].map(of)).toEqual(["a", "a", "a", "a"]);
    expect([of("temporalcloud_service_account.both"), of("time_rotating.lonely"), of("temporalcloud_namespace.b")]).toEqual([undefined, undefined, "b"]);
  });

  it("accepts JSON that is not shaped like a stack without throwing", () => {
    const model = TerraformModel.fromJson("s", { resource: { temporalcloud_namespace: { x: null as never } }, data: [] as never, output: "x" as never });
    expect(model.blocks.map((b) => b.address)).toEqual(["temporalcloud_namespace.x"]);
  });
});

describe("validate --rules reads the environment the synth decided (regression: 'environment unknown')", () => {
  it("a production namespace whose name has no environment suffix is production on the written JSON", async () => {
    const dir = tempDir();
    const config = path.join(dir, "estate.yaml");
    fs.writeFileSync(config, [
      "name: orders-estate",
      "namespaces:",
      "  - name: orders",
      "    environment: production",
      "    regions: [aws-us-east-1]",
      "    auth: { apiKey: true }",
      "    connectivity: { publicAccess: true, publicAccessJustification: partner batch jobs until the network project lands }",
      "suppressions: [{ rule: TC-AUD-001, reason: the audit-log sink lives in the account stack }]",
    ].join("\n"));
    const out = path.join(dir, "out");
    const io = () => { const lines: string[] = []; return { lines, io: { out: (t: string) => lines.push(t), err: (t: string) => lines.push(t) } }; };
    const synth = io();
    expect(await main(["synth", "--config", config, "--out", out], synth.io)).toBe(0);
    const validate = io();
    await main(["validate", out, "--rules"], validate.io);
    const text = validate.lines.join("\n");
    expect(text).not.toContain("TC-CTX-001");
    expect(text).not.toMatch(/environment is unknown/);
  });
});
