import { App, AppVolume, ClusterChart, CROSSPLANE_PROVIDERS, CrossplaneProviders, SealedSecret } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, labCluster } from './lab';

// Loose ends of errors on the user's props: a mistake is reported on the prop or call the user wrote, with
// the hint for what they meant, not on the object rendered from it.

/** A sealed Secret "db" in namespace web holding the key `password`. */
function sealedDb(cluster: ClusterChart): SealedSecret {
  return new SealedSecret(cluster, 'db', { namespace: 'web', name: 'db', encryptedData: { password: `AgB${'x'.repeat(800)}` } });
}

export const CASES: BadInput[] = [
  // Before: on the rendered Deployment's spec.template.spec.containers[0].volumeMounts[1].subPath.
  {
    name: "an App's persistence mounting a key its sealed Secret lacks by sub-path",
    build: guarded((cluster: ClusterChart) => {
      sealedDb(cluster);
      new App(cluster, 'web', {
        namespace: 'web', image: 'nginxinc/nginx-unprivileged:1.27.0',
        persistence: { creds: { volume: AppVolume.secret('db'), mounts: [{ mountPath: '/etc/db-password', subPath: 'pasword' }] } },
      });
    }),
    layer: 'references', path: 'web', field: 'persistence.creds.mounts[0].subPath', hint: /did you mean "password"\?/,
  },
  {
    name: "an App's addVolume mounting a key its sealed Secret lacks by sub-path",
    build: guarded((cluster: ClusterChart) => {
      sealedDb(cluster);
      new App(cluster, 'web', { namespace: 'web', image: 'nginxinc/nginx-unprivileged:1.27.0' })
        .addVolume('creds', AppVolume.secret('db'), { mountPath: '/etc/db-password', subPath: 'pasword' });
    }),
    layer: 'references', path: 'web', field: 'addVolume(creds).subPath', hint: /did you mean "password"\?/,
  },
  {
    name: "an App's mount() of a key its sealed Secret lacks by sub-path",
    build: guarded((cluster: ClusterChart) => {
      sealedDb(cluster);
      new App(cluster, 'web', { namespace: 'web', image: 'nginxinc/nginx-unprivileged:1.27.0' })
        .addVolume('creds', AppVolume.secret('db'))
        .mount('creds', '/etc/db-password', { subPath: 'pasword' });
    }),
    layer: 'references', path: 'web', field: 'mount(creds).subPath', hint: /did you mean "password"\?/,
  },
  // Before: on the platform layer's object (crossplane-provider-configs/aws), field apiVersion.
  {
    name: 'an AWS ProviderConfig beside the Kubernetes provider only',
    build: guarded((cluster: ClusterChart) => {
      new CrossplaneProviders(cluster, 'xp', [CROSSPLANE_PROVIDERS.kubernetes])
        .addProviderConfig({ name: 'aws', apiVersion: 'aws.upbound.io/v1beta1', spec: { credentials: { source: 'Secret' } } });
    }),
    layer: 'references', path: 'xp', field: 'addProviderConfig(aws).apiVersion', hint: /CROSSPLANE_PROVIDERS\.awsS3/,
  },

  // Before: did you mean "cdi"? (one letter from csi), not the CSI drivers' keys.
  {
    name: 'componentResources sizing the CSI driver under the key csi',
    build: guarded((_c, app) => labCluster(app, 'edge', { componentResources: { csi: { controller: { memoryRequest: '64Mi' } } } as never })),
    layer: 'props', path: 'edge', field: 'componentResources.csi', hint: /did you mean "secretsStoreCsiDriver" or "vaultCsiProvider"\?/,
  },
  // Before: the list of keys, none of which sizes the NFS CSI driver.
  {
    name: 'componentResources sizing the NFS CSI driver, which keeps its chart\'s sizes',
    build: guarded((_c, app) => labCluster(app, 'edge', { componentResources: { nfs: { controller: { memoryRequest: '64Mi' } } } as never })),
    layer: 'props', path: 'edge', field: 'componentResources.nfs', hint: /nfsStorage\(\) brings, keeps its chart's own sizes/,
  },
];
