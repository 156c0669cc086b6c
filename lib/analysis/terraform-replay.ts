// Replays a synthesized stack (cdk.tf.json) through a sequence of `terraform apply` runs, with the plan/apply
// rules of Terraform and of the providers that decide rotation (time 0.13, tls 4.1, temporalcloud 1.5, the
// secrets managers): refresh, replacement on force-new attributes and unknown values, replace_triggered_by,
// create_before_destroy, early renewal of certificates, time_rotating leaving state once due. Every number
// and every dependency is read from the JSON by evaluating its expressions; nothing about the constructs is
// restated here. Resource types without rotation semantics are kept as opaque objects updated in place.
import { UNKNOWN, evaluateJson, formatRfc3339, isUnknown, parseRfc3339, referencesIn, type EvalScope, type Value } from "./terraform-expression";

type Block = Record<string, unknown>;
export interface StackJson {
  readonly resource?: Record<string, Record<string, Block>>;
  readonly locals?: Record<string, unknown>;
  readonly variable?: Record<string, { readonly default?: unknown }>;
}

export interface TerraformReplayOptions {
  /** Values given with `-var` (e.g. `rotation_clock`); other variables take their default. @default none */
  readonly variables?: Readonly<Record<string, Value>>;
}

/** One object Terraform created (a key, a certificate, a secret version...). */
export interface ReplayObject {
  readonly serial: number;
  readonly address: string;
  readonly type: string;
  readonly createdAt: number;
  destroyedAt: number;
  attributes: Record<string, Value>;
  /** Config as last applied (to diff the next plan against). */
  config: Record<string, Value>;
}

export interface ApplyRecord {
  readonly at: number;
  readonly created: string[];
  readonly replaced: string[];
  readonly updated: string[];
  readonly destroyed: string[];
}

const META = new Set(["provider", "lifecycle", "depends_on", "count", "for_each", "connection", "provisioner", "timeouts"]);

/** Attributes that a provider updates in place; every other configured attribute of these types forces a new object. */
const IN_PLACE: Record<string, ReadonlySet<string>> = {
  time_offset: new Set(["base_rfc3339", "offset_days", "offset_hours", "offset_minutes", "offset_months", "offset_years", "offset_seconds"]),
  time_rotating: new Set(["rotation_days", "rotation_hours", "rotation_minutes", "rotation_months", "rotation_years"]),
  temporalcloud_apikey: new Set(["disabled", "description", "display_name"]),
  tls_self_signed_cert: new Set(["early_renewal_hours"]),
  tls_locally_signed_cert: new Set(["early_renewal_hours"]),
  terraform_data: new Set(["input"]),
};
/** Types whose every attribute forces replacement unless listed above. */
const MODELLED = new Set(["time_offset", "time_rotating", "time_static", "temporalcloud_apikey", "tls_private_key", "tls_cert_request", "tls_self_signed_cert", "tls_locally_signed_cert", "terraform_data", "aws_secretsmanager_secret_version", "google_secret_manager_secret_version"]);

/** Attributes read from resources that are otherwise opaque (updated in place). */
const RELEVANT: Record<string, readonly string[]> = { temporalcloud_namespace: ["accepted_client_ca"] };

/** Computed attributes that an in-place update of a time resource leaves unknown until apply. */
const TIME_COMPUTED = new Set(["time_offset.rfc3339", "time_offset.unix", "time_rotating.rotation_rfc3339", "time_rotating.unix"]);

const UNITS: Record<string, number> = { minutes: 60, hours: 3600, days: 86400, seconds: 1 };

function addCalendar(base: number, block: Record<string, Value>, prefix: "offset" | "rotation"): number {
  let t = base;
  for (const [unit, secs] of Object.entries(UNITS)) {
    const v = block[`${prefix}_${unit}`];
    if (typeof v === "number") t += v * secs;
  }
  for (const [unit, months] of [["months", 1], ["years", 12]] as const) {
    const v = block[`${prefix}_${unit}`];
    if (typeof v !== "number") continue;
    const d = new Date(t * 1000);
    d.setUTCMonth(d.getUTCMonth() + v * months);
    t = d.getTime() / 1000;
  }
  return t;
}

/** Marker embedded in a generated PEM so bundles and secrets can be traced back to the certificate object. */
export const pemOf = (serial: number) => `-----BEGIN CERTIFICATE-----\nreplay-cert-${serial}\n-----END CERTIFICATE-----\n`;
export const certSerialsIn = (text: string) => [...text.matchAll(/replay-cert-(\d+)/g)].map((m) => Number(m[1]));

