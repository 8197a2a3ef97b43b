/**
 * The small expression language campaign files write indicator formulas and thresholds in, e.g.
 * `fiber_length / (population * area)`, `sum(gross_profit) / sum(revenue)`, `value >= baseline * 1.05`.
 *
 * Grammar: numbers, names (`[a-z_][a-z0-9_]*`), `params.<name>`, + - * / with the usual precedence,
 * parentheses, unary minus, one comparison (>= > <= < == !=) at the top, and the period functions
 * avg, sum, first, last, growth, whose one argument is evaluated in every year of the period.
 *
 * Values are numbers or null (missing data, division by zero); a comparison is true, false or null.
 * Parsing and evaluation are pure; the caller supplies what a name means (api/domain/indicators.ts).
 */

export type Formula =
  | { type: "number"; value: number }
  | { type: "name"; name: string }
  | { type: "param"; name: string }
  | { type: "negate"; operand: Formula }
  | { type: "binary"; op: "+" | "-" | "*" | "/"; left: Formula; right: Formula }
  | { type: "compare"; op: ComparisonOp; left: Formula; right: Formula }
  | { type: "call"; fn: PeriodFunction; arg: Formula };

export type ComparisonOp = ">=" | ">" | "<=" | "<" | "==" | "!=";
export const periodFunctions = ["avg", "sum", "first", "last", "growth"] as const;
export type PeriodFunction = (typeof periodFunctions)[number];

export class FormulaError extends Error {}

type Token =
  { kind: "number"; value: number; at: number } | { kind: "name"; value: string; at: number } | { kind: "op"; value: string; at: number };

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  const re = /\s*(?:(\d+(?:\.\d+)?(?:e[+-]?\d+)?)|([a-z_][a-z0-9_]*)|(>=|<=|==|!=|[-+*/().><,]))/iy;
  let at = 0;
  while (at < source.length) {
    if (/^\s*$/.test(source.slice(at))) break;
    re.lastIndex = at;
    const m = re.exec(source);
    if (!m) throw new FormulaError(`第 ${at + 1} 个字符附近无法识别：“${source.slice(at).trim().slice(0, 10)}”`);
    const start = m.index + m[0].length - (m[1] ?? m[2] ?? m[3])!.length;
    if (m[1] !== undefined) tokens.push({ kind: "number", value: Number(m[1]), at: start });
    else if (m[2] !== undefined) tokens.push({ kind: "name", value: m[2], at: start });
    else tokens.push({ kind: "op", value: m[3]!, at: start });
    at = re.lastIndex;
  }
  return tokens;
}

/** Parses a formula or rule; throws FormulaError with a message in Chinese. */
export function parseFormula(source: string): Formula {
  const tokens = tokenize(source);
  if (tokens.length === 0) throw new FormulaError("公式为空");
  return new Parser(tokens).formula();
}

/** Recursive descent over the tokens, one method per level of precedence. */
class Parser {
  #i = 0;

  constructor(private readonly tokens: Token[]) {}

