// The jsii shape check (test/lint/jsii-scan.ts) on its fixtures: every kind is flagged, in props and in class
// members (properties, getters, statics, return types) and what they reach; enums, maps, booleans, Date and
// plain unions pass; aliases and imported types hide nothing. The package itself is scanned from its
// compiled, installed declarations in test/package/pack.test.ts, with no allow-list.
import * as path from "node:path";
import { scanJsiiShapes } from "./jsii-scan";

const FIXTURES = path.join(__dirname, "fixtures").split(path.sep).join("/");
const inFixtures = (f: string) => f.startsWith(FIXTURES);

describe("the jsii shape scan", () => {
  describe("on props and method parameters", () => {
    const scan = scanJsiiShapes([`${FIXTURES}/jsii-unfriendly-props.ts`], { isApiFile: inFixtures, isOwnFile: inFixtures });

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

  describe("on class members and what they reach", () => {
    const entry = `${FIXTURES}/jsii-unfriendly-members.ts`;
    // jsii-reached.ts is not an API file: its class is walked only because a Widget method returns it.
    const scan = scanJsiiShapes([entry], { isApiFile: (f) => f === entry, isOwnFile: inFixtures });

    test("flags properties, getters, statics, protected members and return types of each kind; private and @internal members are not API", () => {
      expect(scan.offences).toEqual([
        "Box: generic",
        "IReader.read(): inline anonymous type",
        "LooseStruct.describe: method on a struct (name the interface IXxx)",
        "LooseStruct.name: mutable struct property (make it readonly)",
        "ReachedHelper#side: string-literal union",
        "Widget#both: intersection",
        "Widget#byName: ReadonlyMap (use an array or a string-keyed map)",
        "Widget#colour: string-literal union",
        "Widget#enabled: boolean literal",
        "Widget#figures: inline anonymous type",
        "Widget#first: generic method",
        "Widget#helperClass: constructor type",
        "Widget#hidden: Unlisted is not exported by the entries",
        "Widget#hue: Shade is not exported by the entries",
        "Widget#keyPair(): inline anonymous type",
        "Widget#level: number-literal union",
        "Widget#lookup: overloads (jsii takes one signature: optional parameters or two methods)",
        "Widget#mode: string-literal union",
        "Widget#onChange: function type (use an interface with a method)",
        "Widget#pending(): string-literal union",
        "Widget#regions: tuple",
        "Widget#serviceName: string literal",
        "Widget#state: string-literal union",
        "Widget.KIND: string literal",
        "Widget.constructor(colour): string-literal union",
        // A private parameter property is not a member, but callers still pass the parameter.
        "Widget.constructor(internalMode): string-literal union",
        "Widget.create(): tuple",
      ]);
    });

    test("the roots are the API file's exports; a class reached from them is walked but is no root", () => {
      expect(scan.roots).toEqual(["Box", "IReader", "LooseStruct", "Pair", "Widget"]);
    });

    test("exported functions and constants, which a jsii build skips, are listed apart", () => {
      expect(scan.ignored).toEqual(["DEFAULT_SPEED (const)", "makeWidget (function)"]);
    });

    test("a fixed class is clean: the same members with named structs, enums and arrays pass", () => {
      const fixed = `${FIXTURES}/jsii-friendly-members.ts`;
      const clean = scanJsiiShapes([fixed], { isApiFile: (f) => f === fixed, isOwnFile: inFixtures });
      expect(clean.offences).toEqual([]);
      expect(clean.roots).toEqual(["Availability", "CertificateAndKey", "FixedWidget", "IReader", "ReadResult"]);
    });
  });
});
