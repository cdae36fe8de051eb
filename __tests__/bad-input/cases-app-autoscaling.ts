import { AppVolume } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, labApp } from './lab';

// An App whose count an autoscaler sets: bounds the autoscaler refuses, a count written beside it, and a claim one
// node mounts under an autoscaler that may add pods.

export const CASES: BadInput[] = [
  {
    name: 'an App autoscaled down to zero pods by its own HorizontalPodAutoscaler',
    build: guarded(labApp('web', { autoscaling: { minReplicas: 0, maxReplicas: 3 } })),
    layer: 'props', path: 'web', field: 'autoscaling.minReplicas', hint: /external/,
  },
  {
    name: 'an App given replicas beside autoscaling',
    build: guarded(labApp('web', { replicas: 2, autoscaling: { minReplicas: 2, maxReplicas: 4 } })),
    layer: 'props', path: 'web', field: 'replicas', hint: /leave replicas out/,
  },
  {
    name: 'an App autoscaled past one pod on a ReadWriteOnce claim',
    build: guarded(labApp('web', { autoscaling: { maxReplicas: 3 }, persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/data' } } })),
    layer: 'policy', path: 'web', field: 'autoscaling.maxReplicas', hint: /maxReplicas: 1/,
  },
];
