// Namespaces: create, read, list, update (whole spec), tags, search-attribute rename, delete.
import { findRegion } from "../../domain/regions";
import { alreadyExists, failedPrecondition, invalid, notFound, rejectAll } from "../errors";
import { canSeeNamespace, grantCreator } from "../permissions";
import * as rules from "../rules";
import type { Rec, Spec } from "../store";
import { activate, deleteRecord, envelope, operate, page, type Ctx, type Handlers } from "./context";

const WHAT = "namespace";
/** "You cannot re-add a replica in that region for 7 days" (HA docs). */
const REPLICA_READD_COOLDOWN_MS = 7 * 86_400_000;

// The deprecated string map takes type names ("Keyword", "KeywordList"); the current one takes enum names.
const LEGACY_TYPES: Record<string, string> = {
  text: "SEARCH_ATTRIBUTE_TYPE_TEXT",
  keyword: "SEARCH_ATTRIBUTE_TYPE_KEYWORD",
  int: "SEARCH_ATTRIBUTE_TYPE_INT",
  double: "SEARCH_ATTRIBUTE_TYPE_DOUBLE",
  bool: "SEARCH_ATTRIBUTE_TYPE_BOOL",
  datetime: "SEARCH_ATTRIBUTE_TYPE_DATETIME",
  keywordlist: "SEARCH_ATTRIBUTE_TYPE_KEYWORD_LIST",
  keyword_list: "SEARCH_ATTRIBUTE_TYPE_KEYWORD_LIST",
};

/** One search-attribute map from the two fields the API accepts; the current field wins. */
function searchAttributesOf(spec: Spec): Record<string, string> {
  const merged: Record<string, string> = {};
  for (const [name, type] of Object.entries((spec.customSearchAttributes ?? {}) as Record<string, string>)) {
    merged[name] = LEGACY_TYPES[type.toLowerCase()] ?? type;
  }
  return { ...merged, ...((spec.searchAttributes ?? {}) as Record<string, string>) };
}

/** Validates a namespace spec (all problems at once) and returns it normalized for storage. */
function normalizeSpec(ctx: Ctx, spec: Spec, current?: Rec): Spec {
  const attributes = searchAttributesOf(spec);
  const mtlsOn = Boolean(spec.mtlsAuth?.enabled);
  const apiKeyOn = Boolean(spec.apiKeyAuth?.enabled);
  const problems = [
    ...rules.checkNamespaceName(spec.name),
    ...rules.checkRetention(spec.retentionDays),
    ...rules.checkRegions(spec.regions),
    ...(mtlsOn ? rules.checkCaBundle(spec.mtlsAuth.acceptedClientCa, ctx.store.clock.now()) : []),
    ...rules.checkCertificateFilters(spec.mtlsAuth?.certificateFilters),
    ...rules.checkCodecServer(spec.codecServer),
    ...rules.checkSearchAttributes(attributes, current ? searchAttributesOf(current.spec) : {}),
  ];
  if (!mtlsOn && !apiKeyOn) problems.push("the namespace needs mTLS (mtls_auth with accepted_client_ca) or API key authentication");
  if (spec.mtlsAuth?.certificateFilters?.length && !mtlsOn) problems.push("certificate filters need mTLS authentication");
  for (const ruleId of (spec.connectivityRuleIds ?? []) as string[]) {
    if (!ctx.store.find("connectivityRules", ruleId)) problems.push(`connectivity rule "${ruleId}" does not exist`);
  }
  const privateRules = ((spec.connectivityRuleIds ?? []) as string[]).filter((id) => ctx.store.find("connectivityRules", id)?.spec.privateRule);
  if (privateRules.length > rules.LIMITS.privateRulesPerNamespace) {
    problems.push(`${privateRules.length} private connectivity rules; the limit is ${rules.LIMITS.privateRulesPerNamespace} per namespace`);
  }
  rejectAll(problems);
  if (mtlsOn && apiKeyOn) {
    throw failedPrecondition("mTLS and API key authentication together are a pre-release feature that Temporal Support enables per account");
  }
  const { customSearchAttributes: _legacy, ...rest } = spec;
  return { ...rest, searchAttributes: attributes };
}

export function renderNamespace(ctx: Ctx, rec: Rec): Spec {
  const regions = (rec.spec.regions ?? []) as string[];
  const primary = findRegion(regions[0] ?? "");
  return {
    ...envelope(rec, "namespace"),
    spec: { ...rec.spec, apiKeyAuth: { enabled: Boolean(rec.spec.apiKeyAuth?.enabled) } },
    tags: rec.extra.tags ?? {},
    activeRegion: regions[0] ?? "",
    replicas: regions.map((region, i) => ({ id: `${rec.id}-${i}`, region, isPrimary: i === 0, state: replicaState(rec, region, i) })),
    endpoints: {
      webAddress: `https://cloud.temporal.io/namespaces/${rec.id}`,
      mtlsGrpcAddress: `${rec.id}.tmprl.cloud:7233`,
      grpcAddress: primary ? primary.regionalEndpoint : `${rec.id}.tmprl.cloud:7233`,
    },
    ...(rec.spec.capacitySpec ? { capacity: capacityOf(rec.spec.capacitySpec) } : {}),
  };
}

