// Builds a stack with one RotatingCa, a namespace accepting its bundle and one client certificate.
import { assertValidConstructs } from "../../lib/constructs/errors";
import { constructStack, type SynthJson } from "../helpers";
import { RotatingCa, type RotatingCaProps } from "../../lib/constructs/rotating-ca";
import { ClientCertificate } from "../../lib/constructs/client-certificate";
import { SecureNamespace } from "../../lib/constructs/secure-namespace";

export function synthRotatingCa(props: Partial<RotatingCaProps> = {}): SynthJson {
  const { stack, synth } = constructStack();
  const ca = new RotatingCa(stack, "ca", { name: "orders", ...props });
  const ns = new SecureNamespace(stack, "ns", { name: "orders-dev", environment: "development", regions: ["aws-us-east-1"], acceptedClientCa: ca.bundleBase64 });
  new ClientCertificate(stack, "client", { ca, commonName: "worker.orders-dev", dependsOn: [ns.resource] });
  assertValidConstructs(stack);
  return synth();
}
