// Rules run as a CDKTF Aspect. Why an Aspect rather than a pass over cdk.tf.json: aspects run inside
// synthesis once the tree is final, and the tree knows what the JSON forgot — the construct that made
// each resource (so a SecureNamespace parent tells its environment), suppressions attached to
// constructs, and where to put error annotations so a plain `app.synth()` fails on error findings.
// Attribute values are read resolved (`stack.resolve(toTerraform())`), exactly as Terraform will see
// them, so the rules work on raw provider bindings as well as on our constructs.
// The same rules can also run over JSON (PolicyModel.fromJson) for stacks synthesized elsewhere.
import { Annotations, Aspects, TerraformStack, type IAspect } from "cdktf";
import type { IConstruct } from "constructs";
import { evaluate, type EvaluateOptions } from "./engine";
import { TerraformModel, type ModelOptions } from "../analysis/model";
import type { ComplianceReport } from "./types";

export interface CompliancePolicyProps extends ModelOptions, EvaluateOptions {
  /**
   * Add an error annotation for every active error finding, which makes cdktf's synth fail.
   * Turn off when the caller decides itself (the estate synth writes reports first).
   * @default true
   */
  readonly failOnError?: boolean;
  /** Add warning annotations for warning findings. @default true */
  readonly annotateWarnings?: boolean;
  /**
   * Skip evaluation while visiting; the caller evaluates the written JSON with `checkSynthesized` after
   * synth (the estate synth does, so the stack is resolved once, not twice).
   * @default false
   */
  readonly deferred?: boolean;
}

const KEY = Symbol.for("temporal-cloud-guardrails.policy.aspect");

/** Checks every Temporal Cloud resource of the stacks it is added to. `Aspects.of(stack).add(new CompliancePolicy())`. */
export class CompliancePolicy implements IAspect {
  /** Reports by stack name, filled during synthesis. */
  public readonly reports = new Map<string, ComplianceReport>();

  constructor(private readonly props: CompliancePolicyProps = {}) {}

  /** The CompliancePolicy added to `stack` with `CompliancePolicy.applyTo`, if any. */
  static of(stack: TerraformStack): CompliancePolicy | undefined {
    return (stack as unknown as Record<symbol, CompliancePolicy | undefined>)[KEY];
  }

  /** Adds a policy to `stack` and remembers it for `CompliancePolicy.of(stack)`. */
  static applyTo(stack: TerraformStack, props: CompliancePolicyProps = {}): CompliancePolicy {
    const policy = new CompliancePolicy(props);
    (stack as unknown as Record<symbol, CompliancePolicy>)[KEY] = policy;
    Aspects.of(stack).add(policy);
    return policy;
  }

  visit(node: IConstruct): void {
    // Aspects visit top-down; at the stack node the whole tree is final, so evaluate once per stack.
    if (!(node instanceof TerraformStack) || this.props.deferred) return;
    const report = this.check(node);
    this.reports.set(node.node.id, report);
    for (const f of report.findings) {
      const target = (f.constructPath && node.node.findAll().find((c) => c.node.path === f.constructPath)) || node;
      const text = `[${f.ruleId}] ${f.address}${f.attribute ? ` (${f.attribute})` : ""}: ${f.message}. Fix: ${f.fix}`;
      if (f.severity === "error" && this.props.failOnError !== false) Annotations.of(target).addError(text);
      else if (f.severity === "warning" && this.props.annotateWarnings !== false) Annotations.of(target).addWarning(text);
    }
  }

  /** Evaluates `stack` now (without annotating). */
  check(stack: TerraformStack): ComplianceReport {
    return evaluate(TerraformModel.fromStack(stack, this.props), this.props);
  }

  /** Evaluates `stack` against its synthesized cdk.tf.json (after `app.synth()`), and records the report. */
  checkSynthesized(stack: TerraformStack, synthesized: object): ComplianceReport {
    const report = evaluate(TerraformModel.fromStack(stack, this.props, synthesized as never), this.props);
    this.reports.set(stack.node.id, report);
    return report;
  }
}
