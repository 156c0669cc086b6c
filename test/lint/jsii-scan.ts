// The jsii shape check, shared by test/lint/jsii-props.test.ts (its fixtures) and test/package/pack.test.ts
// (the compiled declarations a consumer installs). From the exports of the given entry files it takes every
// interface, type alias and class declared in an "API" file and walks what a jsii build would carry: struct
// and interface members, and of each class its constructor and method parameters (what a caller passes in),
// its public and protected properties and getters, and its method return types (what a caller gets back).
// Our own interfaces and classes reached from there are walked too, wherever they are declared.
// It reports each place whose type a jsii build could not carry: string/number/boolean literals and literal
// unions (use an enum), tuples (name a struct or use an array), intersections, inline anonymous object types
// and mapped types (name the struct), function and constructor types (use an interface with a method),
// Map/Set/bigint/symbol, generics and overloads; structs (interfaces not named IXxx) with methods or mutable
// properties; and own types the entries do not export. The compiler resolves aliases and imports, so a union
// behind a type alias or an imported type is seen where it is used.
import * as ts from "typescript";

export interface JsiiScan {
  /** The API types scanned, by name. */
  readonly roots: string[];
  /** `Where: kind`, sorted. `Class#prop` is an instance member, `Class.prop` a static one, `Class#m(p)` a
   * parameter and `Class#m()` the return type of method `m`. */
  readonly offences: string[];
  /** Functions and constants the API files export, as `name (function|const)`, sorted: a jsii build skips
   * them ("cannot be represented in the jsii type model"), so other languages do not see them. */
  readonly ignored: string[];
}

export interface ScanScope {
  /** Files whose exported declarations are API roots (e.g. `dist/lib/constructs/`). */
  readonly isApiFile: (fileName: string) => boolean;
  /** Files whose structs are followed (our own declarations); everything else is opaque. */
  readonly isOwnFile: (fileName: string) => boolean;
}

const isEnumish = (t: ts.Type) => (t.flags & (ts.TypeFlags.EnumLiteral | ts.TypeFlags.Enum)) !== 0;
const isPlainStringLiteral = (t: ts.Type) => t.isStringLiteral() && !isEnumish(t);
const isPlainNumberLiteral = (t: ts.Type) => t.isNumberLiteral() && !isEnumish(t);
const isBooleanLiteral = (t: ts.Type) => (t.flags & ts.TypeFlags.BooleanLiteral) !== 0;
/** Built-in collections jsii has no mapping for (it knows arrays and string-keyed maps). */
const COLLECTIONS = new Set(["Map", "ReadonlyMap", "Set", "ReadonlySet", "WeakMap", "WeakSet"]);
/** jsii's rule: an interface named `IXxx` is behavioural, anything else is a struct (data, passed by value). */
const isBehaviouralName = (name: string) => /^I[A-Z]/.test(name);

function isInternal(decl: ts.Node): boolean {
  return ts.getJSDocTags(decl).some((tag) => tag.tagName.text === "internal");
}

function hidden(decl: ts.Declaration): boolean {
  const modifiers = ts.getCombinedModifierFlags(decl);
  const name = ts.getNameOfDeclaration(decl);
  return (modifiers & ts.ModifierFlags.Private) !== 0 || (name !== undefined && ts.isPrivateIdentifier(name)) || isInternal(decl);
}

class Scanner {
  readonly out = new Set<string>();
  private readonly seen = new Set<ts.Type>();
  private readonly classes = new Set<ts.Symbol>();
  private readonly walking = new Set<ts.Type>();

  constructor(private readonly checker: ts.TypeChecker, private readonly scope: ScanScope, private readonly exported: ReadonlySet<ts.Symbol>) {}

  private fileOf(type: ts.Type): string | undefined {
    return (type.aliasSymbol ?? type.getSymbol())?.declarations?.[0]?.getSourceFile().fileName;
  }

  private own(type: ts.Type): boolean {
    const file = this.fileOf(type);
    return file !== undefined && this.scope.isOwnFile(file);
  }

