// What `npm run test:e2e:cloud` knows about the aws side: which aws provider really runs, and what moto
// cannot do (a stack using one of these is planned by the real provider but not applied).
import type { ToolchainManifest } from "../../scripts/toolchain";

/**
 * aws resource types moto's server mode does not implement well enough for a real `terraform apply` and
 * re-plan, each with what fails. Found by applying every example against moto (docs/testing.md).
 */
export const MOTO_GAPS: Readonly<Record<string, string>> = {};

/** `<type>: <reason>` for each moto gap the stack uses. */
export function motoGapsOf(json: Record<string, unknown>): string[] {
  const types = [...Object.keys((json.resource ?? {}) as object), ...Object.keys((json.data ?? {}) as object).map((t) => `data.${t}`)];
  return types.filter((t) => MOTO_GAPS[t]).sort().map((t) => `${t}: ${MOTO_GAPS[t]}`);
}

/** Which aws provider runs, said in every aws test's name: the build differs from the stacks' pin. */
export function awsPinNote(manifest: ToolchainManifest): string {
  const aws = manifest.providers.aws;
  if (!aws) return "no aws provider built";
  return aws.built === aws.pinned ? `aws ${aws.built}` : `aws ${aws.built} built, stacks pin ${aws.pinned}: run through dev_overrides`;
}
