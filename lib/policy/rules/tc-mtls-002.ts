import { Severity } from "../types";
import { builtInRule } from "./built-in";
import { PROFILES } from "../../domain/environments";
import type { RuleFinding } from "../types";
import { caCertificates, DAY_MS } from "./helpers";

/** The production profile's horizon: the title's number, and the limit for namespaces of unknown environment. */
const PRODUCTION_HORIZON_DAYS = PROFILES.production.caExpiryHorizonDays;

export const TC_MTLS_002 = builtInRule({
  id: "TC-MTLS-002",
  title: `mTLS CA expires within the profile's horizon (production: ${PRODUCTION_HORIZON_DAYS} days)`,
  severity: Severity.ERROR,
  control: `mTLS CA rotation: no accepted CA expires within the environment profile's horizon (production: ${PRODUCTION_HORIZON_DAYS} days)`,
  fix: "Add the next CA to the bundle now (old + new), roll client certificates to it, then remove the old CA.",
  check(model) {
    const out: RuleFinding[] = [];
    for (const ns of model.resources("temporalcloud_namespace")) {
      // The namespace's decided horizon (marker / profile of its environment), else production's.
      const horizonDays = model.contextOf(ns).caExpiryHorizonDays ?? PRODUCTION_HORIZON_DAYS;
      const horizon = model.now.getTime() + horizonDays * DAY_MS;
      for (const c of caCertificates(model, ns.attributes.accepted_client_ca).certs) {
        if (!c.notAfter || c.notAfter.getTime() > horizon) continue;
        const days = Math.floor((c.notAfter.getTime() - model.now.getTime()) / DAY_MS);
        out.push({
          resource: ns,
          attribute: "accepted_client_ca",
          message: days < 0 ? `CA ${c.subject} expired ${-days} days ago` : `CA ${c.subject} expires in ${days} days (horizon ${horizonDays})`,
          namespaces: [model.namespaceName(ns)],
        });
      }
    }
    return out;
  },
});
