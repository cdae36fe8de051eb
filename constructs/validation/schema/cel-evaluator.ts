import type { CelEnv } from '@bufbuild/cel';
import { parseIpv4 } from '../../inventory/ip';
import { kubernetesCelFunctions } from './cel-kubernetes-library';
import { kubernetesQuantityFunctions } from './cel-quantity-library';
import { kubernetesUrlFunctions } from './cel-url-library';
import { CelNode, CelRule, CelValueKind } from './cel-rules';
import { definiteRuleError } from './cel-runtime-errors';
import { embeddedResourceViolations } from './embedded-resources';
import { translateGoRegExp } from './go-regexp';

/**
 * Kubernetes CEL library functions that CRD rules call and this evaluator does not provide. A rule that
 * calls one is skipped (the API server still checks it). `oldSelf` rules compare with the object being
 * replaced: synthesis checks them against the previous output's object (see {@link evaluateTransitionRules}).
 */
export const UNIMPLEMENTED_CEL_FUNCTIONS: readonly string[] = [
  'format.dns1123Label().validate', 'format.*', 'ip', 'cidr', 'quantity().add', 'quantity().sub', 'semver', 'isSemver',
  'authorizer', 'optional.*',
].sort();

function isIpAddress(text: string): boolean {
  if (parseIpv4(text) !== undefined) {
    return true;
  }
  // IPv6: hex groups with at most one `::`; the API server's isIP takes both families.
  if (!/^[0-9a-fA-F:.]+$/.test(text) || !text.includes(':') || (text.match(/::/g) ?? []).length > 1) {
    return false;
  }
  const groups = text.split(':').filter((g) => g !== '');
  return groups.length <= 8 && groups.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g) || parseIpv4(g) !== undefined);
}

type CelModule = typeof import('@bufbuild/cel');
let loaded: { readonly cel: CelModule; readonly env: CelEnv } | undefined;

/**
 * The CEL library and its environment, loaded on first use: loading it costs start-up time that a run
 * without any CRD rule should not pay.
 */
function celRuntime(): { readonly cel: CelModule; readonly env: CelEnv } {
  if (!loaded) {
    const started = performance.now();
    const cel = require('@bufbuild/cel') as CelModule;
    const { strings } = require('@bufbuild/cel/ext') as typeof import('@bufbuild/cel/ext');
    const env = cel.celEnv({
      funcs: [...strings, ...kubernetesCelFunctions(cel), ...kubernetesUrlFunctions(cel), ...kubernetesQuantityFunctions(cel), cel.celFunc('isIP', [cel.CelScalar.STRING], cel.CelScalar.BOOL, (text: string) => isIpAddress(text))],
      // Kubernetes' `matches` is RE2; patterns go through the same translation the schema layer uses.
      re2: {
        compile(pattern: string) {
          const translated = translateGoRegExp(pattern);
          if (translated.source === undefined) {
            throw new Error(translated.dropped);
          }
          return new RegExp(translated.source, 'u');
        },
      },
    });
    loaded = { cel, env };
    CEL_STATISTICS.loadMillis += performance.now() - started;
  }
  return loaded;
}

/**
 * Why `expression` is no CEL expression, as far as its syntax tells (the API server also type-checks it against
 * the schema, which this does not); undefined when it parses.
 */
export function celSyntaxProblem(expression: string): string | undefined {
  const { cel } = celRuntime();
  try {
    cel.parse(expression);
    return undefined;
  } catch (error) {
    return (error instanceof Error ? error.message : String(error)).split('\n')[0].replace(/^<input>:/, 'at ');
  }
}

/** The parsed form of `expression` (CEL's ParsedExpr: macros expanded, nothing type-checked), or undefined when it does not parse. */
export function parsedCelExpression(expression: string): unknown {
  const { cel } = celRuntime();
  try {
    return cel.parse(expression).expr;
  } catch {
    return undefined;
  }
}

/** Whether CEL rules are evaluated: `HOMELAB_CEL=off` turns them off (to measure their cost). */
export function celEnabled(): boolean {
  return process.env.HOMELAB_CEL !== 'off';
}

type Program = (bindings: { self: unknown; oldSelf?: unknown }) => unknown;
const programs = new Map<string, Program | null>();

/** Statistics of this process, for the bench. */
export const CEL_STATISTICS = { compiled: 0, evaluated: 0, skipped: 0, violations: 0, loadMillis: 0, compileMillis: 0, evaluateMillis: 0 };

/** The planned program of a rule, compiled once per process; null when it cannot be compiled here. */
function program(rule: string): Program | null {
  let planned = programs.get(rule);
  if (planned === undefined) {
    const { cel, env } = celRuntime();
    const started = performance.now();
    try {
      planned = cel.plan(env, cel.parse(rule)) as unknown as Program;
    } catch {
      planned = null;
    }
    CEL_STATISTICS.compiled++;
    CEL_STATISTICS.compileMillis += performance.now() - started;
    programs.set(rule, planned);
  }
  return planned;
}

