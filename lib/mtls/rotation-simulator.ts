// Replays a synthesized plan (cdk.tf.json) through time: which CAs Terraform would create at each apply,
// which client certificates it would issue, and what the namespace bundle would hold. It reads every
// number (rotation periods, base-time offsets, validity and early-renewal hours) and every dependency
// from the plan itself, so it checks what will be deployed, not a separate model.
import { MAX_GENERATED_CA_PEM_BYTES, type CaKeyAlgorithm } from "../domain/ca-rotation";

type Block = Record<string, unknown>;
interface PlanJson {
  resource?: Record<string, Record<string, Block>>;
}

interface RotatingSpec {
  readonly name: string;
  readonly periodHours: number;
  /** Base time = another time_rotating's base + offset, read when (re)created; otherwise the apply time. */
  readonly baseFrom?: { readonly rotating: string; readonly offsetHours: number };
}
interface CaSpec {
  readonly name: string;
  readonly key: string;
  readonly keyTriggers: readonly string[];
  readonly subjectRotations: readonly string[];
  readonly validityHours: number;
  readonly earlyRenewalHours: number;
  readonly maxPemBytes: number;
}
interface ClientSpec {
  readonly name: string;
  readonly validityHours: number;
  readonly earlyRenewalHours: number;
  /** cas[0] when rotations[0] rotates later than rotations[1], else cas[1]; with one CA, always it. */
  readonly caChoice: { readonly rotations?: readonly [string, string]; readonly cas: readonly string[] };
}
interface BundleSpec {
  readonly namespace: string;
  readonly cas: readonly string[];
  readonly staticBytes: number;
  readonly staticCount: number;
}

/** Everything the simulation needs, as read from the plan. */
export interface RotationPlan {
  readonly rotations: readonly RotatingSpec[];
  readonly cas: readonly CaSpec[];
  readonly clients: readonly ClientSpec[];
  readonly bundles: readonly BundleSpec[];
}

const ref = (type: string) => new RegExp(`${type}\\.([A-Za-z0-9_-]+)`, "g");
const refsIn = (value: unknown, type: string) => [...JSON.stringify(value ?? "").matchAll(ref(type))].map((m) => m[1]);
const hoursOf = (block: Block) =>
  Number(block.rotation_minutes ?? 0) / 60 + Number(block.rotation_hours ?? 0) + Number(block.rotation_days ?? 0) * 24 +
  Number(block.rotation_months ?? 0) * 730 + Number(block.rotation_years ?? 0) * 8760;

