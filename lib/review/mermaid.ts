// A Mermaid flowchart of the estate as synthesized (head), with removed resources from the base: namespaces,
// replicas, service accounts, API keys, connectivity rules, private endpoints and CAs, one subgraph per
// stack; references across stacks and moves between them are drawn between the subgraphs. GitHub renders
// it inside the PR comment.
import { createHash } from "node:crypto";
import type { Block } from "../analysis/model";
import type { ChangeKind, StackDiff } from "./diff";
import type { ResourceEntry, StackModel } from "./model";
import type { StackMove } from "./moves";

type NodeKind = "namespace" | "service account" | "API key" | "connectivity rule" | "endpoint" | "CA" | "replica" | "CA bundle";

const DIAGRAM_TYPES: Readonly<Record<string, NodeKind>> = {
  temporalcloud_namespace: "namespace",
  temporalcloud_service_account: "service account",
  temporalcloud_apikey: "API key",
  temporalcloud_connectivity_rule: "connectivity rule",
  aws_vpc_endpoint: "endpoint",
  google_compute_forwarding_rule: "endpoint",
  google_compute_address: "endpoint",
};

/** Above this many nodes, unchanged namespaces (and what hangs off them) are left out. */
export const MAX_DIAGRAM_NODES = 150;

interface DiagramNode {
  readonly id: string;
  readonly label: string;
  readonly kind: NodeKind;
  readonly namespace?: string;
  state?: ChangeKind;
}

export function estateDiagram(diffs: readonly StackDiff[], moves: readonly StackMove[] = []): string {
  const lines = ["flowchart LR"];
  let omitted = 0;
  // `${stack} ${address}` → node id, for the nodes drawn.
  const drawn = new Map<string, string>();
  diffs.forEach((diff, stackIndex) => {
    const { nodes, edges } = stackGraph(diff, `s${stackIndex}_`);
    let shown = [...nodes.values()];
    if (nodes.size > MAX_DIAGRAM_NODES) {
      // Too big to read (and above GitHub's Mermaid limits): draw the changed namespaces, in name order,
      // until the budget is used, plus changed estate-wide nodes.
      const namespaceCount = new Set(shown.filter((n) => n.kind === "namespace").map((n) => n.namespace)).size;
      const changed = [...new Set(shown.filter((n) => n.state && n.namespace !== undefined).map((n) => n.namespace!))].sort();
      const keep = shown.filter((n) => n.namespace === undefined && n.state !== undefined);
      for (const ns of changed) {
        const members = shown.filter((n) => n.namespace === ns);
        if (keep.length + members.length > MAX_DIAGRAM_NODES) break;
        keep.push(...members);
      }
      omitted += namespaceCount - new Set(keep.filter((n) => n.kind === "namespace").map((n) => n.namespace)).size;
      shown = keep;
    }
    const ids = new Set(shown.map((n) => n.id));
    for (const [address, node] of nodes) if (ids.has(node.id)) drawn.set(`${diff.stack} ${address}`, node.id);
    lines.push(`  subgraph ${`s${stackIndex}`}["stack ${escapeLabel(diff.stack)}"]`);
    for (const node of shown) lines.push(`    ${node.id}${shape(node)}${node.state ? `:::${node.state}` : ""}`);
    if (shown.length === 0) lines.push(`    s${stackIndex}_empty["no changed namespaces to draw"]`);
    lines.push("  end");
    for (const [from, to] of edges) if (ids.has(from) && ids.has(to)) lines.push(`  ${from} --> ${to}`);
  });
  lines.push(...crossStackEdges(diffs, drawn));
  let movesDrawn = 0;
  for (const m of moves) {
    const from = drawn.get(`${m.fromStack} ${m.before.address}`);
    const to = drawn.get(`${m.toStack} ${m.after.address}`);
    if (from && to) lines.push(`  ${from} -. moves .-> ${to}`);
    if (from && to) movesDrawn++;
  }
  lines.push("  classDef added fill:#d4f8d4,stroke:#1a7f37,stroke-width:2px");
  lines.push("  classDef changed fill:#fff4c2,stroke:#9a6700,stroke-width:2px");
  lines.push("  classDef removed fill:#ffd8d3,stroke:#cf222e,stroke-width:2px,stroke-dasharray:4 3");
  const legend = `Legend: green = added, yellow = changed, red dashed = removed${movesDrawn > 0 ? ", dotted arrow = moves to another stack (see Across stacks)" : ""}.`;
  return [
    "```mermaid",
    ...lines,
    "```",
    omitted > 0 ? `${legend} ${omitted} namespace(s) are not drawn to keep the diagram readable (unchanged ones first).` : legend,
  ].join("\n");
}

