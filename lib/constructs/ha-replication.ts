import { Annotations } from "cdktf";
import { Construct } from "constructs";
import { findRegion } from "../domain/regions";
import type { Environment } from "../domain/environments";
import { checkReplicaPair, effectiveReplica, HA_AVAILABILITY, type HaAvailability, type HaMode } from "../domain/replication";
import { addProblems } from "./errors";
import { literalOrUndefined } from "./tokens";

export { HA_AVAILABILITY, SINGLE_REGION_AVAILABILITY } from "../domain/replication";

export interface HaReplicationProps {
  /** Namespace name (for messages). */
  readonly namespaceName: string;
  /** The namespace's primary region code, e.g. `aws-us-east-1`. */
  readonly primaryRegion: string;
  /** same-region, multi-region (preferred) or multi-cloud. */
  readonly mode: HaMode;
  /**
   * Replica region code.
   * @default the primary region for same-region; required otherwise
   */
  readonly replicaRegion?: string;
  /**
   * Environment of the namespace; same-region on production gets a warning.
   * @default "production"
   */
  readonly environment?: Environment;
}

/**
 * Decides a namespace's replicated `regions` ([primary, replica]; same-region: the code twice) after
 * checking the pair against the region catalogue. Creates no resource: pass `regions` to SecureNamespace
 * (the provider cannot add, change or remove regions of an existing namespace).
 */
export class HaReplication extends Construct {
  /** The value for `temporalcloud_namespace.regions`: always two codes, `[primaryRegion, replicaRegion]`. */
  public readonly regions: string[];
  /** The primary region code (`regions[0]`). */
  public readonly primaryRegion: string;
  /** The replica region code (`regions[1]`; the primary's code for same-region). */
  public readonly replicaRegion: string;
  public readonly mode: HaMode;
  /** Temporal Cloud's documented SLA, RPO/RTO and cost for a replicated namespace. */
  public readonly availability: HaAvailability;

  constructor(scope: Construct, id: string, props: HaReplicationProps) {
    super(scope, id);
    const tokens = (["primaryRegion", "replicaRegion"] as const)
      .filter((p) => props[p] !== undefined && literalOrUndefined(props[p]) === undefined)
      .map((p) => [p, "is a token; give the region code itself: the pair is checked against the region catalogue at synth time"] as const);
    const problems = tokens.length > 0 ? tokens : checkReplicaPair(props.primaryRegion, props.mode, props.replicaRegion)
      .map(([path, message]) => [path === "replica" ? "replicaRegion" : path === "regions[0]" ? "primaryRegion" : path, message] as const);
    addProblems(this, problems);
    const replica = effectiveReplica(props.primaryRegion, props.mode, props.replicaRegion) as string;
    this.primaryRegion = props.primaryRegion;
    this.replicaRegion = replica;
    this.regions = [props.primaryRegion, replica];
    this.mode = props.mode;
    this.availability = HA_AVAILABILITY;
    if (props.mode === "same-region" && (props.environment ?? "production") === "production") {
      const partners = findRegion(props.primaryRegion)?.multiRegionReplicaRegions ?? [];
      Annotations.of(this).addWarning(
        `namespace "${props.namespaceName}" uses same-region replication in production: it does not survive a regional outage, ` +
          `cannot be failed over manually and is in Public Preview; prefer multi-region` +
          (partners.length > 0 ? ` (replicas for ${props.primaryRegion}: ${partners.join(", ")})` : ""),
      );
    }
  }
}
