import { ApiObject, JsonPatch } from 'cdk8s';
import { InputError } from '../validation/input-error';

/** One JSON patch operation (RFC 6902) as cdk8s holds it. */
interface PatchOperation {
  readonly op: string;
  readonly path: string;
  readonly from?: string;
  readonly value?: unknown;
}

/** What is wrong with a patch operation on a document, as a finding's message and hint. */
export interface PatchProblem {
  readonly message: string;
  readonly hint: string;
}

/** The reference tokens of a JSON pointer (RFC 6901), with `~1` and `~0` unescaped. */
function pointerTokens(pointer: string): string[] {
  return pointer === '' ? [] : pointer.split('/').slice(1).map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** A JSON pointer with `tokens` as its reference tokens, each `~` and `/` escaped. Pure. */
function pointerOf(tokens: readonly string[]): string {
  return tokens.map((token) => `/${token.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/**
 * How to make the missing field `here`, followed by the tokens `rest`, when its parent `parent` is an object.
 * A parent of text values only (annotations, labels, a nodeSelector) holds keys, not objects: the missing field
 * followed by more tokens is a key with a `/` in it (`reloader.stakater.com/auto`), which a pointer writes as `~1`.
 * An array is made before its index or `-`, an object before its field. Pure.
 */
function missingParentHint(parent: object, parentTokens: readonly string[], token: string, rest: readonly string[]): string {
  const here = pointerOf([...parentTokens, token]);
  const values = Object.values(parent);
  if (values.length > 0 && values.every((value) => typeof value === 'string')) {
    const key = [token, ...rest].join('/');
    return `${parentTokens.length === 0 ? 'the object' : pointerOf(parentTokens)} holds text by key, and a key with / in it (${JSON.stringify(key)}) is written with ~1 in a JSON pointer: ${pointerOf([...parentTokens, key])}`;
  }
  const shape = rest[0] === '-' || /^(0|[1-9]\d*)$/.test(rest[0]) ? '[…]' : '{…}';
  return `add ${here} first (JsonPatch.add(${JSON.stringify(here)}, ${shape})), or patch a path the object has`;
}

function describe(operation: PatchOperation): string {
  return `${operation.op} ${JSON.stringify(operation.path)}`;
}

/**
 * Why the pointer `pointer` does not reach into `document` for an operation, or undefined when it does.
 * The parent must exist for every operation; the target itself too, except for `add` (which creates it,
 * or inserts into an array at an index up to its length, or `-` for its end). Pure.
 */
function pointerProblem(document: unknown, pointer: string, creates: boolean): { missing: string; detail: string; hint: string } | undefined {
  const tokens = pointerTokens(pointer);
  let current: unknown = document;
  let at = '';
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    const last = i === tokens.length - 1;
    const here = `${at}/${token}`;
    if (Array.isArray(current)) {
      const index = token === '-' && last && creates ? current.length : /^(0|[1-9]\d*)$/.test(token) ? Number(token) : NaN;
      const limit = last && creates ? current.length : current.length - 1;
      if (!(index >= 0 && index <= limit)) {
        const range = current.length === 0 ? 'the array is empty' : `it has indexes 0–${current.length - 1}`;
        return {
          missing: here, detail: `${at} is an array of ${current.length}; ${range}`,
          hint: creates ? `add at an index up to ${current.length}, or at ${at}/- to append` : `use an index in 0–${Math.max(current.length - 1, 0)}, or add to ${at}/- to append`,
        };
      }
      current = current[index];
    } else if (current !== null && typeof current === 'object') {
      if (!Object.prototype.hasOwnProperty.call(current, token) && !(last && creates)) {
        const keys = Object.keys(current);
        return {
          missing: here, detail: `${at || 'the object'} has ${keys.length === 0 ? 'no fields' : `only ${keys.slice(0, 8).join(', ')}${keys.length > 8 ? ', …' : ''}`}`,
          hint: last ? `use add to create a new field ${here}` : missingParentHint(current, tokens.slice(0, i), token, tokens.slice(i + 1)),
        };
      }
      current = (current as Record<string, unknown>)[token];
    } else {
      return { missing: here, detail: `${at} is ${JSON.stringify(current) ?? 'undefined'}, which has no fields`, hint: `replace ${at} as a whole, or patch a path the object has` };
    }
    at = here;
  }
  return undefined;
}

/**
 * A pointer that does not start with `/` (`spec/replicas`): RFC 6901 reads the text before its first `/` as
 * nothing, so the rest would be looked for at the top of the object. Pure.
 */
function relativePointerProblem(operation: PatchOperation): PatchProblem | undefined {
  const relative = [operation.path, operation.from].find((pointer) => pointer !== undefined && pointer !== '' && !pointer.startsWith('/'));
  return relative === undefined ? undefined : {
    message: `the JSON patch ${describe(operation)} does not apply: ${JSON.stringify(relative)} is no JSON pointer, which starts with / at the top of the object`,
    hint: `write the path from the top of the object, starting with /: ${JSON.stringify(`/${relative}`)}`,
  };
}

/** Why `operation` does not apply to `document`, or undefined when it applies. Pure. */
export function patchProblem(document: unknown, operation: PatchOperation): PatchProblem | undefined {
  const relative = relativePointerProblem(operation);
  if (relative) {
    return relative;
  }
  const problems = [
    operation.from !== undefined ? pointerProblem(document, operation.from, false) : undefined,
    pointerProblem(document, operation.path, operation.op === 'add' || operation.op === 'copy' || operation.op === 'move'),
  ];
  const problem = problems.find((p) => p !== undefined);
  return problem && {
    message: `the JSON patch ${describe(operation)}${operation.from !== undefined ? ` from ${JSON.stringify(operation.from)}` : ''} does not apply: ${problem.missing} does not exist (${problem.detail})`,
    hint: `${problem.hint}; see the object's YAML in dist/ for the paths it has`,
  };
}

/** What a `test` operation that failed found at its path, which holds a value (see {@link pointerProblem}). Pure. */
function failedTestProblem(document: unknown, operation: PatchOperation): PatchProblem | undefined {
  let found: unknown = document;
  for (const token of pointerTokens(operation.path)) {
    found = (found as Record<string, unknown>)[Array.isArray(found) ? Number(token) : token];
  }
  return {
    message: `the JSON patch ${describe(operation)} does not apply: the object holds ${JSON.stringify(found)} there, not ${JSON.stringify(operation.value)}`,
    hint: `test for the value the object holds there (${JSON.stringify(found)}), or drop the test; see the object's YAML in dist/ for what it holds`,
  };
}

/**
 * The patches of `object` applied one by one to its unpatched JSON, `unpatched`; the error for the first
 * that does not apply, naming its operation and path and the part of the path that is missing, or
 * undefined when each applies. Called once synthesis of the object failed, so its cost does not matter.
 */
export function patchError(object: ApiObject, unpatched: unknown): InputError | undefined {
  const patches = (object as unknown as { patches: JsonPatch[] }).patches ?? [];
  let document = unpatched;
  for (const patch of patches) {
    const operation = patch._toJson() as PatchOperation;
    const problem = patchProblem(document, operation);
    if (problem) {
      return new InputError(problem.message, 'addJsonPatch', problem.hint, object);
    }
    try {
      document = JsonPatch.apply(document, patch);
    } catch (error) {
      const failedTest = operation.op === 'test' ? failedTestProblem(document, operation) : undefined;
      if (failedTest) {
        return new InputError(failedTest.message, 'addJsonPatch', failedTest.hint, object);
      }
      return new InputError(`the JSON patch ${describe(operation)} does not apply: ${(error as Error).message.split('\n')[0]}`, 'addJsonPatch',
        'see the object\'s YAML in dist/ for the paths it has', object);
    }
  }
  return undefined;
}

/** The JSON of `object` before its patches: cdk8s applies them inside `toJson`, which runs here without them. */
export function unpatchedJson(object: ApiObject): unknown {
  const internals = object as unknown as { patches: JsonPatch[] };
  const patches = internals.patches;
  internals.patches = [];
  try {
    return object.toJson();
  } finally {
    internals.patches = patches;
  }
}

/** The error for the first patch of `object` that does not apply, or undefined (see {@link patchError}). */
export function objectPatchError(object: ApiObject): InputError | undefined {
  if (((object as unknown as { patches?: unknown[] }).patches ?? []).length === 0) {
    return undefined;
  }
  try {
    return patchError(object, unpatchedJson(object));
  } catch {
    // The object fails without its patches too: its own error is the one to report.
    return undefined;
  }
}

/**
 * The fields the JSON patches of `object` change (the `path`, and the `from` of a move), written as
 * findings name fields: `/spec/template/spec/containers/0/image` is `spec.template.spec.containers[0].image`.
 */
export function patchedFields(object: ApiObject): string[] {
  const patches = (object as unknown as { patches?: JsonPatch[] }).patches ?? [];
  return patches.flatMap((patch) => {
    const operation = patch._toJson() as PatchOperation;
    return [operation.path, ...(operation.op === 'move' && operation.from !== undefined ? [operation.from] : [])];
  }).map((pointer) => pointerTokens(pointer)
    .map((token, i) => (/^(\d+|-)$/.test(token) ? `[${token}]` : `${i === 0 ? '' : '.'}${token}`)).join(''));
}
