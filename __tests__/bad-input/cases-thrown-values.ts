import { ApiObject } from 'cdk8s';
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

export const CASES: BadInput[] = [
  {
    name: 'a raw object whose data holds itself (a circular structure)',
    build: circularConfigMap,
    layer: 'props', path: 'loop', field: 'data.self', hint: /plain value/,
  },
];
