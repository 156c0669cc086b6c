// State backend and pipeline settings (pipelines issue).
import type { Feature } from "../assembly-context";

export const pipelineFeature: Feature = {
  name: "pipeline",
};
