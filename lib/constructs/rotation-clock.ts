// The clock every rotation generation is computed from, declared once per stack: the Terraform variable
// `rotation_clock` (empty by default, meaning the plan's own timestamp) and the local that picks between the
// two. Setting the variable moves rotation through time for a rehearsal or a test; its value is data compared
// and parsed by Terraform, never spliced into an expression.
import type { Construct } from "constructs";
import { TerraformLocal, TerraformStack, TerraformVariable } from "cdktf";

/** Name of the variable and of the local holding the effective clock. */
export const ROTATION_CLOCK = "rotation_clock";

/** The Terraform expression (without `${}`) of the effective clock, an RFC 3339 string. */
export const ROTATION_CLOCK_REF = `local.${ROTATION_CLOCK}`;

const declared = new WeakMap<TerraformStack, TerraformLocal>();

/**
 * Declares `variable "rotation_clock"` and `local.rotation_clock` in the stack of `scope` (once) and returns
 * the reference to use inside an expression.
 */
export function rotationClock(scope: Construct): string {
  const stack = TerraformStack.of(scope);
  if (!declared.has(stack)) {
    const variable = new TerraformVariable(stack, ROTATION_CLOCK, {
      type: "string",
      default: "",
      nullable: false,
      description: "RFC 3339 time that rotation treats as now (rehearsals and tests); empty means the plan's timestamp",
      validation: [{
        // formatdate accepts exactly the RFC 3339 timestamps Terraform's time functions take.
        condition: `\${var.${ROTATION_CLOCK} == "" || can(formatdate("YYYY", var.${ROTATION_CLOCK}))}`,
        errorMessage: `rotation_clock must be empty (use the plan's timestamp) or an RFC 3339 time such as "2027-03-01T00:00:00Z".`,
      }],
    });
    variable.overrideLogicalId(ROTATION_CLOCK);
    // A plan whose clock is not its own time says so: a moved clock in a real pipeline rotates early or late.
    stack.addOverride(`check.${ROTATION_CLOCK}`, {
      assert: [{
        // HCL's || evaluates both sides: compare the local, which is always a valid time.
        condition: `\${timecmp(${ROTATION_CLOCK_REF}, timeadd(plantimestamp(), "1h")) < 0 && timecmp(${ROTATION_CLOCK_REF}, timeadd(plantimestamp(), "-1h")) > 0}`,
        error_message: `rotation_clock is \${var.${ROTATION_CLOCK}}, not this plan's time (\${plantimestamp()}): every key and CA generation in this plan follows it. Use it only for rehearsals and tests; leave it empty in pipelines.`,
      }],
    });
    const local = new TerraformLocal(stack, `${ROTATION_CLOCK}-local`, `\${var.${ROTATION_CLOCK} == "" ? plantimestamp() : var.${ROTATION_CLOCK}}`);
    local.overrideLogicalId(ROTATION_CLOCK);
    declared.set(stack, local);
  }
  return ROTATION_CLOCK_REF;
}

/** The generation-number expression for a grid starting at `epochUnix` with generations of `periodHours`. */
export function generationExpression(scope: Construct, epochUnix: number, periodHours: number): string {
  return `\${floor((provider::time::rfc3339_parse(${rotationClock(scope)}).unix - ${epochUnix}) / ${periodHours * 3600})}`;
}
