// What `npm run test:e2e:cloud` knows about the aws side: which aws provider really runs, and what moto
// cannot do (a stack using one of these is planned by the real provider but not applied).
import type { ToolchainManifest } from "../../scripts/toolchain";

/**
 * aws resource types moto's server mode does not implement well enough for a real `terraform apply` and
 * re-plan, each with what fails. Found by applying every example against moto (docs/testing.md).
 */
export const MOTO_GAPS: Readonly<Record<string, string>> = {
  // moto 5.2.5 kms ReplicateKey copies the primary key and drops the request's Tags, Description and Policy;
  // the provider then polls ListResourceTags in the replica region for 10 minutes and fails.
  aws_kms_replica_key: "ReplicateKey ignores Tags, so the provider's tag-propagation wait times out",
  // CreateHostedZone with a VPC makes a private zone in AWS; moto makes it private only when
  // HostedZoneConfig.PrivateZone is set, which the provider does not send, and then refuses associations.
  aws_route53_zone_association: "CreateHostedZone with a VPC makes a public zone in moto, so AssociateVPCWithHostedZone fails (PublicZoneVPCAssociation)",
};

/** `<type>: <reason>` for each moto gap the stack uses. */
export function motoGapsOf(json: Record<string, unknown>): string[] {
  const types = [...Object.keys((json.resource ?? {}) as object), ...Object.keys((json.data ?? {}) as object).map((t) => `data.${t}`)];
  return types.filter((t) => MOTO_GAPS[t]).sort().map((t) => `${t}: ${MOTO_GAPS[t]}`);
}

/** Which aws provider runs, said in every aws test's name: the build differs from the stacks' pin. */
export function awsPinNote(manifest: ToolchainManifest): string {
  const aws = manifest.providers.aws;
  if (!aws) return "no aws provider built";
  return aws.built === aws.pinned ? `aws ${aws.built}` : `aws ${aws.built} built, stacks pin ${aws.pinned}: run through dev_overrides`;
}

type Blocks = Record<string, Record<string, unknown>>;

/** `type.name` of every resource a block refers to: `${type.name…}` interpolations and `depends_on` entries. */
function referencedResources(body: unknown, out = new Set<string>()): Set<string> {
  if (typeof body === "string") {
    for (const m of body.matchAll(/\$\{([^}]*)\}/g)) for (const r of m[1].matchAll(/(?<![.\w])([a-z][a-z0-9_]*)\.([A-Za-z0-9_-]+)/g)) if (r[1] !== "var" && r[1] !== "local" && r[1] !== "data") out.add(`${r[1]}.${r[2]}`);
    if (/^[a-z][a-z0-9_]*\.[A-Za-z0-9_-]+$/.test(body)) out.add(body); // depends_on entries are bare addresses
  } else if (Array.isArray(body)) for (const v of body) referencedResources(v, out);
  else if (body && typeof body === "object") for (const v of Object.values(body)) referencedResources(v, out);
  return out;
}

/**
 * What moto can apply of a stack: every resource except those of a `MOTO_GAPS` type and everything that
 * depends on one (a `-target` pulls in dependencies, so a dependent would drag the gap back in).
 */
export function motoApplicable(json: Record<string, unknown>): { targets: string[]; excluded: string[] } {
  const resources = (json.resource ?? {}) as Record<string, Blocks>;
  const deps = new Map<string, Set<string>>();
  for (const [type, byName] of Object.entries(resources)) for (const [name, body] of Object.entries(byName)) deps.set(`${type}.${name}`, referencedResources(body));
  const excluded = new Set([...deps.keys()].filter((a) => MOTO_GAPS[a.split(".")[0]]));
  for (let grew = true; grew; ) {
    grew = false;
    for (const [address, refs] of deps) {
      if (!excluded.has(address) && [...refs].some((r) => excluded.has(r))) {
        excluded.add(address);
        grew = true;
      }
    }
  }
  return { targets: [...deps.keys()].filter((a) => !excluded.has(a)).sort(), excluded: [...excluded].sort() };
}
