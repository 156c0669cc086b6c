// The built-in rules read the analysis model (lib/analysis) directly, which has more than the jsii-shaped
// SynthesizedStacks view (caches, construct references); builtInRule makes such a rule an IRule.
import type { PolicyModel, IRule, RuleFinding, Severity } from "../types";
import { modelOf, type SynthesizedStacks } from "../view";

export interface BuiltInRuleDefinition {
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  readonly control: string;
  readonly fix: string;
  check(model: PolicyModel): RuleFinding[];
}

export function builtInRule(definition: BuiltInRuleDefinition): IRule {
  const { check, ...facts } = definition;
  return Object.freeze({ ...facts, check: (stacks: SynthesizedStacks) => check.call(definition, modelOf(stacks)) });
}
