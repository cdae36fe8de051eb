import { ApiObject, Lazy } from 'cdk8s';
import type { ClusterChart } from '../../constructs';
import type { BadInput } from './cases';

// Values no manifest can carry, met only when cdk8s resolves the object: the field is named, not the
// stack overflow it causes.

/** A ConfigMap `loop` whose data holds itself under `self`. */
function circularConfigMap(cluster: ClusterChart): void {
  const data: Record<string, unknown> = { mode: 'on' };
  data.self = data;
  new ApiObject(cluster, 'loop', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'loop', namespace: 'web' }, data } as never);
}

/** A ConfigMap `settings` one of whose values is a Lazy that throws when synth resolves it. */
function throwingLazyConfigMap(cluster: ClusterChart): void {
  const mode = Lazy.any({ produce: () => { throw new Error('the settings file could not be read'); } });
  new ApiObject(cluster, 'settings', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'web' }, data: { mode } });
}

export const CASES: BadInput[] = [
  {
    name: 'a raw object whose data holds itself (a circular structure)',
    build: circularConfigMap,
    layer: 'props', path: 'loop', field: 'data.self', hint: /plain value/,
  },
  {
    name: 'a raw object whose Lazy value throws as synth resolves it',
    build: throwingLazyConfigMap,
    layer: 'props', path: 'settings', field: 'props', hint: /a Lazy or another token among its values threw/,
  },
];
