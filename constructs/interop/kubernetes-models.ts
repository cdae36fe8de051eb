import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import { reportFinding } from '../validation/finding';

/**
 * The shape of a `@kubernetes-models/*` object (`Model` of `@kubernetes-models/base` 4.x or 5.x): its
 * fields, and `toJSON()` that returns the manifest. Typed structurally, so the library needs no
 * dependency on that ecosystem and accepts models of any of its packages and versions.
 */
export interface KubernetesModelLike {
  /** The manifest as plain data. */
  toJSON(): unknown;
}

/** A kubernetes-models object, or a plain manifest with `apiVersion`, `kind` and `metadata.name`. */
export type ForeignObject = KubernetesModelLike | { readonly apiVersion: string; readonly kind: string; readonly [key: string]: unknown };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Adds a kubernetes-models object (e.g. `new HTTPRoute({...})` of `@kubernetes-models/gateway-api`) to
 * a chart as a raw object. It is written like every other object of its construct (the app's or the
 * layer's file), and goes through the same validation layers: the upstream schema strictly, references,
 * inventory and policy. Its own `validate()` is not needed. Returns the ApiObject, or undefined (with an
 * error finding) when the model is not a Kubernetes object.
 */
export function addModel(scope: Construct, id: string, model: ForeignObject): ApiObject | undefined {
  // From JavaScript, the model may be null or missing altogether.
  const data = typeof (model as KubernetesModelLike | null)?.toJSON === 'function' ? (model as KubernetesModelLike).toJSON() : model;
  // A JSON round trip drops undefined fields and class prototypes, as serializing the model would.
  const manifest: unknown = data === undefined || data === null ? undefined : JSON.parse(JSON.stringify(data));
  if (!isRecord(manifest) || typeof manifest.apiVersion !== 'string' || typeof manifest.kind !== 'string'
    || !isRecord(manifest.metadata) || typeof manifest.metadata.name !== 'string') {
    reportFinding(scope, {
      layer: 'schema', severity: 'error', field: id,
      message: 'the model is not a Kubernetes object: it needs apiVersion, kind and metadata.name',
      hint: 'pass a kubernetes-models object (new HTTPRoute({ metadata: { name }, spec })) or a plain manifest',
    });
    return undefined;
  }
  const { apiVersion, kind, metadata, ...rest } = manifest;
  return new ApiObject(scope, id, { apiVersion, kind, metadata, ...rest });
}
