import { Construct } from 'constructs';
import {
  acmeCloudflareDns01, actionsRunnerController, App, AppVolume, ClusterChart, ClusterDefinition, DnsRecord,
  cdiComponent, ExternalService, factValue, flux, HomeAssistantVm, type Preinstalled, type ZfsPool, hostPlacement, kubeVirtComponent, KubeVirtManager, multusComponent, kubePrometheusStack, leaveOwnerAction, leavePlaceholder, localPathStorage, Placeholder, loki, metalLb, renovate, reportFinding,
  rolePlacement, runnerScaleSet, ServiceRoute, storageClassNameOf, traefik, trivyOperator, WeaveGitOps,
} from '../../constructs';
import { adguardHome, ciCdFacts, controlPlanePorts, homeAssistantFirmware, homeAssistantMacs, kubeVirtManagerFacts, m1, m1Host, m4, mobius, monitoringFacts, n5, syncIntervals, vlans, vps } from '../../hosts/mobius';
import { pocketId } from './pocket-id';
import { SANDBOX_PUBLISHED_PORTS } from './sandbox';
import { placeholderValue } from './stand-in';
import { APP_USER, claimCopy, claimCopyCommands } from './claim-copy';
import { DOKPLOY_STOP_WHY, dokployStopCommand } from './dokploy';
import { CONTROL_PLANE_PORTS, HOSTED_CONTROL_PLANE_PARTS, k0sWorkloadCluster, leaveHostedControlPlaneWatch, leaveK0smotronPorts, kubeVirtOnK0s, zfsOnK0s } from './k0s';
import { fluxEvents, leaveFluxEvents } from './flux-events';
import { releases } from './releases';
import { cloudflareZoneCheck, githubApiCheck, leaveSealedValue, sealedKey, sealedSecret, clusterRecovery } from './secrets';
import { mobiusDesignChoices } from './design-choices';
import { leaveCertificateCheck } from './certificate-check';

/** The GitHub repository of this GitOps tree (`owner/name`), for runners and Renovate. */
const GITHUB_REPOSITORY = (mobius.git?.url ?? '').replace(/^.*github\.com[/:]/, '').replace(/\.git$/, '');

/** The M1's runner scale set, which GitHub Actions jobs ask for by this name (`runs-on`). */
const RUNNER_SCALE_SET = 'm1-runners';

/** AdGuard Home's admin API from the owner's machine, before its admin name resolves (the port-forward below). */
const ADGUARD_LOCAL = 'http://localhost:3000';
/** Reaches AdGuard Home's port 3000 from the owner's machine, whatever the network's DNS answers. */
const ADGUARD_PORT_FORWARD = 'kubectl -n adguard-home port-forward svc/adguard-home 3000:3000';
/** AdGuard Home's conf folder in its image, which the Dokploy container kept its AdGuardHome.yaml in. */
const ADGUARD_CONF_IN_IMAGE = '/opt/adguardhome/conf';
/** Where the owner keeps the Dokploy container's conf folder between its stop and AdGuard Home's first start here. */
const ADGUARD_CONF_COPY = './adguard-home-conf';

/** The existing zvol of the Home Assistant VM, as the design names it. */
const HOME_ASSISTANT_ZVOL = { pool: 'vms', name: 'HomeAssistant' } as const;
/** The Home Assistant VM's static address on the IoT VLAN. */
const HOME_ASSISTANT_IOT_ADDRESS = '192.168.64.2';

/** Loki's HTTP API (queries of Grafana, pushes of log shippers): the chart's single-binary Service in namespace monitoring. */
const LOKI_QUERY_URL = 'http://loki.monitoring.svc:3100';


/**
 * homelab's node ports: above every port N5 publishes for the other clusters, since N5's own k0s worker
 * service is homelab's and its kube-proxy takes a node port on N5's addresses before Docker's publishing does.
 */
const NODE_PORTS = { first: Math.max(...CONTROL_PLANE_PORTS, ...SANDBOX_PUBLISHED_PORTS) + 1, last: 32767 };

/**
 * What homelab's objects need of N5 itself, which the design's current setup (libvirt, Dokploy) already has
 * and no file here makes: the VMs' KVM, the ZFS pools and the Home Assistant zvol, bridge64 and the VLAN 8 leg.
 */
