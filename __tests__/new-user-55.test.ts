import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Construct } from 'constructs';
import {
  App, AppVolume, ClusterChart, flux, host, k3s, localPathStorage, metalLb, runSynthCli, SecretReference, site, traefik,
} from '../constructs';
import type { AppProps } from '../constructs';
import { aboutTheLab, manifestsOf, synthInMemory } from './support/synth';

// The network services of a home as a newcomer writes them from the README: a mini PC and a Raspberry Pi 4 in one
// K3s cluster under Flux; AdGuard Home beside Unbound behind one load-balancer address for DNS over TCP and UDP, the
// UniFi Network Application, a syslog collector, chrony, a WireGuard endpoint and an SNMP exporter that polls the
// switches.

const mini = host('nu55-mini', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.55.10', cores: 4, memoryGigabytes: 16 });
const pi = host('nu55-pi', { arch: 'arm64', roles: ['worker'], address: '192.168.55.11', cores: 4, memoryGigabytes: 8 });
const lab = site('nu55', {
  domain: 'home.nu55.example.net', hosts: [mini, pi],
  pools: { vips: { first: '192.168.55.240', last: '192.168.55.250' } },
  git: { url: 'https://github.com/nu55/home-net.git' },
});

/** Probes that ask a UDP-only server itself, as no TCP probe can. */
const asks = (command: string[]): AppProps['probes'] => ({ readiness: { command }, liveness: { command } });

/** The lab; `flannelBackend` is K3s' `--flannel-backend`, `syslogPolicy` the syslog load balancer's traffic policy, `extra` adds apps. */
const defineLab = (options: { flannelBackend?: string; syslogPolicy?: 'Cluster' | 'Local'; extra?: (cluster: ClusterChart) => void } = {}) => (scope: Construct) => {
  const cluster = new ClusterChart(scope, 'main', {
    site: lab, hosts: [mini, pi], routes: traefik({ address: lab.pools.vips.at('192.168.55.240') }),
    loadBalancer: metalLb({ pools: [lab.pools.vips] }), storage: { fast: localPathStorage() }, gitops: flux(),
    preinstalled: [k3s(options.flannelBackend === undefined ? {} : { extraServerFlags: [`--flannel-backend=${options.flannelBackend}`] })],
  });
  new App(cluster, 'unbound', {
    image: 'klutchell/unbound:1.22.0', resources: { memoryLimit: '128Mi' },
    ports: [{ name: 'dns-tcp', port: 5053 }, { name: 'dns-udp', port: 5053, protocol: 'UDP' }],
  });
  // AdGuard Home forwards to Unbound (its upstream, set in its own settings, is unbound.unbound.svc.cluster.local:5053).
  new App(cluster, 'adguard-home', {
    image: 'adguard/adguardhome:v0.107.57', resources: { memoryLimit: '256Mi' },
    ports: [{ name: 'http', port: 3000 }, { name: 'dns-tcp', port: 53 }, { name: 'dns-udp', port: 53, protocol: 'UDP' }],
    loadBalancer: { address: lab.pools.vips.at('192.168.55.241'), ports: ['dns-tcp', 'dns-udp'] },
    exemptions: { addCapabilities: { capabilities: ['NET_BIND_SERVICE'], reason: 'DNS is served on port 53' } },
    persistence: Object.fromEntries([['conf', '1Gi'], ['work', '10Gi']].map(([folder, size]) => [folder, {
      volume: AppVolume.claim({ tier: 'fast', size }), mountPath: `/opt/adguardhome/${folder}`,
    }])),
    route: { host: 'adguard' },
  });
  new App(cluster, 'unifi', {
    image: 'jacobalberty/unifi:v8.6.9', runAsUser: 999, runAsGroup: 999, fsGroup: 999,
    ports: [{ name: 'inform', port: 8080 }, { name: 'https', port: 8443, appProtocol: 'https' }, { name: 'stun', port: 3478, protocol: 'UDP' }],
    env: { UNIFI_STDOUT: 'true' }, resources: { memoryLimit: '1536Mi' },
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/unifi' } },
    exemptions: { unverifiedBackendTls: 'the controller signs its own certificate', writableRootFilesystem: 'the controller writes under /usr/lib/unifi' },
    route: { host: 'unifi', port: 8443 },
    loadBalancer: { address: lab.pools.vips.at('192.168.55.242'), ports: ['inform', 'stun'] },
  });
  new App(cluster, 'syslog', {
    image: 'balabit/syslog-ng:4.8.0', resources: { memoryLimit: '256Mi' },
    ports: [{ name: 'syslog', port: 5514, protocol: 'UDP', servicePort: 514 }],
    probes: asks(['syslog-ng-ctl', 'healthcheck']),
    loadBalancer: { address: lab.pools.vips.at('192.168.55.243'), externalTrafficPolicy: options.syslogPolicy ?? 'Local' },
  });
  new App(cluster, 'chrony', {
    image: 'dockurr/chrony:4.6', ports: [{ name: 'ntp', port: 123, protocol: 'UDP' }],
    exemptions: { addCapabilities: { capabilities: ['NET_BIND_SERVICE'], reason: 'NTP is served on port 123' } },
    probes: asks(['chronyc', 'tracking']),
    loadBalancer: { address: lab.pools.vips.at('192.168.55.244') },
  });
  new App(cluster, 'wireguard', {
    image: 'ghcr.io/wg-easy/wg-easy:14.0.0',
    ports: [{ name: 'wg', port: 51820, protocol: 'UDP' }, { name: 'http', port: 51821 }],
    sysctls: { 'net.ipv4.ip_forward': '1' },
    exemptions: {
      runAsRoot: 'wg-quick configures the interface as root', privileged: 'net.ipv4.ip_forward is an unsafe sysctl',
      addCapabilities: { capabilities: ['NET_ADMIN'], reason: 'creates the wg0 interface' },
    },
    env: { WG_HOST: 'vpn.home.nu55.example.net', PASSWORD_HASH: SecretReference.external('wireguard', 'wg-easy', 'password-hash') },
    persistence: { config: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/etc/wireguard' } },
    route: { host: 'vpn', port: 51821 },
    loadBalancer: { address: lab.pools.vips.at('192.168.55.245'), ports: ['wg'] },
  });
  new App(cluster, 'snmp-exporter', {
    image: 'prom/snmp-exporter:v0.28.0', ports: [{ name: 'http', port: 9116 }],
    egress: [{ cidr: '192.168.55.2/32', ports: [{ port: 161, protocol: 'UDP' }] }],
  });
  options.extra?.(cluster);
};

/** Whether an ingress rule of `policy` admits `port` over `protocol` from anyone. */
function admits(policy: any, port: number, protocol: string): boolean {
  return (policy.spec.ingress as any[]).some((rule) => rule.from === undefined && (rule.ports ?? []).some((p: any) => p.port === port && p.protocol === protocol));
}

describe("a newcomer's home network services on K3s", () => {
  const result = synthInMemory(defineLab());
  const objects = manifestsOf(result, 'nu55/main');
  const find = (kind: string, namespace: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.namespace === namespace && o.metadata.name === name);

  test('synthesizes without errors or warnings', () => {
    expect(aboutTheLab(result.findings).map((f) => `${f.severity} ${f.constructPath} ${f.field}: ${f.message}`)).toEqual([]);
  });

  test("AdGuard Home's load balancer serves DNS over TCP and UDP at one address, and its policy admits both", () => {
    const lb = find('Service', 'adguard-home', 'adguard-home-lb');
    expect(lb.spec.type).toBe('LoadBalancer');
    expect(lb.spec.ports.map((p: any) => `${p.protocol}/${p.port}`)).toEqual(['TCP/53', 'UDP/53']);
    const policy = find('NetworkPolicy', 'adguard-home', 'adguard-home');
    expect([admits(policy, 53, 'TCP'), admits(policy, 53, 'UDP')]).toEqual([true, true]);
  });

  test("each UDP-only server's policy admits its clients over UDP, and its probes ask it by a command that can pass", () => {
    for (const [app, port] of [['syslog', 5514], ['chrony', 123]] as const) {
      expect(admits(find('NetworkPolicy', app, app), port, 'UDP')).toBe(true);
      const container = find('Deployment', app, app).spec.template.spec.containers[0];
      expect([container.readinessProbe.exec?.command, container.livenessProbe.exec?.command].every(Array.isArray)).toBe(true);
      expect(container.readinessProbe.tcpSocket).toBeUndefined();
    }
    expect(find('Service', 'syslog', 'syslog-lb').spec.ports).toEqual([expect.objectContaining({ port: 514, protocol: 'UDP', targetPort: 5514 })]);
  });

  test('the WireGuard endpoint is served over UDP, its web UI behind the route', () => {
    expect(find('Service', 'wireguard', 'wireguard-lb').spec.ports.map((p: any) => `${p.protocol}/${p.port}`)).toEqual(['UDP/51820']);
    expect(admits(find('NetworkPolicy', 'wireguard', 'wireguard'), 51820, 'UDP')).toBe(true);
  });

  test("syslog behind a load balancer of policy Cluster is a warning: every device's log would be filed under a node", () => {
    const findings = aboutTheLab(synthInMemory(defineLab({ syslogPolicy: 'Cluster' })).findings);
    expect(findings.map((f) => `${f.severity} ${f.constructPath} ${f.field}: ${f.hint}`))
      .toEqual(["warning main/syslog loadBalancer.externalTrafficPolicy: keep the senders' addresses: loadBalancer: { …, externalTrafficPolicy: 'Local' }"]);
  });

  test("an SNMP exporter's egress to the switches on 161 left to TCP is a warning whose hint opens it for UDP", () => {
    const findings = synthInMemory(defineLab({
      extra: (cluster) => new App(cluster, 'snmp-tcp', {
        image: 'prom/snmp-exporter:v0.28.0', ports: [{ name: 'http', port: 9116 }], egress: [{ cidr: '192.168.55.3/32', ports: [{ port: 161 }] }],
      }),
    })).findings;
    expect(aboutTheLab(findings).map((f) => `${f.severity} ${f.constructPath} ${f.field}: ${f.message} (${f.hint})`))
      .toEqual([expect.stringMatching(/^warning main\/snmp-tcp egress\[0\]\.ports\[0\]: .*SNMP speaks UDP.*\{ port: 161, protocol: 'UDP' \}/)]);
  });

  test("a WireGuard endpoint on the host's network at 51820 is an error where K3s' Flannel tunnels over WireGuard there", () => {
    const hostWireguard = (cluster: ClusterChart) => new App(cluster, 'wg-host', {
      image: 'ghcr.io/wg-easy/wg-easy:14.0.0', ports: [{ name: 'wg', port: 51820, protocol: 'UDP' }], env: { WG_HOST: 'vpn.example.com' },
      probes: asks(['wg', 'show']),
      exemptions: {
        hostNetwork: 'serves the tunnel on the node', runAsRoot: 'wg-quick configures the interface as root',
        addCapabilities: { capabilities: ['NET_ADMIN'], reason: 'creates the wg0 interface' },
      },
    });
    const errors = (backend?: string) => synthInMemory(defineLab({ flannelBackend: backend, extra: hostWireguard })).findings
      .filter((f) => f.severity === 'error').map((f) => `${f.constructPath} ${f.field}: ${f.message}`);
    expect(errors('wireguard-native')).toEqual([expect.stringMatching(/^main\/wg-host ports\[0\]: port UDP\/51820 of every node is taken by K3s' Flannel WireGuard/)]);
    expect(errors()).toEqual([]);
  });
});

describe('synth run with an output format as kubectl and helm take one', () => {
  test.each([
    [['--output=json'], /hint: synth prints one JSON document of its findings and files with --json: npm run synth -- --json/],
    [['-o', 'yaml'], /hint: synth writes every object as YAML already/],
  ])('%j is one usage error whose hint names what synth prints, and nothing is written', (argv, hint) => {
    const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'nu55-cli-')), 'dist');
    const lines: string[] = [];
    expect(runSynthCli(defineLab(), { outdir, argv, log: (line) => lines.push(line) })).toBe(1);
    expect(lines.filter((l) => l.startsWith('ERROR')).map((l) => l.split('\n')[0])).toEqual([`ERROR [props] (command line) ${argv[0].split('=')[0]}: ${argv[0].split('=')[0]} is no option of this command`]);
    expect(lines.join('\n')).toMatch(hint);
    expect(fs.existsSync(outdir)).toBe(false);
  });
});
