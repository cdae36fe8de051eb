import { createHash } from 'crypto';
import { join } from 'path';
import { Script } from 'vm';
import type Ajv from 'ajv';
import { DiskCache } from './disk-cache';
import { KUBERNETES_FORMATS } from './formats';
import { JsonSchema } from './structural';
import { AjvError } from './violations';

/** A compiled validator: true when valid, otherwise `errors` holds what failed. */
export type CompiledValidator = ((data: unknown) => boolean) & { errors?: AjvError[] | null };

// Bump when schema preparation or code generation changes, so stale cached validators are ignored.
const CODE_FORMAT = 13; // 3: core enums (core-enums.ts); 4: enums of Job and HorizontalPodAutoscaler fields; 5: of endpoint ports, mounts, pod OS and claim retention, and code caches named by their code; 6: pod failure condition status; 7: admission webhooks, rules and policies; 8: AppArmor profiles; 9: quota scope selector operators; 10: code left unoptimized; 11: kube-openapi's string formats of custom resources; 12: MicroTime decoded as RFC3339Micro; 13: a CRD's repeated subschemas compiled once

/**
 * Compiles prepared schemas with ajv and keeps the result on disk, twice over:
 *
 * - `<key>.js`: ajv standalone code. Compiling a Deployment schema (the pod spec pulls in ~100
 *   definitions) takes ~150 ms and loading ajv ~35 ms; with this file ajv is not loaded at all.
 * - `<key>.<digest of the code>.v8`: V8's code cache for that file, written after the first validation so it holds the
 *   compiled validator too. Large CRD validators (1.5 MB of code for SecretStore) otherwise spend
 *   30–50 ms in V8's parser and compiler in every process; with it, under 1 ms.
 *
 * V8 rejects a code cache from another Node version; it is then rebuilt.
 */
export class ValidatorCompiler {
  private ajv?: Ajv;
  /** The code format and the ajv version: what generated code depends on besides the schema. */
  public readonly version: string;

  public constructor(private readonly cache: DiskCache | undefined) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    this.version = `${CODE_FORMAT}:${(require('ajv/package.json') as { version: string }).version}`;
  }

  /**
   * The validator for `key` (a content key of the schema sources), compiling `schema()` only when
   * no cached code exists.
   */
  public validator(key: string, schema: () => JsonSchema): CompiledValidator {
    const name = `validator-${createHash('sha256').update(`${this.version}\u0000${key}`).digest('hex').slice(0, 32)}`;
    const cache = this.cache;
    if (cache !== undefined) {
      const code = cache.read(`${name}.js`);
      if (code !== undefined) {
        try {
          return this.load(cache, name, code.toString('utf8'));
        } catch {
          // corrupt cache entry: compile again
        }
      }
    }
    const ajv = this.ajv ??= createAjv();
    const validate = ajv.compile(schema()) as unknown as CompiledValidator;
    if (cache === undefined) return validate;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const standaloneCode = (require('ajv/dist/standalone') as typeof import('ajv/dist/standalone')).default;
    const code = standaloneCode(ajv, validate as never);
    cache.write(`${name}.js`, code);
    return this.load(cache, name, code);
  }

  private load(cache: DiskCache, name: string, code: string): CompiledValidator {
    // Named by the code it was made from: processes that compile one schema at once write code that differs
    // in its generated names alone (same length), and V8 would take the other process's cache for it.
    const codeCache = `${name}.${createHash('sha1').update(code).digest('hex').slice(0, 16)}.v8`;
    const cachedData = cache.read(codeCache);
    const script = new Script(`(function (require, __formats, module, exports) {${code}\n})`, {
      filename: join(cache.dir, `${name}.js`),
      cachedData,
    });
    const module = { exports: {} as unknown };
    (script.runInThisContext() as Function)(require, KUBERNETES_FORMATS, module, module.exports);
    const validate = module.exports as CompiledValidator;
    if (cachedData !== undefined && !script.cachedDataRejected) return validate;
    let pending = true;
    const first: CompiledValidator = data => {
      const valid = validate(data);
      first.errors = validate.errors;
      if (pending) {
        pending = false;
        cache.write(codeCache, script.createCachedData());
      }
      return valid;
    };
    return first;
  }
}

function createAjv(): Ajv {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ajvModule = require('ajv') as typeof import('ajv');
  const ajv = new ajvModule.default({
    allErrors: true, // report every problem at once
    strict: false, // Kubernetes schemas carry keywords ajv does not know (x-kubernetes-*, nullable without type)
    messages: false, // violations.ts words the messages
    validateSchema: false,
    inlineRefs: false, // one function per definition: smaller generated code for the pod spec
    logger: false,
    // ajv's optimizer passes (dead names, constant folding) took a quarter of a cold compile, and the code
    // they leave validates no faster here: a cold cache, as after `npm ci`, fills sooner without them.
    code: { source: true, optimize: false, formats: ajvModule._`__formats` },
  });
  for (const [name, format] of Object.entries(KUBERNETES_FORMATS)) ajv.addFormat(name, format as never);
  return ajv;
}
