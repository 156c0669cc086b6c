// Private connectivity for a namespace (private-networking issue).
import { notBuiltYet } from "./common";

export const connectivitySchema = notBuiltYet("connectivity (PrivateLink / Private Service Connect)");