export class TerraformReplay {
  /** Current state: address → object. */
  readonly state = new Map<string, ReplayObject>();
  /** Every object ever created, by serial. */
  readonly objects: ReplayObject[] = [];
  readonly applies: ApplyRecord[] = [];
  /** After every apply: the CA certificates each namespace accepts (serials of replayed certificates). */
  readonly bundleSnapshots: { address: string; at: number; serials: Set<number> }[] = [];
  private readonly blocks = new Map<string, { type: string; block: Block }>();
  private readonly order: string[];
  private locals = new Map<string, Value>();

  /** `-var` values of the next applies; a test moving `rotation_clock` sets them between applies. */
  readonly variables = new Map<string, Value>();

  constructor(private readonly json: StackJson, options: TerraformReplayOptions = {}) {
    for (const [name, value] of Object.entries(options.variables ?? {})) this.variables.set(name, value);
    for (const [type, byName] of Object.entries(json.resource ?? {})) {
      for (const [name, block] of Object.entries(byName)) this.blocks.set(`${type}.${name}`, { type, block });
    }
    this.order = this.topologicalOrder();
  }

  /** Runs one `terraform apply` (plan at `at`, seconds since the epoch); `replace` is `-replace=ADDRESS`. */
  apply(at: number, replace: readonly string[] = []): ApplyRecord {
    this.refresh(at);
    const plan = this.plan(at, new Set(replace));
    const record: ApplyRecord = { at, created: [], replaced: [], updated: [], destroyed: [] };
    const scope = this.scope(at, () => undefined);
    for (const address of this.order) {
      if (address.startsWith("local.")) {
        this.locals.set(address, evaluateJson(this.json.locals?.[address.slice(6)], scope));
        continue;
      }
      const action = plan.get(address);
      if (!action || action === "noop") continue;
      const { type, block } = this.blocks.get(address) as { type: string; block: Block };
      const config = this.configOf(block, scope, type);
      const old = this.state.get(address);
      if (action === "update" && old) {
        for (const k of ((block.lifecycle as Block | undefined)?.ignore_changes as string[] | undefined) ?? []) if (k in old.config) config[k] = old.config[k];
      }
      if (isUnknown(config)) throw new Error(`${address}: a value is still unknown during apply`);
      if (action === "update" && old) {
        old.config = config;
        old.attributes = { ...old.attributes, ...config, ...this.computed(type, address, config, at, old) };
        record.updated.push(address);
        continue;
      }
      const object: ReplayObject = { serial: this.objects.length, address, type, createdAt: at, destroyedAt: Infinity, attributes: {}, config };
      object.attributes = { ...config, ...this.computed(type, address, config, at, undefined, object.serial) };
      this.objects.push(object);
      if (old) old.destroyedAt = at;
      this.state.set(address, object);
      (old ? record.replaced : record.created).push(address);
    }
    this.applies.push(record);
    for (const object of this.state.values()) {
      if (object.type !== "temporalcloud_namespace" || typeof object.attributes.accepted_client_ca !== "string") continue;
      const pem = Buffer.from(object.attributes.accepted_client_ca, "base64").toString("utf8");
      this.bundleSnapshots.push({ address: object.address, at, serials: new Set(certSerialsIn(pem)) });
    }
    return record;
  }

  /** The planned action of every resource at `at`, without applying (a `terraform plan`). */
  planOnly(at: number): Map<string, "create" | "replace" | "update" | "noop"> {
    const saved = new Map(this.state);
    this.refresh(at);
    const plan = this.plan(at);
    this.state.clear();
    for (const [k, v] of saved) this.state.set(k, v);
    return plan;
  }

  /** The state as `terraform show -json` / a state file would hold it (values only). */
  toStateJson(): { resources: { mode: string; type: string; name: string; instances: { attributes: Record<string, Value> }[] }[] } {
    return {
      resources: [...this.state.values()].map((o) => ({ mode: "managed", type: o.type, name: o.address.slice(o.type.length + 1), instances: [{ attributes: o.attributes }] })),
    };
  }

  private refresh(at: number): void {
    for (const [address, object] of this.state) {
      // time_rotating's Read drops it from state once now is strictly after rotation_rfc3339.
      if (object.type === "time_rotating" && at > parseRfc3339(String(object.attributes.rotation_rfc3339))) {
        object.destroyedAt = at;
        this.state.delete(address);
      }
    }
  }

