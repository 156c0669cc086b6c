// The workers' existing network, in moto. A stack names the VPC, subnets and security groups its users
// already have (`vpcId: vpc-0a1b…` in the config); in a real account they exist, so the provider can create
// a security group in that VPC and revoke its default egress rule. moto makes up its own ids, so the
// suite creates one VPC, subnet or security group in moto for each id the stack names (in the region the
// resource using it runs in) and writes the stack with moto's ids in place of the config's. Nothing else
// in the stack changes.

import { visitStrings } from "../../lib/analysis/references";

const ID = /^(vpc|subnet|sg)-[0-9a-f]{8,17}$/;

export interface ExistingNetworkId {
  readonly id: string;
  readonly kind: "vpc" | "subnet" | "sg";
  readonly region: string;
  /** The VPC the subnet or security group belongs to: the `vpc_id` of the resource that names it. */
  readonly vpc?: string;
}

type Json = Record<string, unknown>;

/** Region of every aws provider configuration, by the `provider` value a resource uses (`aws` or `aws.<alias>`). */
function providerRegions(stack: Json): Map<string, string> {
  const regions = new Map<string, string>();
  for (const config of ((stack.provider as Json | undefined)?.aws ?? []) as Json[]) {
    if (typeof config.region === "string") regions.set(config.alias ? `aws.${String(config.alias)}` : "aws", config.region);
  }
  return regions;
}

/** VPC ids given with an explicit `vpc_region` (route53 zones and associations name VPCs of other regions). */
function explicitVpcRegions(value: unknown, out = new Map<string, string>()): Map<string, string> {
  if (Array.isArray(value)) for (const v of value) explicitVpcRegions(v, out);
  else if (value && typeof value === "object") {
    const o = value as Json;
    if (typeof o.vpc_id === "string" && typeof o.vpc_region === "string" && ID.test(o.vpc_id)) out.set(o.vpc_id, o.vpc_region);
    for (const v of Object.values(o)) explicitVpcRegions(v, out);
  }
  return out;
}

/**
 * Every VPC, subnet and security group id the stack's aws resources name as a literal, with its region: a
 * `vpc_region` given next to the id, else the region of the resource (its own `region` or its provider's).
 */
export function existingNetworkIds(stack: Json): ExistingNetworkId[] {
  const regions = providerRegions(stack);
  const vpcRegions = explicitVpcRegions(stack.resource);
  const found = new Map<string, ExistingNetworkId>();
  for (const [type, byName] of Object.entries((stack.resource ?? {}) as Record<string, Record<string, Json>>)) {
    if (!type.startsWith("aws_")) continue;
    for (const body of Object.values(byName)) {
      const region = typeof body.region === "string" ? body.region : regions.get(typeof body.provider === "string" ? body.provider : "aws");
      if (!region) continue;
      const vpc = typeof body.vpc_id === "string" && ID.test(body.vpc_id) ? body.vpc_id : undefined;
      const values: string[] = [];
      visitStrings(body, (v) => values.push(v));
      for (const value of values) {
        const m = ID.exec(value);
        if (!m || found.has(value)) continue;
        const kind = m[1] as ExistingNetworkId["kind"];
        found.set(value, { id: value, kind, region: (kind === "vpc" && vpcRegions.get(value)) || region, ...(kind !== "vpc" && vpc ? { vpc } : {}) });
      }
    }
  }
  return [...found.values()].sort((a, b) => a.id.localeCompare(b.id));
}

/** The stack with each mapped id replaced where it is a whole string value (names and keys are left alone). */
export function withIds<T>(value: T, ids: ReadonlyMap<string, string>): T {
  if (ids.size === 0) return value;
  const map = (v: unknown): unknown => {
    if (typeof v === "string") return ids.get(v) ?? v;
    if (Array.isArray(v)) return v.map(map);
    if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, map(x)]));
    return v;
  };
  return map(value) as T;
}

/** One EC2 Query API call to moto; returns the XML text. moto routes by the Authorization header's scope. */
async function ec2(endpoint: string, region: string, params: Record<string, string>): Promise<string> {
  const res = await fetch(`${endpoint}/`, {
    method: "POST",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      Authorization: `AWS4-HMAC-SHA256 Credential=moto-placeholder/20260101/${region}/ec2/aws4_request, SignedHeaders=host, Signature=0`,
    },
    body: new URLSearchParams({ Version: "2016-11-15", ...params }).toString(),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`EC2 ${params.Action} in ${region}: ${res.status} ${text.slice(0, 300)}`);
  return text;
}

function tag(xml: string, name: string): string {
  const m = new RegExp(`<${name}>([^<]+)</${name}>`).exec(xml);
  if (!m) throw new Error(`no <${name}> in ${xml.slice(0, 300)}`);
  return m[1];
}

/**
 * Creates the network the stack names in moto and returns config id → moto id. Subnets and groups go into
 * the moto VPC of the id their resource names, or a fresh VPC of their region.
 */
export async function createExistingNetwork(endpoint: string, stack: Json): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  const regionVpc = new Map<string, string>();
  let block = 0;
  const newVpc = async (region: string): Promise<string> => {
    block += 1;
    return tag(await ec2(endpoint, region, { Action: "CreateVpc", CidrBlock: `10.${100 + block}.0.0/16` }), "vpcId");
  };
  const wanted = existingNetworkIds(stack);
  for (const n of wanted.filter((w) => w.kind === "vpc")) {
    const id = await newVpc(n.region);
    ids.set(n.id, id);
    if (!regionVpc.has(n.region)) regionVpc.set(n.region, id);
  }
  const vpcFor = async (n: ExistingNetworkId): Promise<string> => {
    const known = (n.vpc && ids.get(n.vpc)) ?? regionVpc.get(n.region);
    if (known) return known;
    const id = await newVpc(n.region);
    regionVpc.set(n.region, id);
    return id;
  };
  const cidrs = new Map<string, number>();
  for (const n of wanted.filter((w) => w.kind === "subnet")) {
    const vpc = await vpcFor(n);
    const index = (cidrs.get(vpc) ?? 0) + 1;
    cidrs.set(vpc, index);
    const vpcCidr = tag(await ec2(endpoint, n.region, { Action: "DescribeVpcs", "VpcId.1": vpc }), "cidrBlock");
    const cidr = vpcCidr.replace(/\.0\.0\/16$/, `.${index}.0/24`);
    ids.set(n.id, tag(await ec2(endpoint, n.region, { Action: "CreateSubnet", VpcId: vpc, CidrBlock: cidr }), "subnetId"));
  }
  for (const n of wanted.filter((w) => w.kind === "sg")) {
    const vpc = await vpcFor(n);
    const xml = await ec2(endpoint, n.region, { Action: "CreateSecurityGroup", VpcId: vpc, GroupName: `workers-${n.id}`, GroupDescription: "the workers' existing group" });
    ids.set(n.id, tag(xml, "groupId"));
  }
  return ids;
}
