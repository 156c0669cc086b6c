// What the test toolchain builds and where it lives; read by scripts/providers.ts and by the e2e suite.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export interface BuildCandidate {
  /** Provider version this build is (what Terraform sees). */
  readonly version: string;
  /** Version string for the Go module proxy (a tag, or the release tag's commit as a pseudo-version). */
  readonly goVersion: string;
  readonly note?: string;
}

export interface ProviderSpec {
  readonly name: string;
  /** Fully qualified source address, as in the lock file. */
  readonly source: string;
  /** Version the synthesized stacks pin in `required_providers`. */
  readonly pinned: string;
  readonly module: string;
  /** Tried in order; the first the proxy serves is built. The pinned version comes first when its commit is known. */
  readonly candidates: readonly BuildCandidate[];
  /** Only built with `--cloud` (aws, google: long builds). */
  readonly cloud?: boolean;
  /** What the proxy does serve when no candidate is buildable (part of the reason the e2e suite reports). */
  readonly unavailable?: string;
}

export const PROVIDERS: readonly ProviderSpec[] = [
  {
    name: "temporalcloud",
    source: "registry.terraform.io/temporalio/temporalcloud",
    pinned: "1.5.0",
    module: "github.com/temporalio/terraform-provider-temporalcloud",
    candidates: [
      { version: "1.5.0", goVersion: "v1.5.0" },
      {
        version: "1.3.0",
        goVersion: "v1.3.0",
        note: "v1.5.0 (and v1.3.1-v1.4.x) are not served by the Go module proxy here; v1.3.0 is the newest that is. Features added after it are listed in test/e2e/provider-gaps.json.",
      },
    ],
  },
  {
    name: "tls",
    source: "registry.terraform.io/hashicorp/tls",
    pinned: "4.1.0",
    module: "github.com/hashicorp/terraform-provider-tls",
    // Go ignores the v4 tags (no /v4 in the module path): tag v4.1.0 is commit eefba144662d.
    candidates: [{ version: "4.1.0", goVersion: "v1.2.1-0.20250423195406-eefba144662d" }],
  },
  {
    name: "time",
    source: "registry.terraform.io/hashicorp/time",
    pinned: "0.13.1",
    module: "github.com/hashicorp/terraform-provider-time",
    candidates: [{ version: "0.13.1", goVersion: "v0.13.1" }],
  },
  {
    name: "aws",
    source: "registry.terraform.io/hashicorp/aws",
    pinned: "6.25.0",
    module: "github.com/hashicorp/terraform-provider-aws",
    // The proxy here serves one aws build: commit 5f2286d6d836 (version file 6.47.1), not tag v6.25.0.
    candidates: [
      {
        version: "6.47.1",
        goVersion: "v1.60.1-0.20260602190131-5f2286d6d836",
        note: "v6.25.0 is not served by the Go module proxy here; 6.47.1 is the only aws build it serves.",
      },
    ],
    cloud: true,
  },
  {
    name: "google",
    source: "registry.terraform.io/hashicorp/google",
    pinned: "6.50.0",
    module: "github.com/hashicorp/terraform-provider-google",
    // Tag v6.50.0 is commit 956f510990a7 (2025-09-19).
    candidates: [{ version: "6.50.0", goVersion: "v1.20.1-0.20250919180509-956f510990a7" }],
    cloud: true,
    // Checked 2026-12-01: the proxy's version list has v1.20.0 (the provider's 1.x era) and one pseudo-version,
    // commit f3721fb45fa3 of 2026-08-28, whose CHANGELOG starts at 8.0.0: two majors above the pin.
    unavailable: "the proxy serves only commit f3721fb45fa3 (google 8.0.x, two majors above the 6.50.0 pin; not built)",
  },
];

/** OpenTofu, built from its Go module when no tofu ≥ 1.10 is on PATH; the e2e suite runs with it too. */
export const OPENTOFU = {
  module: "github.com/opentofu/opentofu",
  goVersion: "v1.10.7",
  /** Main package inside the module. */
  main: "./cmd/tofu",
  /** Without it the binary calls itself "<version>-dev". */
  ldflags: "-X github.com/opentofu/opentofu/version.dev=no",
  minimum: [1, 10],
} as const;

/**
 * Registry hosts a provider address without host resolves to: `temporalio/temporalcloud` is
 * registry.terraform.io/… for terraform and registry.opentofu.org/… for tofu, so the mirror serves both.
 */
export const REGISTRY_HOSTS = ["registry.terraform.io", "registry.opentofu.org"] as const;

/** `${XDG_CACHE_HOME:-$HOME/.cache}/temporal-cloud-guardrails`, or TCG_TOOLCHAIN_DIR. */
export function toolchainDir(): string {
  if (process.env.TCG_TOOLCHAIN_DIR) return path.resolve(process.env.TCG_TOOLCHAIN_DIR);
  const cache = process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache");
  return path.join(cache, "temporal-cloud-guardrails");
}

export interface BuiltProvider {
  readonly source: string;
  readonly pinned: string;
  /** The version really built: differs from `pinned` when the proxy does not serve the pinned one. */
  readonly built: string;
  readonly module: string;
  readonly binary: string;
  /** 0 when taken from the cache. */
  readonly buildSeconds: number;
  readonly note?: string;
}

export interface ToolchainManifest {
  readonly terraform: { readonly path: string; readonly version: string };
  /** OpenTofu, when it was found or built (the e2e suite then runs a second time with it). */
  readonly tofu?: { readonly path: string; readonly version: string };
  readonly cliConfig: string;
  readonly providers: Record<string, BuiltProvider>;
  /** Optional providers that could not be built, with the reason. */
  readonly missing: Record<string, string>;
  /** The local AWS API emulator (moto's server mode; scripts/moto.ts), installed by `--cloud` only. */
  readonly moto?: { readonly version: string; readonly python: string };
}

/**
 * The manifest `npm run providers` wrote, or undefined when it has not run: the one `npm test` pinned in
 * TCG_MANIFEST (its own set, whatever other checkouts build meanwhile), else the latest run's.
 */
export function readManifest(): ToolchainManifest | undefined {
  const file = process.env.TCG_MANIFEST || path.join(toolchainDir(), "manifest.json");
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as ToolchainManifest) : undefined;
}