  private plan(at: number, forced: ReadonlySet<string> = new Set()): Map<string, "create" | "replace" | "update" | "noop"> {
    const plan = new Map<string, "create" | "replace" | "update" | "noop">();
    const locals = new Map<string, Value>();
    const scope = this.scope(at, (address, attr) => {
      const action = plan.get(address);
      const object = this.state.get(address);
      const config = this.plannedConfigs.get(address);
      if (action === "noop") return object?.attributes[attr];
      if (config && attr in config) return config[attr];
      if (action === "update") return TIME_COMPUTED.has(`${object?.type}.${attr}`) ? UNKNOWN : object?.attributes[attr];
      return UNKNOWN;
    }, locals);
    for (const address of this.order) {
      if (address.startsWith("local.")) {
        locals.set(address, evaluateJson(this.json.locals?.[address.slice(6)], scope));
        continue;
      }
      const { type, block } = this.blocks.get(address) as { type: string; block: Block };
      const config = this.configOf(block, scope, type);
      this.plannedConfigs.set(address, config);
      const old = this.state.get(address);
      if (!old) { plan.set(address, "create"); continue; }
      const ignored = new Set(((block.lifecycle as Block | undefined)?.ignore_changes as string[] | undefined) ?? []);
      for (const k of ignored) if (k in old.config) config[k] = old.config[k];
      const changed = Object.keys({ ...config, ...old.config }).filter((k) => isUnknown(config[k] ?? null) || JSON.stringify(config[k]) !== JSON.stringify(old.config[k]));
      const inPlace = IN_PLACE[type] ?? new Set<string>();
      const forces = MODELLED.has(type) ? changed.some((k) => !inPlace.has(k)) : false;
      const triggers = replaceTriggerRefs(block).some((ref) => (plan.get(ref) ?? "noop") !== "noop");
      const renewal = (type === "tls_self_signed_cert" || type === "tls_locally_signed_cert") &&
        at >= parseRfc3339(String(old.attributes.validity_end_time)) - Number(old.config.early_renewal_hours ?? 0) * 3600;
      plan.set(address, forces || triggers || renewal || forced.has(address) ? "replace" : changed.length > 0 ? "update" : "noop");
    }
    this.locals = locals;
    return plan;
  }

  private readonly plannedConfigs = new Map<string, Record<string, Value>>();

  private scope(at: number, planned: (address: string, attr: string) => Value | undefined, locals?: Map<string, Value>): EvalScope {
    return {
      now: at,
      resolve: (path) => {
        if (path[0] === "local") {
          const key = `local.${path[1]}`;
          const source = locals ?? this.locals;
          if (!source.has(key)) throw new Error(`local.${path[1]} is not defined`);
          return source.get(key) as Value;
        }
        if (path[0] === "var") return this.variable(path[1]) ?? path.join(".");
        // Data sources do not change between applies here: a stable opaque value.
        if (path[0] === "data") return path.join(".");
        const address = `${path[0]}.${path[1]}`;
        if (!this.blocks.has(address)) throw new Error(`reference to ${address}, which is not in the stack`);
        const attr = path[2] ?? "id";
        const fromPlan = planned(address, attr);
        const object = this.state.get(address);
        const type = path[0];
        if (!MODELLED.has(type) && !(RELEVANT[type] ?? []).includes(attr)) return `${address}.${attr}`;
        const value = fromPlan !== undefined ? fromPlan : object?.attributes[attr];
        if (value === undefined) return object ? `${address}.${attr}` : UNKNOWN;
        return path.length > 3 ? dig(value, path.slice(3)) : value;
      },
    };
  }

  /** A variable's `-var` value, else its default; undefined (opaque) when it has neither. */
  private variable(name: string): Value | undefined {
    if (this.variables.has(name)) return this.variables.get(name) as Value;
    const declared = this.json.variable?.[name];
    return declared && "default" in declared ? (declared.default as Value) : undefined;
  }

  private configOf(block: Block, scope: EvalScope, type: string): Record<string, Value> {
    const out: Record<string, Value> = {};
    // Only rotation-relevant attributes are evaluated; other resources are opaque and never change here.
    const wanted = MODELLED.has(type) ? undefined : RELEVANT[type] ?? [];
    for (const [k, v] of Object.entries(block)) {
      if (META.has(k) || (wanted && !wanted.includes(k))) continue;
      out[k] = evaluateJson(v, scope);
    }
    return out;
  }

