// Building blocks shared by the config sections.
import { z } from "zod";
import { describeValue } from "../issues";
import { allRegions, findRegion, unknownRegionMessage } from "../../domain/regions";
import type { Problem } from "../../domain/namespace-rules";

/** Applies a shared rule function (see namespace-rules.ts) as a zod check, keeping its paths and messages. */
export function withRule<T>(check: (value: T) => Problem[], stripPrefix?: string) {
  return (value: T, ctx: z.core.$RefinementCtx<T>) => {
    for (const [path, message] of check(value)) {
      const relative = stripPrefix && path.startsWith(stripPrefix) ? path.slice(stripPrefix.length).replace(/^\./, "") : path;
      ctx.addIssue({ code: "custom", message, path: relative ? splitPath(relative) : [] });
    }
  };
}

/** `a[2].b` → ["a", 2, "b"]. */
export function splitPath(path: string): PropertyKey[] {
  const out: PropertyKey[] = [];
  for (const part of path.split(".")) {
    const match = /^([^[]*)((?:\[\d+\])*)$/.exec(part);
    if (!match) {
      out.push(part);
      continue;
    }
    if (match[1]) out.push(match[1]);
    for (const index of match[2].matchAll(/\[(\d+)\]/g)) out.push(Number(index[1]));
  }
  return out;
}

/** A Temporal Cloud region code that must exist in the catalogue. */
export const regionCode = z
  .string()
  .refine((code) => findRegion(code) !== undefined, { error: (iss) => unknownRegionMessage(String(iss.input)) })
  .meta({
    description: "Temporal Cloud region code with its cloud prefix, e.g. aws-us-east-1",
    // Listed for editor autocompletion; validation above gives the friendlier error.
    enum: allRegions().map((r) => r.cloudApiCode),
  });

/** A DNS-label-like identifier used for worker and CA names. */
export const identifier = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,62}$/, {
    error: (iss) => `${describeValue(iss.input)} is not a valid name; use lowercase letters, digits and hyphens, starting with a letter (at most 63 characters)`,
  });

/** A free-text reason that a reviewer can read (suppressions, admin grants, weakened defaults). */
export const justification = z
  .string()
  .trim()
  .min(10, { error: "is too short to explain anything; write at least 10 characters saying why" });

/** A string checked by a domain value rule (cloud naming rules): the rule's message names the value and the fix. */
export function ruleString(problemOf: (value: string) => string | undefined, editorPattern?: RegExp) {
  const checked = z.string().superRefine((value, ctx) => {
    const message = problemOf(value);
    if (message) ctx.addIssue({ code: "custom", message });
  });
  // The pattern only helps editors (config.schema.json); the rule above decides and explains.
  return editorPattern ? checked.meta({ pattern: editorPattern.source }) : checked;
}