  /** The whole formula: a comparison or an expression, and nothing after it. */
  formula(): Formula {
    const formula = this.comparison();
    const rest = this.tokens[this.#i];
    if (rest) throw new FormulaError(`第 ${rest.at + 1} 个字符处多出“${rest.value}”`);
    return formula;
  }

  private peek(): Token | undefined {
    return this.tokens[this.#i];
  }

  private isOp(v: string): boolean {
    const t = this.peek();
    return t?.kind === "op" && t.value === v;
  }

  private expect(v: string): void {
    const t = this.peek();
    if (!this.isOp(v)) throw new FormulaError(`缺少“${v}”${t ? `（在第 ${t.at + 1} 个字符）` : "（在末尾）"}`);
    this.#i++;
  }

  private comparison(): Formula {
    const left = this.additive();
    const t = this.peek();
    if (t?.kind === "op" && [">=", ">", "<=", "<", "==", "!="].includes(t.value)) {
      this.#i++;
      return { type: "compare", op: t.value as ComparisonOp, left, right: this.additive() };
    }
    return left;
  }

  private additive(): Formula {
    let left = this.term();
    while (this.isOp("+") || this.isOp("-")) {
      const op = this.peek()!.value as "+" | "-";
      this.#i++;
      left = { type: "binary", op, left, right: this.term() };
    }
    return left;
  }

  private term(): Formula {
    let left = this.primary();
    while (this.isOp("*") || this.isOp("/")) {
      const op = this.peek()!.value as "*" | "/";
      this.#i++;
      left = { type: "binary", op, left, right: this.primary() };
    }
    return left;
  }

  private primary(): Formula {
    const t = this.peek();
    if (!t) throw new FormulaError("公式不完整");
    if (t.kind === "number") {
      this.#i++;
      return { type: "number", value: t.value };
    }
    if (t.kind === "name") {
      this.#i++;
      return this.named(t.value);
    }
    if (t.value === "(") {
      this.#i++;
      const inner = this.additive();
      this.expect(")");
      return inner;
    }
    if (t.value === "-") {
      this.#i++;
      return { type: "negate", operand: this.primary() };
    }
    throw new FormulaError(`第 ${t.at + 1} 个字符处不应出现“${t.value}”`);
  }

  /** After a name: `params.<name>`, a period function's call, or the name of an indicator. */
  private named(name: string): Formula {
    if (name === "params") {
      this.expect(".");
      const p = this.peek();
      if (p?.kind !== "name") throw new FormulaError("params. 之后须是参数名");
      this.#i++;
      return { type: "param", name: p.value };
    }
    if (this.isOp("(")) {
      if (!(periodFunctions as readonly string[]).includes(name)) {
        throw new FormulaError(`未知函数 ${name}()；可用：${periodFunctions.join("、")}`);
      }
      this.#i++;
      const arg = this.additive();
      if (this.isOp(",")) throw new FormulaError(`${name}() 只接受一个参数`);
      this.expect(")");
      return { type: "call", fn: name as PeriodFunction, arg };
    }
    return { type: "name", name };
  }
}

/** Every name and parameter a formula mentions, and whether it uses period functions. */
export function formulaRefs(f: Formula): {
  names: Set<string>;
  params: Set<string>;
  aggregates: boolean;
  compares: boolean;
  namesInAggregates: Set<string>;
} {
  const out = {
    names: new Set<string>(),
    params: new Set<string>(),
    aggregates: false,
    compares: false,
    namesInAggregates: new Set<string>(),
  };
  const walk = (n: Formula, inAggregate: boolean) => {
    switch (n.type) {
      case "number":
        return;
      case "name":
        out.names.add(n.name);
        if (inAggregate) out.namesInAggregates.add(n.name);
        return;
      case "param":
        out.params.add(n.name);
        return;
      case "negate":
        return walk(n.operand, inAggregate);
      case "binary":
        walk(n.left, inAggregate);
        return walk(n.right, inAggregate);
      case "compare":
        out.compares = true;
        walk(n.left, inAggregate);
        return walk(n.right, inAggregate);
      case "call":
        out.aggregates = true;
        return walk(n.arg, true);
    }
  };
  walk(f, false);
  return out;
}

/** Checks a parsed formula for nesting errors the grammar allows: a period function inside another. */
export function nestedAggregate(f: Formula, inside = false): PeriodFunction | undefined {
  switch (f.type) {
    case "call":
      return inside ? f.fn : nestedAggregate(f.arg, true);
    case "negate":
      return nestedAggregate(f.operand, inside);
    case "binary":
    case "compare":
      return nestedAggregate(f.left, inside) ?? nestedAggregate(f.right, inside);
    default:
      return undefined;
  }
}

/** What the names mean where a formula is evaluated. */
export interface FormulaScope {
  /** the years of the period, ascending (period functions run over them) */
  years: readonly number[];
  /** a name's value for the whole period (outside period functions) */
  period(name: string): number | null;
  /** a name's value in one year (inside period functions) */
  year(name: string, year: number): number | null;
  param(name: string): number | null;
}

export type FormulaValue = number | boolean | null;

/** Evaluates a formula; null wherever data is missing or a division has no divisor. */
export function evaluateFormula(f: Formula, scope: FormulaScope): FormulaValue {
  return evaluate(f, scope, undefined);
}

function evaluate(f: Formula, scope: FormulaScope, year: number | undefined): FormulaValue {
  switch (f.type) {
    case "number":
      return f.value;
    case "name":
      return year === undefined ? scope.period(f.name) : scope.year(f.name, year);
    case "param":
      return scope.param(f.name);
    case "negate": {
      const v = num(evaluate(f.operand, scope, year));
      return v === null ? null : -v;
    }
    case "binary": {
      const a = num(evaluate(f.left, scope, year));
      const b = num(evaluate(f.right, scope, year));
      if (a === null || b === null) return null;
      switch (f.op) {
        case "+":
          return a + b;
        case "-":
          return a - b;
        case "*":
          return a * b;
        case "/":
          return b === 0 ? null : a / b;
      }
    }
    case "compare": {
      const a = num(evaluate(f.left, scope, year));
      const b = num(evaluate(f.right, scope, year));
      if (a === null || b === null) return null;
      // Figures arrive with two decimals and pass through divisions: compare at 1e-9 so that a value
      // exactly on its threshold (0.1 + 0.2 vs 0.3) counts as reaching it.
      const eps = 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
      switch (f.op) {
        case ">=":
          return a >= b - eps;
        case ">":
          return a > b + eps;
        case "<=":
          return a <= b + eps;
        case "<":
          return a < b - eps;
        case "==":
          return Math.abs(a - b) <= eps;
        case "!=":
          return Math.abs(a - b) > eps;
      }
    }
    case "call": {
      if (scope.years.length === 0) return null;
      const values = scope.years.map((y) => num(evaluate(f.arg, scope, y)));
      if (values.some((v) => v === null)) return null;
      const vs = values as number[];
      switch (f.fn) {
        case "sum":
          return vs.reduce((s, v) => s + v, 0);
        case "avg":
          return vs.reduce((s, v) => s + v, 0) / vs.length;
        case "first":
          return vs[0]!;
        case "last":
          return vs[vs.length - 1]!;
        case "growth": {
          const first = vs[0]!;
          return first === 0 ? null : (vs[vs.length - 1]! - first) / first;
        }
      }
    }
  }
}

function num(v: FormulaValue): number | null {
  if (v === null || typeof v === "boolean") return null;
  return Number.isFinite(v) ? v : null;
}

/** How `formulaText` names what a formula mentions. */
export interface FormulaWords {
  name(name: string): string;
  param(name: string): string;
  fn(fn: PeriodFunction): string;
}

const precedence = (f: Formula): number => (f.type === "binary" ? (f.op === "+" || f.op === "-" ? 1 : 2) : 3);
const symbols: Record<string, string> = {
  "+": "+",
  "-": "−",
  "*": "×",
  "/": "÷",
  ">=": "≥",
  ">": ">",
  "<=": "≤",
  "<": "<",
  "==": "=",
  "!=": "≠",
};

/**
 * A formula as readers see it, e.g. `长途光缆线路长度 ÷ (常住人口 × 区域面积)`: names replaced by
 * titles, × and ÷ for * and /, and only the parentheses the order of operations needs.
 */
export function formulaText(f: Formula, words: FormulaWords): string {
  const wrap = (inner: Formula, parens: boolean) => (parens ? `(${formulaText(inner, words)})` : formulaText(inner, words));
  switch (f.type) {
    case "number":
      return String(f.value);
    case "name":
      return words.name(f.name);
    case "param":
      return words.param(f.name);
    case "negate":
      return `−${wrap(f.operand, f.operand.type === "binary")}`;
    case "binary": {
      const p = precedence(f);
      // a − (b + c), a ÷ (b × c): the right operand keeps its parentheses at equal precedence
      return `${wrap(f.left, precedence(f.left) < p)} ${symbols[f.op]} ${wrap(f.right, precedence(f.right) < p || (precedence(f.right) === p && (f.op === "-" || f.op === "/")))}`;
    }
    case "compare":
      return `${formulaText(f.left, words)} ${symbols[f.op]} ${formulaText(f.right, words)}`;
    case "call":
      return `${words.fn(f.fn)}(${formulaText(f.arg, words)})`;
  }
}