/**
 * Whether `rule` compiles here. A rule that does not is skipped on every object, never reported, so the
 * CRD rules the library's kinds carry are expected to compile.
 */
export function celRuleCompiles(rule: string): boolean {
  return program(rule) !== null;
}

/**
 * JSON as the API server hands it to CEL at `node` (UnstructuredToVal): objects become maps, whole numbers
 * `int` unless the schema says number, and strings of the formats date-time, date, duration and byte the
 * timestamps, durations and bytes they stand for. Throws where such a string is none CEL reads, so the rule
 * is skipped (the schema layer reports a malformed value).
 */
function toCel(value: unknown, node?: CelNode): unknown {
  if (node?.celValue !== undefined && (typeof value === 'string' || typeof value === 'number')) {
    return typedValue(value, node.celValue);
  }
  if (Array.isArray(value)) {
    return value.map((item) => toCel(item, node?.items));
  }
  if (value !== null && typeof value === 'object') {
    return new Map(Object.entries(value).map(([key, item]) => [key, toCel(item, node?.properties?.[key] ?? node?.additionalProperties)]));
  }
  if (typeof value === 'number' && Number.isInteger(value)) {
    return BigInt(value);
  }
  return value;
}

/** The CEL value of kind `kind` that a string or number of the schema stands for. */
function typedValue(value: string | number, kind: CelValueKind): unknown {
  if (kind === 'double' || typeof value === 'number') {
    return value;
  }
  if (kind === 'bytes') {
    return new Uint8Array(Buffer.from(value, 'base64'));
  }
  // A date is the timestamp of its midnight in UTC, as Go parses it.
  const text = kind === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value;
  const converted = program(kind === 'duration' ? 'duration(self)' : 'timestamp(self)')?.({ self: text });
  if (converted === undefined || celRuntime().cel.isCelError(converted)) {
    throw new Error(`${JSON.stringify(value)} is no ${kind} CEL reads`);
  }
  return converted;
}

/** `self` of a rule at `node`, or undefined when a value under it is none CEL reads. */
function selfOf(value: unknown, node: CelNode): unknown {
  try {
    return toCel(value, node);
  } catch {
    return undefined;
  }
}

/** A CEL rule the object breaks. */
export interface CelViolation {
  /** Dotted field path of the value the rule is about. */
  readonly field: string;
  /** The rule's message. */
  readonly message: string;
  /** The rule. */
  readonly rule: string;
  /** How to put it right, where the rule is the API server's own rather than the CRD's. @default - none */
  readonly hint?: string;
}

/** Fills in the defaults the API server applies before validating, without touching the input. */
function withDefaults(value: unknown, node: CelNode): unknown {
  if (Array.isArray(value)) {
    return node.items ? value.map((item) => withDefaults(item, node.items!)) : value;
  }
  if (value === null || typeof value !== 'object') {
    return value;
  }
  let result: Record<string, unknown> | undefined;
  const set = (key: string, item: unknown) => {
    result ??= { ...(value as Record<string, unknown>) };
    result[key] = item;
  };
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    const current = (value as Record<string, unknown>)[key];
    const filled = current === undefined ? (child.default === undefined ? undefined : withDefaults(structuredClone(child.default), child)) : withDefaults(current, child);
    if (filled !== current) {
      set(key, filled);
    }
  }
  if (node.additionalProperties) {
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      if (node.properties?.[key] === undefined) {
        const filled = withDefaults(item, node.additionalProperties);
        if (filled !== item) {
          set(key, filled);
        }
      }
    }
  }
  return result ?? value;
}

function fieldOf(path: string, rule: CelRule): string {
  const relative = rule.fieldPath ? rule.fieldPath.replace(/^\./, '') : '';
  return [path, relative].filter(Boolean).join('.');
}

/**
 * The items of a keyed list at `path` whose `keys` an earlier item has the same values of (items without
 * every key are the schema's to report). Keyed by their JSON, so one pass finds every repeat.
 */
function repeatedListKeys(items: readonly unknown[], keys: readonly string[], path: string): CelViolation[] {
  const violations: CelViolation[] = [];
  const firsts = new Map<string, number>();
  items.forEach((item, i) => {
    const values = item !== null && typeof item === 'object' ? keys.map((key) => (item as Record<string, unknown>)[key]) : [];
    if (values.length === 0 || values.some((value) => value === undefined)) {
      return;
    }
    const identity = JSON.stringify(values);
    const first = firsts.get(identity);
    if (first === undefined) {
      firsts.set(identity, i);
      return;
    }
    const described = keys.map((key, k) => `${key}=${JSON.stringify(values[k])}`).join(', ');
    violations.push({
      field: `${path}[${i}]`, rule: `x-kubernetes-list-map-keys: ${keys.join(', ')}`,
      message: `duplicate entries for key [${described}]: ${path}[${first}] has the same ${keys.join(' and ')}; the API server takes one item per ${keys.join(' and ')}, so merge the two or drop one`,
    });
  });
  return violations;
}

