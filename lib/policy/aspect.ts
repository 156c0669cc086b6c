// Rules run as a CDKTF Aspect: at synthesis, once the tree is final, the policy writes what the rules need
// into the stack's JSON metadata (namespace context given in its props, suppressions from its props and
// from constructs), evaluates the stack as cdk.tf.json will hold it, and puts error annotations on the
// constructs so a plain `app.synth()` fails on error findings. Because everything the rules read is in
// the JSON, `validate --rules` on the written stack gives the same report.
import { Annotations, App, Aspects, TerraformResource, TerraformStack, type IAspect } from "cdktf";
import type { IConstruct } from "constructs";
import { evaluate } from "./engine";
import { TerraformModel } from "../analysis/model";
import { modelOfStacks } from "../analysis/app-model";
import { GUARDRAILS_KEY, markerFor } from "../analysis/marker";
import { RULES } from "./rules";
import { ANY_RULE_ID, writeStackSuppressions, writeSuppressionMetadata } from "./suppressions";
import { SEVERITIES, Severity, type ComplianceReport, type IRule, type NamespaceContext, type ScopedSuppression } from "./types";

export interface CompliancePolicyProps {
  /** Context by namespace name (the `name` attribute); wins over everything the stack says. @default none */
  readonly namespaces?: { [namespaceName: string]: NamespaceContext };
  /** Clock for expiry checks. @default the time of evaluation */
  readonly now?: Date;
  /** The rules to run: `[...CompliancePolicy.builtInRules(), myRule]` adds your own. @default every built-in rule */
  readonly rules?: IRule[];
  /**
   * Stack-wide suppressions, written into each stack's JSON metadata so that later runs on the JSON
   * (`validate --rules`) see them too. @default none
   */
  readonly suppressions?: ScopedSuppression[];
  /** Rule ids to skip entirely. @default none */
  readonly disabledRules?: string[];
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

/** A stack and its synthesized cdk.tf.json (parsed), for `checkSynthesizedStacks`. */
export interface WrittenStack {
  readonly stack: TerraformStack;
  readonly synthesized: { [key: string]: any };
}

const KEY = Symbol.for("temporal-cloud-guardrails.policy.aspect");
// Same symbol as lib/constructs/app-scope.ts: library constructs forward marked aspects from the App.
const APP_SCOPE_ASPECT = Symbol.for("temporal-cloud-guardrails.app-scope-aspect");

/**
 * Checks every Temporal Cloud resource of the stacks it is added to: `Aspects.of(stack).add(new
 * CompliancePolicy())`, or `CompliancePolicy.applyTo(app)` for every stack of an app. cdktf never runs
 * aspects added to the App itself; `Aspects.of(app).add(policy)` still reaches every stack that holds a
 * SecureNamespace, and fails synth with a clear error naming any other stack of the app.
 */
export class CompliancePolicy implements IAspect {
  /** The 28 built-in rules, in report order (to extend: `rules: [...CompliancePolicy.builtInRules(), myRule]`). */
  static builtInRules(): IRule[] {
    return [...RULES];
  }

  /** The CompliancePolicy added to `stack` with `CompliancePolicy.applyTo`, if any. */
  static of(stack: TerraformStack): CompliancePolicy | undefined {
    return (stack as unknown as Record<symbol, CompliancePolicy | undefined>)[KEY];
  }

  /**
   * Adds a policy to `scope` and remembers it for `CompliancePolicy.of(stack)`: a stack, or an App (every
   * stack it holds now; create the stacks first). Throws for an App without stacks.
   */
  static applyTo(scope: TerraformStack | App, props: CompliancePolicyProps = {}): CompliancePolicy {
    const stacks = scope instanceof TerraformStack ? [scope] : scope.node.findAll().filter((c): c is TerraformStack => c instanceof TerraformStack);
    if (stacks.length === 0) throw new Error(`CompliancePolicy.applyTo(${scope.node.path || "app"}): the app has no stacks yet; create the stacks first, then apply the policy`);
    return CompliancePolicy.applyToStacks(stacks, props);
  }

  /** One policy over several stacks (a split estate's): `CompliancePolicy.of(stack)` finds it on each. */
  static applyToStacks(stacks: TerraformStack[], props: CompliancePolicyProps = {}): CompliancePolicy {
    const policy = new CompliancePolicy(props);
    for (const stack of stacks) {
      (stack as unknown as Record<symbol, CompliancePolicy>)[KEY] = policy;
      Aspects.of(stack).add(policy);
    }
    return policy;
  }

