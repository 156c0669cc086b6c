// Fixtures for rule tests: stacks built from the raw generated bindings, evaluated with a fixed clock.
import * as fs from "node:fs";
import * as path from "node:path";
import { X509Certificate } from "node:crypto";
import { Testing, TerraformStack } from "cdktf";
import { TemporalcloudProvider } from "../../lib/providers/temporalcloud/provider";
import { Namespace, type NamespaceConfig } from "../../lib/providers/temporalcloud/namespace";
import { TerraformModel, type ModelOptions } from "../../lib/analysis/model";
import { evaluate, type EvaluateOptions } from "../../lib/policy/engine";
import type { ComplianceReport, Finding, Rule } from "../../lib/policy/types";
import { REPO_ROOT } from "../helpers";

export const NOW = new Date("2026-06-01T00:00:00Z");
export const CERTS = path.join(__dirname, "certs");
export const pem = (file: string) => fs.readFileSync(path.isAbsolute(file) ? file : path.join(CERTS, file), "utf8");
export const PROD_CA = pem(path.join(REPO_ROOT, "examples/certs/prod-ca.pem"));
export const DEV_CA = pem(path.join(REPO_ROOT, "examples/certs/dev-ca.pem"));
export const b64 = (...pems: string[]) => Buffer.from(pems.map((p) => p.trim() + "\n").join(""), "utf8").toString("base64");
export const notAfter = (p: string) => new Date(new X509Certificate(p).validTo);

export function newStack(): TerraformStack {
  const stack = new TerraformStack(Testing.app(), "fixture");
  new TemporalcloudProvider(stack, "temporalcloud", {});
  return stack;
}

/** A raw temporalcloud_namespace with compliant production settings unless overridden. */
export function namespace(stack: TerraformStack, id: string, props: Partial<NamespaceConfig> = {}): Namespace {
  return new Namespace(stack, id, {
    name: id,
    regions: ["aws-us-east-1"],
    retentionDays: 14,
    apiKeyAuth: true,
    namespaceLifecycle: { enableDeleteProtection: true },
    lifecycle: { preventDestroy: true },
    connectivityRuleIds: ["rule-private-1"],
    ...props,
  });
}

/** Runs `rules` (default: all) over the stack. */
export function check(stack: TerraformStack, rules?: readonly Rule[], options: ModelOptions & EvaluateOptions = {}): ComplianceReport {
  return evaluate(TerraformModel.fromStack(stack, { now: NOW, ...options }), { rules, ...options });
}

/** Active findings of one rule. */
export function findingsOf(report: ComplianceReport, rule: Rule): Finding[] {
  return report.findings.filter((f) => f.ruleId === rule.id);
}