  private flag(where: string, kind: string): void {
    this.out.add(`${where}: ${kind}`);
  }

  type(type: ts.Type, where: string): void {
    // Recursive aliases (`type Json = string | Json[]`) come back to a type being walked.
    if (this.walking.has(type)) return;
    this.walking.add(type);
    try {
      this.walk(type, where);
    } finally {
      this.walking.delete(type);
    }
  }

  private walk(type: ts.Type, where: string): void {
    if (isEnumish(type)) {
      this.mustBeExported(type.getSymbol(), type, where);
      return;
    }
    // A type parameter (`T`, or strict mode's `T & {}`) is the generic, flagged where it is declared.
    if (type.flags & ts.TypeFlags.TypeParameter) return;
    if (type.isIntersection() && type.types.some((t) => t.flags & ts.TypeFlags.TypeParameter)) return;
    if (type.isUnion()) return this.union(type, where);
    const literal = this.literalKind(type);
    if (literal) return this.flag(where, literal);
    if (type.isIntersection()) return this.flag(where, "intersection");
    if (type.flags & ts.TypeFlags.BigIntLike) return this.flag(where, "bigint");
    if (type.flags & ts.TypeFlags.ESSymbolLike) return this.flag(where, "symbol");
    if (!(type.flags & ts.TypeFlags.Object)) return;
    this.object(type as ts.ObjectType, where);
  }

  private literalKind(type: ts.Type): string | undefined {
    if (isPlainStringLiteral(type)) return "string literal";
    if (isPlainNumberLiteral(type)) return "number literal";
    if (isBooleanLiteral(type)) return "boolean literal";
    return undefined;
  }

  private union(type: ts.UnionType, where: string): void {
    if (type.types.some(isPlainStringLiteral)) this.flag(where, "string-literal union");
    if (type.types.some(isPlainNumberLiteral)) this.flag(where, "number-literal union");
    // `boolean` is `true | false`; one of them alone is a literal.
    if (type.types.filter(isBooleanLiteral).length === 1) this.flag(where, "boolean literal");
    for (const member of type.types) if (this.literalKind(member) === undefined) this.type(member, where);
  }

  private object(type: ts.ObjectType, where: string): void {
    const { checker } = this;
    if (checker.isTupleType(type)) return this.flag(where, "tuple");
    if (checker.isArrayType(type)) return this.type(checker.getTypeArguments(type as ts.TypeReference)[0], `${where}[]`);
    const symbol = type.getSymbol();
    if (symbol && COLLECTIONS.has(symbol.name) && !this.own(type)) return this.flag(where, `${symbol.name} (use an array or a string-keyed map)`);
    if (symbol?.name === "Promise" && !this.own(type)) {
      const [value] = checker.getTypeArguments(type as ts.TypeReference);
      return value ? this.type(value, where) : undefined;
    }
    if (type.getCallSignatures().length > 0 && type.getProperties().length === 0) return this.flag(where, "function type (use an interface with a method)");
    if (type.getConstructSignatures().length > 0) return this.flag(where, "constructor type");
    const mapValue = checker.getIndexInfoOfType(type, ts.IndexKind.String);
    if (mapValue && type.getProperties().length === 0) return this.type(mapValue.type, `${where}{}`);
    const anonymous = (type.objectFlags & (ts.ObjectFlags.Anonymous | ts.ObjectFlags.Mapped)) !== 0;
    if (anonymous && (this.own(type) || this.fileOf(type) === undefined)) {
      this.flag(where, "inline anonymous type");
      this.members(type, where);
      return;
    }
    // Our own named interfaces and classes are followed and reported under their own name (each once);
    // everything else (cdktf, constructs, provider bindings, Date) is opaque.
    const decl = symbol?.declarations?.[0];
    if (!symbol || !decl || !this.own(type)) return;
    if (ts.isInterfaceDeclaration(decl)) {
      this.mustBeExported(symbol, type, where);
      this.interface(symbol, decl);
    } else if (ts.isClassDeclaration(decl)) {
      this.mustBeExported(symbol, type, where);
      this.klass(symbol, decl);
    }
  }

