import { App, AppController, AppVolume, ClusterChart, declareExternal, Knative } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, lab } from './lab';

// A Knative Service mounts claims, never an NFS export: the mistake is named on the app's volume, with the
// claim that carries the export, not left to the Knative Service's schema.

/** Knative on the lab's Gateway, and a Knative app `fn` mounting the lab's NFS share at /media. */
const knativeWithNfs = guarded((c: ClusterChart) => {
  declareExternal(c, { secrets: [{ namespace: 'gateway', name: 'main-gateway-tls' }] });
  new Knative(c, 'knative', { eventing: false });
  new App(c, 'fn', {
    image: 'ghcr.io/knative/helloworld-go:1.15.0', ports: [{ name: 'http', port: 8080 }], controller: AppController.knative(),
    persistence: { media: { volume: AppVolume.nfs(lab.nfs.share), mountPath: '/media' } },
  });
});

export const CASES: BadInput[] = [
  {
    name: 'a Knative app that mounts an NFS export',
    build: knativeWithNfs, gatewayCluster: true,
    layer: 'props', path: 'fn', field: 'persistence.media.volume', message: /Knative Service mounts no NFS volume/, hint: /StaticNfsVolume/,
  },
];