  /** Attributes a provider computes when it creates (or updates) an object. */
  private computed(type: string, address: string, config: Record<string, Value>, at: number, old?: ReplayObject, serial?: number): Record<string, Value> {
    const id = `${address}#${serial ?? old?.serial}`;
    switch (type) {
      case "time_static": {
        const base = typeof config.rfc3339 === "string" ? parseRfc3339(config.rfc3339) : at;
        return { id: formatRfc3339(base), rfc3339: formatRfc3339(base), unix: Math.floor(base) };
      }
      case "time_offset": {
        const base = typeof config.base_rfc3339 === "string" ? parseRfc3339(config.base_rfc3339) : old ? parseRfc3339(String(old.attributes.base_rfc3339)) : at;
        const t = addCalendar(base, config, "offset");
        return { id: formatRfc3339(base), base_rfc3339: formatRfc3339(base), rfc3339: formatRfc3339(t), unix: Math.floor(t) };
      }
      case "time_rotating": {
        const base = typeof config.rfc3339 === "string" ? parseRfc3339(config.rfc3339) : old ? parseRfc3339(String(old.attributes.rfc3339)) : at;
        const rotation = typeof config.rotation_rfc3339 === "string" ? parseRfc3339(config.rotation_rfc3339) : addCalendar(base, config, "rotation");
        return { id: formatRfc3339(base), rfc3339: formatRfc3339(base), rotation_rfc3339: formatRfc3339(rotation), unix: Math.floor(rotation) };
      }
      case "terraform_data": return { id, output: config.input ?? null };
      case "temporalcloud_apikey": return old ? {} : { id, token: `token:${id}`, state: "active" };
      case "tls_private_key": return old ? {} : { id, private_key_pem: `private-key:${id}`, public_key_pem: `public-key:${id}` };
      case "tls_cert_request": return old ? {} : { id, cert_request_pem: `csr:${id}` };
      case "tls_self_signed_cert":
      case "tls_locally_signed_cert": {
        if (old) return {};
        const hours = Number(config.validity_period_hours);
        return { id, cert_pem: pemOf(serial as number), validity_start_time: formatRfc3339(at), validity_end_time: formatRfc3339(at + hours * 3600), ready_for_renewal: false };
      }
      case "aws_secretsmanager_secret_version":
      case "google_secret_manager_secret_version":
        return old ? {} : { id, version_id: id, name: id };
      default:
        return old ? {} : { id };
    }
  }

  private topologicalOrder(): string[] {
    const deps = new Map<string, string[]>();
    const nodes = [...this.blocks.keys(), ...Object.keys(this.json.locals ?? {}).map((k) => `local.${k}`)];
    const known = new Set(nodes);
    for (const [address, { block }] of this.blocks) {
      const refs = [...referencesIn(block), ...replaceTriggerRefs(block)].filter((r) => known.has(r) && r !== address);
      deps.set(address, refs);
    }
    for (const [name, value] of Object.entries(this.json.locals ?? {})) deps.set(`local.${name}`, referencesIn(value).filter((r) => known.has(r)));
    const order: string[] = [];
    const state = new Map<string, number>();
    const visit = (n: string) => {
      if (state.get(n) === 2) return;
      if (state.get(n) === 1) throw new Error(`dependency cycle at ${n}`);
      state.set(n, 1);
      for (const d of deps.get(n) ?? []) visit(d);
      state.set(n, 2);
      order.push(n);
    };
    nodes.sort().forEach(visit);
    return order;
  }
}

/**
 * The resources a block's `lifecycle.replace_triggered_by` names. In JSON syntax each entry is a bare
 * reference (`terraform_data.x`, optionally with an attribute), not a template, so the template scanner
 * does not see it.
 */
function replaceTriggerRefs(block: Block): string[] {
  const entries = ((block.lifecycle as Block | undefined)?.replace_triggered_by as unknown[] | undefined) ?? [];
  return entries.flatMap((entry) => {
    const m = /^(?:\$\{)?([a-z][a-z0-9_]*)\.([A-Za-z0-9_-]+)/.exec(String(entry));
    return m ? [`${m[1]}.${m[2]}`] : [];
  });
}

function dig(value: Value, path: readonly string[]): Value {
  let v = value;
  for (const key of path) {
    if (v === UNKNOWN) return UNKNOWN;
    if (Array.isArray(v)) v = v[Number(key)];
    else if (v !== null && typeof v === "object") v = v[key];
    else throw new Error(`cannot read ${key} of ${String(v)}`);
  }
  return v;
}
