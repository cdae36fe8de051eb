import { ApiObject } from 'cdk8s';
import { App, AppVolume, type ClusterChart, declareExternal, KubeVirtManager, SecretReference } from '../../constructs';
import type { BadInput } from './cases';
import { guarded } from './lab';

// The wrong forms beside the correct labs of correct-labs-5.test.ts: KubeVirt Manager is judged once the cluster is
// built, and still refused where nothing brings KubeVirt; an ntfy whose server.yml of a ConfigMap is read still
// errs where it mounts no configuration at all.

/** KubeVirt Manager with its users' Secret declared, and what `build` adds to the cluster. */
const kubeVirtManager = (build: (cluster: ClusterChart) => void) => guarded((cluster: ClusterChart) => {
  new KubeVirtManager(cluster, 'kubevirt-manager', { route: { host: 'vms' }, users: SecretReference.external('kubevirt-manager', 'kubevirt-manager-users', 'auth') });
  declareExternal(cluster, { secrets: [{ namespace: 'kubevirt-manager', name: 'kubevirt-manager-users' }] });
  build(cluster);
});

export const CASES: BadInput[] = [
  { name: 'KubeVirt Manager on a cluster that runs no KubeVirt and has no VM', build: kubeVirtManager(() => undefined), layer: 'references', path: 'kubevirt-manager', field: 'scope', message: /runs no KubeVirt/ },
  {
    name: 'KubeVirt Manager beside a ConfigMap only, which brings no KubeVirt',
    build: kubeVirtManager((cluster) => new ApiObject(cluster, 'vm-notes', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'vm-notes', namespace: 'kubevirt-manager' }, data: { 'notes.txt': 'VirtualMachine' } })),
    layer: 'references', path: 'kubevirt-manager', field: 'scope',
  },
  {
    name: "ntfy declared on 8080 with a ConfigMap mounted elsewhere than its configuration",
    build: guarded((cluster: ClusterChart) => {
      new ApiObject(cluster, 'ntfy-conf', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'ntfy', namespace: 'ntfy' }, data: { 'server.yml': 'listen-http: ":8080"\n' } });
      new App(cluster, 'ntfy', {
        image: 'binwiederhier/ntfy:v2.11.0', args: ['serve'], ports: [{ name: 'http', port: 8080 }],
        persistence: { config: { volume: AppVolume.configMap('ntfy'), mountPath: '/srv/ntfy' } },
      });
    }),
    layer: 'props', path: 'ntfy', field: 'ports[0].port', hint: /NTFY_LISTEN_HTTP/,
  },
];
