// lib/entries/jsii.ts lists lib/domain module by module (to leave out CaInspection); a module added to
// lib/domain/index.ts but not to the jsii entry would silently be missing in other languages.
import * as fs from "node:fs";
import * as path from "node:path";

const LIB = path.join(__dirname, "..", "..", "lib");
const read = (file: string) => fs.readFileSync(path.join(LIB, file), "utf8");
const modules = (text: string, prefix: string) =>
  [...text.matchAll(new RegExp(`from "${prefix.replace(/[./]/g, "\\$&")}([\\w-]+)"`, "g"))].map((m) => m[1]);

test("the jsii entry exports every module lib/domain/index.ts exports", () => {
  const domain = modules(read("domain/index.ts"), "./");
  expect(domain.length).toBeGreaterThan(5);
  expect(new Set(modules(read("entries/jsii.ts"), "../domain/"))).toEqual(new Set(domain));
});
