import { describeFormat, formatHint } from './formats';

/** The parts of an ajv `ErrorObject` this module reads (ajv runs with `messages: false`). */
export interface AjvError {
  readonly instancePath: string;
  readonly schemaPath: string;
  readonly keyword: string;
  readonly params: Record<string, unknown>;
}

/** A schema problem in a manifest; see the public `SchemaViolation`. */
export interface Violation {
  readonly field: string;
  readonly message: string;
  readonly hint?: string;
}

/**
 * Turn ajv errors into one violation per real problem, with dotted field paths.
 *
 * An `anyOf`/`oneOf` that fails makes ajv report every branch's errors and then its own. When all
 * branches only demand fields, that becomes one "must set one of" message; otherwise the branch that
 * got furthest into the data (deepest error) explains best what is wrong, and only its errors stay.
 */
export function toViolations(errors: readonly AjvError[], manifest: unknown): Violation[] {
  const kept = foldMisplacedFields(collapseJunctions(errors), manifest);
  const seen = new Set<string>();
  const out: Violation[] = [];
  for (const error of kept) {
    const hint = error.keyword === 'format' ? formatHint(String(error.params.format)) : undefined;
    const violation = { field: fieldPath(error.instancePath, manifest), message: describe(error, manifest), ...(hint === undefined ? {} : { hint }) };
    const key = `${violation.field}\u0000${violation.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(violation);
  }
  return out;
}

type Junction = AjvError & { readonly summary?: string };

/**
 * A required field written one level too deep (a RuntimeClass's `handler` under a `spec` it does not have,
 * as most kinds nest it) is one mistake: the unknown field that holds it names it, and the required field's
 * own error goes. Pure.
 */
function foldMisplacedFields(errors: Junction[], manifest: unknown): Junction[] {
  const folded = new Set<Junction>();
  const out = errors.map((error): Junction => {
    if (error.keyword !== 'additionalProperties') return error;
    const holder = valueAt(manifest, `${error.instancePath}/${String(error.params.additionalProperty)}`);
    const missing = errors.find((e) => e.keyword === 'required' && e.instancePath === error.instancePath && !folded.has(e)
      && holder !== null && typeof holder === 'object' && !Array.isArray(holder) && Object.prototype.hasOwnProperty.call(holder, String(e.params.missingProperty)));
    if (missing === undefined) return error;
    folded.add(missing);
    const field = String(missing.params.missingProperty);
    const holderName = String(error.params.additionalProperty);
    return {
      ...error, instancePath: `${error.instancePath}/${holderName.replace(/~/g, '~0').replace(/\//g, '~1')}`,
      summary: `unknown field "${holderName}": the required "${field}" written under it belongs ${error.instancePath === '' ? 'at the top level' : 'one level up'}, beside "${holderName}"`,
    };
  });
  return out.filter((error) => !folded.has(error));
}

function collapseJunctions(errors: readonly AjvError[]): Junction[] {
  const result: Junction[] = [];
  for (const error of errors) {
    if (error.keyword !== 'anyOf' && error.keyword !== 'oneOf') {
      result.push(error);
      continue;
    }
    // Branch errors were pushed just before the junction error and point into its branches.
    const prefix = `${error.schemaPath}/`;
    const branches = new Map<string, Junction[]>();
    for (let i = result.length - 1; i >= 0; i--) {
      const candidate = result[i];
      if (!candidate.schemaPath.startsWith(prefix) || !within(candidate.instancePath, error.instancePath)) continue;
      const branch = candidate.schemaPath.slice(prefix.length).split('/')[0];
      branches.set(branch, [candidate, ...(branches.get(branch) ?? [])]);
      result.splice(i, 1);
    }
    const ordered = [...branches.entries()].sort(([a], [b]) => Number(a) - Number(b)).map(([, branch]) => branch);
    result.push(...explainJunction(error, ordered));
  }
  return result;
}

