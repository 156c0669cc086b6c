// What `npm run test:e2e:cloud` knows about the aws side: which aws provider really runs, and what moto
// cannot do (a stack meeting one applies everything else by -target; the rest is planned only).
import type { ToolchainManifest } from "../../scripts/toolchain";
import { referencesIn } from "../../lib/analysis/terraform-expression";

/** What moto's server mode cannot do that a real `terraform apply` and re-plan of a resource needs. */
export interface MotoGap {
  readonly type: string;
  /** Only blocks this matches (all of the type when absent). */
  readonly applies?: (body: Record<string, unknown>) => boolean;
  readonly reason: string;
}

/** Found by applying every example against moto 5.2.5 with aws 6.47.1 (docs/testing.md). */
export const MOTO_GAPS: readonly MotoGap[] = [
  // kms ReplicateKey copies the primary key and drops the request's Tags (and Description, Policy); the
  // provider then polls ListResourceTags in the replica region for 10 minutes and fails.
  { type: "aws_kms_replica_key", reason: "ReplicateKey ignores Tags, so the provider's tag-propagation wait times out" },
  // CreateHostedZone with a VPC makes a private zone in AWS; moto makes it private only when
  // HostedZoneConfig.PrivateZone is set, which the provider does not send.
  { type: "aws_route53_zone_association", reason: "CreateHostedZone with a VPC makes a public zone in moto, so AssociateVPCWithHostedZone fails (PublicZoneVPCAssociation)" },
  // aws 6 reads bucket tags through S3 Control, whose client puts the account id in front of the host
  // (123456789012.127.0.0.1:<port>), which no resolver here answers.
  { type: "aws_s3_bucket", reason: "the provider reads bucket tags through S3 Control at <account>.<endpoint host>, which does not resolve for a local endpoint" },
  // moto keeps a rule's description only for CIDR sources: a rule that references a security group reads
  // back without it, so every plan wants to set it again.
  {
    type: "aws_vpc_security_group_ingress_rule",
    applies: (b) => b.referenced_security_group_id !== undefined && b.description !== undefined,
    reason: "moto drops the description of a rule whose source is a security group (perpetual diff)",
  },
];

type ResourceBlocks = Record<string, Record<string, Record<string, unknown>>>;

function gapOf(type: string, body: Record<string, unknown>): MotoGap | undefined {
  return MOTO_GAPS.find((g) => g.type === type && (!g.applies || g.applies(body)));
}

/** `<type>: <reason>` for each moto gap the stack meets. */
export function motoGapsOf(json: Record<string, unknown>): string[] {
  const met = new Set<string>();
  for (const [type, byName] of Object.entries((json.resource ?? {}) as ResourceBlocks)) {
    for (const body of Object.values(byName)) {
      const gap = gapOf(type, body);
      if (gap) met.add(`${type}: ${gap.reason}`);
    }
  }
  return [...met].sort();
}

/** Which aws provider runs, said in every aws test's name: the build differs from the stacks' pin. */
export function awsPinNote(manifest: ToolchainManifest): string {
  const aws = manifest.providers.aws;
  if (!aws) return "no aws provider built";
  return aws.built === aws.pinned ? `aws ${aws.built}` : `aws ${aws.built} built, stacks pin ${aws.pinned}: run through dev_overrides`;
}

type Blocks = Record<string, Record<string, unknown>>;

/** `type.name` roots a block refers to: its interpolations and its `depends_on` entries. */
function referencedResources(body: Record<string, unknown>): Set<string> {
  return new Set([...referencesIn(body), ...((body.depends_on as string[] | undefined) ?? [])]);
}

/**
 * What moto can apply of a stack: every resource except those of a `MOTO_GAPS` type and everything that
 * depends on one (a `-target` pulls in dependencies, so a dependent would drag the gap back in).
 */
export function motoApplicable(json: Record<string, unknown>): { targets: string[]; excluded: string[] } {
  const resources = (json.resource ?? {}) as Record<string, Blocks>;
  const deps = new Map<string, Set<string>>();
  for (const [type, byName] of Object.entries(resources)) for (const [name, body] of Object.entries(byName)) deps.set(`${type}.${name}`, referencedResources(body as Record<string, unknown>));
  const excluded = new Set<string>();
  for (const [type, byName] of Object.entries(resources)) for (const [name, body] of Object.entries(byName)) if (gapOf(type, body as Record<string, unknown>)) excluded.add(`${type}.${name}`);
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
