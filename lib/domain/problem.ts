// The one shape every rule returns: a path relative to what was checked, and a message with the value and the fix.

/** One problem: [relative path, message]. An empty list means valid. */
export type Problem = readonly [path: string, message: string];
