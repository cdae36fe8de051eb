import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import type { PlainBodyObject } from '../interop/api-object-json';
import { sortedJson } from './plain';

/**
 * An ApiObject whose body (everything but apiVersion, kind and metadata) is produced when the object is
 * synthesized, from state that may change after its constructor. The body is plain JSON already, so it
 * bypasses cdk8s' token resolution.
 */
export class RenderedObject extends ApiObject implements PlainBodyObject {
  constructor(
    scope: Construct,
    id: string,
    props: { apiVersion: string; kind: string; metadata: Record<string, unknown> },
    private readonly body: () => Record<string, unknown>,
  ) {
    super(scope, id, props as any);
  }

  public toJson(): any {
    const json = super.toJson();
    return { ...json, ...this.plainBody() };
  }

  /** The body as plain JSON: keys sorted, null and undefined dropped. */
  public plainBody(): Record<string, unknown> {
    return sortedJson(this.body()) as Record<string, unknown>;
  }

  /** This class' own `toJson`: a subclass that renders differently replaces it. */
  public get plainBodyToJson(): () => unknown {
    return RenderedObject.prototype.toJson;
  }
}
