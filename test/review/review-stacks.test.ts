// The review of split estates, on estates synthesized from config variants: the stacks are judged as one
// app, so a namespace (or service account, ...) that changes stacks is a move, and a grant across stacks is
// reported against the namespace it reaches, with its production status, as it would be within one stack.
import * as path from "node:path";
import { parseConfig } from "../../lib/config/parse";
import { synthesizeEstate } from "../../lib/estate/synth";
import { reviewDirectories, type ReviewFinding } from "../../lib/review";
import { main } from "../../lib/cli/main";
import { EXAMPLES_DIR, tempDir } from "../helpers";
import { estate, namespace, nsRef, writeOut } from "./fixtures";

const WHY = "the review tests are about stacks, not about this rule";

interface Variant {
  /** Config `stacks` (undefined: one stack). */
  readonly stacks?: Record<string, unknown>;
  /** `stack:` of orders-prod / orders-dev. */
  readonly prodStack?: string;
  readonly devStack?: string;
  /** The dev worker's permission on orders-prod (crossNamespaceAccess); none when undefined. */
  readonly testerOnProd?: "read" | "write";
  /** connectivity.publicAccess of orders-dev / orders-prod (the account's one public rule). */
  readonly devPublic?: boolean;
  readonly prodPublic?: boolean;
}

const publicAccess = (on: boolean | undefined, justified = false) =>
  on ? { connectivity: { publicAccess: true, ...(justified ? { publicAccessJustification: "partners call this namespace over the internet" } : {}) } } : {};

/** A production and a development namespace with a worker each; the dev worker may reach production. */
function config(v: Variant): Record<string, unknown> {
  return {
    name: "shop",
    account: { id: "a1b2c" },
    defaults: { regions: ["aws-us-east-1"], secretsManager: { aws: { region: "us-east-1" } } },
    ...(v.stacks ? { stacks: v.stacks } : {}),
    namespaces: [
      {
        name: "orders-prod", environment: "production", auth: { apiKey: true }, ...(v.prodStack ? { stack: v.prodStack } : {}), ...publicAccess(v.prodPublic, true),
        workers: [{ name: "processor", identity: { awsRoleArn: "arn:aws:iam::123456789012:role/processor" } }],
        suppressions: [{ rule: "TC-NET-001", reason: WHY }],
      },
      {
        name: "orders-dev", environment: "development", auth: { apiKey: true }, ...(v.devStack ? { stack: v.devStack } : {}), ...publicAccess(v.devPublic),
        workers: [{
          name: "tester", identity: { awsRoleArn: "arn:aws:iam::123456789012:role/tester" },
          ...(v.testerOnProd ? { crossNamespaceAccess: [{ namespace: "orders-prod", permission: v.testerOnProd }] } : {}),
        }],
      },
    ],
    // A dev worker on a production namespace is TC-SEP-001 (error); suppressed so synth writes the stacks.
    suppressions: [{ rule: "TC-AUD-001", reason: WHY }, { rule: "TC-SEP-001", reason: WHY }],
  };
}

const outputs = new Map<string, string>();
/** Synthesizes a variant the way `synth` does (once per variant) and returns its cdktf.out. */
function synth(v: Variant): string {
  const key = JSON.stringify(v);
  if (!outputs.has(key)) {
    const outdir = path.join(tempDir("tcg-review-stacks-"), "cdktf.out");
    const result = synthesizeEstate({ config: parseConfig(config(v), { baseDir: EXAMPLES_DIR }), outdir });
    if (result.blocked) throw new Error(`synth blocked: ${result.compliance.findings.map((f) => f.message).join("; ")}`);
    outputs.set(key, outdir);
  }
  return outputs.get(key)!;
}

const BY_ENV = { by: "environment" };
const ofKind = (findings: readonly ReviewFinding[], kind: ReviewFinding["kind"]) => findings.filter((f) => f.kind === kind);

