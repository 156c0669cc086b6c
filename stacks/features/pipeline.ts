// State backend and pipeline settings (pipelines issue).
import type { Feature } from "../assembly-context";
import { GUARDRAILS_COMMENT_KEY } from "../../lib/review/model";

export const pipelineFeature: Feature = {
  name: "pipeline",
  afterNamespaces(ctx) {
    // The plan review reads the environment from this comment ("//" is ignored by Terraform) to know
    // which namespaces are production.
    for (const ns of ctx.resolvedNamespaces) {
      ctx.namespace(ns.name).resource.addOverride(`//.${GUARDRAILS_COMMENT_KEY}`, { environment: ns.environment });
    }
  },
};
