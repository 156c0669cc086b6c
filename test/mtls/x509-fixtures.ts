// Real CA certificates made with the openssl CLI for the bring-your-own-CA tests.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { tempDir } from "../helpers";

const CONFIG = `
[req]
distinguished_name = dn
prompt = no
[dn]
[ca_ext]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[leaf_ext]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = clientAuth
[ca]
default_ca = tc
[tc]
database = DIR/index.txt
serial = DIR/serial
new_certs_dir = DIR
default_md = sha256
policy = pol
unique_subject = no
[pol]
commonName = supplied
`;

export interface X509Fixtures {
  readonly dir: string;
  readonly good: string;
  readonly goodRsa: string;
  readonly expired: string;
  readonly nonCa: string;
  readonly sha1: string;
  readonly rsa1024: string;
  readonly expiringIn10Days: string;
}

/** Generates one certificate per case into a fresh folder and returns the file paths. */
export function makeX509Fixtures(): X509Fixtures {
  const dir = tempDir("tcg-x509-");
  const cnf = path.join(dir, "openssl.cnf");
  fs.writeFileSync(cnf, CONFIG.replace(/DIR/g, dir));
  fs.writeFileSync(path.join(dir, "index.txt"), "");
  fs.writeFileSync(path.join(dir, "serial"), "01\n");
  const openssl = (...args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: "pipe" });
  const selfSigned = (name: string, key: string[], opts: { days?: number; md?: string; ext?: string } = {}) => {
    const file = path.join(dir, `${name}.pem`);
    openssl("req", "-config", cnf, "-x509", "-nodes", ...key, "-keyout", path.join(dir, `${name}.key`), "-subj", `/O=Test Corp/CN=${name}`,
      "-days", String(opts.days ?? 365), `-${opts.md ?? "sha384"}`, "-extensions", opts.ext ?? "ca_ext", "-out", file);
    return file;
  };
  const ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-384"];
  const expired = path.join(dir, "expired-ca.pem");
  openssl("req", "-config", cnf, "-new", "-nodes", ...ec, "-keyout", path.join(dir, "expired-ca.key"), "-subj", "/O=Test Corp/CN=expired-ca", "-out", path.join(dir, "expired-ca.csr"));
  openssl("ca", "-batch", "-config", cnf, "-selfsign", "-keyfile", path.join(dir, "expired-ca.key"), "-in", path.join(dir, "expired-ca.csr"),
    "-startdate", "20200101000000Z", "-enddate", "20210101000000Z", "-extensions", "ca_ext", "-notext", "-out", expired);
  return {
    dir,
    good: selfSigned("good-ca", ec),
    goodRsa: selfSigned("good-rsa-ca", ["-newkey", "rsa:2048"], { md: "sha256" }),
    expired,
    nonCa: selfSigned("leaf-cert", ec, { ext: "leaf_ext" }),
    sha1: selfSigned("sha1-ca", ["-newkey", "rsa:2048"], { md: "sha1" }),
    rsa1024: selfSigned("rsa1024-ca", ["-newkey", "rsa:1024"], { md: "sha256" }),
    expiringIn10Days: selfSigned("short-ca", ec, { days: 10 }),
  };
}
