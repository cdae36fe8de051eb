import { ApiObject } from 'cdk8s';
import { App, AppVolume, ROOT_INIT_CAPABILITIES, SecretReference } from '../../constructs';
import type { AppProps, ClusterChart } from '../../constructs';

// Apps of a home lab that several newcomers' labs run as the README's examples write them, each once here.

/** An address of a load-balancer pool of the inventory, as `loadBalancer.address` takes it. */
type PoolAddress = NonNullable<AppProps['loadBalancer']>['address'];

/**
 * Pi-hole as its Docker documentation runs it behind a load balancer (listening on all interfaces, its start
 * script as root), its settings on a claim of `tier` and its DNS at `dnsAddress`.
 */
export function piholeApp(cluster: ClusterChart, dnsAddress: PoolAddress, tier = 'fast'): App {
  return new App(cluster, 'pihole', {
    image: 'pihole/pihole:2024.07.0', ports: [{ name: 'http', port: 80 }, { name: 'dns-tcp', port: 53 }, { name: 'dns-udp', port: 53, protocol: 'UDP' }],
    env: { DNSMASQ_LISTENING: 'all', WEBPASSWORD: SecretReference.external('pihole', 'pihole-admin', 'password') },
    persistence: { etc: { volume: AppVolume.claim({ tier, size: '1Gi' }), mountPath: '/etc/pihole' } },
    exemptions: {
      runAsRoot: 'its start script sets pihole-FTL\'s capabilities', writableRootFilesystem: 'writes its settings under /etc',
      addCapabilities: { capabilities: [...ROOT_INIT_CAPABILITIES, 'NET_BIND_SERVICE', 'SETFCAP', 'SETPCAP', 'KILL'], reason: 'pihole-FTL binds port 53' },
    },
    route: { host: 'pihole' }, loadBalancer: { address: dnsAddress, ports: ['dns-tcp', 'dns-udp'] },
  });
}

/** Mosquitto with its configuration file from a ConfigMap beside it, its data on a claim of `tier`, its listener at `address`. */
export function mosquittoBroker(cluster: ClusterChart, address: PoolAddress, tier: string): App {
  const broker = new App(cluster, 'mosquitto', {
    image: 'eclipse-mosquitto:2.0.20', ports: [{ name: 'mqtt', port: 1883 }],
    persistence: {
      data: { volume: AppVolume.claim({ tier, size: '1Gi' }), mountPath: '/mosquitto/data' },
      config: { volume: AppVolume.configMap('mosquitto'), mounts: [{ mountPath: '/mosquitto/config/mosquitto.conf', subPath: 'mosquitto.conf' }] },
    },
    loadBalancer: { address, ports: ['mqtt'] },
  });
  new ApiObject(cluster, 'mosquitto-conf', {
    apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'mosquitto', namespace: 'mosquitto' },
    data: { 'mosquitto.conf': 'listener 1883\npersistence true\npersistence_location /mosquitto/data/\nallow_anonymous true\n' },
  });
  return broker;
}

/** Uptime Kuma started as its server itself (its entrypoint's chown needs root), its data on a claim of `tier`. */
export function uptimeKumaApp(cluster: ClusterChart, tier = 'fast'): App {
  return new App(cluster, 'uptime-kuma', {
    image: 'louislam/uptime-kuma:1.23.16', command: ['node', 'server/server.js'], env: { DATA_DIR: '/app/data/', UPTIME_KUMA_PORT: '3001' }, ports: [{ name: 'http', port: 3001 }],
    persistence: { data: { volume: AppVolume.claim({ tier, size: '2Gi' }), mountPath: '/app/data' } }, route: { host: 'uptime' },
  });
}
