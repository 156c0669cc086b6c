// Rotation analysis: replays a synthesized stack through a schedule of applies (terraform-replay.ts) and
// measures, for every worker secret in it, the time workers hold no valid credential. A worker uses the
// value its secret held `reloadLagHours` ago (the worst case of a worker that re-reads on that period).
// An API-key credential is valid while its key exists, is enabled and has not expired; a client certificate
// while it has not expired and its CA is unexpired and in the accepted bundle of the worker's namespace.
import { TerraformReplay, certSerialsIn, type ReplayObject, type StackJson } from "./terraform-replay";
import { parseRfc3339 } from "./terraform-expression";
import { credentialExpiries, type ExpiryOptions } from "./expiry";

export interface WorkerOutage {
  /** Address of the secret version resource the worker reads. */
  readonly secret: string;
  readonly kind: "api-key" | "mtls";
  /** Seconds without a valid credential, and the intervals [from, to). */
  readonly downSeconds: number;
  readonly intervals: readonly [number, number][];
}

export interface RotationReport {
  readonly workers: readonly WorkerOutage[];
  readonly totalDownHours: number;
  /** Most API-key objects existing at once per owner, and most of them unexpired. */
  readonly peakKeysPerOwner: number;
  readonly peakLiveKeysPerOwner: number;
  /** Shortest time (s) a superseded current API key stayed valid after its successor was published. */
  readonly minKeyOverlapSeconds: number;
  /** Applies in which two keys of the same secret that were both still valid were replaced. */
  readonly doubleReplacements: number;
  /** Longest key lifetime (creation → expiry), seconds. */
  readonly maxKeyLifetimeSeconds: number;
  /** Shortest time (s) an outgoing CA stayed in its namespace's bundle after its successor started signing. */
  readonly minCaOverlapSeconds: number;
  /** Most CA certificates in one namespace's bundle. */
  readonly maxBundleCertificates: number;
  /** Seconds any bundle held an expired CA. */
  readonly expiredCaInBundleSeconds: number;
  /** Applies whose plan right after them was not empty (perpetual diff). */
  readonly nonEmptyFollowUpPlans: number;
  readonly replay: TerraformReplay;
}

export interface ReplayOptions {
  /** Apply times (seconds since the epoch), ascending. */
  readonly applies: readonly number[];
  /** End of the analysed period (seconds since the epoch). */
  readonly until: number;
  /** @default 24 */
  readonly reloadLagHours?: number;
  /** Also plan right after every n-th apply and count non-empty plans. @default 0 (off) */
  readonly followUpPlanEvery?: number;
  /** `-replace` addresses for given applies (index into `applies`), e.g. an operator forcing new keys. */
  readonly forceReplace?: ReadonlyMap<number, readonly string[]>;
}

const secretValueOf = (o: ReplayObject) => String(o.attributes.secret_string ?? o.attributes.secret_data ?? "");
const SECRET_TYPES = new Set(["aws_secretsmanager_secret_version", "google_secret_manager_secret_version"]);

