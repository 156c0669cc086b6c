// Compliance rule pack as an Aspect. What the Terraform attributes cannot tell (environment, critical,
// retention policy, key lifetime, how long records must be kept, CA horizon, client-certificate lifetime)
// is written into each namespace's guardrails marker, where the rules read it; the configured suppressions
// come with it.
import type { AssemblyContext, Feature } from "../assembly-context";
import { CompliancePolicy } from "../../policy/aspect";
import type { NamespaceContext } from "../../policy/types";
import { GUARDRAILS_KEY, markerFor } from "../../analysis/marker";

export const policyFeature: Feature = {
  afterNamespaces(ctx: AssemblyContext) {
    for (const ns of ctx._resolved.namespaces) {
      const context: NamespaceContext = {
        environment: ns.environment,
        critical: ns.critical,
        retention: ns.profile.retention,
        maxApiKeyDays: ns.profile.maxApiKeyRotationDays,
        // export.keepDays / environments.<env>.retention.keepDays: TC-RET-002 needs an export sink beyond retention.
        recordsRetentionDays: ns.keepDays,
        caExpiryHorizonDays: ns.profile.caExpiryHorizonDays,
        maxClientCertificateDays: ns.profile.maxClientCertificateDays,
        source: "config",
      };
      // The decided context goes into the JSON ("//" is ignored by Terraform), so `validate --rules` and
      // `review` on the written stack read what this synth used.
      ctx.namespace(ns.name).resource.addOverride(`//.${GUARDRAILS_KEY}`, markerFor(context));
    }
    const { failOnError, deferred, now } = ctx.policyOptions;
    CompliancePolicy.applyToStacks(ctx.allParts.map((part) => part.stack), { suppressions: [...ctx._resolved.suppressions], failOnError, deferred, now });
  },
};