describe("review across stacks: moves", () => {
  test("a production namespace moving to another stack is one blocking move, naming both stacks, the addresses and the fix", () => {
    const result = reviewDirectories(synth({ stacks: BY_ENV }), synth({ stacks: BY_ENV, prodStack: "shop-payments" }));
    expect(ofKind(result.findings, "namespace-destroyed")).toEqual([]);
    const moves = ofKind(result.findings, "moved-between-stacks");
    expect(moves).toHaveLength(1);
    const move = moves[0];
    expect(move).toMatchObject({ fromStack: "shop-production", stack: "shop-payments", namespace: "orders-prod", production: true, blocking: true });
    // Everything of the namespace moves with it: the namespace, its worker's service account, keys and secret.
    const removed = result.diffs.find((d) => d.stack === "shop-production")!.changes.map((c) => c.address).sort();
    expect([...move.addresses!].sort()).toEqual(removed);
    expect(move.address).toMatch(/^temporalcloud_namespace\.ns-orders-prod_namespace_/);
    expect(removed.some((a) => a.startsWith("temporalcloud_service_account."))).toBe(true);
    expect(move.message).toContain("namespace `orders-prod` moves from stack `shop-production` to stack `shop-payments`");
    expect(move.message).toContain("the namespace has `prevent_destroy`, so the plan of `shop-production` fails");
    expect(move.message).toContain("terraform state mv -state=../shop-production/terraform.shop-production.tfstate -state-out=../shop-payments/terraform.shop-payments.tfstate <address> <address>");
    expect(move.message).toContain("API keys cannot be imported");
    expect(result.exitCode).toBe(1);
    expect(result.markdown).toContain("### Across stacks (1)");
    expect(result.markdown).toContain("🛑 **Moved between stacks** (stack `shop-production` → `shop-payments` · namespace `orders-prod` (production))");
    expect(result.markdown).toMatch(/- ➖ removed `temporalcloud_namespace\.ns-orders-prod_namespace_\w+` \(moves to stack `shop-payments`\)/);
    expect(result.markdown).toMatch(/s\d_temporalcloud_namespace_ns_orders_prod_namespace_\w+ -\. moves \.-> s\d_temporalcloud_namespace_ns_orders_prod_namespace_\w+/);
  });

  test("--allow-replacement accepts the move (exit 0, finding kept)", () => {
    const result = reviewDirectories(synth({ stacks: BY_ENV }), synth({ stacks: BY_ENV, prodStack: "shop-payments" }), { allowReplacement: true });
    expect(result.blocking.map((f) => f.kind)).toEqual(["moved-between-stacks"]);
    expect(result.exitCode).toBe(0);
  });

  test("a development namespace moving is reported, says what a destroy + create would do, and does not block", () => {
    const result = reviewDirectories(synth({ stacks: BY_ENV }), synth({ stacks: BY_ENV, devStack: "shop-lab" }));
    const moves = ofKind(result.findings, "moved-between-stacks");
    expect(moves.map((f) => [f.fromStack, f.stack, f.namespace, f.production, f.blocking])).toEqual([["shop-development", "shop-lab", "orders-dev", false, false]]);
    expect(moves[0].message).toContain("the namespace is deleted with its workflow history");
    expect(ofKind(result.findings, "namespace-destroyed")).toEqual([]);
    expect(result.exitCode).toBe(0);
  });

  test("splitting a one-stack estate moves every namespace out of the old stack; the production one blocks", () => {
    const result = reviewDirectories(synth({}), synth({ stacks: BY_ENV }));
    const moves = ofKind(result.findings, "moved-between-stacks").map((f) => [f.namespace, f.fromStack, f.stack, f.blocking]);
    expect(moves).toEqual([["orders-prod", "shop", "shop-production", true], ["orders-dev", "shop", "shop-development", false]]);
    expect(result.findings.filter((f) => f.kind !== "moved-between-stacks")).toEqual([]);
    expect(result.exitCode).toBe(1);
  });
});

