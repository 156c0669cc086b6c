// One model of several stacks of an app, so the rules see an estate whole however it is split. cdktf's
// cross-stack references (an output in the producing stack, read back through terraform_remote_state in
// the consuming one) are followed back to what they stand for: a value
// `${data.terraform_remote_state.<input>.outputs.<output>}` becomes the producing output's own expression,
// exactly what the value would be with both blocks in one stack. The plumbing itself (those data sources
// and outputs) is left out. An address that several stacks hold (the same construct ids in each stack) is
// renamed inside the model, and the references of its stack follow it; reports keep its own address and
// name its stack.
import { blocksOfJson, blocksOfStack, TerraformModel, type Block, type ModelOptions, type StackJson } from "./model";
import { mapInterpolations, soleExpression, visitStrings } from "./references";
import type { TerraformStack } from "cdktf";

/** One stack of the app: its synthesized JSON, and its construct tree when known. */
export interface AppStack {
  readonly name: string;
  readonly json: StackJson;
  readonly stack?: TerraformStack;
}

const REMOTE_OUTPUT = /\bdata\.terraform_remote_state\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)/g;
const TRAVERSAL = /(?<![\w.-])(data\.)?([a-z][a-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_-]*)/g;

/** A model of every stack in `stacks` (a model of one stack when there is one). */
export function modelOfStacks(name: string, stacks: readonly AppStack[], options: ModelOptions = {}): TerraformModel {
  if (stacks.length === 1) {
    const only = stacks[0];
    return only.stack ? TerraformModel.fromStack(only.stack, options, only.json) : TerraformModel.fromJson(only.name, only.json, options);
  }
  const blocksOf = new Map(stacks.map((s) => [s.name, s.stack ? blocksOfStack(s.stack, s.json) : blocksOfJson(s.json)]));
  const sources = remoteStateSources(stacks);
  // Outputs other stacks read, by stack: left out with the data sources that read them.
  const consumed = new Map<string, Set<string>>();
  for (const s of stacks) {
    for (const block of blocksOf.get(s.name) ?? []) {
      visitStrings(block.attributes, (text) => {
        for (const m of text.matchAll(REMOTE_OUTPUT)) {
          const from = sources.get(s.name)?.get(m[1]);
          if (from) consumed.set(from, new Set([...(consumed.get(from) ?? []), m[2]]));
        }
      });
    }
  }
  const plumbing = (stack: string, b: Block) =>
    (b.kind === "data" && b.type === "terraform_remote_state" && sources.get(stack)?.has(b.name)) || (b.kind === "output" && consumed.get(stack)?.has(b.name));
  const kept = new Map([...blocksOf].map(([stack, blocks]) => [stack, blocks.filter((b) => !plumbing(stack, b))]));
  const holders = new Map<string, number>();
  for (const blocks of kept.values()) for (const b of blocks) holders.set(b.address, (holders.get(b.address) ?? 0) + 1);
  const index = new Map(stacks.map((s, i) => [s.name, i]));
  const collides = (address: string) => (holders.get(address) ?? 0) > 1;
  const refOf = (stack: string, type: string, blockName: string, data: boolean) => `${data ? "data." : ""}${type}.${blockName}__stack${index.get(stack)}`;

  // An expression of `stack`: its own colliding addresses renamed, remote outputs replaced by what they stand for.
  const rewrite = (stack: string, expression: string, depth = 0): string => {
    const local = expression.replace(TRAVERSAL, (whole, data: string | undefined, type: string, blockName: string) => {
      const address = `${data ? "data." : ""}${type}.${blockName}`;
      return collides(address) ? refOf(stack, type, blockName, Boolean(data)) : whole;
    });
    return local.replace(/\bdata\.terraform_remote_state\.([A-Za-z0-9_-]+)__stack\d+\.outputs\.([A-Za-z0-9_-]+)|\bdata\.terraform_remote_state\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)/g, (whole, a, b, c, d) => {
      const input = (a ?? c) as string;
      const outputName = (b ?? d) as string;
      const from = sources.get(stack)?.get(input);
      const output = from ? blocksOf.get(from)?.find((o) => o.kind === "output" && o.name === outputName) : undefined;
      const inner = output ? soleExpression(output.attributes.value) : undefined;
      if (!from || inner === undefined || depth > 8) return whole;
      return `(${rewrite(from, inner, depth + 1)})`;
    });
  };
  const blocks: Block[] = [];
  for (const s of stacks) {
    for (const b of kept.get(s.name) ?? []) {
      const attributes = mapText(b.attributes, (text) => (text.includes("${") ? mapInterpolations(text, (e) => rewrite(s.name, e)) : text)) as Record<string, unknown>;
      const ref = collides(b.address) ? refOf(s.name, b.type, b.name, b.kind === "data") : undefined;
      blocks.push({ ...b, attributes, stack: s.name, ...(ref && b.kind !== "output" ? { ref } : {}) });
    }
  }
  return new TerraformModel(name, blocks, options, undefined, new Map(stacks.map((s) => [s.name, s.json["//"]])));
}

/**
 * The stack each terraform_remote_state data source reads, by consuming stack and data source name: cdktf
 * names its cross-stack inputs `cross-stack-reference-input-<stack>`; other data sources are matched by
 * the backend settings they read against each stack's backend.
 */
function remoteStateSources(stacks: readonly AppStack[]): Map<string, Map<string, string>> {
  const names = new Set(stacks.map((s) => s.name));
  const out = new Map<string, Map<string, string>>();
  for (const s of stacks) {
    const found = new Map<string, string>();
    const data = (s.json.data as Record<string, Record<string, Record<string, unknown>>> | undefined)?.terraform_remote_state ?? {};
    for (const [dataName, body] of Object.entries(data)) {
      const byName = /^cross-stack-reference-input-(.+)$/.exec(dataName)?.[1];
      const target = byName !== undefined && names.has(byName) ? byName : stacks.find((t) => t.name !== s.name && sameBackend(body, t))?.name;
      if (target !== undefined) found.set(dataName, target);
    }
    out.set(s.name, found);
  }
  return out;
}

/** A remote-state data source reading `target`'s state: same backend type and the same location settings. */
function sameBackend(remote: Record<string, unknown>, target: AppStack): boolean {
  const backends = ((target.json.terraform as Record<string, unknown> | undefined)?.backend ?? {}) as Record<string, Record<string, unknown>>;
  const [type, settings] = Object.entries(backends)[0] ?? [];
  if (type === undefined || remote.backend !== type) return false;
  const config = (remote.config ?? {}) as Record<string, unknown>;
  const keys = ({ s3: ["bucket", "key"], gcs: ["bucket", "prefix"], local: ["path"] } as Record<string, string[]>)[type] ?? [];
  return keys.length > 0 && keys.every((k) => config[k] !== undefined && config[k] === settings[k]);
}

function mapText(value: unknown, fn: (s: string) => string): unknown {
  if (typeof value === "string") return fn(value);
  if (Array.isArray(value)) return value.map((v) => mapText(v, fn));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapText(v, fn)]));
  return value;
}
