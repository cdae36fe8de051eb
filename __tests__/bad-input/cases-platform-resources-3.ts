import { localPathStorage } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, labCluster } from './lab';

// The local-path provisioner is sized (10m, 32Mi, 128Mi); a user who sizes it otherwise writes
// localPathStorage({ resources }), checked as an App's `resources` are, never ignored.

/** A cluster `edge` whose local storage tier is `localPathStorage(options)`; the finding is expected on `field`. */
const localPath = (name: string, options: unknown, field: string, hint: RegExp): BadInput => ({
  name, hint,
  build: guarded((_c, root) => labCluster(root, 'edge', { storage: { local: localPathStorage(options as any) } })),
  layer: 'props', path: 'edge', field,
});

export const CASES: BadInput[] = [
  localPath("local-path provisioner sized in Kubernetes' own form", { resources: { limits: { memory: '256Mi' } } },
    'storage.local.resources.limits', /memoryLimit/),
  localPath('local-path provisioner sized in Docker units', { resources: { memoryLimit: '256MB' } },
    'storage.local.resources.memoryLimit', /256Mi/),
  localPath('local-path provisioner given a request above its limit', { resources: { memoryRequest: '1Gi', memoryLimit: '256Mi' } },
    'storage.local.resources.memoryRequest', /memoryLimit|at most|raise/),
  localPath('local-path storage given an option it does not have', { root: '/var/lib/local' },
    'storage.local.root', /resources/),
];