describe("review across stacks: changes whose namespace lives in another stack", () => {
  test("a dev worker's read → write on a production namespace of another stack names that namespace and its production status", () => {
    const result = reviewDirectories(synth({ stacks: BY_ENV, testerOnProd: "read" }), synth({ stacks: BY_ENV, testerOnProd: "write" }));
    expect(result.findings).toHaveLength(1);
    const f = result.findings[0];
    expect(f).toMatchObject({ kind: "permission-raised", stack: "shop-access", namespace: "orders-prod", production: true, namespaceStack: "shop-production", blocking: false });
    expect(f.message).toBe("service account `orders-dev-tester`: `read` → `write` on namespace `orders-prod` in stack `shop-production`");
    expect(result.markdown).toContain("### Across stacks (1)");
    expect(result.markdown).toContain("(stack `shop-access` · namespace `orders-prod` (production) in stack `shop-production`)");
    expect(result.markdown).toContain("### Security-relevant changes (0)");
  });

  test("the same change in one stack is the same finding, without the stack hop", () => {
    const split = reviewDirectories(synth({ stacks: BY_ENV, testerOnProd: "read" }), synth({ stacks: BY_ENV, testerOnProd: "write" })).findings;
    const single = reviewDirectories(synth({ testerOnProd: "read" }), synth({ testerOnProd: "write" })).findings;
    const said = (f: ReviewFinding) => [f.kind, f.namespace, f.production, f.message.replace(/ in stack `[^`]+`/, "")];
    expect(single.map(said)).toEqual(split.map(said));
    expect(single[0].namespaceStack).toBeUndefined();
  });

  test("a worker that gains write on production moves to the access stack: the move and the raise are both reported", () => {
    // Without pairing, the access stack's service account would be a new one, whose read/write grants are routine.
    const result = reviewDirectories(synth({ stacks: BY_ENV }), synth({ stacks: BY_ENV, testerOnProd: "write" }));
    const move = ofKind(result.findings, "moved-between-stacks");
    expect(move.map((f) => [f.fromStack, f.stack, f.blocking])).toEqual([["shop-development", "shop-access", false]]);
    expect(move[0].message).toContain("service account `orders-dev-tester` moves from stack `shop-development` to stack `shop-access`");
    const raise = ofKind(result.findings, "permission-raised").find((f) => f.namespace === "orders-prod");
    expect(raise).toMatchObject({ fromStack: "shop-development", stack: "shop-access", production: true, namespaceStack: "shop-production" });
    expect(raise!.message).toContain("no access → `write` on namespace `orders-prod` in stack `shop-production`");
  });

  test("the public rule of a dev namespace, attached to a production namespace too, moves to the shared stack: both reported", () => {
    const result = reviewDirectories(synth({ stacks: BY_ENV, devPublic: true }), synth({ stacks: BY_ENV, devPublic: true, prodPublic: true }));
    const attached = ofKind(result.findings, "public-access-added");
    expect(attached.map((f) => [f.stack, f.namespace, f.production])).toEqual([["shop-production", "orders-prod", true]]);
    expect(attached[0].message).toMatch(/^namespace `orders-prod`: public connectivity rule `temporalcloud_connectivity_rule\.[\w-]+` \(stack `shop-shared`\) attached/);
    const move = ofKind(result.findings, "moved-between-stacks");
    expect(move.map((f) => [f.fromStack, f.stack, f.blocking])).toEqual([["shop-development", "shop-shared", false]]);
    expect(move[0].message).toContain("the account has one public connectivity rule");
  });

  test("the diagram draws a reference across stacks between the subgraphs", () => {
    const md = reviewDirectories(synth({ stacks: BY_ENV, testerOnProd: "read" }), synth({ stacks: BY_ENV, testerOnProd: "write" })).markdown;
    const order = ["shop-access", "shop-development", "shop-production", "shop-shared"];
    expect(md).toContain(`subgraph s0["stack ${order[0]}"]`);
    expect(md).toMatch(/\n {2}s0_temporalcloud_service_account_identity_service_accounts_sa_orders_dev_tester_\w+ --> s2_temporalcloud_namespace_ns_orders_prod_namespace_\w+\n/);
  });
});

describe("review across stacks: pairing by identity", () => {
  const out = (stacks: Record<string, Array<Record<string, unknown>>>) => writeOut(Object.fromEntries(Object.entries(stacks).map(([k, v]) => [k, estate(v)])));

  test("a namespace is paired by its name: the same address with another name is no move", () => {
    const base = out({ a: [namespace("payments")], b: [] });
    const renamed = { ...namespace("ledger") };
    const head = writeOut({ a: estate([]), b: { temporalcloud_namespace: { "ns-payments_namespace": renamed } } });
    const result = reviewDirectories(base, head);
    expect(result.moves).toEqual([]);
    expect(ofKind(result.findings, "namespace-destroyed").map((f) => f.namespace)).toEqual(["payments"]);
  });

  test("a name that appears in two new stacks is ambiguous: reported as destroyed, not as a move", () => {
    const result = reviewDirectories(out({ a: [namespace("payments")] }), out({ b: [namespace("payments")], c: [namespace("payments")] }));
    expect(result.moves).toEqual([]);
    expect(kinds(result.findings)).toEqual(["namespace-destroyed"]);
  });

  test("a namespace keeps its name but moves under another construct id: still a move", () => {
    const head = writeOut({ b: { temporalcloud_namespace: { renamed_id: namespace("payments") } } });
    const result = reviewDirectories(out({ a: [namespace("payments")] }), head);
    expect(result.moves.map((m) => [m.fromStack, m.before.address, m.toStack, m.after.address])).toEqual([["a", "temporalcloud_namespace.ns-payments_namespace", "b", "temporalcloud_namespace.renamed_id"]]);
    expect(result.findings[0].message).toContain("`temporalcloud_namespace.ns-payments_namespace` → `temporalcloud_namespace.renamed_id`");
    expect(result.exitCode).toBe(1);
  });

  test("a big group spells out ten addresses and counts the rest; `addresses` has them all", () => {
    const accounts = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`sa${i}`, { name: `worker-${i}`, namespace_accesses: [{ namespace_id: nsRef("payments"), permission: "write" }] }]));
    const stack = estate([namespace("payments", {}, "development")], { temporalcloud_service_account: accounts });
    const result = reviewDirectories(writeOut({ a: stack }), writeOut({ b: stack }));
    const [move] = ofKind(result.findings, "moved-between-stacks");
    expect(move.addresses).toHaveLength(13);
    expect(move.message).toContain("and 3 more (each marked under Changes by namespace)");
    expect(move.message.match(/`temporalcloud_service_account\.sa\d+`/g)).toHaveLength(9);
  });
});

const kinds = (findings: readonly ReviewFinding[]) => findings.map((f) => f.kind);

describe("review command across stacks", () => {
  test("a production namespace move exits 1 and says why on stderr", async () => {
    const err: string[] = [];
    const io = { out: () => undefined, err: (t: string) => void err.push(t) };
    expect(await main(["review", synth({ stacks: BY_ENV }), synth({ stacks: BY_ENV, prodStack: "shop-payments" })], io)).toBe(1);
    expect(err.join("")).toContain("moved between stacks");
  });
});