/** Reads the rotation-relevant parts of a synthesized plan; throws on shapes it does not understand. */
export function readRotationPlan(json: PlanJson): RotationPlan {
  const res = json.resource ?? {};
  const rotations = Object.entries(res.time_rotating ?? {}).map(([name, b]): RotatingSpec => {
    if (b.rfc3339 === undefined) return { name, periodHours: hoursOf(b) };
    const m = /^\$\{timeadd\(time_rotating\.([A-Za-z0-9_-]+)\.rfc3339, "(-?\d+)h"\)\}$/.exec(String(b.rfc3339));
    const ignored = ((b.lifecycle as Block | undefined)?.ignore_changes as string[] | undefined) ?? [];
    if (!m || !ignored.includes("rfc3339")) throw new Error(`time_rotating.${name}: rfc3339 ${String(b.rfc3339)} is not a timeadd of another rotation with ignore_changes; the simulation cannot model it`);
    return { name, periodHours: hoursOf(b), baseFrom: { rotating: m[1], offsetHours: Number(m[2]) } };
  });
  const keys = res.tls_private_key ?? {};
  // replace_triggered_by may name a time_rotating directly or a terraform_data whose triggers_replace reads one.
  const keyTriggersOf = (keyBlock: Block) => {
    const triggers = (keyBlock.lifecycle as Block | undefined)?.replace_triggered_by;
    const viaData = refsIn(triggers, "terraform_data").flatMap((name) => refsIn(res.terraform_data?.[name]?.triggers_replace, "time_rotating"));
    return [...refsIn(triggers, "time_rotating"), ...viaData];
  };
  const cas = Object.entries(res.tls_self_signed_cert ?? {}).map(([name, b]): CaSpec => {
    const [key] = refsIn(b.private_key_pem, "tls_private_key");
    const keyBlock = keys[key] ?? {};
    const algorithm: CaKeyAlgorithm = keyBlock.algorithm === "RSA" ? "RSA_4096" : "ECDSA_P384";
    return {
      name,
      key,
      keyTriggers: keyTriggersOf(keyBlock),
      subjectRotations: refsIn(b.subject, "time_rotating"),
      validityHours: Number(b.validity_period_hours),
      earlyRenewalHours: Number(b.early_renewal_hours ?? 0),
      maxPemBytes: MAX_GENERATED_CA_PEM_BYTES[algorithm],
    };
  });
  const clients = Object.entries(res.tls_locally_signed_cert ?? {}).map(([name, b]): ClientSpec => {
    const text = String(b.ca_cert_pem);
    const name_ = "([A-Za-z0-9_-]+)";
    const conditional = new RegExp(`^\\$\\{\\(timecmp\\(time_rotating\\.${name_}\\.rotation_rfc3339, time_rotating\\.${name_}\\.rotation_rfc3339\\) == 1\\) \\? tls_self_signed_cert\\.${name_}\\.cert_pem : tls_self_signed_cert\\.${name_}\\.cert_pem\\}$`).exec(text);
    let caChoice: { readonly rotations?: readonly [string, string]; readonly cas: readonly string[] };
    if (conditional) caChoice = { rotations: [conditional[1], conditional[2]], cas: [conditional[3], conditional[4]] };
    else if (/^\$\{tls_self_signed_cert\.[A-Za-z0-9_-]+\.cert_pem\}$/.test(text)) caChoice = { cas: refsIn(text, "tls_self_signed_cert") };
    else throw new Error(`tls_locally_signed_cert.${name}: ca_cert_pem ${text} has a shape the simulation cannot model`);
    return { name, validityHours: Number(b.validity_period_hours), earlyRenewalHours: Number(b.early_renewal_hours ?? 0), caChoice };
  });
  const bundles = Object.entries(res.temporalcloud_namespace ?? {}).flatMap(([namespace, b]): BundleSpec[] => {
    if (b.accepted_client_ca === undefined) return [];
    const text = String(b.accepted_client_ca);
    const literal = text.replace(/\$\{tls_self_signed_cert\.[A-Za-z0-9_-]+\.cert_pem\}/g, "").replace(/^\$\{base64encode\("/, "").replace(/"\)\}$/, "").replace(/\\n/g, "\n");
    const staticPem = literal.startsWith("${") ? "" : literal;
    return [{
      namespace,
      cas: refsIn(text, "tls_self_signed_cert"),
      staticBytes: Buffer.byteLength(staticPem),
      staticCount: (staticPem.match(/-----BEGIN CERTIFICATE-----/g) ?? []).length,
    }];
  });
  return { rotations, cas, clients, bundles };
}

/** One CA certificate generation. */
export interface CaGeneration {
  readonly id: number;
  readonly resource: string;
  readonly notBefore: number;
  readonly notAfter: number;
  /** First hour it is no longer in any bundle (Infinity while still in one). */
  removedAt: number;
  /** First hour a newer CA signs client certificates instead (Infinity while it is the signer). */
  supersededAt: number;
}
/** One issued client certificate. */
export interface ClientIssue {
  readonly resource: string;
  readonly caId: number;
  readonly notBefore: number;
  readonly notAfter: number;
}

export interface SimulationResult {
  readonly generations: CaGeneration[];
  readonly issues: ClientIssue[];
  /** Violations found, each with the hour it happened; empty when the schedule is safe. */
  readonly violations: string[];
  readonly maxBundleCount: number;
  readonly maxBundleBytes: number;
}

export interface SimulationOptions {
  /** Hours simulated. */
  readonly hours: number;
  /** Hours at which `terraform apply` runs (sorted, first at 0). */
  readonly applyHours: readonly number[];
  readonly maxBundleCertificates: number;
  readonly maxBundleBytes: number;
  /** Minimum hours the outgoing CA stays accepted after the incoming one starts signing. */
  readonly minOverlapHours: number;
}

