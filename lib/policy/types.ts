// Shared types of the compliance rule pack. Everything here is part of the jsii API (lib/entries/jsii.ts):
// structs are data only, arrays are `X[]`, maps are string-indexed, the one behavioural type is IRule.
import type { Block, NamespaceContext, TerraformModel } from "../analysis/model";
import type { SynthesizedStacks } from "./view";

/** How much a finding matters; the values are what reports, SARIF, JUnit, JSON and the CLI print. */
export enum Severity {
  /** Fails synth (an error annotation) unless suppressed. */
  ERROR = "error",
  /** A warning annotation; never fails synth. */
  WARNING = "warning",
  /** Listed in reports only. */
  INFO = "info",
}
export const SEVERITIES: readonly Severity[] = [Severity.ERROR, Severity.WARNING, Severity.INFO];

/** One Terraform block of the synthesized stacks, as a rule sees it (a resource, data source or output). */
export interface TerraformBlock {
  /** `resource`, `data` or `output`. */
  readonly kind: string;
  /** Terraform type (`temporalcloud_namespace`); `output` for outputs. */
  readonly type: string;
  /** Logical id in its stack. */
  readonly name: string;
  /** Terraform address: `type.name`, `data.type.name` or `output.name`. */
  readonly address: string;
  /** Attributes as synthesized (snake_case, references as `${...}` strings), without the "//" comment. */
  readonly attributes: { [key: string]: any };
  /** Construct path (`stack/ns-payments/namespace`), when known. @default unknown (written JSON without cdktf metadata) */
  readonly constructPath?: string;
  /** The stack holding the block, when the rules judge several stacks of one app together. @default one stack */
  readonly stack?: string;
}

/** The analysis model's blocks are TerraformBlocks (with more, internal, fields). */
export type PolicyResource = Block;
/** The internal model the built-in rules read (the analysis layer's model of cdk.tf.json); TypeScript only. */
export type PolicyModel = TerraformModel;
export type { NamespaceContext };

/** What a rule's check returns for one problem; the policy adds the rule's id, severity, title, control and fix. */
export interface RuleFinding {
  /** Offending block; undefined for findings about the stack as a whole. @default the stack as a whole */
  readonly resource?: TerraformBlock;
  /** Attribute path inside the block, e.g. `namespace_lifecycle.enable_delete_protection`. @default the block as a whole */
  readonly attribute?: string;
  readonly message: string;
  /** Namespace names the finding concerns (for per-namespace suppressions). @default none */
  readonly namespaces?: string[];
}

/**
 * A compliance rule: the 28 built-in rules and your own (`new CompliancePolicy({ rules: [...builtInRules(), myRule] })`),
 * like a cdk-nag rule. `check` gets every stack the policy judges together and returns one RuleFinding per problem.
 */
export interface IRule {
  /** Stable id, never reused: `TC-<AREA>-<NNN>` for the built-in rules, e.g. `ACME-TAG-001` for yours. */
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  /** The security control the rule enforces, as written in the guidance. */
  readonly control: string;
  /** How to fix a finding. */
  readonly fix: string;
  check(stacks: SynthesizedStacks): RuleFinding[];
}

/** The name the rule interface had before it became jsii-shaped (TypeScript only). @deprecated use IRule */
export type Rule = IRule;

export interface Suppression {
  /** Rule id, e.g. `TC-NET-001`. */
  readonly rule: string;
  /** Why the finding is accepted; mandatory. */
  readonly reason: string;
  /** `YYYY-MM-DD`: from that day on the suppression no longer applies. @default never expires */
  readonly expires?: string;
  /** Terraform addresses or construct paths the suppression is limited to (prefix match). @default all */
  readonly resources?: string[];
}

/** A suppression given to `PolicySuppressions.addResourceSuppressions`, optionally naming where it was declared. */
export interface ConstructSuppression extends Suppression {
  /** Where the suppression was declared, shown in reports (e.g. a config path). @default the construct path */
  readonly origin?: string;
}

/** A suppression with where it was declared. */
export interface ScopedSuppression extends Suppression {
  /** `config`, `config:namespaces[1]` or a construct path. */
  readonly origin: string;
  /** Namespace the suppression is limited to (per-namespace config suppressions). @default every namespace */
  readonly namespace?: string;
}

/** A suppression read from JSON metadata that cannot be applied, with why. */
export interface InvalidSuppression {
  /** Where it was written (its `origin`, else the block address or `stack metadata`). */
  readonly origin: string;
  /** The record as written. */
  readonly written: any;
  readonly problems: string[];
}

export interface Finding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly title: string;
  readonly control: string;
  readonly fix: string;
  readonly message: string;
  /** Terraform address, or `stack` for stack-level findings. */
  readonly address: string;
  /** @default the block as a whole */
  readonly attribute?: string;
  /** @default unknown */
  readonly constructPath?: string;
  readonly namespaces: string[];
  /** Stack holding the block, when the report covers several stacks (a split estate). @default one stack */
  readonly stack?: string;
  /** Set when a live suppression applies: the finding is listed but does not count. @default not suppressed */
  readonly suppressedBy?: ScopedSuppression;
}

export interface ComplianceReport {
  readonly stackName: string;
  readonly generatedAt: string;
  readonly rules: IRule[];
  /** Active (unsuppressed) findings. */
  readonly findings: Finding[];
  readonly suppressed: Finding[];
  /** Suppressions past their expiry date (they no longer suppress anything). */
  readonly expiredSuppressions: ScopedSuppression[];
  /** Live stack-wide suppressions that matched no finding. */
  readonly unusedSuppressions: ScopedSuppression[];
  /** Suppressions found in the JSON metadata that cannot apply (no reason, bad rule id or date). */
  readonly invalidSuppressions: InvalidSuppression[];
}
