import { Construct } from 'constructs';
import {
  acmeCloudflareDns01, App, AppVolume, ClusterChart, ExternalService, flux, HomeAssistantVm, metalLb, SecretReference, traefik,
} from '../../constructs';
import { m1, m4, mobius, n5, vps } from '../../hosts/mobius';

/** The homelab cluster: N5 and the M1 VM; VMs, storage and internal services (seed 004). */
export class Homelab extends ClusterChart {
  constructor(scope: Construct) {
    super(scope, 'homelab', {
      site: mobius,
      hosts: [n5, m1],
      routes: traefik({
        address: mobius.pools.vips.at('192.168.8.50'),
        certResolver: 'letsencrypt-dns',
        // Names under jax-lab.dev resolve inside only, so the challenge goes through Cloudflare DNS.
        acme: { 'letsencrypt-dns': acmeCloudflareDns01({ apiToken: SecretReference.external('traefik', 'cloudflare-api-token', 'api-token') }) },
      }),
      loadBalancer: metalLb({ pools: [mobius.pools.vips, mobius.pools.services] }),
      storage: { fast: n5.zfs.ai, vm: n5.zfs.vms, bulk: n5.zfs.tank },
      gitops: flux({ interval: '30m' }),
      dns: {
        publicTarget: vps,
        // The internal half of the split horizon: rewrites in AdGuard Home below.
        adguard: {
          url: 'http://adguard-home.adguard-home.svc:3000',
          username: SecretReference.external('external-dns', 'adguard-credentials', 'username'),
          password: SecretReference.external('external-dns', 'adguard-credentials', 'password'),
        },
      },
    });

    // Split-horizon DNS for the whole network; answers on the services VLAN at .53.
    const adguardDns = mobius.pools.services.at('192.168.4.53');
    new App(this, 'adguard-home', {
      image: 'adguard/adguardhome:v0.107.57',
      ports: [
        { name: 'http', port: 3000 },
        { name: 'dns-tcp', port: 53 },
        { name: 'dns-udp', port: 53, protocol: 'UDP' },
      ],
      persistence: {
        conf: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/opt/adguardhome/conf' },
        work: { volume: AppVolume.claim({ tier: 'fast', size: '10Gi' }), mountPath: '/opt/adguardhome/work' },
      },
      resources: { cpuRequest: '100m', memoryRequest: '256Mi', memoryLimit: '1Gi' },
      exemptions: { addCapabilities: { capabilities: ['NET_BIND_SERVICE'], reason: 'DNS is served on port 53' } },
      placement: { host: n5 },
      route: { host: 'adguard' },
      loadBalancer: { address: adguardDns, ports: ['dns-tcp', 'dns-udp'] },
    });

    // The existing Home Assistant zvol, on the IoT VLAN through bridge64 (seed 004's phase 3).
    new HomeAssistantVm(this, 'home-assistant', {
      disk: n5.zfs.vms.existingVolume('HomeAssistant', { size: '256Gi' }),
      iot: { bridge: n5.bridges.bridge64, address: '192.168.64.2' },
      nameservers: [adguardDns],
      route: { host: 'home' },
    });

    // Inference runs natively on the M4 (Metal); the cluster reaches it by name.
    new ExternalService(this, 'osaurus', { host: m4, namespace: 'ai' });
  }
}