/** Replays `json` and measures every worker's credential outage. */
export function analyseRotation(json: StackJson, options: ReplayOptions): RotationReport {
  const replay = new TerraformReplay(json);
  let nonEmptyFollowUpPlans = 0;
  options.applies.forEach((at, i) => {
    replay.apply(at, options.forceReplace?.get(i));
    if (options.followUpPlanEvery && i % options.followUpPlanEvery === 0) {
      const plan = replay.planOnly(at + 60);
      if ([...plan.values()].some((a) => a !== "noop")) nonEmptyFollowUpPlans++;
    }
  });
  const lag = (options.reloadLagHours ?? 24) * 3600;
  const byToken = new Map<string, ReplayObject>();
  const bySerial = new Map<number, ReplayObject>();
  for (const o of replay.objects) {
    if (o.type === "temporalcloud_apikey") byToken.set(String(o.attributes.token), o);
    if (o.type === "tls_self_signed_cert" || o.type === "tls_locally_signed_cert") bySerial.set(certSerialsIn(String(o.attributes.cert_pem))[0], o);
  }
  const bundles = bundleHistory(replay);
  const versions = new Map<string, ReplayObject[]>();
  for (const o of replay.objects) if (SECRET_TYPES.has(o.type)) versions.set(o.address, [...(versions.get(o.address) ?? []), o]);

  const workers: WorkerOutage[] = [];
  for (const [secret, history] of versions) {
    const parsed = history.map((o) => ({ at: o.createdAt, value: JSON.parse(secretValueOf(o)) as Record<string, string> }));
    const kind = parsed[0].value.current !== undefined ? "api-key" : parsed[0].value.certificate_pem !== undefined ? "mtls" : undefined;
    if (!kind) continue;
    const inUse = (h: number) => {
      let v = parsed[0].value;
      for (const p of parsed) if (p.at <= h - lag) v = p.value;
      return v;
    };
    const valid = (h: number): boolean => {
      const value = inUse(h);
      if (kind === "api-key") {
        const key = byToken.get(value.current);
        return !!key && key.createdAt <= h && h < key.destroyedAt && key.attributes.disabled !== true && h < parseRfc3339(String(key.attributes.expiry_time));
      }
      const cert = bySerial.get(certSerialsIn(value.certificate_pem)[0]);
      if (!cert || h >= parseRfc3339(String(cert.attributes.validity_end_time))) return false;
      const ca = bySerial.get(certSerialsIn(String(cert.attributes.ca_cert_pem))[0]);
      if (!ca || h >= parseRfc3339(String(ca.attributes.validity_end_time))) return false;
      return namespacesOf(json, cert.address).some((ns) => (bundles.get(ns) ?? []).some((b) => b.from <= h && h < b.to && b.serials.has(ca.serial)));
    };
    const points = new Set<number>([parsed[0].at + lag, options.until]);
    for (const p of parsed) points.add(p.at + lag);
    for (const o of replay.objects) {
      points.add(o.createdAt).add(o.destroyedAt);
      if (o.attributes.expiry_time) points.add(parseRfc3339(String(o.attributes.expiry_time)));
      if (o.attributes.validity_end_time) points.add(parseRfc3339(String(o.attributes.validity_end_time)));
    }
    const sorted = [...points].filter((p) => Number.isFinite(p) && p >= parsed[0].at + lag && p <= options.until).sort((a, b) => a - b);
    const intervals: [number, number][] = [];
    for (let i = 0; i + 1 < sorted.length; i++) {
      const [from, to] = [sorted[i], sorted[i + 1]];
      if (to > from && !valid((from + to) / 2)) {
        const last = intervals[intervals.length - 1];
        if (last && last[1] === from) last[1] = to;
        else intervals.push([from, to]);
      }
    }
    workers.push({ secret, kind, intervals, downSeconds: intervals.reduce((s, [a, b]) => s + b - a, 0) });
  }
  return {
    workers,
    totalDownHours: workers.reduce((s, w) => s + w.downSeconds, 0) / 3600,
    ...keyStatistics(replay, versions),
    ...caStatistics(replay, bundles, options.until),
    nonEmptyFollowUpPlans,
    replay,
  };
}

interface BundleSpan { readonly from: number; readonly to: number; readonly serials: ReadonlySet<number> }

function bundleHistory(replay: TerraformReplay): Map<string, BundleSpan[]> {
  // Namespaces are updated in place; rebuild each one's accepted CAs from the apply records.
  const out = new Map<string, BundleSpan[]>();
  const current = new Map<string, { from: number; serials: Set<number> }>();
  const snapshots = replay.bundleSnapshots;
  for (const snap of snapshots) {
    const prev = current.get(snap.address);
    if (prev && sameSet(prev.serials, snap.serials)) continue;
    if (prev) out.set(snap.address, [...(out.get(snap.address) ?? []), { from: prev.from, to: snap.at, serials: prev.serials }]);
    current.set(snap.address, { from: snap.at, serials: snap.serials });
  }
  for (const [address, c] of current) out.set(address, [...(out.get(address) ?? []), { from: c.from, to: Infinity, serials: c.serials }]);
  return out;
}

const sameSet = (a: ReadonlySet<number>, b: ReadonlySet<number>) => a.size === b.size && [...a].every((x) => b.has(x));

/** Namespaces a client certificate is meant for: its depends_on, else every namespace with a CA bundle. */
const namespaceCache = new WeakMap<StackJson, Map<string, string[]>>();
function namespacesOf(json: StackJson, certAddress: string): string[] {
  const cache = namespaceCache.get(json) ?? new Map<string, string[]>();
  namespaceCache.set(json, cache);
  const hit = cache.get(certAddress);
  if (hit) return hit;
  const found = namespacesOfUncached(json, certAddress);
  cache.set(certAddress, found);
  return found;
}

function namespacesOfUncached(json: StackJson, certAddress: string): string[] {
  const name = certAddress.slice("tls_locally_signed_cert.".length);
  const deps = ((json.resource?.tls_locally_signed_cert?.[name]?.depends_on as string[] | undefined) ?? []).filter((d) => d.startsWith("temporalcloud_namespace."));
  if (deps.length > 0) return deps;
  return Object.entries(json.resource?.temporalcloud_namespace ?? {}).filter(([, b]) => b.accepted_client_ca !== undefined).map(([n]) => `temporalcloud_namespace.${n}`);
}