  private readonly byStack = new Map<string, ComplianceReport>();

  constructor(private readonly props: CompliancePolicyProps = {}) {
    if (props.rules) assertValidRules(props.rules);
    // The mark the library's constructs look for to forward the policy from the App (not part of the API).
    Object.defineProperty(this, APP_SCOPE_ASPECT, { value: true });
  }

  /** The reports made so far, each once (a split estate's stacks share one), in the order they were made. */
  get reports(): ComplianceReport[] {
    return [...new Set(this.byStack.values())];
  }

  /** The report covering the stack with this id (`TerraformStack.node.id`), once synth (or a check) made it. */
  reportFor(stackName: string): ComplianceReport | undefined {
    return this.byStack.get(stackName);
  }

  visit(node: IConstruct): void {
    // Aspects visit top-down, stack after stack, once every tree of the app is final (cdktf prepares all
    // stacks first). The first visited stack evaluates every stack this policy covers together, so
    // references between stacks are followed and a split estate is judged like one stack.
    if (!(node instanceof TerraformStack)) return;
    if (!Aspects.of(node).all.includes(this)) this.refuseUncoveredStacks(node);
    if (this.evaluated.has(node)) return;
    const group = this.coveredStacks(node);
    for (const stack of group) {
      this.evaluated.add(stack);
      this.writeMetadata(stack);
    }
    if (this.props.deferred) return;
    const report = this.evaluateStacks(group.map((stack) => ({ stack })));
    for (const stack of group) this.byStack.set(stack.node.id, report);
    for (const f of report.findings) {
      const home = group.find((s) => s.node.id === f.stack) ?? node;
      const target = (f.constructPath && home.node.findAll().find((c) => c.node.path === f.constructPath)) || home;
      const text = `[${f.ruleId}] ${f.address}${f.attribute ? ` (${f.attribute})` : ""}: ${f.message}. Fix: ${f.fix}`;
      if (f.severity === Severity.ERROR && this.props.failOnError !== false) Annotations.of(target).addError(text);
      else if (f.severity === Severity.WARNING && this.props.annotateWarnings !== false) Annotations.of(target).addWarning(text);
    }
  }

  private readonly evaluated = new WeakSet<TerraformStack>();

  /** The stacks of `stack`'s app this policy runs on (added to them, or to the app and forwarded). */
  private coveredStacks(stack: TerraformStack): TerraformStack[] {
    const app = stack.node.root;
    const atApp = Aspects.of(app).all.includes(this);
    const all = app.node.findAll().filter((c): c is TerraformStack => c instanceof TerraformStack);
    const covered = all.filter((s) => atApp || Aspects.of(s).all.includes(this));
    return covered.includes(stack) ? covered : [stack, ...covered];
  }

  /**
   * Evaluates several stacks of one app (a split estate) against their synthesized cdk.tf.json as one
   * model: references between them are followed, findings name their stack. One stack: checkSynthesized.
   */
  checkSynthesizedStacks(stacks: WrittenStack[], name?: string): ComplianceReport {
    const report = this.evaluateStacks(stacks, name);
    for (const { stack } of stacks) this.byStack.set(stack.node.id, report);
    return report;
  }

  private evaluateStacks(stacks: readonly { readonly stack: TerraformStack; readonly synthesized?: object }[], name?: string): ComplianceReport {
    if (stacks.length === 1) return this.evaluateStack(stacks[0].stack, stacks[0].synthesized);
    const entries = stacks.map(({ stack, synthesized }) => ({ name: stack.node.id, stack, json: (synthesized ?? stack.toTerraform()) as never }));
    const model = modelOfStacks(name ?? appName(stacks.map((s) => s.stack)), entries, { now: this.props.now });
    return evaluate(model, { rules: this.props.rules, disabledRules: this.props.disabledRules });
  }

  /** Evaluates `stack` now (without annotating). */
  check(stack: TerraformStack): ComplianceReport {
    this.writeMetadata(stack);
    return this.evaluateStack(stack);
  }

  /** Evaluates `stack` against its synthesized cdk.tf.json (after `app.synth()`), and records the report. */
  checkSynthesized(stack: TerraformStack, synthesized: { [key: string]: any }): ComplianceReport {
    const report = this.evaluateStack(stack, synthesized);
    this.byStack.set(stack.node.id, report);
    return report;
  }