/** Runs the plan through Terraform's rules apply by apply and checks every hour. */
export function simulateRotation(plan: RotationPlan, options: SimulationOptions): SimulationResult {
  const rotation = new Map<string, { base: number; rotateAt: number }>();
  const caState = new Map<string, CaGeneration>();
  const clientState = new Map<string, ClientIssue>();
  const generations: CaGeneration[] = [];
  const issues: ClientIssue[] = [];
  const violations: string[] = [];
  const signer = new Map<string, number>();
  let maxBundleCount = 0;
  let maxBundleBytes = 0;
  const ordered = [...plan.rotations].sort((a, b) => (a.baseFrom ? 1 : 0) - (b.baseFrom ? 1 : 0));

  const apply = (t: number) => {
    // time_rotating: removed from state on refresh once due, then created again.
    const recreated = new Set<string>();
    for (const spec of ordered) {
      const state = rotation.get(spec.name);
      if (state && t < state.rotateAt) continue;
      const base = spec.baseFrom ? (rotation.get(spec.baseFrom.rotating)?.base ?? t) + spec.baseFrom.offsetHours : t;
      rotation.set(spec.name, { base, rotateAt: base + spec.periodHours });
      recreated.add(spec.name);
    }
    // CA certificates: new key (replace_triggered_by), new subject, or early renewal force a new one.
    for (const ca of plan.cas) {
      const current = caState.get(ca.name);
      const replace = !current || ca.keyTriggers.some((r) => recreated.has(r)) || ca.subjectRotations.some((r) => recreated.has(r)) ||
        t >= current.notAfter - ca.earlyRenewalHours;
      if (!replace) continue;
      const generation: CaGeneration = { id: generations.length, resource: ca.name, notBefore: t, notAfter: t + ca.validityHours, removedAt: Infinity, supersededAt: Infinity };
      generations.push(generation);
      caState.set(ca.name, generation);
    }
    // Bundles: what each namespace accepts after this apply.
    const accepted = new Set<number>();
    for (const bundle of plan.bundles) {
      const ids = bundle.cas.map((name) => caState.get(name)?.id).filter((id): id is number => id !== undefined);
      ids.forEach((id) => accepted.add(id));
      const count = ids.length + bundle.staticCount;
      const bytes = bundle.cas.reduce((n, name) => n + (plan.cas.find((c) => c.name === name)?.maxPemBytes ?? 0), 0) + bundle.staticBytes;
      maxBundleCount = Math.max(maxBundleCount, count);
      maxBundleBytes = Math.max(maxBundleBytes, bytes);
      if (count > options.maxBundleCertificates) violations.push(`hour ${t}: ${bundle.namespace} bundle holds ${count} CAs`);
      if (bytes > options.maxBundleBytes) violations.push(`hour ${t}: ${bundle.namespace} bundle may reach ${bytes} bytes`);
    }
    for (const g of generations) if (g.removedAt === Infinity && !accepted.has(g.id)) g.removedAt = t;
    // Client certificates: the CA choice is evaluated now; a changed CA forces a new certificate.
    for (const client of plan.clients) {
      const [a, b] = client.caChoice.cas.map((name) => caState.get(name) as CaGeneration);
      const [ra, rb] = (client.caChoice.rotations ?? []).map((name) => rotation.get(name)?.rotateAt ?? 0);
      const ca = b === undefined || ra > rb ? a : b;
      const previousSigner = signer.get(client.name);
      if (previousSigner !== undefined && previousSigner !== ca.id) generations[previousSigner].supersededAt = Math.min(generations[previousSigner].supersededAt, t);
      signer.set(client.name, ca.id);
      const current = clientState.get(client.name);
      if (current && current.caId === ca.id && t < current.notAfter - client.earlyRenewalHours) continue;
      const issue: ClientIssue = { resource: client.name, caId: ca.id, notBefore: t, notAfter: t + client.validityHours };
      issues.push(issue);
      clientState.set(client.name, issue);
    }
  };

  let next = 0;
  for (let hour = 0; hour < options.hours; hour++) {
    while (next < options.applyHours.length && options.applyHours[next] <= hour) apply(options.applyHours[next++]);
    checkHour(hour);
    if (violations.length > 20) break; // enough to diagnose
  }
  for (const g of generations) {
    if (g.supersededAt !== Infinity && g.removedAt !== Infinity && g.removedAt - g.supersededAt < options.minOverlapHours) {
      violations.push(`CA generation ${g.id} (${g.resource}) left the bundle ${g.removedAt - g.supersededAt} hours after its successor started signing; less than ${options.minOverlapHours}`);
    }
  }
  return { generations, issues, violations, maxBundleCount, maxBundleBytes };

  function checkHour(hour: number): void {
    for (const g of generations) {
      const inBundle = g.notBefore <= hour && hour < g.removedAt;
      if (inBundle && hour >= g.notAfter) violations.push(`hour ${hour}: expired CA generation ${g.id} (${g.resource}) is still in the bundle`);
    }
    for (const issue of issues) {
      if (hour < issue.notBefore || hour >= issue.notAfter) continue;
      const ca = generations[issue.caId];
      if (hour >= ca.removedAt) violations.push(`hour ${hour}: live client certificate ${issue.resource} (issued hour ${issue.notBefore}) was signed by CA generation ${ca.id}, which is no longer in the bundle`);
      if (issue.notAfter > ca.notAfter) violations.push(`hour ${hour}: client certificate ${issue.resource} (until hour ${issue.notAfter}) outlives its CA generation ${ca.id} (until hour ${ca.notAfter})`);
    }
    for (const client of plan.clients) {
      const current = clientState.get(client.name);
      if (current && hour >= current.notAfter) violations.push(`hour ${hour}: ${client.name} has no valid client certificate (the last expired at hour ${current.notAfter})`);
    }
  }
}