  private mustBeExported(symbol: ts.Symbol | undefined, type: ts.Type, where: string): void {
    if (!symbol || !this.own(type)) return;
    // An enum member's type is reached through its enum.
    const target = symbol.flags & ts.SymbolFlags.EnumMember ? (symbol as ts.Symbol & { parent?: ts.Symbol }).parent : symbol;
    if (target && !this.exported.has(target)) this.flag(where, `${target.name} is not exported by the entries`);
  }

  /** An interface root: jsii's struct rules (by name), generics, then its members. */
  interface(symbol: ts.Symbol, decl: ts.InterfaceDeclaration): void {
    const type = this.checker.getDeclaredTypeOfSymbol(symbol);
    if (this.seen.has(type)) return;
    if (decl.typeParameters?.length) this.flag(symbol.name, "generic");
    if (!isBehaviouralName(symbol.name)) {
      for (const prop of type.getProperties()) {
        const d = prop.valueDeclaration ?? prop.declarations?.[0];
        if (!d) continue;
        if (ts.isMethodSignature(d)) this.flag(`${symbol.name}.${prop.name}`, "method on a struct (name the interface IXxx)");
        else if (ts.isPropertySignature(d) && !(ts.getCombinedModifierFlags(d) & ts.ModifierFlags.Readonly)) this.flag(`${symbol.name}.${prop.name}`, "mutable struct property (make it readonly)");
      }
    }
    this.members(type, symbol.name);
  }

  /** The properties (and methods, for interfaces with them) of a struct or interface. */
  members(type: ts.Type, where: string): void {
    if (this.seen.has(type)) return;
    this.seen.add(type);
    for (const prop of type.getProperties()) {
      const decl = prop.valueDeclaration ?? prop.declarations?.[0];
      if (!decl) continue;
      if (ts.isMethodSignature(decl) || ts.isMethodDeclaration(decl)) {
        this.signatures(this.checker.getTypeOfSymbolAtLocation(prop, decl), `${where}.${prop.name}`);
        continue;
      }
      this.type(this.checker.getNonNullableType(this.checker.getTypeOfSymbolAtLocation(prop, decl)), `${where}.${prop.name}`);
    }
  }

  /** Each call signature's parameters (`where(p)`) and return type (`where()`). */
  signatures(fnType: ts.Type, where: string): void {
    const { checker } = this;
    if (fnType.getCallSignatures().length > 1) this.flag(where, "overloads (jsii takes one signature: optional parameters or two methods)");
    for (const sig of fnType.getCallSignatures()) {
      if (sig.getTypeParameters()?.length) this.flag(where, "generic method");
      for (const param of sig.getParameters()) {
        const decl = param.valueDeclaration ?? param.declarations?.[0];
        if (decl) this.type(checker.getNonNullableType(checker.getTypeOfSymbolAtLocation(param, decl)), `${where}(${param.name})`);
      }
      this.type(checker.getNonNullableType(checker.getReturnTypeOfSignature(sig)), `${where}()`);
    }
  }

  /**
   * A class: constructor parameters, and its own public and protected members (inherited ones are the
   * base's, which is walked in turn): properties and getters by type, methods by parameters and return.
   */
  klass(symbol: ts.Symbol, decl: ts.ClassDeclaration): void {
    if (this.classes.has(symbol)) return;
    this.classes.add(symbol);
    const { checker } = this;
    const name = symbol.name;
    if (decl.typeParameters?.length) this.flag(name, "generic");
    const ctorType = checker.getTypeOfSymbolAtLocation(symbol, decl);
    if (ctorType.getConstructSignatures().length > 1) this.flag(`${name}.constructor`, "overloads (jsii takes one signature: optional parameters or two methods)");
    for (const sig of ctorType.getConstructSignatures()) {
      for (const param of sig.getParameters()) {
        const p = param.valueDeclaration ?? param.declarations?.[0];
        if (p) this.type(checker.getNonNullableType(checker.getTypeOfSymbolAtLocation(param, p)), `${name}.constructor(${param.name})`);
      }
    }
    const instance = checker.getDeclaredTypeOfSymbol(symbol);
    for (const base of checker.getBaseTypes(instance as ts.InterfaceType)) this.type(base, `${name} extends`);
    this.classMembers(instance.getProperties(), decl, `${name}#`);
    this.classMembers(ctorType.getProperties().filter((p) => p.name !== "prototype"), decl, `${name}.`);
  }