function n5HostFacilities(): Preinstalled {
  const bridge = n5.bridges.bridge64;
  const vlan8 = n5.vlanInterfaces.find((link) => link.vlan === vlans.vips);
  const pools = Object.values<ZfsPool>(n5.zfs).map((pool) => pool.name);
  return {
    source: `${n5.nodeName}'s host`,
    brings: [
      'KVM (/dev/kvm), which KubeVirt runs the Home Assistant VM with',
      `ZFS pools ${pools.join(', ')} (StorageClasses zfs-${pools.join(', zfs-')}), with the existing zvol vms/HomeAssistant the VM boots from (vms/homeassistant once renamed before the cutover)`,
      `Linux bridge ${bridge.name} on ${bridge.uplink} (VLAN ${vlans.iot.id}), holding the IoT gateway ${vlans.iot.gateway}, which NetworkAttachmentDefinition vms/iot-vlan-bridge attaches the VM to`,
      ...(vlan8 ? [`its VLAN ${vlans.vips.id} interface ${vlan8.device}, where MetalLB answers for ${mobius.pools.ingress.at('192.168.8.50').address} and the services pool`] : []),
    ],
    manualSteps: [
      `check them on ${n5.nodeName} before homelab's first sync: ls /dev/kvm && zpool list ${pools.join(' ')} && zfs list -H -t volume -o name,volsize | grep -iE "^vms/homeassistant[[:space:]]" && ip -br addr show ${bridge.name}`
        + (vlan8 ? ` && ip -br link show ${vlan8.device}` : ''),
    ],
  };
}

