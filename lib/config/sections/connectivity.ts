// Private connectivity for a namespace: AWS PrivateLink / GCP Private Service Connect endpoints, private DNS
// and the connectivity rules that make the namespace private-only.
import { z } from "zod";
import { describeValue } from "../issues";
import { justification, regionCode, ruleString } from "./common";
import { EDITOR_PATTERNS, ipv4CidrProblem } from "../../domain/cloud-names";

const cidr = ruleString(ipv4CidrProblem, EDITOR_PATTERNS.ipv4Cidr);

export const awsEndpointSchema = z.strictObject({
  region: regionCode.optional()
    .describe("Temporal region code of the endpoint (aws-…); must be one of the namespace's regions. @default the namespace's primary region"),
  vpcId: z.string({ error: "is required; give the id of the worker VPC (vpc-…)" })
    .regex(/^vpc-[0-9a-f]+$/, { error: (iss) => `${describeValue(iss.input)} is not a VPC id (vpc-…)` })
    .describe("Existing VPC the interface endpoint is created in."),
  subnetIds: z.array(z.string().regex(/^subnet-[0-9a-f]+$/, { error: (iss) => `${describeValue(iss.input)} is not a subnet id (subnet-…)` }), {
    error: "is required; list the subnets (one per availability zone) the endpoint gets interfaces in",
  }).min(1, { error: "is empty; list at least one subnet (one per availability zone is recommended)" })
    .describe("Existing subnets of the VPC for the endpoint's network interfaces."),
  allowedCidrs: z.array(cidr).optional()
    .describe("Worker CIDR blocks allowed to reach the endpoint on TCP 7233. @default none"),
  allowedSecurityGroupIds: z.array(z.string().regex(/^sg-[0-9a-f]+$/, { error: (iss) => `${describeValue(iss.input)} is not a security group id (sg-…)` })).optional()
    .describe("Worker security groups allowed to reach the endpoint on TCP 7233. @default none"),
  additionalVpcIds: z.array(z.string().regex(/^vpc-[0-9a-f]+$/, { error: (iss) => `${describeValue(iss.input)} is not a VPC id (vpc-…)` })).optional()
    .describe("Other worker VPCs (same region, peered or via Transit Gateway) that get the private DNS zones. @default none"),
  dnsAnchorVpcId: z.string().regex(/^vpc-[0-9a-f]+$/).optional()
    .describe("An existing VPC without workers in which the private zones are created before worker VPCs are associated. @default a dedicated empty VPC"),
});

export const gcpEndpointSchema = z.strictObject({
  region: regionCode.optional()
    .describe("Temporal region code of the endpoint (gcp-…); must be one of the namespace's regions. @default the namespace's primary region"),
  project: z.string({ error: "is required; give the GCP project that holds the PSC endpoint (it also goes into the connectivity rule)" })
    .min(1, { error: "is empty; give the GCP project id that holds the PSC endpoint" }),
  network: z.string({ error: "is required; give the VPC network name or self link" }).min(1)
    .describe("VPC network (name or self link) of the workers."),
  subnetwork: z.string({ error: "is required; give the subnetwork the endpoint's internal IP is reserved in" }).min(1)
    .describe("Subnetwork (in the endpoint's region) for the endpoint's internal IP address."),
  firewall: z.strictObject({
    targetTags: z.array(z.string()).optional().describe("Network tags of the worker VMs. @default every VM in the network"),
    targetServiceAccounts: z.array(z.string()).optional().describe("Service accounts of the worker VMs. @default every VM in the network"),
  }).optional().describe("Create an egress firewall rule allowing TCP 7233 to the endpoint (for networks that deny egress by default). @default no rule"),
});

const oneOrMany = <T extends z.ZodType>(item: T) => z.union([item, z.array(item).min(1)]);

export const connectivitySchema = z.strictObject({
  aws: oneOrMany(awsEndpointSchema).optional()
    .describe("AWS PrivateLink endpoint(s); a list for HA namespaces with workers in several regions."),
  gcp: oneOrMany(gcpEndpointSchema).optional()
    .describe("GCP Private Service Connect endpoint(s); a list for HA namespaces with workers in several regions."),
  privateDns: z.boolean().optional()
    .describe("Create private DNS so workers dial the normal namespace endpoint. false: workers dial the endpoint directly and override the TLS server name. @default true"),
  publicAccess: z.boolean().optional()
    .describe("Also allow access from the public internet (attaches the account's one public connectivity rule). @default false"),
  publicAccessJustification: justification.optional()
    .describe("Required when a production namespace sets publicAccess: true."),
});

export type ConnectivityConfig = z.infer<typeof connectivitySchema>;
export type AwsEndpointConfig = z.infer<typeof awsEndpointSchema>;
export type GcpEndpointConfig = z.infer<typeof gcpEndpointSchema>;

/** The `aws` / `gcp` entries as lists. */
export function listOf<T>(value: T | readonly T[] | undefined): readonly T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? (value as readonly T[]) : [value as T];
}
