// Namespace replication: HaReplication checks each replicated namespace's pair (the Estate decided its
// regions), and every namespace gets its availability tier, RPO/RTO and cost multiplier in the synth summary.
import type { Feature } from "../assembly-context";
import { HaReplication, SINGLE_REGION_AVAILABILITY } from "../../constructs/ha-replication";
import { environmentOf } from "../../domain/environments";
import { haModeOf, type HaAvailability } from "../../domain/replication";
import { slug } from "../../constructs/private-endpoint-common";

export const haFeature: Feature = {
  beforeNamespaces(ctx) {
    for (const ns of ctx._resolved.namespaces) {
      const ha = ns.ha;
      let figures: HaAvailability = SINGLE_REGION_AVAILABILITY;
      let mode = "single-region";
      if (ha && ns.primaryRegion !== undefined) {
        // The construct warns about same-region production HA; the regions come from the Estate.
        const replication = new HaReplication(ctx.partOf(ns.name).scope, `ha-${slug(ns.name)}`, {
          namespaceName: ns.name,
          primaryRegion: ns.primaryRegion,
          mode: haModeOf(ha.mode),
          replicaRegion: ha.replica,
          environment: environmentOf(ns.environment),
        });
        figures = replication.availability;
        mode = ha.mode;
      }
      ctx.addSummaryFact(ns.name, "HA", mode);
      ctx.addSummaryFact(ns.name, "SLA", figures.sla);
      ctx.addSummaryFact(ns.name, "RPO / RTO", `${figures.rpo} / ${figures.rto}`);
      ctx.addSummaryFact(ns.name, "Cost", figures.costMultiplier);
    }
  },
};
