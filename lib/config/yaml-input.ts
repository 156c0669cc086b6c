// YAML with a location for every refusal. The yaml package's own alias limit (100 alias uses) refuses
// ordinary configs that reuse an anchor; here an alias costs the nodes it expands to, so reuse is cheap and
// only an exponential expansion (billion laughs) is refused, at the alias that crossed the limit.
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from "yaml";

/** Nodes that aliases may add beyond the document's own: far above any estate, far below a bomb. */
export const MAX_ALIAS_EXPANSION = 100_000;
/** Deepest nesting accepted; an estate config is about eight levels deep. */
export const MAX_NESTING = 64;

const YAML_FIXES: Record<string, string> = {
  DUPLICATE_KEY: "remove one of the two entries",
  TAB_AS_INDENT: "indent with spaces, not tabs",
  BAD_INDENT: "line the entry up with its siblings",
  MISSING_CHAR: "close the bracket or quote",
  BLOCK_IN_FLOW: "inside [...] or {...} write values on one line, or drop the brackets",
};

export type YamlResult = { ok: true; value: unknown } | { ok: false; message: string };

export function parseYamlDocument(text: string): YamlResult {
  const lines = new LineCounter();
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  } catch (err) {
    if (err instanceof RangeError) return { ok: false, message: "it is nested too deeply; a configuration is only a few levels deep" };
    return { ok: false, message: err instanceof Error ? err.message.split("\n")[0] : String(err) };
  }
  const at = (offset: number | undefined) => {
    const pos = lines.linePos(offset ?? 0);
    return `line ${pos.line}, column ${pos.col}`;
  };
  if (doc.errors.length > 0) {
    const first = doc.errors[0];
    const more = doc.errors.length > 1 ? ` (and ${doc.errors.length - 1} more)` : "";
    if (/call stack/i.test(first.message)) return { ok: false, message: `it is nested too deeply (at ${at(first.pos[0])}); a configuration is only a few levels deep` };
    const hint = YAML_FIXES[first.code] ?? "check the indentation and quoting there";
    return { ok: false, message: `${first.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "")} at ${at(first.pos[0])}${more}; ${hint}` };
  }
  const problem = checkAliases(doc, at);
  if (problem) return { ok: false, message: problem };
  try {
    return { ok: true, value: doc.toJS({ maxAliasCount: -1 }) };
  } catch (err) {
    if (err instanceof RangeError) return { ok: false, message: "it is nested too deeply; a configuration is only a few levels deep" };
    return { ok: false, message: err instanceof Error ? err.message.split("\n")[0] : String(err) };
  }
}

/** Counts the nodes each alias expands to; reports cycles, bombs and excessive nesting with a location. */
function checkAliases(doc: Document.Parsed, at: (offset: number | undefined) => string): string | undefined {
  const sizes = new Map<Node, number>();
  const open = new Set<Node>();
  let added = 0;
  let problem: string | undefined;
  const sizeOf = (node: unknown, depth: number): number => {
    if (problem || node === null || node === undefined) return 0;
    if (depth > MAX_NESTING) {
      problem = `nesting deeper than ${MAX_NESTING} levels at ${at((node as Node).range?.[0])}; a configuration is only a few levels deep`;
      return 0;
    }
    if (isAlias(node)) {
      const target = node.resolve(doc);
      if (!target) {
        problem = `alias *${node.source} at ${at(node.range?.[0])} has no anchor &${node.source} before it; define the anchor first or fix the name`;
        return 0;
      }
      if (open.has(target)) {
        problem = `alias *${node.source} at ${at(node.range?.[0])} refers to the anchor it is inside, which makes the value infinite; copy the values instead`;
        return 0;
      }
      const size = sizeOf(target, depth);
      added += size;
      if (added > MAX_ALIAS_EXPANSION) {
        problem = `aliases expand to more than ${MAX_ALIAS_EXPANSION} values (alias *${node.source} at ${at(node.range?.[0])}); this looks like an alias bomb, so the file is refused; reuse fewer or smaller anchors`;
      }
      return size;
    }
    if (isScalar(node)) return 1;
    const known = sizes.get(node as Node);
    if (known !== undefined) return known;
    open.add(node as Node);
    let total = 1;
    if (isMap(node) || isSeq(node)) {
      for (const item of node.items) {
        if (isPair(item)) total += sizeOf(item.key, depth + 1) + sizeOf(item.value, depth + 1);
        else total += sizeOf(item, depth + 1);
      }
    }
    open.delete(node as Node);
    sizes.set(node as Node, total);
    return total;
  };
  sizeOf(doc.contents, 0);
  return problem;
}