/**
 * Evaluates every rule of `tree` on `manifest` (defaults applied first, as the API server does) and
 * returns the rules it breaks. Rules that cannot be evaluated here are skipped, never reported.
 */
export function evaluateCelRules(manifest: unknown, tree: CelNode): CelViolation[] {
  const started = performance.now();
  const violations: CelViolation[] = [];
  const visit = (value: unknown, node: CelNode, path: string): void => {
    if (value === undefined || value === null) {
      return;
    }
    const self = node.rules ? selfOf(value, node) : undefined;
    if (node.rules && self === undefined) {
      CEL_STATISTICS.skipped += node.rules.length;
    }
    for (const rule of self === undefined ? [] : node.rules ?? []) {
      const run = program(rule.rule);
      if (!run) {
        CEL_STATISTICS.skipped++;
        continue;
      }
      CEL_STATISTICS.evaluated++;
      const result = run({ self });
      const error = celRuntime().cel.isCelError(result) ? definiteRuleError(result.message, rule.rule) : undefined;
      if (error !== undefined) {
        CEL_STATISTICS.violations++;
        // The API server reports an error at the value the rule is on, not at the rule's fieldPath.
        violations.push({ field: path, message: error.problem, rule: rule.rule, hint: error.hint });
      } else if (celRuntime().cel.isCelError(result)) {
        // An unbound function (see UNIMPLEMENTED_CEL_FUNCTIONS) or a value the schema layer reports already.
        CEL_STATISTICS.skipped++;
      } else if (result === false) {
        CEL_STATISTICS.violations++;
        violations.push({ field: fieldOf(path, rule), message: rule.message ?? `failed rule: ${rule.rule}`, rule: rule.rule });
      }
    }
    if (node.embedded && typeof value === 'object' && !Array.isArray(value)) {
      for (const violation of embeddedResourceViolations(value as Record<string, unknown>, path)) {
        violations.push({ ...violation, rule: 'x-kubernetes-embedded-resource' });
      }
    }
    if (Array.isArray(value)) {
      if (node.mapKeys) {
        violations.push(...repeatedListKeys(value, node.mapKeys, path));
      }
      if (node.items) {
        value.forEach((item, i) => visit(item, node.items!, `${path}[${i}]`));
      }
      return;
    }
    if (typeof value !== 'object') {
      return;
    }
    for (const [key, child] of Object.entries(node.properties ?? {})) {
      visit((value as Record<string, unknown>)[key], child, path ? `${path}.${key}` : key);
    }
    if (node.additionalProperties) {
      for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
        if (node.properties?.[key] === undefined) {
          visit(item, node.additionalProperties, path ? `${path}.${key}` : key);
        }
      }
    }
  };
  visit(withDefaults(manifest, tree), tree, '');
  CEL_STATISTICS.evaluateMillis += performance.now() - started;
  return violations;
}

/**
 * Evaluates the transition rules of `tree` (see `transitionRuleTree`) on `manifest` as an update of
 * `previous` (defaults applied to both, as the API server does): a rule runs where both objects have a
 * value, with `oldSelf` bound to the previous one. Items of lists are not correlated (the API server pairs
 * them by the keys of a map list only), so rules below a list are not run. Returns the rules the update breaks.
 */
export function evaluateTransitionRules(manifest: unknown, previous: unknown, tree: CelNode): CelViolation[] {
  const violations: CelViolation[] = [];
  const visit = (value: unknown, old: unknown, node: CelNode, path: string): void => {
    if (value === undefined || value === null || old === undefined || old === null) {
      return;
    }
    for (const rule of node.rules ?? []) {
      const run = program(rule.rule);
      const self = selfOf(value, node);
      const oldSelf = selfOf(old, node);
      const result = run && self !== undefined && oldSelf !== undefined ? run({ self, oldSelf }) : undefined;
      if (result === false) {
        violations.push({ field: fieldOf(path, rule), message: rule.message ?? `failed rule: ${rule.rule}`, rule: rule.rule });
      }
    }
    if (Array.isArray(value) || typeof value !== 'object' || Array.isArray(old) || typeof old !== 'object') {
      return;
    }
    const now = value as Record<string, unknown>;
    const before = old as Record<string, unknown>;
    for (const [key, child] of Object.entries(node.properties ?? {})) {
      visit(now[key], before[key], child, path ? `${path}.${key}` : key);
    }
    if (node.additionalProperties) {
      for (const key of Object.keys(now)) {
        if (node.properties?.[key] === undefined) {
          visit(now[key], before[key], node.additionalProperties, path ? `${path}.${key}` : key);
        }
      }
    }
  };
  visit(withDefaults(manifest, tree), withDefaults(previous, tree), tree, '');
  return violations;
}