  private classMembers(props: readonly ts.Symbol[], decl: ts.ClassDeclaration, prefix: string): void {
    const { checker } = this;
    for (const prop of props) {
      // Only members declared here (a parameter property's declaration sits in this class's constructor).
      const d = prop.valueDeclaration ?? prop.declarations?.[0];
      if (!d || (d.parent !== decl && d.parent?.parent !== decl) || hidden(d)) continue;
      // Members keyed by a unique symbol (`[APP_SCOPE_ASPECT]`) are no part of a jsii API.
      if (prop.escapedName.toString().startsWith("__@")) continue;
      const where = `${prefix}${prop.name}`;
      const type = checker.getTypeOfSymbolAtLocation(prop, d);
      if (ts.isMethodDeclaration(d)) this.signatures(type, where);
      else this.type(checker.getNonNullableType(type), where);
    }
  }
}

/** What the entries export, through `export * as name` namespaces too (jsii's submodules). */
function exportedSymbols(checker: ts.TypeChecker, modules: readonly ts.Symbol[]): { roots: Set<ts.Symbol>; all: Set<ts.Symbol> } {
  const roots = new Set<ts.Symbol>();
  const all = new Set<ts.Symbol>();
  const visit = (moduleSymbol: ts.Symbol, top: boolean) => {
    for (const exported of checker.getExportsOfModule(moduleSymbol)) {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      if (all.has(symbol)) continue;
      all.add(symbol);
      if (top) roots.add(symbol);
      if (symbol.flags & ts.SymbolFlags.ValueModule) visit(symbol, false);
    }
  };
  for (const moduleSymbol of modules) visit(moduleSymbol, true);
  return { roots, all };
}

/** Scans the API roots exported by `entries` (source or declaration files). */
export function scanJsiiShapes(entries: readonly string[], scope: ScanScope): JsiiScan {
  const program = ts.createProgram([...entries], {
    strict: true, target: ts.ScriptTarget.ES2020, module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10,
    resolveJsonModule: true, esModuleInterop: true, skipLibCheck: true, noEmit: true, types: [],
  });
  const checker = program.getTypeChecker();
  const modules = entries.map((entry) => {
    const source = program.getSourceFile(entry);
    const moduleSymbol = source && checker.getSymbolAtLocation(source);
    if (!moduleSymbol) throw new Error(`jsii scan: ${entry} is not a module the compiler could read`);
    return moduleSymbol;
  });
  const exported = exportedSymbols(checker, modules);
  const scanner = new Scanner(checker, scope, exported.all);
  const roots = new Set<string>();
  const ignored = new Set<string>();
  for (const symbol of exported.roots) {
    const decl = symbol.declarations?.[0];
    if (!decl || !scope.isApiFile(decl.getSourceFile().fileName)) continue;
    if (ts.isFunctionDeclaration(decl) || ts.isVariableDeclaration(decl)) ignored.add(`${symbol.name} (${ts.isFunctionDeclaration(decl) ? "function" : "const"})`);
    if (ts.isInterfaceDeclaration(decl)) scanner.interface(symbol, decl);
    else if (ts.isTypeAliasDeclaration(decl)) scanner.type(checker.getDeclaredTypeOfSymbol(symbol), symbol.name);
    else if (ts.isClassDeclaration(decl)) scanner.klass(symbol, decl);
    else continue;
    roots.add(symbol.name);
  }
  return { roots: [...roots].sort(), offences: [...scanner.out].sort(), ignored: [...ignored].sort() };
}
