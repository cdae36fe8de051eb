import { Construct } from 'constructs';
import { App, ClusterChart, ClusterDefinition, factValue, flux, leavePlaceholder, localPathStorage, sealedSecretsComponent, traefik, traefikNodePorts } from '../../constructs';
import { controlPlanePorts, mobius, n5, sandboxFacts, syncIntervals } from '../../hosts/mobius';
import { k0sWorkloadCluster, leaveK0smotronPorts } from './k0s';
import { releases } from './releases';
import { placeholderValue } from './stand-in';
import { uptimeKuma } from './uptime-kuma';
import { mobiusDesignChoices } from './design-choices';
import { clusterRecovery } from './secrets';
import { leaveUnpublishedRouteCheck } from './certificate-check';

/** The sandbox's node ports (Kubernetes' default range), from which its Traefik takes 30080 and 30443. */
const NODE_PORTS = { first: 30000, last: 32767 };

/** The node ports the sandbox's worker container publishes on N5's own address: its Traefik's. */
export const SANDBOX_PUBLISHED_PORTS: readonly number[] = Object.values(traefikNodePorts(NODE_PORTS));

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
      // Where the cluster departs from its design, and why, written into its README.
      designChoices: mobiusDesignChoices('sandbox'),
      hosts: [n5],
      // Experiments reach none of the Mac minis.
      externalHosts: [],
      // The design's sandbox workers are on N5, whose own k0s worker service is homelab's.
      // Its worker there is a container with a network of its own: Traefik's node ports are published on N5.
      // Its volumes are folders of a dataset of N5 (a placeholder: the design gives the sandbox no storage),
      // which the container mounts for local-path.
      preinstalled: [k0sWorkloadCluster('sandbox', controlPlanePorts.sandbox, {
        native: [],
        inContainer: [{ nodeName: n5.nodeName, address: n5.address, publishedPorts: SANDBOX_PUBLISHED_PORTS, volumeDataset: factValue(sandboxFacts.volumeDataset) }],
      })],
      nodePortRange: NODE_PORTS,
      routes: traefik({ nodePorts: true }),
      domain: sandboxFacts.domain,
      // The ZFS driver cannot run in the worker's container (see k0s.ts): local-path, on a dataset of N5.
      storage: { fast: localPathStorage() },
      // See homelab.ts: the deploy key is the one `flux bootstrap` made.
      gitops: flux({ interval: factValue(syncIntervals.sandbox), reconcileInterval: '5m', secretName: 'flux-system', bootstrapPath: 'flux-system/mobius/sandbox' }),
    });
    releases.attach(this);
    leaveK0smotronPorts(this, controlPlanePorts.sandbox);
    leavePlaceholder(this, syncIntervals.sandbox);
    leavePlaceholder(this, sandboxFacts.volumeDataset);
    // Its own Sealed Secrets controller and key, like every mobius cluster: what is tried here is sealed
    // for the sandbox alone.
    this.platform.require(sealedSecretsComponent());
    clusterRecovery(this, 'sandbox');

    new App(this, 'podinfo', {
      image: placeholderValue(this, sandboxFacts.image),
      ports: [{ name: 'http', port: 9898 }],
      replicas: 2,
      probes: { readiness: { httpPath: '/readyz' }, liveness: { httpPath: '/healthz' } },
      route: { host: 'podinfo' },
    });

    // Cloud's status page at the version about to be promoted.
    uptimeKuma(this, 'sandbox');

    // The design's phase 1 verifies each Traefik; this one has no record, no resolver and no port 443, so
    // the owner reaches its routes at N5's published node port, naming each route's address to curl.
    leaveUnpublishedRouteCheck(this, {
      address: n5.address, httpsPort: traefikNodePorts(NODE_PORTS).websecure,
      why: 'the design routes no production traffic to the sandbox, and its domain is a placeholder no DNS holds',
    });
  }
}

/** How the fleet builds this cluster. */
export const mobiusSandbox: ClusterDefinition = {
  folder: 'mobius/sandbox',
  source: 'charts/mobius/sandbox.ts',
  build: (site) => new Sandbox(site),
};
