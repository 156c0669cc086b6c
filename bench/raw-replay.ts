// The benchmark's baseline: the resources the library synthesized, emitted again straight through the
// generated (temporalcloud) and prebuilt (aws/google/tls/time) binding classes, with no library logic:
// no config, no validation, no features, no rules.
import { App, DataResource, TerraformOutput, TerraformStack, Token, type TerraformProvider } from "cdktf";

type Body = Record<string, unknown>;
export interface TfDocument {
  provider?: Record<string, Body[]>;
  resource?: Record<string, Record<string, Body>>;
  output?: Record<string, Body>;
}

/** Attributes whose object keys are data (map attributes), not schema names: their keys stay as they are. */
const MAP_ATTRIBUTES = new Set(["tags", "tags_all", "labels", "annotations", "triggers", "triggers_replace", "keepers", "variables", "default_tags"]);

export function camelKeys(value: unknown, parentKey = ""): unknown {
  if (Array.isArray(value)) return value.map((v) => camelKeys(v, parentKey));
  if (!value || typeof value !== "object") return value;
  if (MAP_ATTRIBUTES.has(parentKey)) return value;
  return Object.fromEntries(Object.entries(value as Body).map(([k, v]) => [k.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase()), camelKeys(v, k)]));
}

const PREBUILT: Readonly<Record<string, string>> = { aws: "@cdktf/provider-aws", google: "@cdktf/provider-google", tls: "@cdktf/provider-tls", time: "@cdktf/provider-time" };

/** The binding class for a resource type (deep import of one resource module, never a barrel). */
export function bindingClass(type: string): new (scope: unknown, id: string, props: unknown) => { addOverride(path: string, value: unknown): void } {
  // terraform_data is built into Terraform; cdktf's own class, not a provider binding.
  if (type === DataResource.tfResourceType) return DataResource as never;
  const [prefix, ...rest] = type.split("_");
  const moduleName = rest.join("-");
  const modulePath = prefix === "temporalcloud" ? `../lib/providers/temporalcloud/${moduleName}` : `${PREBUILT[prefix]}/lib/${moduleName}`;
  if (!PREBUILT[prefix] && prefix !== "temporalcloud") throw new Error(`no binding for resource type ${type}`);
  return classWithType(require(modulePath), type);
}

function providerClass(name: string): new (scope: unknown, id: string, props: unknown) => TerraformProvider {
  const modulePath = name === "temporalcloud" ? "../lib/providers/temporalcloud/provider" : `${PREBUILT[name]}/lib/provider`;
  return classWithType(require(modulePath), name) as never;
}

function classWithType(mod: Record<string, unknown>, type: string): never {
  const found = Object.values(mod).find((v) => typeof v === "function" && (v as { tfResourceType?: string }).tfResourceType === type);
  if (!found) throw new Error(`no class with tfResourceType ${type}`);
  return found as never;
}

type Replayed = { addOverride(path: string, value: unknown): void; interpolationForAttribute(attribute: string): unknown };

/** A whole-string reference `${type.id.attr.path}`. */
const WHOLE_REFERENCE = /^\$\{([a-z][a-z0-9]*_[a-z0-9_]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_.]+)\}$/;

interface PlannedResource {
  readonly type: string;
  readonly id: string;
  readonly props: Body;
  /** Paths into props holding a whole reference, with the referenced address and attribute. */
  readonly references: ReadonlyArray<{ path: ReadonlyArray<string | number>; address: string; attribute: string }>;
  readonly provider?: string;
  readonly dependsOn?: unknown;
}

export interface ReplayPlan {
  readonly doc: TfDocument;
  /** Resources in dependency order (referenced before referencing). */
  readonly resources: readonly PlannedResource[];
}

/**
 * Everything the baseline does not time: key conversion, dependency order and finding references. What a
 * hand-written binding program has in its source code.
 */