function keyStatistics(replay: TerraformReplay, versions: Map<string, ReplayObject[]>) {
  const keys = replay.objects.filter((o) => o.type === "temporalcloud_apikey");
  const expiry = (k: ReplayObject) => parseRfc3339(String(k.attributes.expiry_time));
  let peakKeysPerOwner = 0;
  let peakLiveKeysPerOwner = 0;
  for (const at of new Set(keys.map((k) => k.createdAt))) {
    // During an apply, new keys exist next to the ones they replace (create_before_destroy).
    const present = keys.filter((k) => k.createdAt <= at && k.destroyedAt >= at);
    const owners = new Map<string, ReplayObject[]>();
    for (const k of present) owners.set(String(k.attributes.owner_id), [...(owners.get(String(k.attributes.owner_id)) ?? []), k]);
    for (const list of owners.values()) {
      peakKeysPerOwner = Math.max(peakKeysPerOwner, list.length);
      peakLiveKeysPerOwner = Math.max(peakLiveKeysPerOwner, list.filter((k) => expiry(k) > at).length);
    }
  }
  let doubleReplacements = 0;
  for (const record of replay.applies) {
    const replacedLive = keys.filter((k) => k.destroyedAt === record.at && expiry(k) > record.at);
    if (replacedLive.length >= 2) doubleReplacements++;
  }
  // Overlap: when a secret's current token changes, how long the old current stays usable.
  let minKeyOverlapSeconds = Infinity;
  const byToken = new Map(keys.map((k) => [String(k.attributes.token), k] as const));
  for (const history of versions.values()) {
    const values = history.map((o) => ({ at: o.createdAt, current: (JSON.parse(secretValueOf(o)) as Record<string, string>).current }));
    if (values[0]?.current === undefined) continue;
    for (let i = 1; i < values.length; i++) {
      if (values[i].current === values[i - 1].current) continue;
      const old = byToken.get(values[i - 1].current);
      if (!old) continue;
      const end = Math.min(old.destroyedAt, expiry(old));
      if (end <= values[i].at) { minKeyOverlapSeconds = Math.min(minKeyOverlapSeconds, 0); continue; }
      if (Number.isFinite(end) && end <= replay.applies[replay.applies.length - 1].at) minKeyOverlapSeconds = Math.min(minKeyOverlapSeconds, end - values[i].at);
    }
  }
  const maxKeyLifetimeSeconds = Math.max(0, ...keys.map((k) => expiry(k) - k.createdAt));
  return { peakKeysPerOwner, peakLiveKeysPerOwner, minKeyOverlapSeconds, doubleReplacements, maxKeyLifetimeSeconds };
}

function caStatistics(replay: TerraformReplay, bundles: Map<string, BundleSpan[]>, until: number) {
  const serialOf = (o: ReplayObject) => certSerialsIn(String(o.attributes.cert_pem))[0];
  const cas = new Map(replay.objects.filter((o) => o.type === "tls_self_signed_cert").map((o) => [serialOf(o), o] as const));
  // When each CA started signing: the first client certificate it issued.
  const firstSigned = new Map<number, number>();
  for (const o of replay.objects) {
    if (o.type !== "tls_locally_signed_cert") continue;
    const ca = certSerialsIn(String(o.attributes.ca_cert_pem))[0];
    if (!firstSigned.has(ca)) firstSigned.set(ca, o.createdAt);
  }
  const signers = [...firstSigned.entries()].sort((a, b) => a[1] - b[1]);
  let minCaOverlapSeconds = Infinity;
  let maxBundleCertificates = 0;
  let expiredCaInBundleSeconds = 0;
  for (const spans of bundles.values()) {
    for (const span of spans) {
      maxBundleCertificates = Math.max(maxBundleCertificates, span.serials.size);
      for (const serial of span.serials) {
        const ca = cas.get(serial);
        if (!ca) continue;
        const end = parseRfc3339(String(ca.attributes.validity_end_time));
        expiredCaInBundleSeconds += Math.max(0, Math.min(span.to, until) - Math.max(span.from, end));
      }
    }
    for (let i = 0; i + 1 < signers.length; i++) {
      const [serial] = signers[i];
      const successorFrom = signers[i + 1][1];
      const removed = Math.min(...spans.filter((sp) => sp.from >= successorFrom && !sp.serials.has(serial)).map((sp) => sp.from));
      if (Number.isFinite(removed) && spans.some((sp) => sp.serials.has(serial))) minCaOverlapSeconds = Math.min(minCaOverlapSeconds, removed - successorFrom);
    }
  }
  return { minCaOverlapSeconds, maxBundleCertificates, expiredCaInBundleSeconds };
}

/** Terraform-state JSON as it stood at `at` (the objects that existed then), for the expiry watch. */
export function stateAt(replay: TerraformReplay, at: number): unknown {
  const live = replay.objects.filter((o) => o.createdAt <= at && at < o.destroyedAt);
  return { resources: live.map((o) => ({ mode: "managed", type: o.type, name: o.address.slice(o.type.length + 1), instances: [{ attributes: o.attributes }] })) };
}

/**
 * For each outage interval, whether the expiry watch (run on the state as it stood `leadDays` before the
 * outage began) already reported a problem. Returns the outages it did not warn about.
 */
export function unwarnedOutages(report: RotationReport, leadDays: number, watch: ExpiryOptions = {}): { secret: string; from: number }[] {
  const missed: { secret: string; from: number }[] = [];
  for (const w of report.workers) {
    for (const [from] of w.intervals) {
      const at = from - leadDays * 86400;
      const expiries = credentialExpiries(stateAt(report.replay, at), { ...watch, now: new Date(at * 1000) });
      if (!expiries.some((e) => e.status !== "ok")) missed.push({ secret: w.secret, from });
    }
  }
  return missed;
}
