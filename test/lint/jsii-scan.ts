// The jsii shape check, shared by test/lint/jsii-props.test.ts (its fixture) and test/package/pack.test.ts
// (the compiled declarations a consumer installs). From the exports of the given entry files it takes every
// interface and type alias declared in an "API" file, and the constructor and public method parameters of
// every such class (what a caller passes in), and reports each place whose type a jsii build could not carry: string literals and string-literal unions (use an enum), tuples, intersections and
// inline anonymous object types (name the struct). The compiler resolves aliases and imports, so a union
// behind a type alias or an imported type is seen where it is used.
import * as ts from "typescript";

export interface JsiiScan {
  /** The API types scanned, by name. */
  readonly roots: string[];
  /** `Where: kind`, sorted. */
  readonly offences: string[];
}

export interface ScanScope {
  /** Files whose exported declarations are API roots (e.g. `dist/lib/constructs/`). */
  readonly isApiFile: (fileName: string) => boolean;
  /** Files whose structs are followed (our own declarations); everything else is opaque. */
  readonly isOwnFile: (fileName: string) => boolean;
}

const isEnumish = (t: ts.Type) => (t.flags & (ts.TypeFlags.EnumLiteral | ts.TypeFlags.Enum)) !== 0;
const isPlainStringLiteral = (t: ts.Type) => t.isStringLiteral() && !isEnumish(t);

class Scanner {
  readonly out = new Set<string>();
  private readonly seen = new Set<ts.Type>();

  constructor(private readonly checker: ts.TypeChecker, private readonly scope: ScanScope) {}

  private fileOf(type: ts.Type): string | undefined {
    return (type.aliasSymbol ?? type.getSymbol())?.declarations?.[0]?.getSourceFile().fileName;
  }

  private own(type: ts.Type): boolean {
    const file = this.fileOf(type);
    return file !== undefined && this.scope.isOwnFile(file);
  }

  type(type: ts.Type, where: string): void {
    const { checker } = this;
    if (isEnumish(type)) return;
    if (isPlainStringLiteral(type)) {
      this.out.add(`${where}: string literal`);
      return;
    }
    if (type.isUnion()) {
      if (type.types.some(isPlainStringLiteral)) this.out.add(`${where}: string-literal union`);
      for (const member of type.types) if (!isPlainStringLiteral(member)) this.type(member, where);
      return;
    }
    if (type.isIntersection()) {
      this.out.add(`${where}: intersection`);
      return;
    }
    if (checker.isTupleType(type)) {
      this.out.add(`${where}: tuple`);
      return;
    }
    if (checker.isArrayType(type)) {
      this.type(checker.getTypeArguments(type as ts.TypeReference)[0], `${where}[]`);
      return;
    }
    if (!(type.flags & ts.TypeFlags.Object)) return;
    if (type.getCallSignatures().length > 0 || type.getConstructSignatures().length > 0) return;
    const mapValue = checker.getIndexInfoOfType(type, ts.IndexKind.String);
    if (mapValue && type.getProperties().length === 0) {
      this.type(mapValue.type, `${where}{}`);
      return;
    }
    const flags = (type as ts.ObjectType).objectFlags;
    const anonymous = (flags & (ts.ObjectFlags.Anonymous | ts.ObjectFlags.Mapped)) !== 0;
    if (anonymous && (this.own(type) || this.fileOf(type) === undefined)) {
      this.out.add(`${where}: inline anonymous type`);
      this.members(type, where);
      return;
    }
    // Our own named structs are followed and reported under their own name (each once); classes are roots
    // of their own, everything else is opaque.
    const decl = type.getSymbol()?.declarations?.[0];
    if (decl && ts.isInterfaceDeclaration(decl) && this.own(type)) this.members(type, type.getSymbol()?.name ?? where);
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

  signatures(fnType: ts.Type, where: string): void {
    for (const sig of fnType.getCallSignatures()) {
      for (const param of sig.getParameters()) {
        const decl = param.valueDeclaration ?? param.declarations?.[0];
        if (decl) this.type(this.checker.getNonNullableType(this.checker.getTypeOfSymbolAtLocation(param, decl)), `${where}(${param.name})`);
      }
    }
  }

  /** A class: constructor parameters and the parameters of its own public methods (inherited ones are the base's). */
  klass(symbol: ts.Symbol, decl: ts.ClassDeclaration): void {
    const { checker } = this;
    const name = symbol.name;
    const ctorType = checker.getTypeOfSymbolAtLocation(symbol, decl);
    for (const sig of ctorType.getConstructSignatures()) {
      for (const param of sig.getParameters()) {
        const p = param.valueDeclaration ?? param.declarations?.[0];
        if (p) this.type(checker.getNonNullableType(checker.getTypeOfSymbolAtLocation(param, p)), `${name}.constructor(${param.name})`);
      }
    }
    for (const member of decl.members) {
      if (ts.isConstructorDeclaration(member) || !member.name) continue;
      const modifiers = ts.getCombinedModifierFlags(member as ts.Declaration);
      if (modifiers & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) continue;
      if (ts.isPrivateIdentifier(member.name)) continue;
      const memberSymbol = checker.getSymbolAtLocation(member.name);
      if (!memberSymbol) continue;
      const static_ = (modifiers & ts.ModifierFlags.Static) !== 0;
      if (!ts.isMethodDeclaration(member)) continue;
      this.signatures(checker.getTypeOfSymbolAtLocation(memberSymbol, member), `${name}${static_ ? "." : "#"}${memberSymbol.name}`);
    }
  }
}

/** Scans the API roots exported by `entries` (source or declaration files). */
export function scanJsiiShapes(entries: readonly string[], scope: ScanScope): JsiiScan {
  const program = ts.createProgram([...entries], {
    strict: true, target: ts.ScriptTarget.ES2020, module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10,
    resolveJsonModule: true, esModuleInterop: true, skipLibCheck: true, noEmit: true, types: [],
  });
  const checker = program.getTypeChecker();
  const scanner = new Scanner(checker, scope);
  const roots = new Set<string>();
  const done = new Set<ts.Symbol>();
  for (const entry of entries) {
    const source = program.getSourceFile(entry);
    const moduleSymbol = source && checker.getSymbolAtLocation(source);
    if (!moduleSymbol) throw new Error(`jsii scan: ${entry} is not a module the compiler could read`);
    for (const exported of checker.getExportsOfModule(moduleSymbol)) {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      const decl = symbol.declarations?.[0];
      if (!decl || done.has(symbol) || !scope.isApiFile(decl.getSourceFile().fileName)) continue;
      done.add(symbol);
      if (ts.isInterfaceDeclaration(decl)) scanner.members(checker.getDeclaredTypeOfSymbol(symbol), symbol.name);
      else if (ts.isTypeAliasDeclaration(decl)) scanner.type(checker.getDeclaredTypeOfSymbol(symbol), symbol.name);
      else if (ts.isClassDeclaration(decl)) scanner.klass(symbol, decl);
      else continue;
      roots.add(symbol.name);
    }
  }
  return { roots: [...roots].sort(), offences: [...scanner.out].sort() };
}
