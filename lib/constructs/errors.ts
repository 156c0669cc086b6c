// Construct props are checked with node.addValidation, the cdktf way: App.synth (and synthesizeEstate) run
// the checks of every construct and report every problem at once, each under its construct path.
import type { IConstruct } from "constructs";

/** One problem of one construct. */
export interface ConstructProblem {
  readonly constructPath: string;
  /** `prop: message`. */
  readonly problem: string;
}

/** Every prop problem of every construct in a tree, reported together. */
export class ConstructValidationError extends Error {
  /** Path of the first construct with problems. */
  public readonly constructPath: string;
  /** The problems as `prop: message`, in construct order. */
  public readonly problems: readonly string[];
  public readonly constructProblems: readonly ConstructProblem[];

  constructor(problems: readonly ConstructProblem[]) {
    const lines = problems.map((p) => `  - ${p.constructPath}: ${p.problem}`);
    super(`invalid construct props (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n${lines.join("\n")}`);
    this.name = "ConstructValidationError";
    this.constructPath = problems[0]?.constructPath ?? "";
    this.problems = problems.map((p) => p.problem);
    this.constructProblems = problems;
  }
}

const checked = new WeakSet<IConstruct>();

/**
 * Registers `problems` (pairs of prop path and message) as a validation of `construct`. The construct keeps
 * building; synth reports the problems (cdktf's validation phase, or assertValidConstructs).
 */
export function addProblems(construct: IConstruct, problems: ReadonlyArray<readonly [string, string]>): void {
  if (problems.length === 0) return;
  checked.add(construct);
  const messages = problems.map(([prop, message]) => `${prop}: ${message}`);
  construct.node.addValidation({ validate: () => messages });
}

/**
 * Registers a check that runs at synth, for constructs whose props grow after construction (addWorker,
 * addSearchAttribute, grants): the problems are those of the final props.
 */
export function addDeferredProblems(construct: IConstruct, problems: () => ReadonlyArray<readonly [string, string]>): void {
  checked.add(construct);
  construct.node.addValidation({ validate: () => problems().map(([prop, message]) => `${prop}: ${message}`) });
}

/** The problems of every construct under `scope` that registered prop checks, in tree order. */
export function constructProblems(scope: IConstruct): ConstructProblem[] {
  return scope.node.findAll()
    .filter((c) => checked.has(c))
    .flatMap((c) => c.node.validate().map((problem) => ({ constructPath: c.node.path, problem })));
}

/** Throws one ConstructValidationError with every problem under `scope`; for synths that skip cdktf's validation. */
export function assertValidConstructs(scope: IConstruct): void {
  const problems = constructProblems(scope);
  if (problems.length > 0) throw new ConstructValidationError(problems);
}

/**
 * For props that contradict the types (possible only from untyped code, e.g. neither of two required
 * alternatives): the construct cannot be built at all, so it stops here with the same error.
 */
export function throwIfUnbuildable(construct: IConstruct, problems: ReadonlyArray<readonly [string, string]>): void {
  if (problems.length > 0) {
    throw new ConstructValidationError(problems.map(([prop, message]) => ({ constructPath: construct.node.path, problem: `${prop}: ${message}` })));
  }
}
