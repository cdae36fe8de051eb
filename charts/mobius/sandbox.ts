import { Construct } from 'constructs';
import { App, ClusterChart, flux, traefik } from '../../constructs';
import { mobius, n5 } from '../../hosts/mobius';

/** The sandbox cluster: experiments on N5, synced first (seed 004's sandbox → cloud → homelab). */
export class Sandbox extends ClusterChart {
  constructor(scope: Construct) {
    super(scope, 'sandbox', {
      site: mobius,
      hosts: [n5],
      routes: traefik(),
      domain: `sandbox.${mobius.domain}`,
      gitops: flux({ interval: '1m' }),
    });

    new App(this, 'podinfo', {
      image: 'ghcr.io/stefanprodan/podinfo:6.7.1',
      ports: [{ name: 'http', port: 9898 }],
      replicas: 2,
      probes: { readiness: { httpPath: '/readyz' }, liveness: { httpPath: '/healthz' } },
      route: { host: 'podinfo' },
    });
  }
}