function stackGraph(diff: StackDiff, prefix: string): { nodes: Map<string, DiagramNode>; edges: Array<[string, string]> } {
  const nodes = new Map<string, DiagramNode>();
  const edges: Array<[string, string]> = [];
  const edgeKeys = new Set<string>();
  const addEdge = (from: string, to: string) => {
    if (edgeKeys.has(`${from} ${to}`)) return;
    edgeKeys.add(`${from} ${to}`);
    edges.push([from, to]);
  };
  const nodeIds = new Set<string>();
  const states = new Map(diff.changes.map((c) => [c.address, c.kind]));
  const models = [diff.head, diff.base].filter((m): m is StackModel => m !== undefined);
  const idOf = (address: string) => prefix + address.replace(/[^A-Za-z0-9_]/g, "_");

  const seen = new Set<string>();
  for (const model of models) {
    for (const entry of model.resources.values()) {
      if (seen.has(entry.address)) continue;
      const kind = diagramKind(entry);
      if (!kind) continue;
      seen.add(entry.address);
      nodes.set(entry.address, { id: idOf(entry.address), kind, label: labelOf(kind, entry), namespace: model.namespaceOf.get(entry.address), state: states.get(entry.address) });
    }
  }
  for (const model of models) {
    for (const address of nodes.keys()) {
      if (!model.resources.has(address)) continue;
      for (const target of reachableDiagramNodes(address, model, nodes)) addEdge(idOf(address), idOf(target));
    }
  }
  // Replicas and literal CA bundles are attributes, not resources: they get their own nodes.
  for (const model of models) {
    for (const address of model.namespaceNames.keys()) {
      const entry = model.resources.get(address)!;
      const node = nodes.get(address)!;
      const regions = Array.isArray(entry.attributes.regions) ? entry.attributes.regions.map(String) : [];
      for (const replica of regions.slice(1)) {
        const id = `${idOf(address)}_replica_${replica.replace(/[^A-Za-z0-9]/g, "_")}`;
        if (!nodeIds.has(id)) {
          nodeIds.add(id);
          nodes.set(`${address}#replica#${replica}`, { id, kind: "replica", label: `replica<br/>${replica}`, namespace: node.namespace, state: node.state });
          addEdge(node.id, id);
        }
      }
      const ca = entry.attributes.accepted_client_ca;
      if (typeof ca === "string" && !ca.includes("${")) {
        const digest = createHash("sha256").update(ca).digest("hex").slice(0, 8);
        const key = `ca-bundle#${digest}`;
        if (!nodes.has(key)) nodes.set(key, { id: `${prefix}ca_bundle_${digest}`, kind: "CA bundle", label: `CA bundle<br/>sha256 ${digest}…`, namespace: node.namespace });
        addEdge(node.id, `${prefix}ca_bundle_${digest}`);
      }
    }
  }
  return { nodes, edges };
}

/** Edges from a drawn node to drawn nodes of other stacks it references (through cross-stack references, past undrawn resources). */
function crossStackEdges(diffs: readonly StackDiff[], drawn: ReadonlyMap<string, string>): string[] {
  const lines = new Set<string>();
  if (diffs.length < 2) return [];
  for (const diff of diffs) {
    for (const model of [diff.head, diff.base]) {
      if (!model) continue;
      for (const [address, start] of model.appBlocks) {
        const fromId = drawn.get(`${diff.stack} ${address}`);
        if (!fromId) continue;
        const seen = new Set<Block>([start]);
        const queue = model.app.referenced(start.attributes);
        while (queue.length > 0) {
          const next = queue.shift()!;
          if (seen.has(next) || next.kind !== "resource") continue;
          seen.add(next);
          const stack = next.stack ?? diff.stack;
          const toId = drawn.get(`${stack} ${next.address}`);
          if (toId && stack !== diff.stack) lines.add(`  ${fromId} --> ${toId}`);
          else if (!toId) queue.push(...model.app.referenced(next.attributes));
        }
      }
    }
  }
  return [...lines];
}

/** Diagram nodes reached from `address` through references, passing through resources that are not drawn. */
function reachableDiagramNodes(address: string, model: StackModel, nodes: ReadonlyMap<string, DiagramNode>): string[] {
  const found: string[] = [];
  const seen = new Set([address]);
  const queue = [...(model.references.get(address) ?? [])];
  while (queue.length > 0) {
    const next = queue.shift()!;
    if (seen.has(next)) continue;
    seen.add(next);
    if (nodes.has(next)) found.push(next);
    else queue.push(...(model.references.get(next) ?? []));
  }
  return found;
}

function diagramKind(entry: ResourceEntry): NodeKind | undefined {
  if ((entry.type === "tls_self_signed_cert" || entry.type === "tls_locally_signed_cert") && entry.attributes.is_ca_certificate === true) return "CA";
  return DIAGRAM_TYPES[entry.type];
}

function labelOf(kind: NodeKind, entry: ResourceEntry): string {
  const a = entry.attributes;
  const title = (() => {
    switch (kind) {
      case "namespace":
        return `${String(a.name)}<br/>${Array.isArray(a.regions) ? String(a.regions[0]) : ""}`;
      case "service account":
        return String(a.name ?? entry.logicalId);
      case "API key":
        return String(a.display_name ?? entry.logicalId);
      case "connectivity rule":
        return `${String(a.connectivity_type ?? "")} ${a.region ? String(a.region) : ""}`.trim();
      case "CA":
        return subjectName(a) ?? entry.logicalId;
      default:
        return `${entry.type.startsWith("aws_") ? "AWS PrivateLink" : "GCP PSC"}<br/>${entry.logicalId}`;
    }
  })();
  return `${kind}<br/>${title}`;
}

function subjectName(a: Record<string, unknown>): string | undefined {
  const subject = Array.isArray(a.subject) ? a.subject[0] : a.subject;
  const cn = (subject as { common_name?: unknown } | undefined)?.common_name;
  return typeof cn === "string" ? cn : undefined;
}

function shape(node: DiagramNode): string {
  const label = `"${escapeLabel(node.label)}"`;
  switch (node.kind) {
    case "namespace":
      return `[${label}]`;
    case "replica":
      return `[(${label})]`;
    case "service account":
    case "API key":
      return `([${label}])`;
    case "CA":
    case "CA bundle":
      return `{{${label}}}`;
    default:
      return `>${label}]`;
  }
}

function escapeLabel(text: string): string {
  return text.replace(/"/g, "#quot;").replace(/\$\{[^}]*\}/g, "(computed)");
}
