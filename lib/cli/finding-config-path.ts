// Compliance findings name a Terraform address; the user edits the config. This maps a finding back to the
// config path that produced it: the namespace's entry, and the setting when the attribute has one.
import type { Finding } from "../policy/types";

/** Terraform attribute (prefix) of a namespace-level resource → the config setting that decides it. */
const SETTING_OF_ATTRIBUTE: readonly (readonly [RegExp, string])[] = [
  [/^namespace_lifecycle\.enable_delete_protection/, "deleteProtection"],
  [/^lifecycle\.prevent_destroy/, "preventDestroy"],
  [/^retention_days/, "retentionDays"],
  [/^connectivity_rule_ids/, "connectivity"],
  [/^codec_server/, "codecServer"],
  [/^certificate_filters/, "certificateFilters"],
  [/^accepted_client_ca/, "auth.mtls"],
  [/^api_key_auth/, "auth.apiKey"],
  [/^regions/, "regions"],
  [/^tags/, "tags"],
];

export interface NamespaceIndex {
  readonly name: string;
  readonly index: number;
}

/** `namespaces[2].deleteProtection`, `namespaces[2]`, or undefined for findings about the estate as a whole. */
export function configPathOf(finding: Finding, namespaces: readonly NamespaceIndex[]): string | undefined {
  const [first] = finding.namespaces;
  const ns = first === undefined ? undefined : namespaces.find((n) => n.name === first);
  if (!ns) return undefined;
  const setting = finding.attribute ? SETTING_OF_ATTRIBUTE.find(([pattern]) => pattern.test(finding.attribute as string))?.[1] : undefined;
  return `namespaces[${ns.index}]${setting ? `.${setting}` : ""}`;
}

/** One line per active error finding: config path first, then rule, resource, message and fix. */
export function configLines(findings: readonly Finding[], namespaces: readonly NamespaceIndex[]): string[] {
  return findings.filter((f) => f.severity === "error").map((f) => {
    const where = configPathOf(f, namespaces) ?? "(estate)";
    const ns = f.namespaces[0] ? ` (${f.namespaces[0]})` : "";
    return `  ${where}${ns}: ${f.ruleId} ${f.message}; fix: ${f.fix} [${f.address}${f.attribute ? ` ${f.attribute}` : ""}]`;
  });
}