function explainJunction(error: AjvError, branches: Junction[][]): Junction[] {
  if (error.keyword === 'oneOf' && Array.isArray(error.params.passingSchemas)) {
    return [{ ...error, summary: `must match exactly one alternative, but matches ${error.params.passingSchemas.length}` }];
  }
  const flat = branches.flat();
  if (flat.length > 0 && flat.every(e => e.keyword === 'required' && e.instancePath === error.instancePath)) {
    const choices = branches.map(b => b.map(e => `"${String(e.params.missingProperty)}"`).join(' and ')).join(', ');
    return [{ ...error, summary: `must set ${error.keyword === 'oneOf' ? 'exactly one' : 'one'} of: ${choices}` }];
  }
  if (flat.length > 0 && flat.every(e => e.keyword === 'type' && e.instancePath === error.instancePath)) {
    const types = [...new Set(flat.map(e => String(e.params.type).split(',')).flat())];
    return [{ ...error, summary: `must be ${types.join(' or ')}` }];
  }
  let best: Junction[] | undefined;
  for (const branch of branches) {
    if (best === undefined || depth(branch) > depth(best) || (depth(branch) === depth(best) && branch.length < best.length)) best = branch;
  }
  return best ?? [{ ...error, summary: 'must match one of the allowed alternatives' }];
}

function depth(branch: readonly AjvError[]): number {
  return Math.max(...branch.map(e => e.instancePath.split('/').length));
}

function within(path: string, parent: string): boolean {
  return path === parent || path.startsWith(`${parent}/`);
}

function describe(error: Junction, manifest: unknown): string {
  if (error.summary !== undefined) return error.summary;
  const p = error.params;
  const got = () => ` (got ${preview(valueAt(manifest, error.instancePath))})`;
  switch (error.keyword) {
    case 'additionalProperties': return `unknown field "${String(p.additionalProperty)}"`;
    case 'required': return `missing required field "${String(p.missingProperty)}"`;
    case 'type': return `must be ${String(p.type).split(',').join(' or ')}${got()}`;
    case 'enum': return `must be one of ${(p.allowedValues as unknown[]).map(v => JSON.stringify(v)).join(', ')}${got()}`;
    case 'const': return `must be ${JSON.stringify(p.allowedValue)}${got()}`;
    case 'pattern': return `must match pattern ${String(p.pattern)}${got()}`;
    case 'format': return `must be a valid ${describeFormat(String(p.format))}${got()}`;
    case 'minimum': case 'maximum': case 'exclusiveMinimum': case 'exclusiveMaximum':
      return `must be ${String(p.comparison)} ${String(p.limit)}${got()}`;
    case 'multipleOf': return `must be a multiple of ${String(p.multipleOf)}${got()}`;
    case 'minLength': return `must be at least ${String(p.limit)} characters long${got()}`;
    case 'maxLength': return `must be at most ${String(p.limit)} characters long`;
    case 'minItems': return `must have at least ${String(p.limit)} items`;
    case 'maxItems': return `must have at most ${String(p.limit)} items`;
    case 'minProperties': return `must have at least ${String(p.limit)} fields`;
    case 'maxProperties': return `must have at most ${String(p.limit)} fields`;
    case 'uniqueItems': return `must not contain duplicates (items ${Math.min(Number(p.i), Number(p.j))} and ${Math.max(Number(p.i), Number(p.j))} are equal)`;
    case 'not': return 'must not match the forbidden combination of fields';
    default: return `fails schema keyword "${error.keyword}"`;
  }
}

function preview(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'object') return 'object';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function segments(pointer: string): string[] {
  return pointer === '' ? [] : pointer.slice(1).split('/').map(s => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function valueAt(root: unknown, pointer: string): unknown {
  let node = root;
  for (const segment of segments(pointer)) {
    node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[segment] : undefined;
  }
  return node;
}

/**
 * `spec.template.spec.containers[0].ports[0]` from a JSON pointer: array items as `[i]`, keys
 * that are not plain identifiers (labels, annotations) as `["app.kubernetes.io/name"]`.
 */
export function fieldPath(pointer: string, root: unknown): string {
  let node = root;
  let path = '';
  for (const segment of segments(pointer)) {
    if (Array.isArray(node)) path += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(segment)) path += path === '' ? segment : `.${segment}`;
    else path += `[${JSON.stringify(segment)}]`;
    node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[segment] : undefined;
  }
  return path;
}
