import { Construct } from 'constructs';
import {
  acmeHttp01, ClusterChart, ClusterDefinition, factValue, flux, leaveOwnerAction, leavePlaceholder, localPathStorage, ingressRouteHostnames, traefik, UpstreamProxy,
} from '../../constructs';
import { controlPlanePorts, mobius, n5, pocketIdFacts, syncIntervals, vps } from '../../hosts/mobius';
import { POCKET_ID_HOST } from './pocket-id';
import { k0sWorkloadCluster, leaveK0smotronPorts } from './k0s';
import { fluxEvents, leaveFluxEvents } from './flux-events';
import { releases } from './releases';
import { uptimeKuma } from './uptime-kuma';
import { DOKPLOY_STOP_WHY, dokployStopCommand } from './dokploy';
import { cloudflareZoneCheck, leaveSealedValue, sealedKey, sealedSecret, clusterRecovery } from './secrets';
import { mobiusDesignChoices } from './design-choices';
import { leaveCertificateCheck } from './certificate-check';
import { leaveVpsFailure } from './vps-failure';

/**
 * homelab's routes that the internet reaches through the VPS: the design's public name `home` (Home
 * Assistant), and Pocket ID, where a browser that opens Home Assistant from outside is sent to log in. The
 * other routes of homelab, the admin UIs of AdGuard Home and Weave GitOps among them, stay private: no
 * public record, no certificate on the VPS, and left out of its catch-all by name; inside, AdGuard's
 * rewrites resolve them to homelab's Traefik. A route becomes public by adding its host here.
 */
const PUBLIC_HOMELAB_HOSTS: readonly string[] = ['home', POCKET_ID_HOST];

/** Where cloud's control plane answers on N5, which the VPS reaches over Twingate only. */
const apiPort = factValue(controlPlanePorts.cloud.api);
const konnectivityPort = factValue(controlPlanePorts.cloud.konnectivity);

