// Builds a stack with one RotatingCa, a namespace accepting its bundle, one client certificate and the worker
// secret holding it (as the estate's mTLS feature does).
import { Fn } from "cdktf";
import { assertValidConstructs } from "../../lib/constructs/errors";
import { constructStack, type SynthJson } from "../helpers";
import { RotatingCa, type RotatingCaProps } from "../../lib/constructs/rotating-ca";
import { ClientCertificate } from "../../lib/constructs/client-certificate";
import { SecureNamespace } from "../../lib/constructs/secure-namespace";
import { WorkerSecret } from "../../lib/constructs/worker-secret";
import { Environment } from "../../lib/domain/environments";

export function synthRotatingCa(props: Partial<RotatingCaProps> = {}): SynthJson {
  const { stack, synth } = constructStack();
  const ca = new RotatingCa(stack, "ca", { name: "orders", ...props });
  const ns = new SecureNamespace(stack, "ns", { name: "orders-dev", environment: Environment.DEVELOPMENT, regions: ["aws-us-east-1"], acceptedClientCa: ca.bundleBase64 });
  const cert = new ClientCertificate(stack, "client", { ca, commonName: "worker.orders-dev", dependsOn: [ns.resource] });
  new WorkerSecret(stack, "client-secret", {
    secretName: "temporal/orders-dev/worker/mtls",
    target: { aws: { region: "us-east-1" } },
    reader: { awsRoleArn: "arn:aws:iam::123456789012:role/worker" },
    value: Fn.jsonencode({ certificate_pem: cert.certPem, private_key_pem: cert.privateKeyPem }),
  });
  assertValidConstructs(stack);
  return synth();
}
