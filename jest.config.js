/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  // The e2e suite (real terraform + emulator) runs with `npm run test:e2e` (jest.e2e.config.js), the jsii
  // suite (jsii, jsii-pacmak, Python) with `npm run test:jsii` (jest.jsii.config.js).
  testPathIgnorePatterns: ["/node_modules/", "<rootDir>/test/e2e/", "<rootDir>/test/jsii/"],
  transform: { "^.+\\.ts$": ["@swc/jest", { jsc: { target: "es2020" } }] },
  setupFilesAfterEnv: ["<rootDir>/test/setup.ts"],
  globalSetup: "<rootDir>/test/scratch-setup.js",
  globalTeardown: "<rootDir>/test/scratch-teardown.js",
  modulePathIgnorePatterns: ["<rootDir>/dist/", "<rootDir>/cdktf.out/"],
  testTimeout: 60000,
  reporters: ["default", "<rootDir>/test/summary-reporter.js"],
};
