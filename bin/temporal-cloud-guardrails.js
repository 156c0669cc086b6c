#!/usr/bin/env node
// In a checkout the TypeScript sources run through tsx; an installed package runs its compiled dist/.
process.env.CHECKPOINT_DISABLE = process.env.CHECKPOINT_DISABLE || "1";
const fs = require("node:fs");
const path = require("node:path");

const source = path.join(__dirname, "..", "lib", "cli", "main.ts");
let cli;
if (fs.existsSync(source)) {
  require("tsx/cjs/api").register();
  cli = require(source);
} else {
  cli = require(path.join(__dirname, "..", "dist", "lib", "cli", "main.js"));
}
cli.main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
