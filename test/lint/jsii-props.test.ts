// The jsii shape check (test/lint/jsii-scan.ts) on its fixture: every kind is flagged, enums, maps,
// booleans and plain unions pass, aliases and imported types hide nothing. The package itself is scanned
// from its compiled, installed declarations in test/package/pack.test.ts, with no allow-list.
import * as path from "node:path";
import { scanJsiiShapes } from "./jsii-scan";

const FIXTURES = path.join(__dirname, "fixtures");

describe("the jsii shape scan", () => {
  const fixture = path.join(FIXTURES, "jsii-unfriendly-props.ts");
  const scan = scanJsiiShapes([fixture], { isApiFile: (f) => f.startsWith(FIXTURES.split(path.sep).join("/")), isOwnFile: (f) => f.startsWith(FIXTURES.split(path.sep).join("/")) });

  test("flags each kind, behind aliases and imports too, and accepts enums, maps, booleans and plain unions", () => {
    expect(scan.offences).toEqual([
      "BadProps.aliased: string-literal union",
      "BadProps.both: intersection",
      "BadProps.imported: string-literal union",
      "BadProps.inline: inline anonymous type",
      "BadProps.literal: string-literal union",
      "BadProps.pair: tuple",
      "Hidden: string-literal union",
      "Nested.mode: string-literal union",
      "Thing#setMode(mode): string-literal union",
    ]);
  });

  test("the roots are the exported interfaces, aliases and classes", () => {
    expect(scan.roots).toEqual(["BadProps", "Hidden", "Nested", "Thing"]);
  });
});
