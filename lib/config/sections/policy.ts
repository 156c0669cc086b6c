// Compliance rule suppressions: accepted findings, each with a reason and an optional expiry date.
import { z } from "zod";
import { describeValue } from "../issues";
import { isIsoDate, RULE_ID_PATTERN, RULE_IDS } from "../../domain/compliance";
import { editDistance } from "../../domain/regions";
import { justification } from "./common";

function unknownRuleMessage(id: string): string {
  const closest = [...RULE_IDS].sort((a, b) => editDistance(id, a) - editDistance(id, b))[0];
  return `${JSON.stringify(id)} is not a rule of this version; did you mean ${closest}? (rules are listed in the README)`;
}

export const suppressionSchema = z
  .strictObject({
    rule: z
      .string()
      .regex(RULE_ID_PATTERN, { error: (iss) => `${describeValue(iss.input)} is not a rule id; use an id like TC-NET-001 (see the rule table in the README)` })
      .refine((id) => !RULE_ID_PATTERN.test(id) || RULE_IDS.includes(id), { error: (iss) => unknownRuleMessage(String(iss.input)) })
      .describe("Id of the compliance rule whose findings are accepted, e.g. TC-NET-001"),
    reason: justification.describe("Why the finding is accepted; shown in every compliance report. Mandatory."),
    expires: z
      .string()
      .refine(isIsoDate, { error: (iss) => `${describeValue(iss.input)} is not a date; use YYYY-MM-DD` })
      .optional()
      .describe("YYYY-MM-DD: from this day on the suppression stops working and the finding counts again. @default never"),
    resources: z
      .array(z.string().min(1))
      .min(1, { error: "is empty; list Terraform addresses or construct paths, or omit the field" })
      .optional()
      .describe("Terraform addresses or construct paths (prefix match) the suppression is limited to. @default every resource in scope"),
  })
  .describe("Suppresses one compliance rule: top level for the whole estate, or inside a namespace for that namespace only.");

export type SuppressionConfig = z.infer<typeof suppressionSchema>;
