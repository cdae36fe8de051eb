import { ApiObject, JsonPatch } from 'cdk8s';
import { patchError } from '../interop/json-patch-problems';
import { InputError } from '../validation/input-error';
import type { Construct } from 'constructs';
import type { PlainBodyObject } from '../interop/api-object-json';
import { renderedBodyJson, sortedJson } from './plain';

/**
 * An ApiObject whose body (everything but apiVersion, kind and metadata) is produced when the object is
 * synthesized, from state that may change after its constructor. The body is plain JSON already, so it
 * bypasses cdk8s' token resolution.
 *
 * With `bodyIsPlain`, `body` returns data that is sorted plain JSON already (made with `sortedJson`) and
 * kept by its maker: synthesis then takes it as it is instead of a copy, so one copy of the body lives
 * in memory. `toJson()` always returns a copy of its own.
 */
export class RenderedObject extends ApiObject implements PlainBodyObject {
  constructor(
    scope: Construct,
    id: string,
    props: { apiVersion: string; kind: string; metadata: Record<string, unknown> },
    private readonly body: () => Record<string, unknown>,
    private readonly bodyIsPlain = false,
  ) {
    super(scope, id, props as any);
  }

  public toJson(): any {
    // cdk8s applies JSON patches inside toJson(), to what it knows of the object: here, everything but the
    // body. They are held back and applied to the whole object, so a patch may reach into the body.
    const internals = this as unknown as { patches: JsonPatch[] };
    const patches = internals.patches;
    internals.patches = [];
    let json: Record<string, unknown>;
    try {
      json = { ...super.toJson(), ...(sortedJson(this.body()) as Record<string, unknown>) };
    } finally {
      internals.patches = patches;
    }
    if (patches.length === 0) {
      return json;
    }
    try {
      return JsonPatch.apply(json, ...patches);
    } catch (error) {
      throw patchError(this, json) ?? new InputError(`a JSON patch of ${this.kind} ${this.name} does not apply: ${(error as Error).message.split('\n')[0]}`, 'addJsonPatch',
        'patch a path the rendered object has (see its YAML in dist/), or add the missing parent first', this);
    }
  }

  /** The body as plain JSON: keys sorted, null and undefined dropped. */
  public plainBody(): Record<string, unknown> {
    const body = this.body();
    return this.bodyIsPlain ? body : renderedBodyJson(body);
  }

  /** This class' own `toJson`: a subclass that renders differently replaces it. */
  public get plainBodyToJson(): () => unknown {
    return RenderedObject.prototype.toJson;
  }
}
