// Compliance rule suppressions (compliance issue).
import { notBuiltYet } from "./common";

export const suppressionSchema = notBuiltYet("suppressions (compliance rule suppressions)");
