// Split estates: which Terraform stack (its own state, applied on its own) each namespace and shared part
// goes into. The placement itself is decided once in resolve (lib/config/stack-plan.ts).
import { z } from "zod";
import { describeValue } from "../issues";

/** A stack id: also a folder name under cdktf.out/stacks and part of state keys. */
export const stackName = z.string().regex(/^[a-z][a-z0-9-]{0,62}$/, {
  error: (iss) => `${describeValue(iss.input)} is not a valid stack name; use 1-63 lowercase letters, digits and hyphens, starting with a letter`,
});

export const stacksSchema = z
  .strictObject({
    by: z.enum(["environment", "namespace"], {
      error: (iss) => `${describeValue(iss.input)} is not a way to split; use "environment" (one stack per environment) or "namespace" (one stack per namespace)`,
    }).optional().describe("environment: one stack per environment, named <name>-<environment> unless names or a namespace's stack: says otherwise; namespace: one stack per namespace, named <name>-<namespace> unless its stack: says otherwise. Without by, every namespace names its stack. @default none"),
    names: z.strictObject({
      development: stackName.optional(),
      staging: stackName.optional(),
      production: stackName.optional(),
    }).optional().describe("Stack name per environment (by: environment). @default <name>-<environment>"),
    shared: stackName.optional()
      .describe("Stack for account-wide parts (audit-log sink, metrics, custom roles, deploy identity) and for CAs, private endpoints and the public rule used by namespaces of several stacks; applied first. @default <name>-shared"),
    access: stackName.optional()
      .describe("Stack for service accounts and groups with access to namespaces of several stacks; applied last. @default <name>-access"),
  })
  .optional()
  .describe("Split the estate into several Terraform stacks with cross-stack references (each stack its own state). @default one stack");

export type StacksConfig = z.infer<typeof stacksSchema>;
