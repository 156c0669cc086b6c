// API errors carry the gRPC status code the real Cloud Operations API answers with.

/** gRPC status codes used by the emulator (numeric values from the gRPC spec). */
export const Code = {
  INVALID_ARGUMENT: 3,
  NOT_FOUND: 5,
  ALREADY_EXISTS: 6,
  PERMISSION_DENIED: 7,
  FAILED_PRECONDITION: 9,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
  UNAUTHENTICATED: 16,
} as const;

export type CodeValue = (typeof Code)[keyof typeof Code];

export class ApiError extends Error {
  constructor(readonly code: CodeValue, message: string) {
    super(message);
    this.name = "ApiError";
  }
}

export const invalid = (message: string) => new ApiError(Code.INVALID_ARGUMENT, message);
export const notFound = (message: string) => new ApiError(Code.NOT_FOUND, message);
export const alreadyExists = (message: string) => new ApiError(Code.ALREADY_EXISTS, message);
export const failedPrecondition = (message: string) => new ApiError(Code.FAILED_PRECONDITION, message);

/** Throws InvalidArgument listing every problem at once when there are any. */
export function rejectAll(problems: readonly string[]): void {
  if (problems.length > 0) throw invalid(problems.join("; "));
}

export function codeName(code: number): string {
  const entry = Object.entries(Code).find(([, v]) => v === code);
  return entry ? entry[0] : code === 0 ? "OK" : String(code);
}
