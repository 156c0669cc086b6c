// Jest globalSetup/globalTeardown: every temporary folder a test run creates (os.tmpdir() in the tests, and
// the terraform, emulator and moto processes they start) goes under one scratch folder per run, removed at
// the end, so repeated runs on a CI machine do not fill /tmp. TCG_KEEP_SCRATCH=1 keeps it for debugging.
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const KEY = "TCG_SCRATCH_DIR";

async function setup() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tcg-jest-"));
  process.env[KEY] = dir;
  // Node's os.tmpdir() reads TMPDIR on every call, and workers and child processes inherit the environment.
  process.env.TMPDIR = dir;
}

async function teardown() {
  const dir = process.env[KEY];
  if (!dir) return;
  if (process.env.TCG_KEEP_SCRATCH === "1") {
    console.log(`scratch kept: ${dir}`);
    return;
  }
  fs.rmSync(dir, { recursive: true, force: true });
}

module.exports = { setup, teardown };
