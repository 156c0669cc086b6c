/** End-to-end suite: real terraform + built providers + the emulator (`npm run providers` first). */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test/e2e"],
  testMatch: ["**/*.e2e.test.ts"],
  transform: { "^.+\\.ts$": ["@swc/jest", { jsc: { target: "es2020" } }] },
  setupFilesAfterEnv: ["<rootDir>/test/setup.ts"],
  globalSetup: "<rootDir>/test/scratch-setup.js",
  globalTeardown: "<rootDir>/test/scratch-teardown.js",
  modulePathIgnorePatterns: ["<rootDir>/dist/", "<rootDir>/cdktf.out/"],
  testTimeout: 600000,
  maxWorkers: 1,
  reporters: ["default", "<rootDir>/test/summary-reporter.js"],
};
