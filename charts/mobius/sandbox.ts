import { Construct } from 'constructs';
import { App, ClusterChart, ClusterDefinition, flux, sealedSecretsComponent, traefik } from '../../constructs';
import { mobius, n5 } from '../../hosts/mobius';
import { k0sWorkloadCluster, zfsOnK0s } from './k0s';
import { releases } from './releases';
import { uptimeKuma } from './uptime-kuma';

/**
 * The sandbox cluster: experiments on N5, first stage of sandbox → cloud → homelab. Its own Traefik, with
 * no production traffic: no fixed address, no certificate resolver, no public DNS. Nothing gives it a
 * LoadBalancer address and homelab's ingress owns the usual ports, so it answers on node ports 30080 and
 * 30443.
 */
export class Sandbox extends ClusterChart {
  constructor(scope: Construct) {
    super(scope, 'sandbox', {
      site: mobius,
      hosts: [n5],
      preinstalled: [k0sWorkloadCluster('sandbox', [n5])],
      routes: traefik({ nodePorts: true }),
      domain: `sandbox.${mobius.domain}`,
      storage: { fast: n5.zfs.ai },
      // See homelab.ts: the deploy key is the one `flux bootstrap` made.
      gitops: flux({ interval: '1m', reconcileInterval: '5m', secretName: 'flux-system', bootstrapPath: 'flux-system/mobius/sandbox' }),
    });
    releases.attach(this);
    zfsOnK0s(this);
    // Its own Sealed Secrets controller and key, like every mobius cluster: what is tried here is sealed
    // for the sandbox alone.
    this.platform.require(sealedSecretsComponent());

    new App(this, 'podinfo', {
      image: 'ghcr.io/stefanprodan/podinfo:6.7.1',
      ports: [{ name: 'http', port: 9898 }],
      replicas: 2,
      probes: { readiness: { httpPath: '/readyz' }, liveness: { httpPath: '/healthz' } },
      route: { host: 'podinfo' },
    });

    // Cloud's status page at the version about to be promoted.
    uptimeKuma(this, 'sandbox');
  }
}

/** How the fleet builds this cluster. */
export const mobiusSandbox: ClusterDefinition = {
  folder: 'mobius/sandbox',
  source: 'charts/mobius/sandbox.ts',
  build: (site) => new Sandbox(site),
};