/** A replica added by a pending AddNamespaceRegion is ADDING until that operation is fulfilled. */
function replicaState(rec: Rec, region: string, index: number): string {
  const adding = rec.extra.addingRegion === region && index === (rec.spec.regions as string[]).length - 1 && rec.state !== "RESOURCE_STATE_ACTIVE";
  return adding ? "REPLICA_STATE_ADDING" : "REPLICA_STATE_ACTIVE";
}

function capacityOf(spec: Spec): Spec {
  return spec.provisioned ? { provisioned: { currentValue: spec.provisioned.value } } : { onDemand: {} };
}

function live(ctx: Ctx, id: string): Rec {
  const rec = ctx.store.get("namespaces", id, WHAT);
  return rec;
}

function createNamespace(req: Spec, ctx: Ctx): Spec {
  const spec = normalizeSpec(ctx, req.spec ?? {});
  const tags = (req.tags ?? {}) as Record<string, string>;
  rejectAll(rules.checkTags(tags));
  if (spec.capacitySpec?.provisioned) throw invalid("provisioned capacity cannot be requested when a namespace is created; create it on demand first");
  const id = `${spec.name}.${ctx.store.accountId}`;
  if (ctx.store.find("namespaces", id)) throw alreadyExists(`namespace "${spec.name}" already exists in account ${ctx.store.accountId}`);
  ctx.store.insert("namespaces", id, spec, { tags });
  grantCreator(ctx.access, ctx.store, id);
  return operate(ctx, req, [activate("namespaces", id)], { namespace: id });
}

function updateNamespace(req: Spec, ctx: Ctx): Spec {
  const rec = live(ctx, req.namespace);
  ctx.store.checkVersion(rec, req.resourceVersion, WHAT);
  const spec = normalizeSpec(ctx, req.spec ?? {}, rec);
  if (spec.name !== rec.spec.name) throw invalid(`namespace name cannot change ("${rec.spec.name}" → "${spec.name}")`);
  const before = [...(rec.spec.regions ?? [])].sort().join(",");
  const after = [...(spec.regions ?? [])].sort().join(",");
  if (before !== after) {
    throw invalid(`regions cannot be changed with UpdateNamespace (${before} → ${after}); use AddNamespaceRegion / DeleteNamespaceRegion`);
  }
  rec.spec = spec;
  ctx.store.touch(rec);
  return operate(ctx, req, [activate("namespaces", rec.id)]);
}

function updateTags(req: Spec, ctx: Ctx): Spec {
  const rec = live(ctx, req.namespace);
  ctx.store.checkVersion(rec, undefined, WHAT);
  const tags: Record<string, string> = { ...(rec.extra.tags ?? {}) };
  for (const key of (req.tagsToRemove ?? []) as string[]) delete tags[key];
  Object.assign(tags, req.tagsToUpsert ?? {});
  rejectAll(rules.checkTags(tags));
  // UpdateNamespaceTagsRequest carries no resource_version: tags sit outside the versioned spec, so a tag
  // change leaves the version alone (the provider updates tags and search attributes concurrently).
  rec.extra.tags = tags;
  rec.modified = ctx.store.clock.now();
  return operate(ctx, req, []);
}

function renameSearchAttribute(req: Spec, ctx: Ctx): Spec {
  const rec = live(ctx, req.namespace);
  ctx.store.checkVersion(rec, req.resourceVersion, WHAT);
  const attributes = { ...(rec.spec.searchAttributes ?? {}) } as Record<string, string>;
  const from = String(req.existingCustomSearchAttributeName ?? "");
  const to = String(req.newCustomSearchAttributeName ?? "");
  if (!attributes[from]) throw notFound(`search attribute "${from}" not found on namespace "${rec.id}"`);
  if (attributes[to]) throw alreadyExists(`search attribute "${to}" already exists on namespace "${rec.id}"`);
  if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(to)) throw invalid(`search attribute name "${to}" must be letters, digits and underscores, starting with a letter`);
  attributes[to] = attributes[from];
  delete attributes[from];
  rec.spec = { ...rec.spec, searchAttributes: attributes };
  ctx.store.touch(rec);
  return operate(ctx, req, [activate("namespaces", rec.id)]);
}

function deleteNamespace(req: Spec, ctx: Ctx): Spec {
  const rec = live(ctx, req.namespace);
  if (rec.spec.lifecycle?.enableDeleteProtection) {
    throw failedPrecondition(`namespace "${rec.id}" has delete protection enabled; disable it first`);
  }
  // Namespace-scoped service accounts and export sinks go with their namespace.
  for (const sa of ctx.store.all("serviceAccounts")) {
    if (sa.spec.namespaceScopedAccess?.namespace === rec.id) ctx.store.remove("serviceAccounts", sa.id);
  }
  for (const sink of ctx.store.all("exportSinks")) {
    if (sink.extra.namespace === rec.id) ctx.store.remove("exportSinks", sink.id);
  }
  return deleteRecord(ctx, req, "namespaces", rec, WHAT);
}

