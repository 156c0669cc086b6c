/** The jsii suite: real jsii and jsii-pacmak build the package for other languages; a Python app uses it. */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test/jsii"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.ts$": ["@swc/jest", { jsc: { target: "es2020" } }] },
  setupFilesAfterEnv: ["<rootDir>/test/setup.ts"],
  globalSetup: "<rootDir>/test/scratch-setup.js",
  globalTeardown: "<rootDir>/test/scratch-teardown.js",
  modulePathIgnorePatterns: ["<rootDir>/dist/", "<rootDir>/cdktf.out/"],
  testTimeout: 900000,
  maxWorkers: 1,
  reporters: ["default", "<rootDir>/test/summary-reporter.js"],
};
