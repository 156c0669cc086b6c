// Warning annotations (Annotations.of(x).addWarning) collected from a synthesized construct tree.
import type { IConstruct } from "constructs";

const WARN = "@cdktf/warn";

/** `path: message` for every warning annotation under `root`, deduplicated. */
export function collectWarnings(root: IConstruct): string[] {
  const out = new Set<string>();
  for (const construct of root.node.findAll()) {
    for (const entry of construct.node.metadata) {
      if (entry.type === WARN) out.add(`${construct.node.path}: ${String(entry.data)}`);
    }
  }
  return [...out];
}
