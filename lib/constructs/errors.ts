// Construct props are validated in the constructor; all problems are reported together.

/** Thrown by a construct whose props break Temporal Cloud's rules. */
export class ConstructValidationError extends Error {
  constructor(public readonly constructPath: string, public readonly problems: readonly string[]) {
    super(`${constructPath}: invalid props:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConstructValidationError";
  }
}

/** Throws ConstructValidationError when `problems` (pairs of prop path and message) is not empty. */
export function throwIfProblems(constructPath: string, problems: ReadonlyArray<readonly [string, string]>): void {
  if (problems.length > 0) {
    throw new ConstructValidationError(constructPath, problems.map(([prop, message]) => `${prop}: ${message}`));
  }
}