export function planReplay(doc: TfDocument): ReplayPlan {
  const bodies = new Map<string, [string, string, Body]>();
  for (const [type, byId] of Object.entries(doc.resource ?? {})) for (const [id, body] of Object.entries(byId)) bodies.set(`${type}.${id}`, [type, id, body]);
  const ordered: PlannedResource[] = [];
  const done = new Set<string>();
  const visit = (address: string, visiting: Set<string>): void => {
    if (done.has(address) || visiting.has(address)) return;
    visiting.add(address);
    const [type, id, body] = bodies.get(address)!;
    const { "//": _comment, provider, depends_on: dependsOn, ...attributes } = body;
    const props = camelKeys(attributes) as Body;
    const references: Array<{ path: Array<string | number>; address: string; attribute: string }> = [];
    const scan = (value: unknown, path: Array<string | number>): void => {
      if (typeof value === "string") {
        const m = WHOLE_REFERENCE.exec(value);
        if (m && bodies.has(`${m[1]}.${m[2]}`)) references.push({ path, address: `${m[1]}.${m[2]}`, attribute: m[3] });
      } else if (Array.isArray(value)) value.forEach((v, i) => scan(v, [...path, i]));
      else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) scan(v, [...path, k]);
    };
    scan(props, []);
    for (const m of JSON.stringify(attributes).matchAll(/\$\{([a-z][a-z0-9]*_[a-z0-9_]+)\.([A-Za-z0-9_-]+)\./g)) {
      if (bodies.has(`${m[1]}.${m[2]}`)) visit(`${m[1]}.${m[2]}`, visiting);
    }
    done.add(address);
    ordered.push({ type, id, props, references, provider: provider === undefined ? undefined : String(provider), dependsOn });
  };
  for (const address of bodies.keys()) visit(address, new Set());
  // Load the binding modules now: module loading is not synth work (the library loads its modules at import).
  for (const type of new Set(ordered.map((r) => r.type))) bindingClass(type);
  for (const name of Object.keys(doc.provider ?? {})) providerClass(name);
  return { doc, resources: ordered };
}

/**
 * Builds and synthesizes the planned resources with bindings only. References between resources are
 * binding attribute references (tokens), as hand-written binding code would have them.
 */
export function replayWithBindings(plan: ReplayPlan, stackName: string, outdir: string): void {
  const app = new App({ outdir, skipValidation: true });
  const stack = new TerraformStack(app, stackName);
  const providers = new Map<string, TerraformProvider>();
  for (const [name, configs] of Object.entries(plan.doc.provider ?? {})) {
    const Provider = providerClass(name);
    configs.forEach((config, i) => {
      const provider = new Provider(stack, `${name}-${i}`, camelKeys(config));
      providers.set(config.alias ? `${name}.${String(config.alias)}` : name, provider);
    });
  }
  const built = new Map<string, Replayed>();
  const reference = (address: string, attribute: string) => Token.asString(built.get(address)!.interpolationForAttribute(attribute));
  for (const planned of plan.resources) {
    const props: Body = { ...planned.props };
    for (const ref of planned.references) setPath(props, ref.path, reference(ref.address, ref.attribute));
    const Binding = bindingClass(planned.type);
    const resource = new Binding(stack, planned.id, { ...props, provider: planned.provider ? providers.get(planned.provider) : undefined }) as unknown as Replayed;
    if (planned.dependsOn) resource.addOverride("depends_on", planned.dependsOn);
    built.set(`${planned.type}.${planned.id}`, resource);
  }
  for (const [id, output] of Object.entries(plan.doc.output ?? {})) {
    const value = output.value as Record<string, unknown>;
    const withRefs = (v: unknown): unknown => {
      const m = typeof v === "string" ? WHOLE_REFERENCE.exec(v) : null;
      if (m && built.has(`${m[1]}.${m[2]}`)) return reference(`${m[1]}.${m[2]}`, m[3]);
      return v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, withRefs(x)])) : v;
    };
    new TerraformOutput(stack, id, { value: withRefs(value), description: output.description as string | undefined, sensitive: output.sensitive as boolean | undefined });
  }
  app.synth();
}

/** Sets a copy-on-write value at `path` (copies the containers along the way, so the plan stays intact). */
function setPath(root: Body, path: ReadonlyArray<string | number>, value: unknown): void {
  let node: Record<string | number, unknown> = root;
  path.forEach((key, i) => {
    if (i === path.length - 1) {
      node[key] = value;
      return;
    }
    const child = node[key];
    const copy = Array.isArray(child) ? [...child] : { ...(child as object) };
    node[key] = copy;
    node = copy as Record<string | number, unknown>;
  });
}
