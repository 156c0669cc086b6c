// State backend and pipeline settings (pipelines issue).
import { Annotations } from "cdktf";
import type { Feature } from "../assembly-context";
import { addStateBackend } from "../../constructs/state-backend";

export const pipelineFeature: Feature = {
  name: "pipeline",
  beforeNamespaces(ctx) {
    const backend = ctx.config.backend;
    addStateBackend(ctx.stack, ctx.stack.node.id, backend);
    // An explicit local backend with production namespaces is a config error (checks/backend.ts); an
    // omitted one is tolerated for trying things out, but said loudly.
    const production = ctx.resolvedNamespaces.filter((ns) => ns.environment === "production").map((ns) => ns.name);
    if (backend === undefined && production.length > 0) {
      Annotations.of(ctx.stack).addWarning(
        `production namespace(s) ${production.join(", ")} have no state backend configured; set backend (s3, gcs or cloud) before applying from a pipeline`,
      );
    }
  },
};