/** The homelab cluster: N5 and the M1 VM; VMs, storage and internal services. */
export class Homelab extends ClusterChart {
  constructor(scope: Construct) {
    super(scope, 'homelab', {
      site: mobius,
      // Where the cluster departs from its design, and why, written into its README.
      designChoices: mobiusDesignChoices('homelab'),
      hosts: [n5, m1],
      // Osaurus on the M4 (its ExternalName), and the M1 Mac mini whose UTM runs the m1-worker VM.
      externalHosts: [m4, m1Host],
      // N5's own k0s worker service is homelab's: its VMs and volumes need N5's KVM, ZFS pools, bridge64 and
      // VLAN 8 leg, which a worker in a container would not see as the host does.
      preinstalled: [k0sWorkloadCluster('homelab', controlPlanePorts.homelab, {
        native: [n5, m1],
        why: "N5's own k0s worker service is homelab's, whose VMs, volumes and addresses need N5's KVM, ZFS pools, bridge64 and VLAN 8 leg",
        // The design's VM configuration of the M1 worker, from the inventory.
        machineSteps: [
          `make ${m1.nodeName}, the ${m1.model} (${m1Host.address}), ${m1.arch}: `
            + `${m1.cores} of the Mac's ${m1Host.hardware?.cores} cores and ${m1.memoryGigabytes} GB of its ${m1Host.hardware?.memoryGigabytes} GB (the rest stays macOS'), `
            + `a ${m1.disks[0]?.sizeGigabytes} GB thin-provisioned disk, its network bridged to VLAN ${vlans.services.id} with the static address ${m1.address} `
            + `and the hostname ${m1.nodeName}, the node name the repository's placements and steps use`,
        ],
        nodePorts: {
          range: NODE_PORTS,
          clearOf: `${n5.nodeName}, a worker of homelab, also publishes the management cluster's control-plane node ports (${CONTROL_PLANE_PORTS.join(', ')}) `
            + `and the sandbox worker's (${SANDBOX_PUBLISHED_PORTS.join(', ')}), and homelab's kube-proxy there would take a node port that is one of them ahead of Docker's publishing, `
            + 'sending that port to a homelab Service instead',
        },
      }), n5HostFacilities()],
      nodePortRange: NODE_PORTS,
      routes: traefik({
        address: mobius.pools.ingress.at('192.168.8.50'),
        certResolver: 'letsencrypt-dns',
        // Its acme.json on the vms pool, the design's tier of services' state; ai is for AI/ML workloads.
        acmeStorageTier: 'vm',
        // Names under jax-lab.dev resolve inside only, so the challenge goes through Cloudflare DNS.
        acme: { 'letsencrypt-dns': acmeCloudflareDns01({ apiToken: sealedKey('homelab', 'traefik/cloudflare-api-token', 'api-token') }) },
      }),
      // Dokploy's Docker in swarm mode holds 7946 on N5, where MetalLB's speaker binds its memberlist by default.
      loadBalancer: metalLb({ pools: [mobius.pools.ingress, mobius.pools.services, mobius.pools.dns], memberlistPort: 7947 }),
      // The ZFS pools are N5's; the M1's monitoring keeps its data on the m1-worker VM's own disk, which
      // a claim of a pool of N5 could never reach (the pod would wait for ever on the M1).
      storage: { fast: n5.zfs.ai, vm: n5.zfs.vms, bulk: n5.zfs.tank, m1Disk: localPathStorage() },
      // The deploy key is the one `flux bootstrap` generates and registers, in Secret flux-system: the
      // sealed-secrets controller is itself installed from this repository, so the key that fetches the
      // repository cannot wait for it to unseal anything.
      // Core Flux stays on N5, so GitOps goes on while the M1 is down; its notification-controller is CI/CD,
      // which runs on the M1 worker with the other CI/CD workloads.
      gitops: flux({
        interval: factValue(syncIntervals.homelab), reconcileInterval: '5m', secretName: 'flux-system', bootstrapPath: 'flux-system/mobius/homelab',
        controllerPlacement: {
          'source-controller': hostPlacement(n5), 'kustomize-controller': hostPlacement(n5), 'helm-controller': hostPlacement(n5),
          'notification-controller': rolePlacement([n5, m1], 'ci-cd', 'arm64'),
        },
        // The design's notification-controller (events and alerts) posts Flux's failures on.
        notifications: fluxEvents('homelab'),
      }),
      dns: {
        publicTarget: vps,
        // The internal half of the split horizon: external-dns-adguard, rewrites in AdGuard Home below.
        adguard: {
          url: 'http://adguard-home.adguard-home.svc:3000',
          username: sealedKey('homelab', 'external-dns/adguard-credentials', 'username'),
          password: sealedKey('homelab', 'external-dns/adguard-credentials', 'password'),
        },
      },
    });
    releases.attach(this);
    leavePlaceholder(this, syncIntervals.homelab);
    leaveFluxEvents(this, 'homelab');
    leaveK0smotronPorts(this, controlPlanePorts.homelab);
    zfsOnK0s(this);

    // Split-horizon DNS for the whole network; answers on the services VLAN at .53.
    const adguardDns = mobius.pools.dns.at('192.168.4.53');
    const adguard = (fact: Placeholder<string>) => placeholderValue(this, fact);
    const adguardUi = `https://${mobius.fqdn(adguard(adguardHome.host))}`;
    new App(this, 'adguard-home', {
      image: `adguard/adguardhome:${adguard(adguardHome.version)}`,
      ports: [
        { name: 'http', port: 3000 },
        { name: 'dns-tcp', port: 53 },
        { name: 'dns-udp', port: 53, protocol: 'UDP' },
      ],
      // The design gives no version, sizes or resources: each is a placeholder the README lists. Its settings,
      // query log and statistics go to the vms pool, the design's tier of VM disks and databases.
      persistence: {
        conf: { volume: AppVolume.claim({ tier: 'vm', size: adguard(adguardHome.confSize) }), mountPath: ADGUARD_CONF_IN_IMAGE },
        work: { volume: AppVolume.claim({ tier: 'vm', size: adguard(adguardHome.workSize) }), mountPath: '/opt/adguardhome/work' },
      },
      runAsUser: APP_USER, runAsGroup: APP_USER,
      resources: { cpuRequest: adguard(adguardHome.cpuRequest), memoryRequest: adguard(adguardHome.memoryRequest), memoryLimit: adguard(adguardHome.memoryLimit) },
      exemptions: { addCapabilities: { capabilities: ['NET_BIND_SERVICE'], reason: 'DNS is served on port 53' } },
      placement: { host: n5 },
      route: { host: factValue(adguardHome.host) },
      // Clients keep their own addresses: AdGuard Home's per-client rate limit (20 queries a second by
      // default), statistics and rules would otherwise see the whole network as N5, and throttle it as one.
      loadBalancer: { address: adguardDns, ports: ['dns-tcp', 'dns-udp'], externalTrafficPolicy: 'Local' },
      // external-dns-adguard writes the rewrites through AdGuard Home's API on port 3000.
      allowFrom: [{ namespace: 'external-dns' }],
    });
    // The nodes resolve through their own resolver: image pulls, flux bootstrap and CoreDNS' forwarding. If
    // that is AdGuard Home's .53, stopping Dokploy's (the next step) leaves them without names, and homelab's AdGuard Home
    // (its image among what they pull) never comes up: they switch first. Osaurus' ExternalName needs its rewrite afterwards.
    leaveOwnerAction(this, {
      kind: 'manual',
      action: `before homelab's first sync, and before Dokploy's AdGuard Home stops (the next step): while 192.168.4.53 is down between the two AdGuard Homes, n5 and ${m1.nodeName} must resolve through a resolver that does not depend on it `
        + `(image pulls and flux bootstrap need names): if their DNS servers list 192.168.4.53, point them for the switch at a resolver outside the cluster (the UDM Pro gateway 192.168.4.1, or a public one), `
        + "and back at 192.168.4.53 once homelab's AdGuard Home answers, which alone answers the private names (Osaurus' m4.jax-lab.dev among them)",
      command: 'resolvectl status | grep -i "DNS Servers"',
      beforeFirstSync: true,
    });
    // The design's current state: Dokploy on N5 runs Traefik and AdGuard Home, and the rewrites already send
    // names to 192.168.8.50. Their successors here take the same addresses, which one machine cannot answer twice.
    leaveOwnerAction(this, {
      kind: 'manual',
      action: "before homelab's first sync, stop Dokploy's Traefik and AdGuard Home on N5: homelab's Traefik (192.168.8.50) and AdGuard Home (192.168.4.53, port 53) "
        + "take over their addresses through MetalLB; the command lists what publishes ports 53 and 443 (DOKPLOY_TRAEFIK and DOKPLOY_ADGUARD_HOME are their names in that list) "
        + `and which of the two addresses N5's interfaces hold; first copy AdGuard Home's conf folder (AdGuardHome.yaml and its rewrites) out for the conf claim (${ADGUARD_CONF_IN_IMAGE} in its image, into ${ADGUARD_CONF_COPY}), `
        + `then stop both containers for good (${DOKPLOY_STOP_WHY}) and remove 192.168.8.50 and 192.168.4.53 from N5's interfaces if they are set there; the network's DNS at .53 is down until homelab's AdGuard Home answers, `
        + "and the other services Dokploy's Traefik serves on N5 have no route until they move into homelab (the design's phase 4), Pocket ID, which Home Assistant's logins need, until its migration below",
      command: [
        'docker ps --filter publish=53 --filter publish=443 --format "{{.Names}}" && ip -br addr | grep -E "192\\.168\\.(8\\.50|4\\.53)/"',
        `docker cp "$DOKPLOY_ADGUARD_HOME":${ADGUARD_CONF_IN_IMAGE} ${ADGUARD_CONF_COPY}`,
        `${dokployStopCommand('DOKPLOY_TRAEFIK')} && ${dokployStopCommand('DOKPLOY_ADGUARD_HOME')}`,
      ].join('\n'),
      beforeFirstSync: true,
    });
    // AdGuard Home treats a conf folder without AdGuardHome.yaml as its first launch, which it refuses to
    // any user but root (its open issue 4714), whatever capability the pod adds: as shipped (non-root, an
    // empty conf claim) it would restart for ever. It starts from the Dokploy container's configuration,
    // which the design migrates; the probes, the route and external-dns reach it on port 3000. A host-network
    // container beside systemd-resolved's stub listens on one address of N5's; the pod has none of them, and
    // MetalLB brings 192.168.4.53 to whatever address the pod holds.
    leaveOwnerAction(this, {
      kind: 'manual',
      action: "first start of AdGuard Home: it starts only from an AdGuardHome.yaml in its conf claim; with none it begins its first launch, which it refuses to a non-root user "
        + "(log: 'You must run it as Administrator'; the pod restarts until the file is there). With Flux's apps layer suspended and the deployment scaled to 0, "
        + `copy the Dokploy container's AdGuardHome.yaml into ${claimCopy('adguard-home', 'adguard-home-conf')} from ${ADGUARD_CONF_COPY}, where the step that stopped it copied its conf folder, `
        + 'with http.address 0.0.0.0:3000, dns.bind_hosts 0.0.0.0 alone (a Dokploy file that lists 192.168.4.53 or another address of N5 fails to bind port 53 in the pod, which holds none of them), '
        + 'dns.port 53 and, in users, the user sealed in external-dns/adguard-credentials (its name, and the bcrypt hash of its password), then resume the layer, which scales it back; '
        + `its admin UI is then ${ADGUARD_LOCAL} through a port-forward (\`${ADGUARD_PORT_FORWARD}\`) until AdGuard Home rewrites ${adguardUi.replace('https://', '')} itself`,
      command: [
        `vi ${ADGUARD_CONF_COPY}/AdGuardHome.yaml`,
        ...claimCopyCommands({ namespace: 'adguard-home', app: 'adguard-home', claim: 'adguard-home-conf', source: ADGUARD_CONF_COPY, appsLayer: 'mobius-homelab-apps' }),
      ].join('\n'),
    });
    // The AdGuard provider owns every `|name^dnsrewrite=…` rule, so the hand-made split-horizon entries move
    // into objects before its first sync, as the design says (manual rewrites as DNSEndpoints).
    leaveOwnerAction(this, {
      kind: 'manual',
      action: 'before external-dns-adguard first syncs, list AdGuard Home\'s hand-made DNS rewrites and |name^dnsrewrite=… rules under jax-lab.dev: '
        + 'the provider owns every rule of that form, so declare each one still needed as a DnsRecord in charts/mobius/homelab.ts (as m4 is) and delete the hand-made one; '
        + 'a routed name such as home.jax-lab.dev → 192.168.8.50 is written by external-dns itself',
      command: `${ADGUARD_PORT_FORWARD} & sleep 2; curl -su "$ADGUARD_USER:$ADGUARD_PASSWORD" ${ADGUARD_LOCAL}/control/rewrite/list && curl -su "$ADGUARD_USER:$ADGUARD_PASSWORD" ${ADGUARD_LOCAL}/control/filtering/status; kill $!`,
    });
    // The design's split horizon, as its external-dns example describes it: one name, two answers.
    const homeName = mobius.fqdn('home');
    leaveOwnerAction(this, {
      kind: 'manual',
      action: `once external-dns-adguard here and external-dns-cloudflare on cloud have synced, check the split horizon: inside, AdGuard Home (${adguardDns.address}) answers ${homeName} `
        + `with homelab's Traefik (${mobius.pools.ingress.at('192.168.8.50').address}); outside, Cloudflare answers with the VPS (${vps.publicAddress}), whose catch-all proxies it to homelab over Twingate`,
      command: `dig +short ${homeName} @${adguardDns.address} && dig +short ${homeName} @1.1.1.1`,
    });
    // The design's phase 1 verifies Traefik's ingress and its phase 2 validates DNS, ingress and certificates;
    // inside, every name of homelab answers through its Traefik with a DNS-01 certificate.
    leaveCertificateCheck(this, {
      where: `from a machine inside the network that resolves through AdGuard Home (${adguardDns.address})`,
      subject: `every name of homelab answers through its Traefik (${mobius.pools.ingress.at('192.168.8.50').address})`,
      why: "the design's check that Traefik's ingress works, and its validation of DNS, ingress and certificates, here of the DNS-01 certificates",
    });
    // Credentials of external-dns-adguard (its webhook sidecar logs in to AdGuard Home).
    sealedSecret(this, 'homelab', 'external-dns/adguard-credentials');
    // Cloudflare token for Traefik's DNS-01 resolver: the cluster sits behind NAT.
    sealedSecret(this, 'homelab', 'traefik/cloudflare-api-token');
    leaveSealedValue(this, 'homelab', 'traefik/cloudflare-api-token', 'api-token', {
      what: `a Cloudflare API token with Zone:DNS:Edit and Zone:Zone:Read on ${mobius.domain}, with which homelab's Traefik writes the DNS-01 challenge records of its certificates `
        + "(Cloudflare's dashboard: My Profile, API Tokens; the check asks Cloudflare for the zone by name, as Traefik does first)",
      check: cloudflareZoneCheck(mobius.domain),
    });
    clusterRecovery(this, 'homelab');
    // The AdGuard provider owns every rewrite of the zone, so hand-made ones are objects: the M4 that
    // Osaurus' ExternalName points at.
    new DnsRecord(this, 'm4', { name: mobius.fqdn(m4), targets: [m4.address] });

    // The existing Home Assistant zvol, on the IoT VLAN through bridge64 (the design's phase 3). The VM and
    // its disk claim carry the design's names, `homeassistant` and `homeassistant-disk`.
    // The design keeps the VM's libvirt networking: its interfaces keep their MAC addresses, which the owner copies.
    const homeAssistant = new HomeAssistantVm(this, 'homeassistant', {
      // The design's VM: namespace vms, 2 cores, 4Gi, its template's label app: homeassistant, written here rather than left to the construct's defaults.
      namespace: 'vms', cores: 2, memory: '4Gi', labels: { app: 'homeassistant' },
      disk: n5.zfs.vms.existingVolume(HOME_ASSISTANT_ZVOL.name, { size: '256Gi' }),
      iot: { bridge: n5.bridges.bridge64, address: HOME_ASSISTANT_IOT_ADDRESS, macAddress: factValue(homeAssistantMacs.iot) },
      podMacAddress: factValue(homeAssistantMacs.pod),
      firmware: factValue(homeAssistantFirmware),
      nameservers: [adguardDns],
      // The design's pod interface carries the guest's OAuth with Pocket ID: its name resolves to Traefik's
      // address, which the guest then reaches over the pod network rather than through the IoT gateway.
      podRouteAddresses: [mobius.pools.ingress.at('192.168.8.50')],
      route: { host: 'home' },
    });
    for (const fact of [homeAssistantMacs.iot, homeAssistantMacs.pod, homeAssistantFirmware]) {
      leavePlaceholder(homeAssistant, fact);
    }
    // The libvirt VM and this one share the zvol, the MACs and 192.168.64.2: only one may ever run.
    leaveOwnerAction(homeAssistant, {
      kind: 'manual',
      action: 'cutover of Home Assistant: before the zvol rename, shut the libvirt VM down and turn its autostart off; it shares the zvol, its MAC addresses and 192.168.64.2 with the KubeVirt VM, '
        + 'which must never run beside it (a zvol written by two VMs is corrupted); keep its libvirt definition until the KubeVirt VM is proven',
      command: 'virsh shutdown "$LIBVIRT_VM" && virsh autostart --disable "$LIBVIRT_VM"',
    });
    // The design keeps the libvirt VM as the way back until the KubeVirt one is proven; a snapshot taken
    // while neither runs is the disk that way back starts from, should the new VM's first boots damage it.
    const zvol = `${HOME_ASSISTANT_ZVOL.pool}/${HOME_ASSISTANT_ZVOL.name}`;
    const renamed = `${HOME_ASSISTANT_ZVOL.pool}/${HOME_ASSISTANT_ZVOL.name.toLowerCase()}`;
    const snapshot = 'before-kubevirt';
    leaveOwnerAction(homeAssistant, {
      kind: 'manual',
      action: `once the libvirt VM is shut off, and before the zvol grows and is renamed, snapshot ${zvol} (@${snapshot}): the disk as the libvirt VM left it, which the way back below can return to; `
        + `destroy it once the KubeVirt VM is proven (zfs destroy ${renamed}@${snapshot}: the snapshot follows the rename), as it holds every block the VM rewrites since`,
      command: [
        'until virsh domstate "$LIBVIRT_VM" | grep -q "shut off"; do sleep 2; done',
        `zfs snapshot ${zvol}@${snapshot}`,
      ].join('\n'),
    });
    leaveOwnerAction(homeAssistant, {
      kind: 'manual',
      action: 'the way back to the libvirt VM while the KubeVirt VM is not proven: with Flux\'s apps layer suspended (it would start the VM again: its run strategy is Always), halt the KubeVirt VM, '
        + `wait for its instance to go, rename the zvol back and start the libvirt VM with its autostart on again; its disk is as the KubeVirt VM left it, and zfs rollback ${zvol}@${snapshot} `
        + 'returns it to the snapshot, dropping what was written since; keep the layer suspended until the cutover is tried again',
      command: [
        `flux -n flux-system suspend kustomization mobius-homelab-apps && kubectl -n ${homeAssistant.namespace} patch virtualmachine ${homeAssistant.name} --type=merge -p '{"spec":{"runStrategy":"Halted"}}'`,
        `while kubectl -n ${homeAssistant.namespace} get virtualmachineinstance ${homeAssistant.name} -o name | grep -q .; do sleep 2; done`,
        `zfs rename ${renamed} ${zvol} && virsh autostart "$LIBVIRT_VM" && virsh start "$LIBVIRT_VM"`,
      ].join('\n'),
    });
    // The design sets 192.168.64.2 by cloud-init, which a guest reads only when it runs cloud-init: Home
    // Assistant OS, whose UEFI boot the firmware stand-in assumes, has none and keeps its own network settings,
    // so the address written on the cloudinit disk would never reach it.
    const iotAddress = `${HOME_ASSISTANT_IOT_ADDRESS}/${vlans.iot.cidr.split('/')[1]}`;
    leaveOwnerAction(homeAssistant, {
      kind: 'manual',
      action: `the static address of the IoT interface is written on the VM's cloudinit disk (${iotAddress}, gateway ${vlans.iot.gateway}, DNS ${adguardDns.address}, the interface with MAC `
        + `${factValue(homeAssistantMacs.iot)}), which only a guest that runs cloud-init reads: Home Assistant OS runs none, and keeps the network settings of its own on the disk, `
        + 'made for the libvirt VM\'s network cards. If the guest is Home Assistant OS, once the KubeVirt VM runs, open its terminal (the SSH add-on, or virtctl console vms/homeassistant) '
        + 'and set the address on the interface that shows that MAC in ha network info; the pod interface keeps DHCP, which KubeVirt\'s masquerade answers',
      command: `ha network info && ha network update "$IOT_INTERFACE" --ipv4-method static --ipv4-address ${iotAddress} --ipv4-gateway ${vlans.iot.gateway} --ipv4-nameserver ${adguardDns.address}`,
    });
    // Home Assistant's logins go through Pocket ID's OAuth, which moves here from Dokploy with it.
    pocketId(this, homeAssistant);
    kubeVirtOnK0s(this, n5.nodeName);
    // VMs run on N5 only, which has KVM and their ZFS pools; Multus' daemon also runs on the M1, which may be
    // away, so the layers after the platform do not wait for it.
    this.platform.require(kubeVirtComponent()).addValues({ kubevirt: { workloads: { nodePlacement: { nodeSelector: { 'kubernetes.io/hostname': n5.nodeName } } } } });
    this.platform.require(cdiComponent());
    this.platform.require(multusComponent()).installWithoutWaiting();

    // Inference runs natively on the M4 (Metal); the cluster reaches it by name.
    new ExternalService(this, 'osaurus', { host: m4, namespace: 'ai', portName: 'api' });

    // The design's optional web UI of KubeVirt, behind Traefik like the other admin UIs; it has no login of
    // its own, so its nginx asks for the users sealed here. On N5, with the VMs it manages.
    const kubeVirtUsers = sealedSecret(this, 'homelab', 'kubevirt-manager/kubevirt-manager-users');
    new KubeVirtManager(this, 'kubevirt-manager', {
      route: { host: placeholderValue(this, kubeVirtManagerFacts.host) }, users: kubeVirtUsers.key('htpasswd'), placement: { host: n5 },
    });
    leaveOwnerAction(this, {
      kind: 'manual',
      action: 'the users of KubeVirt Manager are an htpasswd file (bcrypt), sealed as key htpasswd of kubevirt-manager/kubevirt-manager-users; '
        + 'its nginx asks every request for one of them',
      command: "htpasswd -nB admin | kubeseal --raw --cert homelab.pem --namespace kubevirt-manager --name kubevirt-manager-users",
    });

    // Flux's dashboard.
    const admin = sealedSecret(this, 'homelab', 'flux-system/cluster-user-auth');
    new WeaveGitOps(this, 'weave-gitops', { route: { host: 'gitops' }, adminPassword: admin.key('password') });

    // The M1 VM's workloads, by node label: monitoring and CI/CD, arm64 images only.
    const monitoring = rolePlacement(this.hosts, 'monitoring', 'arm64');
    const ciCd = rolePlacement(this.hosts, 'ci-cd', 'arm64');
    for (const [role, placement] of [['monitoring', monitoring], ['ci-cd', ciCd]] as const) {
      if (placement.hosts.length === 0) {
        reportFinding(this, {
          layer: 'inventory', severity: 'error', field: 'placement',
          message: `no arm64 host of cluster "homelab" has workload role ${role}`, hint: 'add the role to the M1 worker in hosts/mobius.ts',
        });
      }
    }
    // The design's recovery of the M1 is its VM's snapshot, which lives with UTM on the Mac, outside Kubernetes.
    leaveOwnerAction(this, {
      kind: 'manual',
      action: `the design restores the ${m1.nodeName} VM from a snapshot when the M1 fails: keep one in UTM on the M1 Mac mini (${m1Host.address}), taken with the VM shut down, and take it again after a change of the VM; `
        + `restored, the VM rejoins homelab as ${m1.nodeName} (its labels and taint are kept by the API server), and Prometheus' and Loki's claims, which live on the VM's own disk, come back as they were when it was taken`,
    });
    // The M1 is not critical (the design): its workloads install without the layers waiting for them, so
    // that the N5's own apps come up, and stay reconciled, while the M1 is down or not joined yet.
    sealedSecret(this, 'homelab', 'monitoring/grafana-admin');
    // The design names no destination for alerts: its kind is a placeholder, its URL a sealed value.
    const alertReceiver = sealedSecret(this, 'homelab', 'monitoring/alertmanager-receiver');
    const prometheus = this.platform.require(kubePrometheusStack({
      placement: monitoring, grafanaAdminSecret: 'grafana-admin',
      // The design gives no retention or size: each is a placeholder the README lists.
      retention: placeholderValue(this, monitoringFacts.prometheusRetention), retentionSize: placeholderValue(this, monitoringFacts.prometheusRetentionSize),
      prometheusStorage: { tier: 'm1Disk', size: placeholderValue(this, monitoringFacts.prometheusStorageSize) },
      // What is made in Grafana's UI outlives the M1's reboots, as Prometheus' samples and Loki's logs do.
      grafanaStorage: { tier: 'm1Disk', size: placeholderValue(this, monitoringFacts.grafanaStorageSize) },
      alertReceiver: { kind: placeholderValue(this, monitoringFacts.alertReceiverKind), url: alertReceiver.key('url') },
      unscrapedControlPlane: HOSTED_CONTROL_PLANE_PARTS,
    })).installWithoutWaiting();
    // Grafana finds Prometheus by itself, Loki only as a data source: Loki's single binary serves its
    // queries as Service `loki`, port 3100, in the same namespace.
    prometheus.addValues({ grafana: { additionalDataSources: [{ name: 'Loki', type: 'loki', access: 'proxy', url: LOKI_QUERY_URL }] } });
    leaveHostedControlPlaneWatch(this, 'homelab');
    // The design keeps monitoring on the M1 so that it outlives N5's reboots; the M1's own failure, which
    // it calls non-critical, then silences every alert, Flux's failure events too, with nothing to say so.
    leaveOwnerAction(this, {
      kind: 'manual',
      action: `while ${m1.nodeName} is down, nothing alerts: Prometheus, Alertmanager and Flux's notification-controller all run on it, so alerts and Flux's failure events stop with it `
        + "and its absence reaches no one (the design's non-critical failure of the M1 takes the alerts away, not the dashboards alone). The stack's Watchdog alert, which always fires, "
        + 'is the heartbeat that tells that silence: the chart routes it to receiver null; route it, at a repeat interval shorter than the check\'s, to a dead man\'s switch outside homelab '
        + '(the design names none), which calls when the heartbeat stops',
    });
    // The monitoring dashboard, private like the other admin UIs: its Service is the chart's `<release>-grafana`
    // on port 80. While the M1 is away it is unavailable, as the design accepts.
    new ServiceRoute(this, 'grafana', {
      name: 'grafana', host: placeholderValue(this, monitoringFacts.grafanaHost), namespace: prometheus.namespace, serviceName: `${prometheus.name}-grafana`, port: 80,
    });
    this.platform.require(loki({
      placement: monitoring, retention: placeholderValue(this, monitoringFacts.lokiRetention),
      storageClass: storageClassNameOf(this.tier('m1Disk')!), storageSize: placeholderValue(this, monitoringFacts.lokiStorageSize),
    })).installWithoutWaiting();
    // The design names Loki but no log shipper, and the library has none to install: Loki starts and
    // Grafana queries it, but it stays empty until one pushes to it, which the README says plainly.
    leaveOwnerAction(this, {
      kind: 'manual',
      action: 'Loki holds no logs until a log shipper pushes to it: the design names none and this tree installs none; '
        + `run one on every node (Grafana Alloy or Promtail, arm64 and amd64) pushing to ${LOKI_QUERY_URL}/loki/api/v1/push, then Grafana's Loki data source shows the cluster's logs`,
    });
    sealedSecret(this, 'homelab', 'arc-runners/github-runner');
    leaveSealedValue(this, 'homelab', 'arc-runners/github-runner', 'github_token', {
      what: `a GitHub token that registers self-hosted runners of ${GITHUB_REPOSITORY}, which the runner scale set ${RUNNER_SCALE_SET} registers its runners with `
        + '(classic: scope repo; fine-grained: Administration read and write on that repository; the check lists its runners, which needs the same)',
      check: githubApiCheck(`repos/${GITHUB_REPOSITORY}/actions/runners`),
    });
    this.platform.require(actionsRunnerController({ placement: ciCd })).installWithoutWaiting();
    this.platform.require(runnerScaleSet({
      name: RUNNER_SCALE_SET, githubConfigUrl: `https://github.com/${GITHUB_REPOSITORY}`, githubConfigSecret: 'github-runner', placement: ciCd, maxRunners: placeholderValue(this, ciCdFacts.maxRunners),
    })).installWithoutWaiting();
    // The runners take only the jobs that ask for them by name: the design's CI, which validates VM
    // definitions before they reach the cluster, is a workflow of the repository that does.
    leaveOwnerAction(this, {
      kind: 'manual',
      action: `GitHub Actions jobs run on the M1's runners only when they ask for scale set ${RUNNER_SCALE_SET} by name (runs-on: ${RUNNER_SCALE_SET}) in a workflow of ${GITHUB_REPOSITORY}; `
        + "the design's CI that validates VM definitions is such a workflow: on each pull request it runs npm run synth, which refuses objects it finds invalid, VirtualMachines among them, "
        + 'and fails on a difference from the committed dist/',
      command: `grep -E "runs-on: *${RUNNER_SCALE_SET}" .github/workflows/*.yml`,
    });
    sealedSecret(this, 'homelab', 'renovate/renovate-token');
    leaveSealedValue(this, 'homelab', 'renovate/renovate-token', 'RENOVATE_TOKEN', {
      what: `a GitHub token of the account Renovate opens its pull requests as, on ${GITHUB_REPOSITORY} `
        + '(classic: scopes repo and workflow; fine-grained: Contents, Pull requests, Issues, Commit statuses and Workflows read and write on that repository; the check reads the repository)',
      check: githubApiCheck(`repos/${GITHUB_REPOSITORY}`),
    });
    this.platform.require(renovate({ placement: ciCd, repositories: [GITHUB_REPOSITORY], tokenSecret: 'renovate-token', schedule: placeholderValue(this, ciCdFacts.renovateSchedule) })).installWithoutWaiting();
    this.platform.require(trivyOperator({ placement: ciCd, concurrentScans: placeholderValue(this, ciCdFacts.concurrentScans) })).installWithoutWaiting();
  }
}

/** How the fleet builds this cluster. */
export const mobiusHomelab: ClusterDefinition = {
  folder: 'mobius/homelab',
  source: 'charts/mobius/homelab.ts',
  build: (site) => new Homelab(site),
};
