// Runs rules over a model and applies suppressions. Suppressions are read from the stack's JSON metadata
// (where constructs, the config and a CompliancePolicy write them), so a stack evaluated at synth and the
// same stack evaluated later from cdk.tf.json give the same report.
import { covers, isExpired, SuppressionReader } from "./suppressions";
import { Severity, type ComplianceReport, type Finding, type IRule, type PolicyModel, type PolicyResource, type RuleFinding, type ScopedSuppression } from "./types";
import { RULES } from "./rules";
import { SynthesizedStacks } from "./view";

export interface EvaluateOptions {
  /** @default every rule of the pack */
  readonly rules?: readonly IRule[];
  /**
   * Stack-wide suppressions in addition to those written in the stack's metadata. A CompliancePolicy
   * writes its own into the JSON instead, so that later runs on the JSON see them.
   */
  readonly suppressions?: readonly ScopedSuppression[];
  /** Rule ids to skip entirely. */
  readonly disabledRules?: readonly string[];
}

export function evaluate(model: PolicyModel, options: EvaluateOptions = {}): ComplianceReport {
  const rules = (options.rules ?? RULES).filter((r) => !options.disabledRules?.includes(r.id));
  const reader = new SuppressionReader();
  // Stack-level suppressions apply to their own stack's blocks (and to findings about the estate as a
  // whole); a split estate writes the config's into every stack, so equal ones are listed once.
  const ofStack = new Map<string | undefined, ScopedSuppression[]>();
  for (const [name, metadata] of model.stackMetadataByStack) ofStack.set(name, reader.read(metadata?.suppressions, "stack metadata"));
  const given = [...(options.suppressions ?? [])];
  const several = ofStack.size > 1;
  const stackWideFor = (block: PolicyResource | undefined) =>
    [...given, ...(several ? (block?.stack !== undefined ? ofStack.get(block.stack) ?? [] : [...ofStack.values()].flat()) : [...ofStack.values()].flat())];
  const keyOf = several ? contentKey : (s: ScopedSuppression): unknown => s;
  const unique = (list: readonly ScopedSuppression[]) => [...new Map(list.map((s) => [keyOf(s), s] as const)).values()];
  const stackWide = unique([...given, ...[...ofStack.values()].flat()]);
  const onBlock = new Map<PolicyResource, ScopedSuppression[]>();
  for (const block of model.blocks) {
    const list = reader.read(model.metadataOf(block)?.suppressions, block.address);
    if (list.length > 0) onBlock.set(block, list);
  }
  const live = (s: ScopedSuppression) => !isExpired(s, model.now);
  const used = new Set<unknown>();
  const active: Finding[] = [];
  const suppressed: Finding[] = [];
  const view = SynthesizedStacks._fromModel(model);
  for (const rule of rules) {
    // By address within a rule: the same order whether the model came from the tree or from the JSON.
    const raws = findingsOf(rule, view).map((raw, i) => ({ raw, i, address: raw.resource?.address ?? "" }));
    raws.sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : a.i - b.i));
    for (const { raw } of raws) {
      const finding: Finding = {
        ...(several && raw.resource?.stack !== undefined ? { stack: raw.resource.stack } : {}),
        ruleId: rule.id,
        severity: rule.severity,
        title: rule.title,
        control: rule.control,
        fix: rule.fix,
        message: raw.message,
        address: raw.resource?.address ?? "stack",
        attribute: raw.attribute,
        constructPath: raw.resource?.constructPath,
        namespaces: [...(raw.namespaces ?? [])],
      };
      const candidates = [...stackWideFor(raw.resource), ...((raw.resource && onBlock.get(raw.resource)) ?? [])].filter(live);
      const match = candidates.find((s) => covers(s, finding));
      if (match) {
        used.add(keyOf(match));
        suppressed.push({ ...finding, suppressedBy: match });
      } else {
        active.push(finding);
      }
    }
  }
  const everyOne = unique([...stackWide, ...reader.all]);
  return {
    stackName: model.stackName,
    generatedAt: model.now.toISOString(),
    rules: [...rules],
    findings: active,
    suppressed,
    expiredSuppressions: everyOne.filter((s) => !live(s)),
    unusedSuppressions: stackWide.filter((s) => live(s) && !used.has(keyOf(s))),
    invalidSuppressions: [...reader.invalid],
  };
}

/** Equal suppressions (a split estate's copies of the config's, one per stack) count once. */
const contentKey = (s: ScopedSuppression): unknown => JSON.stringify([s.rule, s.reason, s.expires, s.resources, s.origin, s.namespace]);

/**
 * A rule's findings, each pointing at the model's own block: a rule written in another language (or one
 * that copies blocks) returns equal structs, not the model's objects, and suppressions are kept per block.
 */
function findingsOf(rule: IRule, view: SynthesizedStacks): (RuleFinding & { readonly resource?: PolicyResource })[] {
  const found = rule.check(view);
  if (!Array.isArray(found)) throw new Error(`rule ${rule.id}: check() must return a list of findings, got ${typeof found}`);
  return found.map((raw, i) => {
    if (!raw || typeof raw.message !== "string") throw new Error(`rule ${rule.id}: finding ${i} has no message`);
    if (!raw.resource) return { ...raw, resource: undefined };
    const block = view._resolve(raw.resource);
    if (!block) throw new Error(`rule ${rule.id}: finding ${i} names ${raw.resource.address}, which is no block of the stacks it was given`);
    return { ...raw, resource: block };
  });
}

export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts = { [Severity.ERROR]: 0, [Severity.WARNING]: 0, [Severity.INFO]: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}
