/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.ts$": ["@swc/jest", { jsc: { target: "es2020" } }] },
  setupFilesAfterEnv: ["<rootDir>/test/setup.ts"],
  modulePathIgnorePatterns: ["<rootDir>/dist/", "<rootDir>/cdktf.out/"],
  testTimeout: 60000,
  reporters: ["default", "<rootDir>/test/summary-reporter.js"],
};