/** The cloud cluster: the VPS worker, public-facing services. */
export class Cloud extends ClusterChart {
  /**
   * @param homelab the cluster whose Traefik serves every name the VPS does not serve itself
   */
  constructor(scope: Construct, homelab: ClusterChart) {
    super(scope, 'cloud', {
      site: mobius,
      // Where the cluster departs from its design, and why, written into its README.
      designChoices: mobiusDesignChoices('cloud'),
      hosts: [vps],
      // The Mac minis serve homelab only; the VPS reaches homelab's Traefik, not them.
      externalHosts: [],
      // The VPS reaches homelab's Traefik over Twingate, which the design leaves as it is.
      // Its control plane runs on N5 too: the VPS reaches it over the same route, or its worker never joins.
      preinstalled: [k0sWorkloadCluster('cloud', controlPlanePorts.cloud, {
        native: [vps],
        machineSteps: [
          `before the VPS joins, check that it reaches cloud's control plane on N5 (${n5.address}), which Twingate's 192.168.0.0/16 route alone takes it to: `
            + `its kubelet joins the API server at node port ${apiPort}, and its konnectivity agent dials node port ${konnectivityPort} of the same address; the API server answers with an HTTP status, `
            + `and 000 means the VPS does not reach N5: curl -sk --max-time 5 -o /dev/null -w "%{http_code}" https://${n5.address}:${apiPort}/healthz`,
        ],
      }), {
        source: 'Twingate',
        brings: [
          `the existing connector's 192.168.0.0/16 route, which takes the VPS to N5's networks: to cloud's control plane on N5's management cluster (${n5.address}, node ports ${apiPort} and ${konnectivityPort}), `
            + "which the VPS's worker joins and stays joined through, and to homelab's Traefik at 192.168.8.50, where the catch-all reaches it",
        ],
        manualSteps: [
          'Twingate, unchanged: the VPS reaches N5\'s networks through the existing connector\'s 192.168.0.0/16 route, which the catch-all to homelab\'s Traefik at 192.168.8.50 needs; '
            + 'check from the VPS: curl -sk -o /dev/null -w "%{http_code}" -H "Host: home.jax-lab.dev" https://192.168.8.50, '
            + "and from a pod, since the catch-all runs in Traefik's pod, whose traffic the VPS forwards into the connector's route: "
            + 'kubectl run twingate-check --rm -i --restart=Never --image=curlimages/curl:8.11.1 -- curl -sk -o /dev/null -w "%{http_code}" -H "Host: home.jax-lab.dev" https://192.168.8.50',
        ],
      }],
      // The VPS answers on its public address, so HTTP-01 works here. Nothing gives a LoadBalancer Service
      // an address on a lone VPS: Traefik serves 80 and 443 from the node itself.
      routes: traefik({ certResolver: 'letsencrypt-http', acme: { 'letsencrypt-http': acmeHttp01() }, hostPorts: true }),
      storage: { fast: localPathStorage() },
      // See homelab.ts: the deploy key is the one `flux bootstrap` made.
      gitops: flux({ interval: factValue(syncIntervals.cloud), reconcileInterval: '5m', secretName: 'flux-system', bootstrapPath: 'flux-system/mobius/cloud', notifications: fluxEvents('cloud') }),
      // The public half of the split horizon: external-dns-cloudflare, records in Cloudflare.
      dns: { publicTarget: vps, cloudflare: { apiToken: sealedKey('cloud', 'external-dns/cloudflare-api-token', 'api-token') } },
    });
    releases.attach(this);
    leavePlaceholder(this, syncIntervals.cloud);
    // Its public record and certificate here follow Pocket ID's name on homelab.
    leavePlaceholder(this, pocketIdFacts.host);
    leaveK0smotronPorts(this, controlPlanePorts.cloud);

    // external-dns-cloudflare's API token.
    sealedSecret(this, 'cloud', 'external-dns/cloudflare-api-token');
    leaveSealedValue(this, 'cloud', 'external-dns/cloudflare-api-token', 'api-token', {
      what: `a Cloudflare API token with Zone:DNS:Edit and Zone:Zone:Read on ${mobius.domain}, with which external-dns-cloudflare writes the public records `
        + "(Cloudflare's dashboard: My Profile, API Tokens; the check asks Cloudflare for the zone by name, as external-dns does first)",
      check: cloudflareZoneCheck(mobius.domain),
    });
    leaveFluxEvents(this, 'cloud');
    clusterRecovery(this, 'cloud');
    // The design's explicit records (home., uptime.) replace the zone's wildcard: while one is left in
    // Cloudflare, every private name of homelab resolves publicly to the VPS as well, and external-dns
    // does not delete a record it did not write.
    leaveOwnerAction(this, {
      kind: 'manual',
      action: `once external-dns-cloudflare has written its records (cloud's own routes and homelab's public names ${PUBLIC_HOMELAB_HOSTS.map((h) => `${h}.${mobius.domain}`).join(', ')}), delete the wildcard *.${mobius.domain} record from Cloudflare if there is one: `
        + "the explicit records replace it, as the design says, and while it stays every private name of homelab (its admin UIs among them) also resolves publicly to the VPS; "
        + 'external-dns leaves records it did not write alone. The command prints an answer only while a wildcard exists',
      command: `dig +short "wildcard-check.${mobius.domain}" @1.1.1.1`,
    });

    // Dokploy's own Traefik holds the VPS's ports 80 and 443, which this cluster's Traefik serves from the node.
    // A hostPort is a forwarding rule of the pod network's portmap, not a bound socket: nothing keeps the pod from
    // starting beside Dokploy's Traefik, whose own forwarding rules Docker writes again whenever it restarts it.
    leaveOwnerAction(this, {
      kind: 'manual',
      action: "before cloud's Traefik starts, stop Dokploy's Traefik on the VPS for good, which publishes ports 80 and 443 that cloud's Traefik takes from the node: "
        + 'a hostPort is a forwarding rule, not a bound port, so cloud\'s Traefik starts beside a running Dokploy Traefik and which of the two answers depends on the order of their rules; '
        + `the command lists what publishes port 443, then stops Dokploy's Traefik (DOKPLOY_TRAEFIK, its name in that list), ${DOKPLOY_STOP_WHY}; `
        + 'the public services Dokploy still serves there move to this cluster first (the design\'s phase 4 decommissions Dokploy)',
      command: `docker ps --filter publish=443 --format "{{.Names}}" && ${dokployStopCommand('DOKPLOY_TRAEFIK')}`,
      beforeFirstSync: true,
    });
    uptimeKuma(this, 'cloud');

    // Every other *.jax-lab.dev name but homelab's private ones goes to homelab's Traefik at 192.168.8.50 over Twingate (the VPS
    // routes 192.168.0.0/16 through it). HTTP-01 cannot issue a wildcard, so certificates are requested
    // for homelab's public route names, which external-dns-cloudflare publishes at the VPS.
    const publicNames = new Set(PUBLIC_HOMELAB_HOSTS.map((host) => `${host}.${mobius.domain}`));
    new UpstreamProxy(this, 'homelab-traefik', {
      domain: mobius.domain,
      address: mobius.pools.ingress.at('192.168.8.50'),
      certResolver: 'letsencrypt-http',
      hostnames: () => ingressRouteHostnames(homelab).filter((name) => publicNames.has(name)),
      publicAddress: vps.publicAddress,
      // The catch-all would otherwise forward a request naming a private route (an admin UI) to homelab
      // for anyone who sends its Host header to the VPS, DNS record or not.
      privateHostnames: () => ingressRouteHostnames(homelab).filter((name) => !publicNames.has(name)),
    });

    // The design's phase 2 validates DNS, ingress and certificates on the first service moved, public here.
    leaveCertificateCheck(this, {
      where: 'from outside the network', subject: 'every public name answers through the VPS', why: "the design's validation of DNS, ingress and certificates",
      names: () => [...ingressRouteHostnames(this), ...ingressRouteHostnames(homelab).filter((name) => publicNames.has(name))],
    });
    // The design asks what breaks if the VPS goes down, and keeps homelab answering locally during a partition.
    leaveVpsFailure(this, {
      own: () => ingressRouteHostnames(this),
      proxied: () => ingressRouteHostnames(homelab).filter((name) => publicNames.has(name)),
    });
  }
}

/** How the fleet builds this cluster. */
export const mobiusCloud: ClusterDefinition = {
  folder: 'mobius/cloud',
  source: 'charts/mobius/cloud.ts',
  needs: ['mobius/homelab'],
  build: (site, needed) => new Cloud(site, needed('mobius/homelab')),
};