  private evaluateStack(stack: TerraformStack, synthesized?: object): ComplianceReport {
    // Context and suppressions were written into the JSON; the model reads them from there.
    const model = TerraformModel.fromStack(stack, { now: this.props.now }, synthesized as never);
    return evaluate(model, { rules: this.props.rules, disabledRules: this.props.disabledRules });
  }

  /** Writes the namespace context and the suppressions of this policy and of constructs into the stack's JSON. */
  private writeMetadata(stack: TerraformStack): void {
    writeSuppressionMetadata(stack);
    writeStackSuppressions(stack, this.props.suppressions ?? []);
    const contexts = this.props.namespaces;
    if (!contexts) return;
    for (const node of stack.node.findAll()) {
      if (!(node instanceof TerraformResource) || node.terraformResourceType !== "temporalcloud_namespace" || TerraformStack.of(node) !== stack) continue;
      const name = (node as unknown as { nameInput?: unknown }).nameInput;
      const context = typeof name === "string" ? contexts[name] : undefined;
      if (context) node.addOverride(`//.${GUARDRAILS_KEY}`, markerFor(context));
    }
  }

  /** Added at app scope and forwarded here: name the stacks of the app this policy can never reach. */
  private refuseUncoveredStacks(stack: TerraformStack): void {
    const app = stack.node.root;
    const forwarderless = app.node.findAll().filter((c): c is TerraformStack => c instanceof TerraformStack && !Aspects.of(c).all.includes(this) && !c.node.findAll().some(isSecureNamespace));
    if (forwarderless.length === 0) return;
    throw new Error(
      `CompliancePolicy was added with Aspects.of(app), but cdktf never runs app-level aspects, so it cannot check stack(s) ${forwarderless.map((s) => `"${s.node.id}"`).join(", ")} ` +
        "(only stacks with a SecureNamespace forward it). Use CompliancePolicy.applyTo(app) after creating the stacks, or Aspects.of(stack).add(policy) for each stack.",
    );
  }
}

/** A report over several stacks is named after what they share: `payments-shared`, `payments-prod` → `payments`. */
export function appName(stacks: readonly { node: { id: string } }[]): string {
  const ids = stacks.map((s) => s.node.id);
  if (ids.length === 1) return ids[0];
  const first = ids[0].split("-");
  let n = first.length;
  while (n > 0 && !ids.every((id) => id.split("-").slice(0, n).join("-") === first.slice(0, n).join("-") && id.split("-").length >= n)) n--;
  return n > 0 ? first.slice(0, n).join("-") : ids.join("+");
}

/** SecureNamespace without importing the constructs layer: its resource property is a temporalcloud_namespace. */
function isSecureNamespace(c: IConstruct): boolean {
  const resource = (c as unknown as { resource?: unknown }).resource;
  return resource instanceof TerraformResource && resource.terraformResourceType === "temporalcloud_namespace" && "environment" in c;
}

/** Your own rules, checked when the policy is made: every problem at once, naming the rule. */
function assertValidRules(rules: readonly IRule[]): void {
  const problems: string[] = [];
  const seen = new Set<string>();
  rules.forEach((rule, i) => {
    const where = `rules[${i}]${typeof rule?.id === "string" ? ` (${rule.id})` : ""}`;
    if (!rule || typeof rule.check !== "function") {
      problems.push(`${where}: has no check method; a rule implements IRule (id, title, severity, control, fix, check)`);
      return;
    }
    if (typeof rule.id !== "string" || !ANY_RULE_ID.test(rule.id)) problems.push(`${where}: id ${JSON.stringify(rule.id)} is not a rule id; use upper-case words joined by dashes, e.g. ACME-TAG-001`);
    else if (seen.has(rule.id)) problems.push(`${where}: id ${rule.id} is given twice; rule ids must be unique`);
    else seen.add(rule.id);
    if (!SEVERITIES.includes(rule.severity)) problems.push(`${where}: severity ${JSON.stringify(rule.severity)} is not one of ${SEVERITIES.join(", ")} (Severity.ERROR, .WARNING, .INFO)`);
    for (const field of ["title", "control", "fix"] as const) {
      if (typeof rule[field] !== "string" || rule[field].trim() === "") problems.push(`${where}: ${field} is missing; say what the rule checks, which control it enforces and how to fix a finding`);
    }
  });
  if (problems.length > 0) throw new Error(`CompliancePolicy: invalid rules:\n  - ${problems.join("\n  - ")}`);
}
