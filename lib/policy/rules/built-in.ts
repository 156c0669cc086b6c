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

/** A built-in rule as an IRule. A class, not a frozen literal: jsii's runtime tags each object it hands to
 * another language, so the object must stay extensible (a frozen one fails "Unable to serialize" in Python). */
class BuiltInRule implements IRule {
  public readonly id: string;
  public readonly title: string;
  public readonly severity: Severity;
  public readonly control: string;
  public readonly fix: string;

  constructor(private readonly definition: BuiltInRuleDefinition) {
    this.id = definition.id;
    this.title = definition.title;
    this.severity = definition.severity;
    this.control = definition.control;
    this.fix = definition.fix;
  }

  check(stacks: SynthesizedStacks): RuleFinding[] {
    return this.definition.check.call(this.definition, modelOf(stacks));
  }
}

export function builtInRule(definition: BuiltInRuleDefinition): IRule {
  return new BuiltInRule(definition);
}