function regionsOf(rec: Rec): string[] {
  return [...((rec.spec.regions ?? []) as string[])];
}

/** Adds the replica of an HA namespace (at most one; a documented partner of the primary; not within 7 days of removing one there). */
function addRegion(req: Spec, ctx: Ctx): Spec {
  const rec = live(ctx, req.namespace);
  ctx.store.checkVersion(rec, req.resourceVersion, WHAT);
  const regions = regionsOf(rec);
  const region = String(req.region ?? "");
  if (regions.length >= 2) throw failedPrecondition(`namespace "${rec.id}" already has a replica in ${regions[1]}; a namespace has at most one`);
  rejectAll(rules.checkRegions([...regions, region]));
  if (rec.spec.mtlsAuth?.enabled && rec.spec.apiKeyAuth?.enabled) {
    throw failedPrecondition(`namespace "${rec.id}" uses mTLS and API keys together, which does not support high availability`);
  }
  const removed = (rec.extra.removedRegions ?? {})[region] as number | undefined;
  const now = ctx.store.clock.now();
  if (removed !== undefined && now - removed < REPLICA_READD_COOLDOWN_MS) {
    const again = new Date(removed + REPLICA_READD_COOLDOWN_MS).toISOString();
    throw failedPrecondition(`a replica of "${rec.id}" in ${region} was removed less than 7 days ago; it can be added again from ${again}`);
  }
  rec.spec = { ...rec.spec, regions: [...regions, region] };
  rec.extra.addingRegion = region;
  ctx.store.touch(rec);
  return operate(ctx, req, [activate("namespaces", rec.id)]);
}

/** Removes the replica (never the active region: fail over first); that region is blocked for 7 days. */
function deleteRegion(req: Spec, ctx: Ctx): Spec {
  const rec = live(ctx, req.namespace);
  ctx.store.checkVersion(rec, req.resourceVersion, WHAT);
  const regions = regionsOf(rec);
  const region = String(req.region ?? "");
  const index = regions.lastIndexOf(region);
  if (index < 0) throw notFound(`region "${region}" is not a region of namespace "${rec.id}" (${regions.join(", ")})`);
  if (regions.length < 2) throw failedPrecondition(`"${region}" is the only region of namespace "${rec.id}"; a namespace keeps one region`);
  if (index === 0) throw failedPrecondition(`"${region}" is the active region of namespace "${rec.id}"; fail over to ${regions[1]} first`);
  regions.splice(index, 1);
  rec.spec = { ...rec.spec, regions };
  rec.extra.removedRegions = { ...(rec.extra.removedRegions ?? {}), [region]: ctx.store.clock.now() };
  ctx.store.touch(rec);
  return operate(ctx, req, [activate("namespaces", rec.id)]);
}

/** Makes the replica the active region (the region list's order changes, as after a real failover). */
function failoverRegion(req: Spec, ctx: Ctx): Spec {
  const rec = live(ctx, req.namespace);
  ctx.store.checkVersion(rec, undefined, WHAT);
  const regions = regionsOf(rec);
  const region = String(req.region ?? "");
  if (regions.length < 2) throw failedPrecondition(`namespace "${rec.id}" has no replica to fail over to; add one with AddNamespaceRegion`);
  if (!regions.includes(region)) throw invalid(`region "${region}" is not a region of namespace "${rec.id}" (${regions.join(", ")})`);
  if (regions[0] === regions[1]) throw failedPrecondition(`namespace "${rec.id}" replicates within ${region}; same-region replicas cannot be failed over manually`);
  if (regions[0] === region) throw failedPrecondition(`"${region}" is already the active region of namespace "${rec.id}"`);
  if (rec.state !== "RESOURCE_STATE_ACTIVE" && rec.extra.addingRegion === region) {
    throw failedPrecondition(`the replica of "${rec.id}" in ${region} is still being added`);
  }
  rec.spec = { ...rec.spec, regions: [region, ...regions.filter((r) => r !== region)] };
  ctx.store.touch(rec);
  return operate(ctx, req, [activate("namespaces", rec.id)]);
}

export const namespaceHandlers: Handlers = {
  CreateNamespace: createNamespace,
  GetNamespace: (req, ctx) => ({ namespace: renderNamespace(ctx, live(ctx, req.namespace)) }),
  GetNamespaces: (req, ctx) => {
    const all = ctx.store.all("namespaces").filter((n) => (!req.name || n.spec.name === req.name) && canSeeNamespace(ctx.access, n.id));
    const { items, nextPageToken } = page(all, req);
    return { namespaces: items.map((n) => renderNamespace(ctx, n)), nextPageToken };
  },
  UpdateNamespace: updateNamespace,
  UpdateNamespaceTags: updateTags,
  RenameCustomSearchAttribute: renameSearchAttribute,
  DeleteNamespace: deleteNamespace,
  AddNamespaceRegion: addRegion,
  DeleteNamespaceRegion: deleteRegion,
  FailoverNamespaceRegion: failoverRegion,
};
