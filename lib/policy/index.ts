// Public API of the compliance rule pack.
export { CompliancePolicy, type CompliancePolicyProps, type WrittenStack } from "./aspect";
export { evaluate, countBySeverity, type EvaluateOptions } from "./engine";
// PolicyModel is the analysis layer's TerraformModel, under the name the rule pack has always used.
export { TerraformModel as PolicyModel, referencesIn, type ModelOptions, type StackJson } from "../analysis";
export { PolicySuppressions, suppressionProblems } from "./suppressions";
export { RULES, ruleById } from "./rules";
export { Severity } from "./types";
export type { ComplianceReport, ConstructSuppression, Finding, InvalidSuppression, IRule, NamespaceContext, PolicyResource, Rule, RuleFinding, ScopedSuppression, Suppression, TerraformBlock } from "./types";
export { SynthesizedStacks } from "./view";
export { renderSarif } from "./reports/sarif";
export { renderJunit } from "./reports/junit";
export { renderJson } from "./reports/json";
export { renderMarkdown } from "./reports/markdown";
export { writeReports, REPORT_FILES } from "./reports/write";
export { validateStackJson, validateOutDir, formatProblem, type SchemaProblem } from "./schema-validation/validate";
