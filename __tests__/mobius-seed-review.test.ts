import type { Construct } from 'constructs';
import * as fs from 'fs';
import * as path from 'path';
import * as yaml from 'js-yaml';
import { ClusterChart, externalHost, ExternalService, host, site, traefik } from '../constructs';
import { runSynthCli } from '../constructs/synth/cli';
import { prepopulatedOutdir, snapshotTree } from './bad-input/lab';
import { defineMobius } from '../charts/mobius';
import { manifestsOf, synthInMemory } from './support/synth';
import { blocks } from './support/readme';

// Facts of the mobius design a reviewer checks first, read against the synthesized output: every value the
// design does not give is a placeholder the cluster's README lists, with the stand-in in use.

const result = synthInMemory(defineMobius);
const readme = (cluster: string) => result.files.get(`mobius/${cluster}/README.md`)!;
const objects = (cluster: string) => manifestsOf(result, `mobius/${cluster}`);
const find = (cluster: string, kind: string, name: string) => objects(cluster).find((o) => o.kind === kind && o.metadata.name === name);
/** The line of `cluster`'s README that starts with `start`, e.g. one step's row. */
const readmeRow = (cluster: string, start: string) => readme(cluster).split('\n').find((line) => line.startsWith(start))!;
/** The README's placeholder row of `fact`, whose stand-in is `value`. */
const placeholderRow = (fact: string, value: string) => new RegExp(`\\| placeholder \\| ${fact.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: [^|]*\\(now \`${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\`\\) \\|`);
/** Expects `cluster`'s README to list each `[fact, stand-in]` as a placeholder row. */
const expectPlaceholderRows = (cluster: string, rows: ReadonlyArray<readonly [string, string]>) => {
  for (const [fact, value] of rows) {
    expect(readme(cluster)).toMatch(placeholderRow(fact, value));
  }
};

describe("mobius: AdGuard Home's version, admin name, claims and resources are placeholders", () => {
  test('the README lists each, and the objects use its stand-in', () => {
    const text = readme('homelab');
    expectPlaceholderRows('homelab', [
      ['version of AdGuard Home (image adguard/adguardhome)', 'v0.107.57'],
      ["host name of AdGuard Home's admin UI under jax-lab.dev", 'adguard'],
      ["size of AdGuard Home's conf claim (AdGuardHome.yaml)", '1Gi'],
      ["size of AdGuard Home's work claim (query log and statistics)", '10Gi'],
      ['CPU request of AdGuard Home', '100m'],
      ['memory request of AdGuard Home', '256Mi'],
      ['memory limit of AdGuard Home', '1Gi'],
    ]);
    const container = find('homelab', 'Deployment', 'adguard-home').spec.template.spec.containers[0];
    expect(container.image).toBe('adguard/adguardhome:v0.107.57');
    expect(container.resources).toEqual({ requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '1Gi' } });
    expect(find('homelab', 'PersistentVolumeClaim', 'adguard-home-work').spec.resources.requests.storage).toBe('10Gi');
    // The owner steps that reach the admin UI follow its name.
    expect(text).toContain('through a port-forward (`kubectl -n adguard-home port-forward svc/adguard-home 3000:3000`) until AdGuard Home rewrites adguard.jax-lab.dev itself');
  });
});

describe("mobius: Uptime Kuma's claim and resources are placeholders on cloud and the sandbox, its version on cloud (the sandbox's is Renovate's pin)", () => {
  test.each(['cloud', 'sandbox'])('%s', (cluster) => {
    const text = readme(cluster);
    const version = placeholderRow('version of Uptime Kuma (image louislam/uptime-kuma) on cloud', '1.23.16');
    if (cluster === 'cloud') {
      expect(text).toMatch(version);
    } else {
      expect(text).not.toMatch(version);
    }
    expectPlaceholderRows(cluster, [
      ["size of Uptime Kuma's data claim (kuma.db)", '2Gi'],
      ['CPU request of Uptime Kuma', '50m'],
      ['memory request of Uptime Kuma', '128Mi'],
      ['memory limit of Uptime Kuma', '512Mi'],
    ]);
    expect(find(cluster, 'Deployment', 'uptime-kuma').spec.template.spec.containers[0].image).toBe('louislam/uptime-kuma:1.23.16');
  });
});

describe("mobius: the repository layout each README describes is its own cluster's", () => {
  test('KubeVirt is said to be in the platform layer of homelab only, the one cluster that installs it', () => {
    for (const cluster of ['homelab', 'cloud', 'sandbox']) {
      const installs = objects(cluster).some((o) => o.kind === 'HelmRelease' && o.metadata.name === 'kubevirt');
      expect({ cluster, installs }).toEqual({ cluster, installs: cluster === 'homelab' });
      expect(readme(cluster)).toContain('holds the Flux layers `platform/` (the infrastructure: storage, networking and, on homelab, KubeVirt), then `config/`');
    }
  });
});

describe('mobius: what the design leaves open about the stages is a placeholder', () => {
  test("each cluster's sync interval (the design: per cluster, the sandbox's immediate)", () => {
    expect(readme('sandbox')).toMatch(placeholderRow('how often the sandbox fetches new commits', '1m'));
    expect(readme('cloud')).toMatch(placeholderRow('how often cloud fetches new commits', '10m'));
    expect(readme('homelab')).toMatch(placeholderRow('how often homelab fetches new commits', '30m'));
    expect(find('homelab', 'GitRepository', 'mobius-homelab').spec.interval).toBe('30m');
  });

  test("the sandbox's domain and test app", () => {
    expect(readme('sandbox')).toMatch(placeholderRow("the sandbox's domain (its Traefik's routes)", 'sandbox.jax-lab.dev'));
    expect(readme('sandbox')).toMatch(placeholderRow("image of the sandbox's test app podinfo", 'ghcr.io/stefanprodan/podinfo:6.7.1'));
  });
});

describe("each cluster README's machines outside the cluster are those the cluster uses", () => {
  const outside = (cluster: string) => readme(cluster).split('## Machines outside the cluster')[1]?.split('\n## ')[0];

  test('homelab lists the M4 (Osaurus) and the M1 Mac mini under its m1-worker VM; cloud and the sandbox use neither', () => {
    expect(outside('homelab')).toContain('| m4 | 192.168.4.14 | m4.jax-lab.dev | osaurus 8080 | macOS · Mac mini (M4) · 10 cores · 24 GB |');
    expect(outside('homelab')).toContain('| m1-host | 192.168.4.11 |  |  | macOS (UTM hypervisor) · Mac mini (M1) · 8 cores · 8 GB |');
    expect(outside('cloud')).toBeUndefined();
    expect(outside('sandbox')).toBeUndefined();
  });

  /** A one-cluster lab with a Mac outside it; `cluster` overrides the cluster's props. */
  function lab(scope: Construct, cluster: Record<string, unknown>) {
    const mac = externalHost('mac', { address: '192.168.1.14', ports: { api: 8080 } });
    const box = host('box', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.1.10' });
    const home = site('home', { domain: 'home.example', hosts: [box], externalHosts: { mac } });
    return { mac, chart: new ClusterChart(scope, 'main', { site: home, hosts: [box], routes: traefik(), ...cluster } as any) };
  }
  const refused = (define: (scope: Construct) => void) => {
    const outdir = prepopulatedOutdir();
    const before = snapshotTree(outdir);
    const lines: string[] = [];
    const status = runSynthCli(define, { outdir, argv: [], log: (line) => lines.push(line) });
    expect(snapshotTree(outdir)).toEqual(before);
    return { status, output: lines.join('\n') };
  };

  test("an ExternalService naming a machine the cluster does not list is refused on host, with the list to write", () => {
    const { status, output } = refused((scope) => {
      const { mac, chart } = lab(scope, { externalHosts: [] });
      new ExternalService(chart, 'api', { host: mac });
    });
    expect(status).toBe(1);
    expect(output).not.toMatch(/^\s{4}at /m);
    expect(output).toMatch(/main\/api.*host.*machine mac is not among the machines outside Kubernetes that this cluster uses/s);
    expect(output).toContain("add it to the cluster's externalHosts: externalHosts: [mac]");
  });

  test("a cluster listing a machine that is not the site's is refused on externalHosts[i]", () => {
    const { status, output } = refused((scope) => lab(scope, { externalHosts: [externalHost('stray', { address: '192.168.1.99' })] }));
    expect(status).toBe(1);
    expect(output).toMatch(/externalHosts\[0\].*machine stray is not an external host of site "home"/s);
    expect(output).toContain("add it to the site's externalHosts");
  });
});

describe("mobius: the design's own values are written in the chart, not left to the constructs' defaults", () => {
  test("the Home Assistant VM (vms, 2 cores, 4Gi) and Osaurus' port api 8080", () => {
    const vm = find('homelab', 'VirtualMachine', 'homeassistant');
    expect(vm.metadata.namespace).toBe('vms');
    expect(vm.spec.template.spec.domain.cpu).toEqual({ cores: 2 });
    expect(vm.spec.template.spec.domain.resources.requests).toEqual({ memory: '4Gi' });
    expect(find('homelab', 'Service', 'osaurus').spec.ports).toEqual([{ name: 'api', port: 8080 }]);
  });
});

describe("mobius: the design's management cluster is what every cluster stands on", () => {
  test.each(['homelab', 'cloud', 'sandbox'])("%s's README starts its k0s steps with N5's management cluster and the k0smotron operator", (cluster) => {
    const text = readme(cluster);
    const step = "| bootstrap | first, N5's k0s management cluster, outside this repository: k0s controller and worker on N5 with the k0smotron operator";
    expect(text).toContain(step);
    expect(text).toContain('while it is down, no cluster has a control plane');
    expect(text.indexOf(step)).toBeLessThan(text.indexOf(`create k0s workload cluster ${cluster} on N5's k0s management cluster`));
  });
});

describe("mobius: the MetalLB pools are the design's rows", () => {
  test("Traefik's 192.168.8.50, the services pool 192.168.8.51-79 and AdGuard Home's 192.168.4.53, each from N5", () => {
    const pools = Object.fromEntries(objects('homelab').filter((o) => o.kind === 'IPAddressPool').map((o) => [o.metadata.name, o.spec.addresses]));
    expect(pools).toEqual({ ingress: ['192.168.8.50-192.168.8.50'], services: ['192.168.8.51-192.168.8.79'], dns: ['192.168.4.53-192.168.4.53'] });
    expect(find('homelab', 'HelmRelease', 'traefik').spec.values.service.annotations).toEqual({ 'metallb.io/address-pool': 'ingress', 'metallb.io/loadBalancerIPs': '192.168.8.50' });
    const adguard = objects('homelab').find((o) => o.kind === 'Service' && o.spec?.type === 'LoadBalancer' && o.metadata.namespace === 'adguard-home');
    expect(adguard.metadata.annotations).toEqual({ 'metallb.io/address-pool': 'dns', 'metallb.io/loadBalancerIPs': '192.168.4.53' });
    for (const pool of ['ingress', 'services']) {
      expect(find('homelab', 'L2Advertisement', `layer2-${pool}`).spec.interfaces).toEqual(['eno1.8']);
    }
  });
});

describe("mobius: a host's VLAN interface is the fact of the cluster that announces there", () => {
  const row = "N5's interface on VLAN 8 (infrastructure VIPs)";
  test("homelab, whose MetalLB announces on VLAN 8, lists N5's eno1.8 placeholder; the sandbox on N5 does not", () => {
    expect(readme('homelab')).toMatch(placeholderRow(row, 'eno1.8'));
    expect(readme('sandbox')).not.toContain(row);
    expect(readme('sandbox')).toMatch(placeholderRow('CPU architecture of n5', 'amd64'));
  });
});

describe("mobius: the VPS's catch-all to homelab says why it does not verify homelab's certificate", () => {
  test('its ServersTransport carries the unverified-backend-tls annotation with the reason', () => {
    const transport = find('cloud', 'ServersTransport', 'homelab-traefik');
    expect(transport.spec).toEqual({ insecureSkipVerify: true });
    expect(transport.metadata.annotations['security.homelab.dev/unverified-backend-tls']).toMatch(/dialled by its address.*private link/);
  });
});

describe("mobius: Dokploy's services on N5 hand their addresses over", () => {
  test("homelab's README stops Dokploy's Traefik and AdGuard Home on N5 before the first sync, keeping AdGuard's configuration", () => {
    const text = readme('homelab');
    const step = "| manual | before homelab's first sync, stop Dokploy's Traefik and AdGuard Home on N5";
    expect(text).toContain(step);
    expect(text).toMatch(/copy AdGuard Home's conf folder \(AdGuardHome\.yaml and its rewrites\) out/);
    expect(text.indexOf(step)).toBeLessThan(text.indexOf('| bootstrap | flux bootstrap github'));
  });
});

describe('mobius: every service the design lists can be started from what dist/ gives a bare cluster', () => {
  // AdGuard Home refuses its first launch (no AdGuardHome.yaml) to a non-root user, so the pod as shipped
  // would restart for ever on an empty conf claim: the README says so and brings the Dokploy configuration in.
  test("AdGuard Home's first start: the README says it needs an AdGuardHome.yaml in its claim, and how it gets there", () => {
    const text = readme('homelab');
    const row = text.split('\n').find((line) => line.startsWith('| manual | first start of AdGuard Home'))!;
    expect(row).toContain("it starts only from an AdGuardHome.yaml in its conf claim; with none it begins its first launch, which it refuses to a non-root user");
    expect(row).toContain("copy the Dokploy container's AdGuardHome.yaml into claim adguard-home/adguard-home-conf");
    expect(row).toContain('with http.address 0.0.0.0:3000, dns.bind_hosts 0.0.0.0 alone');
    expect(row).toContain('dns.port 53 and, in users, the user sealed in external-dns/adguard-credentials');
    expect(blocks(text)[Number(/block (\d+) below the table/.exec(row)![1]) - 1])
      .toContain('flux -n flux-system suspend kustomization mobius-homelab-apps && kubectl -n adguard-home scale deployment/adguard-home --replicas=0');
    // The admin name resolves only through AdGuard Home's own rewrites: until then, a port-forward.
    expect(row).toContain('its admin UI is then http://localhost:3000 through a port-forward (`kubectl -n adguard-home port-forward svc/adguard-home 3000:3000`)');
    expect(row).not.toContain('setup wizard');
    // The deployment it scales is the one shipped, under the non-root user the README's step is about.
    const pod = find('homelab', 'Deployment', 'adguard-home').spec.template.spec;
    expect(pod.securityContext.runAsNonRoot).toBe(true);
    expect(pod.volumes.find((v: any) => v.name === 'conf').persistentVolumeClaim.claimName).toBe('adguard-home-conf');
    // The same port-forward lists the hand-made rewrites before external-dns-adguard takes them over.
    const rewrites = text.split('\n').find((line) => line.includes("list AdGuard Home's hand-made DNS rewrites"))!;
    expect(rewrites).toContain('kubectl -n adguard-home port-forward svc/adguard-home 3000:3000 & sleep 2; curl');
    expect(rewrites).toContain('http://localhost:3000/control/rewrite/list');
    expect(rewrites).not.toContain('https://adguard.jax-lab.dev/control');
  });

  // Dokploy's AdGuard Home may listen on an address of N5's (192.168.4.53 beside systemd-resolved's stub on
  // 127.0.0.53): copied as it is, that file makes the pod, which holds no address of N5's, fail to bind port 53.
  test("AdGuard Home's copied configuration listens on the pod's own addresses, not on one of N5's", () => {
    const row = readmeRow('homelab', '| manual | first start of AdGuard Home');
    expect(row).toContain('dns.bind_hosts 0.0.0.0 alone (a Dokploy file that lists 192.168.4.53 or another address of N5 fails to bind port 53 in the pod, which holds none of them)');
    // MetalLB brings 192.168.4.53 to the pod's port 53 through the LoadBalancer; the pod itself only has its own address.
    const dns = objects('homelab').find((o) => o.kind === 'Service' && o.spec.type === 'LoadBalancer' && o.metadata.namespace === 'adguard-home');
    expect(dns.spec.ports.map((p: any) => p.targetPort)).toEqual([53, 53]);
  });

  // The design's Flux UI is Weave GitOps, whose last release reads HelmReleases through an API version Flux 2.7
  // stopped serving: bootstrapped with a current Flux CLI, its pages for the releases (most of homelab) stay empty.
  test("homelab's README says which Flux versions leave Weave GitOps' HelmRelease pages empty, and where to read the releases instead", () => {
    const row = readmeRow('homelab', '| manual | Weave GitOps chart 4.0.36');
    expect(row).toContain('reads HelmReleases as helm.toolkit.fluxcd.io/v2beta1, which Flux 2.7 and later no longer serve');
    // The cluster pins the Flux release bootstrap installs: the row says whether it is one of them.
    expect(row).toContain('the cluster pins Flux v2.9.0 (flux({ version })), one of them, so its HelmRelease pages stay empty');
    expect(row).toContain('`flux get helmreleases -A`');
    expect(find('homelab', 'HelmRelease', 'weave-gitops').spec.chartRef.kind).toBe('OCIRepository');
  });

  // The design's monitoring stack is Prometheus, Grafana, Loki and Alertmanager: Grafana reaches Loki only
  // as a data source, and Loki has logs only from a shipper, which neither the design nor the library gives.
  test("Grafana's data sources include Loki's single binary, and the README says Loki has no log shipper", () => {
    const release = find('homelab', 'HelmRelease', 'kube-prometheus-stack');
    expect(release.spec.values.grafana.additionalDataSources).toEqual([
      { name: 'Loki', type: 'loki', access: 'proxy', url: 'http://loki.monitoring.svc:3100' },
    ]);
    expect(find('homelab', 'HelmRelease', 'loki').metadata.namespace).toBe('monitoring');
    expect(readme('homelab')).toContain('| manual | Loki holds no logs until a log shipper pushes to it: the design names none and this tree installs none; '
      + 'run one on every node (Grafana Alloy or Promtail, arm64 and amd64) pushing to http://loki.monitoring.svc:3100/loki/api/v1/push');
  });
});

describe("mobius: what the first sync needs of the nodes comes before homelab's flux bootstrap", () => {
  test.each([
    ['the M1 taint, which keeps the first sync\'s N5 services off the M1', '| bootstrap | taint node m1-worker as the inventory says once it joins'],
    ["N5's kubelet folder at /var/lib/kubelet, which KubeVirt, installed by the first sync, looks for", "| bootstrap | on n5, mount k0s' kubelet folder at /var/lib/kubelet"],
  ])('%s', (_what, step) => {
    const text = readme('homelab');
    expect(text).toContain(step);
    expect(text.indexOf(step)).toBeLessThan(text.indexOf('| bootstrap | flux bootstrap github'));
  });
});

describe('ClusterChart externalHosts written wrong', () => {
  test('a machine given by its name is refused on externalHosts[0], naming what to pass', () => {
    const outdir = prepopulatedOutdir();
    const before = snapshotTree(outdir);
    const lines: string[] = [];
    const status = runSynthCli((scope) => {
      const box = host('box', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.1.10' });
      const home = site('home', { domain: 'home.example', hosts: [box], externalHosts: { mac: externalHost('mac', { address: '192.168.1.14' }) } });
      new ClusterChart(scope, 'main', { site: home, hosts: [box], routes: traefik(), externalHosts: ['mac'] } as any);
    }, { outdir, argv: [], log: (line) => lines.push(line) });
    const output = lines.join('\n');
    expect(status).toBe(1);
    expect(output).not.toMatch(/^\s{4}at /m);
    expect(output).toMatch(/externalHosts\[0\]/);
    expect(output).toContain("externalHost('name'");
    expect(snapshotTree(outdir)).toEqual(before);
  });
});

describe("mobius: the design's recovery brings each cluster's sealing key back from its backup", () => {
  test.each(['homelab', 'cloud'])("%s's README backs its sealing key up to a file, and restores it after the rebuild and flux bootstrap", (cluster) => {
    const text = readme(cluster);
    expect(text).toContain(`kubectl -n sealed-secrets get secret -l sealedsecrets.bitnami.com/sealed-secrets-key -o yaml > sealed-secrets-key.${cluster}.yaml), kept outside Git`);
    const row = text.split('\n').find((line) => line.startsWith(`| manual | recovery of ${cluster} after its control plane is lost`))!;
    expect(row).toContain('re-run the same flux bootstrap (same repository and path), then put back the sealing keys');
    expect(row).toContain(`\`kubectl apply -f sealed-secrets-key.${cluster}.yaml && kubectl -n sealed-secrets rollout restart deployment/sealed-secrets-controller\``);
    // The deployment the step restarts is the one shipped.
    expect(find(cluster, 'HelmRelease', 'sealed-secrets').spec.values.fullnameOverride).toBe('sealed-secrets-controller');
  });
});

describe("mobius: the explicit public records replace the zone's wildcard", () => {
  test("cloud's README deletes a wildcard *.jax-lab.dev left in Cloudflare, which would publish homelab's private names", () => {
    const row = readme('cloud').split('\n').find((line) => line.includes('delete the wildcard *.jax-lab.dev record from Cloudflare'))!;
    expect(row).toContain("homelab's public names home.jax-lab.dev");
    expect(row).toContain('every private name of homelab (its admin UIs among them) also resolves publicly to the VPS');
    expect(row).toContain('`dig +short "wildcard-check.jax-lab.dev" @1.1.1.1`');
    // external-dns-cloudflare owns only what its TXT registry marks, so the wildcard is not its to delete.
    expect(find('cloud', 'HelmRelease', 'external-dns-cloudflare').spec.values.registry).toBe('txt');
  });
});

describe("mobius: the k0smotron definitions go to the management cluster, never through dist/", () => {
  test.each(['homelab', 'cloud', 'sandbox'])("%s's k0s step says where its k0smotron definition is applied", (cluster) => {
    expect(readme(cluster)).toContain(`its k0smotron definition (kinds of k0smotron.io) is written by hand, kept out of dist/ and applied with kubectl to the management cluster, `
      + `never to ${cluster}, whose API server has no k0smotron kinds`);
    expect(objects(cluster).filter((o) => String(o.apiVersion).includes('k0smotron.io'))).toEqual([]);
  });
});

describe("mobius: Home Assistant at home.jax-lab.dev answers through homelab's Traefik", () => {
  // Every request through an ingress carries X-Forwarded-For, which Home Assistant refuses with a bare 400
  // from a peer it does not trust as a proxy: the owner step says which peers to trust, and why.
  test("the README's step trusts the networks the guest routes to its pod interface, and KubeVirt's masquerade gateway", () => {
    const text = readme('homelab');
    const row = text.split('\n').find((line) => line.startsWith('| manual | Home Assistant answers 400 Bad Request'))!;
    expect(row).toContain('through the ingress (https://home.jax-lab.dev) until it trusts the ingress controller as a proxy');
    expect(row).toContain('set use_x_forwarded_for: true and add 10.244.0.0/16, 10.96.0.0/12, 10.0.2.1 to trusted_proxies');
    expect(row).toContain('before the cutover, in the VM that runs it now');
    expect(text).toContain(['http:', '  use_x_forwarded_for: true', '  trusted_proxies:', '    - 10.244.0.0/16', '    - 10.96.0.0/12', '    - 10.0.2.1'].map((l) => `   ${l}`).join('\n'));
    // The networks trusted are the cluster networks the guest routes back through the masquerade gateway
    // (besides them it routes only Traefik's own address there, which is no peer of the guest's).
    const networkData = find('homelab', 'VirtualMachine', 'homeassistant').spec.template.spec.volumes.find((v: any) => v.name === 'cloudinit').cloudInitNoCloud.networkData;
    expect((yaml.load(networkData) as any).ethernets.eth0.routes).toEqual([
      { to: '10.244.0.0/16', via: '10.0.2.1' }, { to: '10.96.0.0/12', via: '10.0.2.1' }, { to: '192.168.8.50/32', via: '10.0.2.1' },
    ]);
    // The step stands before the cutover, when the disk is still the running VM's.
    expect(text.indexOf('| manual | Home Assistant answers 400 Bad Request')).toBeLessThan(text.indexOf('| manual | cutover of Home Assistant'));
  });
});

describe("mobius: the monitoring dashboard on the M1 is reached through homelab's Traefik", () => {
  test("Grafana's route at the placeholder name grafana.jax-lab.dev fronts the chart's Grafana Service, privately", () => {
    expect(readme('homelab')).toMatch(placeholderRow('host name of Grafana (the monitoring dashboard) under jax-lab.dev', 'grafana'));
    const route = find('homelab', 'IngressRoute', 'grafana');
    expect(route.metadata.namespace).toBe('monitoring');
    expect(route.spec.routes).toEqual([{ kind: 'Rule', match: 'Host(`grafana.jax-lab.dev`)', services: [{ name: 'kube-prometheus-stack-grafana', port: 80 }] }]);
    expect(route.spec.tls).toEqual({ certResolver: 'letsencrypt-dns' });
    // Inside, AdGuard's rewrite sends the name to Traefik's VIP; no public record names it.
    expect(route.metadata.annotations['external-dns.alpha.kubernetes.io/target']).toBe('192.168.8.50');
    expect(objects('cloud').filter((o) => o.kind === 'DNSEndpoint').flatMap((o) => o.spec.endpoints.map((e: any) => e.dnsName))).not.toContain('grafana.jax-lab.dev');
    // The Service name follows the release's name, and the namespace lets Traefik in.
    const release = find('homelab', 'HelmRelease', 'kube-prometheus-stack');
    expect([release.spec.releaseName, release.metadata.namespace]).toEqual(['kube-prometheus-stack', 'monitoring']);
    expect(objects('homelab').filter((o) => o.kind === 'NetworkPolicy' && o.metadata.namespace === 'monitoring')).toEqual([]);
  });
});

describe("mobius: AdGuard Home at 192.168.4.53 sees each client of the network as itself", () => {
  // Behind a Cluster traffic policy every query would reach AdGuard Home from N5's address, so its per-client
  // rate limit (20 queries a second by default) would throttle the whole network as one client.
  test('its LoadBalancer keeps client addresses (Local), on N5, which alone announces the address and runs the pod', () => {
    const lb = find('homelab', 'Service', 'adguard-home-lb');
    expect(lb.spec.type).toBe('LoadBalancer');
    expect(lb.spec.externalTrafficPolicy).toBe('Local');
    expect(find('homelab', 'L2Advertisement', 'layer2-dns').spec.nodeSelectors).toEqual([{ matchLabels: { 'kubernetes.io/hostname': 'n5' } }]);
    expect(find('homelab', 'Deployment', 'adguard-home').spec.template.spec.nodeSelector).toEqual({ 'kubernetes.io/hostname': 'n5' });
  });
});

describe("mobius: the nodes keep resolving names while AdGuard Home moves from Dokploy to homelab", () => {
  // Stopping Dokploy's AdGuard Home before the first sync takes 192.168.4.53 away; nodes that resolve through
  // it could pull no image, homelab's AdGuard Home's among them, and flux bootstrap could reach no GitHub.
  test("homelab's README moves the nodes' resolver off 192.168.4.53 for the switch, before flux bootstrap, and back after", () => {
    const text = readme('homelab');
    const step = "| manual | before homelab's first sync, and before Dokploy's AdGuard Home stops (the next step): while 192.168.4.53 is down between the two AdGuard Homes, n5 and m1-worker must resolve through a resolver that does not depend on it";
    expect(text).toContain(step);
    const row = text.split('\n').find((line) => line.startsWith(step))!;
    expect(row).toContain('(image pulls and flux bootstrap need names)');
    expect(row).toContain("and back at 192.168.4.53 once homelab's AdGuard Home answers, which alone answers the private names (Osaurus' m4.jax-lab.dev among them)");
    expect(row).toContain('`resolvectl status \\| grep -i "DNS Servers"`');
    expect(text.indexOf(step)).toBeLessThan(text.indexOf("| manual | before homelab's first sync, stop Dokploy's Traefik and AdGuard Home on N5"));
    expect(text.indexOf(step)).toBeLessThan(text.indexOf('| bootstrap | flux bootstrap github'));
  });
});

describe("mobius: Osaurus' ExternalName m4.jax-lab.dev resolves only where the nodes' resolver knows it", () => {
  test("the README says every homelab node's resolver must answer m4.jax-lab.dev with 192.168.4.14, and how to check", () => {
    const row = readmeRow('homelab', '| manual | Service ai/osaurus is an ExternalName for m4.jax-lab.dev');
    expect(row).toContain("which the cluster's DNS asks the nodes' own resolver for");
    expect(row).toContain('on every node (n5, m1-worker) that resolver must answer m4.jax-lab.dev with 192.168.4.14');
    expect(row).toContain('`getent hosts m4.jax-lab.dev`');
    expect(find('homelab', 'Service', 'osaurus').spec.externalName).toBe('m4.jax-lab.dev');
  });
});

describe("mobius: the VPS's catch-all reaches homelab's Traefik over Twingate from a pod, where it runs", () => {
  test("cloud's Twingate step checks the route from the VPS and from a pod of cloud", () => {
    const row = readmeRow('cloud', '| bootstrap | Twingate, unchanged');
    expect(row).toContain('check from the VPS: curl -sk -o /dev/null -w "%{http_code}" -H "Host: home.jax-lab.dev" https://192.168.8.50, and from a pod');
    expect(row).toContain('kubectl run twingate-check --rm -i --restart=Never --image=curlimages/curl:8.11.1 -- curl -sk -o /dev/null -w "%{http_code}" -H "Host: home.jax-lab.dev" https://192.168.8.50');
    // The catch-all it checks is the one shipped: homelab's Traefik at that address, port 443.
    expect(find('cloud', 'EndpointSlice', 'homelab-traefik-1').endpoints[0].addresses).toEqual(['192.168.8.50']);
  });
});

describe("mobius: each workload cluster's control plane has its own node ports on N5's management cluster", () => {
  // k0smotron serves a control plane as a NodePort Service of the management cluster, 30443 and 30132 unless
  // told: three clusters cannot all take them, and N5 already publishes the sandbox Traefik's HTTPS at 30443.
  const ports = { homelab: [31443, 31132], cloud: [31444, 31133], sandbox: [31445, 31134] } as const;

  test.each(Object.entries(ports))("%s's k0s step gives its apiPort and konnectivityPort, both placeholders", (cluster, [api, konnectivity]) => {
    const text = readme(cluster);
    expect(text).toMatch(placeholderRow(`node port of ${cluster}'s API server on N5's management cluster (k0smotron spec.service.apiPort)`, String(api)));
    expect(text).toMatch(placeholderRow(`node port of ${cluster}'s konnectivity server on N5's management cluster (k0smotron spec.service.konnectivityPort)`, String(konnectivity)));
    const step = text.split('\n').find((line) => line.startsWith(`| bootstrap | create k0s workload cluster ${cluster} on N5's k0s management cluster`))!;
    expect(step).toContain(`give its control plane spec.service type NodePort, apiPort ${api} and konnectivityPort ${konnectivity}`);
    expect(step).toContain("k0smotron's defaults would give every one 30443 and 30132");
  });

  test("no two clusters share a port, and none is a port the sandbox's worker container publishes on N5", () => {
    const all = Object.values(ports).flat();
    expect(new Set(all).size).toBe(all.length);
    const published = readme('sandbox').match(/docker run [^|]*/)![0].match(/-p (\d+):\1/g)!.map((p) => Number(p.split(':')[1]));
    expect(published).toEqual([30080, 30443]);
    expect(all.filter((port) => published.includes(port))).toEqual([]);
  });
});

describe("mobius: the sandbox's claims are made where its worker runs, a k0s container on N5", () => {
  // The ZFS driver's node plugin runs `zfs` through a chroot into the node's root filesystem, which in a k0s
  // container is the k0s image (Alpine, no zfs), and mounts into a kubelet folder that is not shared there:
  // a zfs-ai claim of the sandbox would stay Pending, and its Uptime Kuma with it.
  test("Uptime Kuma's claim is local-path, whose folder the worker's container mounts from a dataset of N5's ai pool", () => {
    expect(find('sandbox', 'PersistentVolumeClaim', 'uptime-kuma-data').spec.storageClassName).toBe('local-path');
    expect(objects('sandbox').some((m) => m.kind === 'HelmRelease' && m.metadata.name === 'openebs-zfs')).toBe(false);
    expect(readme('sandbox')).toContain('zfs create -p ai/sandbox && docker run -d --name k0s-sandbox-worker');
    expect(readme('sandbox')).toContain('-v "$(zfs get -H -o value mountpoint ai/sandbox)":/opt/local-path-provisioner docker.io/k0sproject/k0s:');
  });
});

describe("mobius: the M1's monitoring and CI/CD amounts the design leaves out are placeholders", () => {
  const values = (name: string) => find('homelab', 'HelmRelease', name).spec.values;

  test("Prometheus' retention, in time and in bytes", () => {
    const text = readme('homelab');
    expect(text).toMatch(placeholderRow('how long Prometheus keeps samples (a Prometheus duration)', '7d'));
    expect(text).toMatch(placeholderRow('most bytes of samples Prometheus keeps (a Prometheus byte size)', '8GB'));
    // It keeps them on a claim of the M1 VM's own disk: no ZFS class reaches that node.
    expect(text).toContain("it caps what Prometheus keeps in its claim on the m1-worker VM's 50 GB disk");
    expect(values('kube-prometheus-stack').prometheus.prometheusSpec).toMatchObject({ retention: '7d', retentionSize: '8GB' });
  });

  test("Trivy's scan jobs at once, which the chart would start ten of beside Prometheus and Loki on the m1-worker VM's 6 GB", () => {
    expect(readme('homelab')).toMatch(placeholderRow("most Trivy scan jobs at once on the M1 (the chart's own is 10)", '2'));
    expect(values('trivy-operator').operator.scanJobsConcurrentLimit).toBe(2);
  });

  test("Renovate's schedule and the runners' ceiling", () => {
    const text = readme('homelab');
    expect(text).toMatch(placeholderRow('when Renovate runs (a CronJob schedule)', '0 * * * *'));
    expect(text).toMatch(placeholderRow('most GitHub Actions runners at once on the M1', '2'));
    expect(values('renovate').cronjob.schedule).toBe('0 * * * *');
    expect(values('m1-runners').maxRunners).toBe(2);
  });
});

describe("mobius: the Home Assistant VM carries its template's label app: homeassistant", () => {
  test('on the VM and on the pod that runs it, beside the name its Service selects', () => {
    const vm = find('homelab', 'VirtualMachine', 'homeassistant');
    expect(vm.spec.template.metadata.labels).toEqual({ app: 'homeassistant', 'app.kubernetes.io/name': 'homeassistant' });
    expect(vm.metadata.labels.app).toBe('homeassistant');
    expect(find('homelab', 'Service', 'homeassistant').spec.selector).toEqual({ 'app.kubernetes.io/name': 'homeassistant' });
  });
});

describe("mobius: the design's monitoring and management pieces are built, each fact it leaves out a placeholder", () => {
  const values = (name: string) => find('homelab', 'HelmRelease', name).spec.values;

  test("Grafana keeps what is made in its UI on a claim of the M1's own disk across the M1's reboots, replaced rather than rolled", () => {
    const grafana = find('homelab', 'HelmRelease', 'kube-prometheus-stack').spec.values.grafana;
    expect(grafana.persistence).toEqual({ enabled: true, type: 'pvc', accessModes: ['ReadWriteOnce'], size: '1Gi', storageClassName: 'local-path' });
    expect(grafana.deploymentStrategy).toEqual({ type: 'Recreate' });
    expect(readme('homelab')).toMatch(placeholderRow("size of Grafana's claim on the m1-worker VM's disk (local-path)", '1Gi'));
  });

  test("Prometheus keeps its samples on a claim of the M1's own disk, whose size is a placeholder", () => {
    // The ZFS pools are N5's: a claim on one could never be mounted by Prometheus on the M1.
    expect(values('kube-prometheus-stack').prometheus.prometheusSpec.storageSpec).toEqual({
      volumeClaimTemplate: { spec: { storageClassName: 'local-path', accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } } } },
    });
    expect(find('homelab', 'Kustomization', 'local-path-provisioner')).toBeDefined();
    expect(readme('homelab')).toMatch(placeholderRow("size of Prometheus' claim on the m1-worker VM's disk (local-path)", '10Gi'));
  });

  test('Loki deletes logs past its retention (a placeholder) through its compactor, and keeps them on a claim', () => {
    const loki = values('loki');
    expect(loki.loki.limits_config.retention_period).toBe('7d');
    expect(loki.loki.compactor).toMatchObject({ retention_enabled: true, delete_request_store: 'filesystem' });
    expect(loki.singleBinary.persistence).toEqual({ enabled: true, storageClass: 'local-path', size: '10Gi' });
    expect(readme('homelab')).toMatch(placeholderRow('how long Loki keeps logs (a Prometheus duration, a day or more)', '7d'));
    expect(readme('homelab')).toMatch(placeholderRow("size of Loki's claim on the m1-worker VM's disk (local-path)", '10Gi'));
  });

  test("Alertmanager sends alerts to a receiver whose kind is a placeholder and whose URL is a sealed value, never text", () => {
    const alertmanager = values('kube-prometheus-stack').alertmanager;
    expect(alertmanager.config.route.receiver).toBe('owner');
    expect(alertmanager.config.receivers).toEqual([
      { name: 'null' },
      { name: 'owner', webhook_configs: [{ send_resolved: true, url_file: '/etc/alertmanager/secrets/alertmanager-receiver/url' }] },
    ]);
    expect(alertmanager.alertmanagerSpec.secrets).toEqual(['alertmanager-receiver']);
    expect(JSON.stringify(alertmanager)).not.toMatch(/https?:\/\//);
    const sealed = find('homelab', 'SealedSecret', 'alertmanager-receiver');
    expect(sealed.metadata.namespace).toBe('monitoring');
    expect(Object.keys(sealed.spec.encryptedData)).toEqual(['url']);
    expect(readme('homelab')).toMatch(placeholderRow('kind of receiver Alertmanager sends alerts to (webhook, slack, discord or msteams)', 'webhook'));
    expect(readme('homelab')).toContain('ciphertext of SealedSecret monitoring/alertmanager-receiver');
  });

  test('KubeVirt Manager: a pinned image behind a password, on a private route, with a NetworkPolicy and a role limited to VMs and disks', () => {
    const deployment = find('homelab', 'Deployment', 'kubevirt-manager');
    const pod = deployment.spec.template.spec;
    expect(pod.containers[0].image).toBe('kubevirtmanager/kubevirt-manager:1.5.2');
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    expect(pod.containers[0].securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
    expect(pod.nodeSelector).toEqual({ 'kubernetes.io/hostname': 'n5' });
    // Its nginx asks every request for a user of the sealed htpasswd file.
    expect(find('homelab', 'ConfigMap', 'kubevirt-manager-auth').data['basicauth.conf']).toContain('auth_basic_user_file /etc/nginx/secret.d/htpasswd;');
    expect(pod.volumes).toContainEqual({ name: 'users', secret: { secretName: 'kubevirt-manager-users' } });
    expect(find('homelab', 'SealedSecret', 'kubevirt-manager-users').metadata.namespace).toBe('kubevirt-manager');
    // Private like the other admin UIs: the AdGuard rewrite to Traefik inside, no public record.
    const route = find('homelab', 'IngressRoute', 'kubevirt-manager');
    expect(route.spec.routes[0].match).toBe('Host(`kubevirt.jax-lab.dev`)');
    expect(route.metadata.annotations).toEqual({ 'external-dns.alpha.kubernetes.io/target': '192.168.8.50' });
    expect(readme('homelab')).toMatch(placeholderRow("host name of KubeVirt Manager (the VMs' web UI) under jax-lab.dev", 'kubevirt'));
    // Only Traefik reaches it; it reaches DNS and homelab's API server, on its k0smotron node port.
    const policy = find('homelab', 'NetworkPolicy', 'kubevirt-manager');
    expect(policy.spec.ingress).toHaveLength(1);
    expect(policy.spec.egress).toContainEqual({ ports: [{ port: 31443, protocol: 'TCP' }], to: [{ ipBlock: { cidr: '192.168.4.5/32' } }] });
    const rules = find('homelab', 'ClusterRole', 'kubevirt-manager-kubevirt-manager').rules as Array<{ resources: string[]; verbs: string[] }>;
    expect(rules.flatMap((r) => r.verbs)).not.toContain('*');
    expect(rules.flatMap((r) => r.resources)).not.toEqual(expect.arrayContaining(['secrets']));
    expect(rules.flatMap((r) => r.resources)).not.toEqual(expect.arrayContaining(['rolebindings']));
  });
});

describe("mobius: Flux's notification-controller sends Flux's own failures somewhere", () => {
  const sync = (cluster: string, kind: string) => objects(cluster).filter((o) => o.kind === kind && o.apiVersion === 'notification.toolkit.fluxcd.io/v1beta3');

  test.each(['homelab', 'cloud'])("%s's Provider reads its URL from a sealed Secret of flux-system, its kind a placeholder the README lists", (cluster) => {
    expect(sync(cluster, 'Provider')).toEqual([{
      apiVersion: 'notification.toolkit.fluxcd.io/v1beta3', kind: 'Provider',
      metadata: { name: `mobius-${cluster}`, namespace: 'flux-system' },
      spec: { type: 'generic', secretRef: { name: 'flux-notifications' } },
    }]);
    const sealed = find(cluster, 'SealedSecret', 'flux-notifications');
    expect(sealed.metadata.namespace).toBe('flux-system');
    expect(Object.keys(sealed.spec.encryptedData)).toEqual(['address']);
    expect(readme(cluster)).toMatch(placeholderRow("kind of service Flux's notification-controller posts its failures to (generic, slack, discord, msteams, googlechat or rocket)", 'generic'));
    expect(readme(cluster)).toContain('ciphertext of SealedSecret flux-system/flux-notifications');
  });

  test.each(['homelab', 'cloud'])("%s's Alert forwards errors of the sync objects and of every HelmRelease, wherever its namespace", (cluster) => {
    const [alert] = sync(cluster, 'Alert');
    expect(alert.spec).toMatchObject({ providerRef: { name: `mobius-${cluster}` }, eventSeverity: 'error', eventMetadata: { cluster: `mobius/${cluster}` } });
    const sources = alert.spec.eventSources as Array<{ kind: string; namespace?: string }>;
    expect(sources).toContainEqual({ kind: 'Kustomization', name: '*' });
    expect(sources).toContainEqual({ kind: 'GitRepository', name: '*' });
    const releaseNamespaces = [...new Set(objects(cluster).filter((o) => o.kind === 'HelmRelease').map((o) => o.metadata.namespace as string))].sort();
    expect(sources.filter((s) => s.kind === 'HelmRelease').map((s) => s.namespace ?? 'flux-system').sort()).toEqual(releaseNamespaces);
  });

  test("homelab's bootstrap step keeps notification-controller, which delivers the Alert, and places it on the M1", () => {
    expect(readme('homelab')).toContain("its notification-controller (one of bootstrap's default components: keep it if --components is ever given) posts Flux's error events to Provider mobius-homelab");
    expect(result.files.get('mobius/homelab/bootstrap/flux-system.kustomization.yml')).toContain('name: notification-controller');
  });
});

describe("mobius: homelab's alerts fire for what homelab's Prometheus can see", () => {
  // homelab's scheduler, controller manager and etcd run in k0smotron's pods on N5's management cluster:
  // the chart's Services for them would find no endpoints here, and KubeSchedulerDown and
  // KubeControllerManagerDown, which fire on absent metrics, would reach the owner's receiver for ever.
  test("kube-prometheus-stack scrapes neither homelab's scheduler, controller manager nor etcd, and keeps kube-proxy and the API server", () => {
    const values = find('homelab', 'HelmRelease', 'kube-prometheus-stack').spec.values;
    expect(values).toMatchObject({ kubeControllerManager: { enabled: false }, kubeScheduler: { enabled: false }, kubeEtcd: { enabled: false } });
    // k0s runs kube-proxy on the workers, serving its metrics on every address; the API server is reached at its Service.
    expect(values.kubeProxy).toBeUndefined();
    expect(values.kubeApiServer).toBeUndefined();
  });

  test('the README says where the control plane is watched instead', () => {
    const row = readmeRow('homelab', "| manual | homelab's scheduler, controller manager and etcd run in its control plane's pods on N5's management cluster");
    expect(row).toContain('StatefulSet kmc-homelab-cluster');
    expect(row).toContain("k0smotron's monitoring option (spec.monitoring.enabled of the cluster's definition)");
    expect(row).toContain('`kubectl get statefulsets --all-namespaces --context "$MANAGEMENT_CLUSTER" \\| grep kmc-homelab-cluster`');
  });
});

describe("mobius: files the owner copies into an app's claim stay the app's", () => {
  // A Dokploy data folder copied in by a helper of another user stays read-only to the app, whose fsGroup
  // is not applied again to a claim that already carries it: kuma.db, or an AdGuardHome.yaml AdGuard rewrites.
  test.each([
    ['cloud', 'uptime-kuma', 'uptime-kuma-data', "| manual | migrate the VPS's Uptime Kuma from Dokploy"],
    ['homelab', 'adguard-home', 'adguard-home-conf', '| manual | first start of AdGuard Home'],
  ])("%s's %s: the helper pod runs as the user the app runs as", (cluster, app, claim, step) => {
    const row = readmeRow(cluster, step);
    expect(row).toContain(`claim ${app}/${claim} (a helper pod that mounts the claim and runs as user and group 1000 as the app does, and tar through kubectl exec: `
      + "a root helper is refused by the namespace's restricted Pod Security, and files of another user would be read-only to the app)");
    const pod = find(cluster, 'Deployment', app).spec.template.spec;
    expect(pod.securityContext).toMatchObject({ runAsUser: 1000, runAsGroup: 1000, fsGroup: 1000 });
    expect(find(cluster, 'Namespace', app).metadata.labels['pod-security.kubernetes.io/enforce']).toBe('restricted');
  });
});

describe("mobius: the M1's GitHub Actions runners get the jobs that ask for them", () => {
  // ARC's runners take only jobs whose runs-on names their scale set; the design's CI validating VM
  // definitions is a workflow that must say so.
  test("homelab's README names the scale set a workflow asks for, the one rendered", () => {
    const row = readmeRow('homelab', "| manual | GitHub Actions jobs run on the M1's runners");
    expect(row).toContain('only when they ask for scale set m1-runners by name (runs-on: m1-runners) in a workflow of jax-lab/homelab-gitops');
    expect(row).toContain("the design's CI that validates VM definitions is such a workflow");
    expect(row).toContain('`grep -E "runs-on: *m1-runners" .github/workflows/*.yml`');
    const release = find('homelab', 'HelmRelease', 'm1-runners');
    expect(release.spec.releaseName ?? release.metadata.name).toBe('m1-runners');
    expect(release.spec.values.githubConfigUrl).toBe('https://github.com/jax-lab/homelab-gitops');
  });
});

describe("mobius: Uptime Kuma's administrator is the owner's before its route is reached", () => {
  // Uptime Kuma starts without a user and lets its first visitor make the administrator; on cloud its route
  // is public, and that administrator may probe whatever the VPS reaches.
  const lines = (cluster: string) => readme(cluster).split('\n').filter((line) => line.startsWith('| '));
  const at = (cluster: string, text: string) => lines(cluster).findIndex((line) => line.includes(text));
  const claim = "as soon as Uptime Kuma's pod runs, create its administrator at http://localhost:3001 through the port forward here";

  test.each(['cloud', 'sandbox'])('on %s, the step right after flux bootstrap, through a port forward to its Deployment', (cluster) => {
    const step = at(cluster, claim);
    expect(step).toBe(at(cluster, '| bootstrap | flux bootstrap github') + 1);
    const port = find(cluster, 'Deployment', 'uptime-kuma').spec.template.spec.containers[0].ports[0].containerPort;
    expect(lines(cluster)[step]).toContain(`\`kubectl -n uptime-kuma port-forward deployment/uptime-kuma ${port}:${port}\``);
    expect(lines(cluster)[step]).toContain('its first visitor creates the administrator on its setup page');
  });

  test("on cloud it comes before the public records are cleaned up and before the migration, whose kuma.db replaces that account", () => {
    const step = at('cloud', claim);
    expect(lines('cloud')[step]).toContain('before anyone else reaches its route (uptime.jax-lab.dev)');
    expect(lines('cloud')[step]).toContain("the migration of the VPS's Uptime Kuma below replaces that account");
    expect(step).toBeLessThan(at('cloud', 'once external-dns-cloudflare has written its records'));
    expect(step).toBeLessThan(at('cloud', "migrate the VPS's Uptime Kuma from Dokploy"));
  });
});

describe("mobius: the M1's Renovate reads the repository's renovate.json, so the pins it watches are updated", () => {
  // The design's Renovate bot keeps the tree's pins current through the regex manager of renovate.json.
  // Renovate 40.2 renamed the manager's `fileMatch` to `managerFilePatterns` and migrates the old name; a
  // release before it refuses the new one as an unknown option, and then runs no update at all.
  const config = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'renovate.json'), 'utf8'));
  const release = find('homelab', 'HelmRelease', 'renovate');
  const renovateVersion = String(release.spec.chart.spec.version).split('.').map(Number);
  const readsManagerFilePatterns = renovateVersion[0] > 40 || (renovateVersion[0] === 40 && renovateVersion[1] >= 2);

  test("it runs on the repository of this tree, whose renovate.json holds the regex manager of the pins", () => {
    expect(JSON.parse(release.spec.values.renovate.config).repositories).toEqual(['jax-lab/homelab-gitops']);
    expect(config.customManagers.map((m: { customType: string }) => m.customType)).toEqual(['regex']);
  });

  test("the manager names its files with the option the rendered Renovate knows, and they are the pinned components' files", () => {
    for (const manager of config.customManagers) {
      const option = readsManagerFilePatterns ? 'managerFilePatterns' : 'fileMatch';
      const other = readsManagerFilePatterns ? 'fileMatch' : 'managerFilePatterns';
      expect(Object.keys(manager)).toContain(option);
      expect(Object.keys(manager)).not.toContain(other);
      const patterns = (manager[option] as string[]).map((p) => new RegExp(p.replace(/^\/(.*)\/$/, '$1')));
      for (const file of ['constructs/platform/components/renovate.ts', 'constructs/platform/components/kube-prometheus-stack.ts', 'constructs/services/harbor.ts']) {
        expect(patterns.some((p) => p.test(file))).toBe(true);
      }
    }
  });
});

describe("mobius: Home Assistant's logins go through Pocket ID's OAuth, which moves into homelab with it", () => {
  // The design's VM reaches pocket-id from its pod interface for OAuth: Pocket ID is a service of homelab,
  // whose Dokploy Traefik stops before the first sync.
  test('Pocket ID runs on N5 at its placeholder name, with the address its passkeys are bound to, behind a trusted proxy', () => {
    const text = readme('homelab');
    expect(text).toMatch(placeholderRow('version of Pocket ID (image ghcr.io/pocket-id/pocket-id)', 'v1.14.2'));
    expect(text).toMatch(placeholderRow('host name of Pocket ID under jax-lab.dev', 'id'));
    expect(text).toMatch(placeholderRow("size of Pocket ID's data claim (pocket-id.db, keys, uploads)", '1Gi'));
    const pod = find('homelab', 'Deployment', 'pocket-id').spec.template.spec;
    const container = pod.containers[0];
    expect(container.image).toBe('ghcr.io/pocket-id/pocket-id:v1.14.2');
    expect(container.ports).toEqual([{ name: 'http', containerPort: 1411, protocol: 'TCP' }]);
    expect(container.readinessProbe.httpGet).toEqual({ path: '/healthz', port: 1411 });
    expect(container.env).toEqual([
      { name: 'APP_URL', value: 'https://id.jax-lab.dev' },
      { name: 'ENCRYPTION_KEY', valueFrom: { secretKeyRef: { name: 'pocket-id-encryption-key', key: 'encryption-key' } } },
      { name: 'TRUST_PROXY', value: 'true' },
    ]);
    // The image starts the server itself under a non-root user; its data folder is the claim.
    expect(pod.securityContext).toMatchObject({ runAsUser: 1000, runAsGroup: 1000, runAsNonRoot: true });
    expect(container.volumeMounts).toContainEqual({ name: 'data', mountPath: '/app/data' });
    expect(pod.nodeSelector).toEqual({ 'kubernetes.io/hostname': 'n5' });
    expect(Object.keys(find('homelab', 'SealedSecret', 'pocket-id-encryption-key').spec.encryptedData)).toEqual(['encryption-key']);
    const route = find('homelab', 'IngressRoute', 'pocket-id');
    expect(route.spec.routes[0].match).toBe('Host(`id.jax-lab.dev`)');
    expect(route.metadata.annotations['external-dns.alpha.kubernetes.io/target']).toBe('192.168.8.50');
  });

  test("the VPS publishes Pocket ID's name beside Home Assistant's, with a certificate, since logins from outside are sent there", () => {
    const names = objects('cloud').filter((o) => o.kind === 'DNSEndpoint').flatMap((o) => o.spec.endpoints.map((e: any) => [e.dnsName, e.targets]));
    expect(names).toEqual([['home.jax-lab.dev', ['85.31.234.30']], ['id.jax-lab.dev', ['85.31.234.30']]]);
    expect(find('cloud', 'IngressRoute', 'homelab-traefik').spec.tls.domains).toEqual([{ main: 'home.jax-lab.dev' }, { main: 'id.jax-lab.dev' }]);
    expect(readme('cloud')).toMatch(placeholderRow('host name of Pocket ID under jax-lab.dev', 'id'));
  });

  test("homelab's README claims its administrator first, then migrates Dokploy's Pocket ID with its data, and says how Home Assistant reaches it", () => {
    const lines = readme('homelab').split('\n').filter((line) => line.startsWith('| '));
    const claim = lines.findIndex((line) => line.includes("as soon as Pocket ID's pod runs, create its administrator at http://localhost:1411"));
    const migrate = lines.findIndex((line) => line.startsWith('| manual | migrate Pocket ID from Dokploy on N5, through which Home Assistant\'s logins go (OAuth)'));
    expect(claim).toBeGreaterThan(lines.findIndex((line) => line.startsWith('| bootstrap | flux bootstrap github')));
    expect(migrate).toBeGreaterThan(claim);
    const row = lines[migrate];
    expect(row).toContain('copy it into claim pocket-id/pocket-id-data (a helper pod that mounts the claim and runs as user and group 1000 as the app does');
    expect(row).toContain('It keeps its address https://id.jax-lab.dev (its APP_URL, to which its passkeys are bound)');
    expect(row).toContain("Home Assistant (VM vms/homeassistant) reaches it by that name, which AdGuard Home resolves to homelab's Traefik");
    expect(blocks(readme('homelab'))[Number(/block (\d+) below the table/.exec(row)![1]) - 1]).toContain('docker update --restart=no "$DOKPLOY_POCKET_ID" && docker stop "$DOKPLOY_POCKET_ID" '
      + '&& docker cp "$DOKPLOY_POCKET_ID":/app/data ./pocket-id-data\nflux -n flux-system suspend kustomization mobius-homelab-apps && kubectl -n pocket-id scale deployment/pocket-id --replicas=0');
    expect(find('homelab', 'PersistentVolumeClaim', 'pocket-id-data').metadata.namespace).toBe('pocket-id');
    expect(readme('homelab')).toContain('| manual | Pocket ID\'s ENCRYPTION_KEY is key encryption-key of pocket-id/pocket-id-encryption-key, at least 16 bytes');
  });
});

describe("mobius: the design's split horizon is a check the owner runs, on the names and addresses rendered", () => {
  test("homelab's README asks AdGuard Home and Cloudflare for home.jax-lab.dev, expecting Traefik's VIP inside and the VPS outside", () => {
    const row = readme('homelab').split('\n').find((line) => line.includes('check the split horizon'))!;
    expect(row).toContain("inside, AdGuard Home (192.168.4.53) answers home.jax-lab.dev with homelab's Traefik (192.168.8.50); outside, Cloudflare answers with the VPS (85.31.234.30)");
    expect(row).toContain('`dig +short home.jax-lab.dev @192.168.4.53 && dig +short home.jax-lab.dev @1.1.1.1`');
    // The answers it expects are those the rendered objects make external-dns write.
    expect(find('homelab', 'IngressRoute', 'homeassistant').metadata.annotations['external-dns.alpha.kubernetes.io/target']).toBe('192.168.8.50');
    expect(find('cloud', 'DNSEndpoint', 'home-jax-lab-dev').spec.endpoints[0].targets).toEqual(['85.31.234.30']);
  });
});

describe("mobius: stopping Dokploy's Traefik on N5 says which services lose their route until they move", () => {
  test("the step names phase 4's services and Pocket ID, whose migration follows", () => {
    const row = readmeRow('homelab', "| manual | before homelab's first sync, stop Dokploy's Traefik and AdGuard Home on N5");
    expect(row).toContain("the other services Dokploy's Traefik serves on N5 have no route until they move into homelab (the design's phase 4), Pocket ID, which Home Assistant's logins need, until its migration below");
  });
});

describe("mobius: the M1's recovery is its VM's snapshot, as the design says", () => {
  test("homelab's README keeps a UTM snapshot of m1-worker on the M1 Mac mini, and says what comes back with it", () => {
    const row = readmeRow('homelab', '| manual | the design restores the m1-worker VM from a snapshot');
    expect(row).toContain('keep one in UTM on the M1 Mac mini (192.168.4.11), taken with the VM shut down');
    expect(row).toContain("Prometheus' and Loki's claims, which live on the VM's own disk, come back as they were when it was taken");
    // Those claims are of the M1's own disk, the local-path class.
    expect(find('homelab', 'HelmRelease', 'loki').spec.values.singleBinary.persistence.storageClass).toBe('local-path');
  });
});

describe("mobius: the design's validation of DNS, ingress and certificates is a check of every public name", () => {
  test("cloud's README curls each public name through the VPS, verifying its certificate: cloud's own routes and homelab's public ones", () => {
    const row = readme('cloud').split('\n').find((line) => line.includes('check from outside the network that every public name answers through the VPS'))!;
    expect(row).toContain("with a valid Let's Encrypt certificate (uptime.jax-lab.dev, home.jax-lab.dev, id.jax-lab.dev)");
    expect(row).toContain('`curl -sS -o /dev/null -w "uptime.jax-lab.dev %{http_code}\\n" https://uptime.jax-lab.dev; curl -sS -o /dev/null -w "home.jax-lab.dev %{http_code}\\n" https://home.jax-lab.dev; ');
    expect(row).not.toContain(' -k ');
    // The names it checks are those published at the VPS.
    const published = objects('cloud').filter((o) => o.kind === 'DNSEndpoint').flatMap((o) => o.spec.endpoints.map((e: any) => e.dnsName));
    expect(['uptime.jax-lab.dev', ...published]).toEqual(['uptime.jax-lab.dev', 'home.jax-lab.dev', 'id.jax-lab.dev']);
    expect(find('cloud', 'IngressRoute', 'uptime-kuma').metadata.annotations['external-dns.alpha.kubernetes.io/target']).toBe('85.31.234.30');
  });
});

describe("mobius: a reader of a cluster's README alone sees where it departs from the design", () => {
  const choices = (cluster: string) => readme(cluster).split('## Choices against the design')[1]?.split('\n## ')[0] ?? '';

  test.each(['homelab', 'cloud', 'sandbox'])("%s's README says why it runs k0s rather than the sketch's k3s, and its own Flux rather than the management cluster's", (cluster) => {
    expect(choices(cluster)).toContain('**k0s, not k3s.**');
    expect(choices(cluster)).toContain('**Each workload cluster runs its own Flux.**');
  });

  test.each(['homelab', 'cloud', 'sandbox'])("%s's README maps the design's monorepo folders onto its own, and says how a version is promoted", (cluster) => {
    for (const file of ['homelab-cluster.yaml', 'cloud-cluster.yaml', 'sandbox-cluster.yaml', 'homelab-secrets.yaml', 'cloud-secrets.yaml']) {
      expect(choices(cluster)).toContain(`\`${file}\``);
    }
    expect(choices(cluster)).toContain('**Promotion by per-stage pins.**');
  });

  test.each(['homelab', 'cloud'])("%s's README says why the design's internal-target annotation is not written, and where each horizon's records come from", (cluster) => {
    expect(JSON.stringify(objects(cluster))).not.toContain('internal-target');
    expect(choices(cluster)).toContain('**Each horizon from the cluster that writes it.**');
    expect(choices(cluster)).toContain('`home.jax-lab.dev A 85.31.234.30`');
  });

  test("homelab's README says why the VM's interface is not the example's services-vlan, and why no static PV media-library is made", () => {
    expect(find('homelab', 'VirtualMachine', 'homeassistant').spec.template.spec.domain.devices.interfaces.map((i: { name: string }) => i.name)).toEqual(['default', 'iot-vlan']);
    expect(choices('homelab')).toContain('`services-vlan`');
    expect(choices('homelab')).toContain('**No static PV `media-library`.**');
    expect(objects('homelab').some((o) => o.kind === 'PersistentVolume' && o.metadata.name === 'media-library')).toBe(false);
  });

  test("homelab's README says why the M1 worker's role labels are not the design's role=monitoring and role=ci-cd, and why Pocket ID runs there", () => {
    expect(readme('homelab')).toContain('kubectl label node m1-worker role.homelab.dev/monitoring=true role.homelab.dev/ci-cd=true');
    expect(choices('homelab')).toContain('`role=monitoring`');
    expect(objects('homelab').some((o) => o.kind === 'Deployment' && o.metadata.name === 'pocket-id')).toBe(true);
    expect(choices('homelab')).toContain('**Pocket ID moves with Home Assistant.**');
  });
});

describe("mobius: N5 is a worker of homelab and the sandbox, whose control planes run on its management cluster", () => {
  test.each(['homelab', 'sandbox'])("%s's README draws n5 as a worker, not a control-plane node of the cluster", (cluster) => {
    const box = readme(cluster).split('\n').find((line) => line.includes('host_n5["n5<br/>'))!;
    expect(box).toContain('amd64 (placeholder) · worker<br/>192.168.4.5<br/>');
    expect(box).not.toContain('control-plane');
  });

  test("KubeVirt Manager reaches homelab's API server on its k0smotron node port only, not the management cluster's own 6443 on N5", () => {
    const policy = find('homelab', 'NetworkPolicy', 'kubevirt-manager');
    const toN5 = (policy.spec.egress as Array<{ ports?: Array<{ port: number }>; to?: Array<{ ipBlock?: { cidr: string } }> }>)
      .filter((rule) => rule.to?.some((peer) => peer.ipBlock?.cidr === '192.168.4.5/32'));
    expect(toN5.flatMap((rule) => rule.ports!.map((p) => p.port))).toEqual([31443]);
  });

  test("MetalLB's speakers are not told to ignore the control-plane exclusion label, which no node of homelab carries", () => {
    expect(find('homelab', 'HelmRelease', 'metallb').spec.values.speaker.ignoreExcludeLB).toBeUndefined();
  });
});

describe("mobius: the Home Assistant zvol's new name is a choice the homelab README explains", () => {
  test("the choice names the design's vms/HomeAssistant and the name the ZFSVolume and the rename step give it", () => {
    const choices = readme('homelab').split('## Choices against the design')[1].split('\n## ')[0];
    const volume = find('homelab', 'ZFSVolume', 'homeassistant');
    const zvol = `${volume.spec.poolName}/${volume.metadata.name}`;
    expect(choices).toContain('`vms/HomeAssistant`');
    expect(choices).toContain(`\`${zvol}\``);
    expect(choices).toContain('lower case only');
    expect(readme('homelab')).toContain(`| rename | rename the zvol vms/HomeAssistant to ${zvol} before the cutover |`);
  });
});

describe("mobius: each cluster README lists what the cluster gets from outside the repository", () => {
  const outside = (cluster: string, source: string) => readme(cluster).slice(readme(cluster).indexOf('## What the cluster gets from outside')).split('\n## ')[0]
    .split('\n').find((line) => line.startsWith(`| ${source} | `)) ?? '';

  test.each([['homelab', 31443, 31132], ['cloud', 31444, 31133], ['sandbox', 31445, 31134]])(
    "%s: its control plane on N5's management cluster at its node ports, and k0s' own CoreDNS, kube-router and kube-proxy",
    (cluster, api, konnectivity) => {
      const k0s = outside(cluster as string, 'k0s');
      expect(k0s).toContain(`as pods of N5's management cluster (k0smotron), at N5's node ports ${api} (API server) and ${konnectivity} (konnectivity)`);
      expect(k0s).toContain("pod network: k0s' default kube-router, which enforces NetworkPolicies");
      expect(k0s).toContain("kube-proxy; CoreDNS, the cluster's DNS (Service kube-dns in kube-system)");
      const git = find(cluster as string, 'GitRepository', `mobius-${cluster}`);
      expect(outside(cluster as string, 'flux bootstrap')).toContain(`Secret flux-system/${git.spec.secretRef.name}, the deploy key Flux fetches the repository with, which flux bootstrap makes`);
    },
  );

  test("cloud gets Twingate's route to N5's networks, which its catch-all to homelab's Traefik needs; the others do not", () => {
    const target = find('cloud', 'EndpointSlice', 'homelab-traefik-1').endpoints[0].addresses[0];
    expect(outside('cloud', 'Twingate')).toContain("the existing connector's 192.168.0.0/16 route, which takes the VPS to N5's networks");
    expect(outside('cloud', 'Twingate')).toContain(`to homelab's Traefik at ${target}, where the catch-all reaches it`);
    expect(outside('homelab', 'Twingate')).toBe('');
    expect(outside('sandbox', 'Twingate')).toBe('');
  });
});

describe("mobius: homelab's services keep their state on the pool the design gives databases, not the AI pool", () => {
  test("AdGuard Home's and Pocket ID's claims and Traefik's acme.json are on zfs-vms (VM disks, databases); nothing of homelab's services is on zfs-ai", () => {
    const claims = objects('homelab').filter((o) => o.kind === 'PersistentVolumeClaim');
    const classOf = (name: string) => claims.find((c) => c.metadata.name === name)!.spec.storageClassName;
    expect(['adguard-home-conf', 'adguard-home-work', 'pocket-id-data'].map(classOf)).toEqual(['zfs-vms', 'zfs-vms', 'zfs-vms']);
    expect(find('homelab', 'HelmRelease', 'traefik').spec.values.persistence.storageClass).toBe('zfs-vms');
    expect(claims.filter((c) => c.spec.storageClassName === 'zfs-ai').map((c) => c.metadata.name)).toEqual([]);
    expect(find('homelab', 'StorageClass', 'zfs-vms').parameters).toMatchObject({ poolname: 'vms' });
  });
});

describe("mobius: the M1 worker's VM is made as the design configures it, before it joins homelab", () => {
  test("homelab's README makes m1-worker in UTM with the design's cores, memory, disk, bridge and address, ahead of the join step", () => {
    const text = readme('homelab');
    const make = '| bootstrap | make m1-worker, the Ubuntu 24.04 VM (UTM) on the M1 Mac mini (192.168.4.11), arm64: 4 of the Mac\'s 8 cores and 6 GB of its 8 GB';
    expect(text).toContain(make);
    expect(text).toContain('a 50 GB thin-provisioned disk, its network bridged to VLAN 4 with the static address 192.168.4.81 and the hostname m1-worker');
    expect(text.indexOf(make)).toBeLessThan(text.indexOf('| bootstrap | join n5 (192.168.4.5) and m1-worker (192.168.4.81) as worker(s) of homelab'));
  });
});

describe("mobius: what the design leaves out of Pocket ID and the sandbox is a placeholder, not a fact of the output", () => {
  test("Pocket ID's CPU and memory are placeholders the README lists, as AdGuard Home's and Uptime Kuma's are, and its container uses the stand-ins", () => {
    expectPlaceholderRows('homelab', [['CPU request of Pocket ID', '50m'], ['memory request of Pocket ID', '128Mi'], ['memory limit of Pocket ID', '512Mi']]);
    const container = find('homelab', 'Deployment', 'pocket-id').spec.template.spec.containers[0];
    expect(container.resources).toEqual({ requests: { cpu: '50m', memory: '128Mi' }, limits: { memory: '512Mi' } });
  });

  test("the ZFS dataset of N5 that holds the sandbox's volumes, which the design does not give, is a placeholder its README lists beside the step that makes it", () => {
    const text = readme('sandbox');
    expect(text).toMatch(placeholderRow("ZFS dataset of N5 that holds the sandbox's volumes (pool/name)", 'ai/sandbox'));
    expect(text).toContain('zfs create -p ai/sandbox && docker run -d --name k0s-sandbox-worker');
    // The dataset is the sandbox's alone: homelab's README asks nothing of it.
    expect(readme('homelab')).not.toContain("ZFS dataset of N5 that holds the sandbox's volumes");
  });
});

describe("mobius: the VPS, a worker only, reaches cloud's control plane on N5 over Twingate", () => {
  // The design: cloud's control plane runs as pods on N5, the VPS joins it with a token, and the VPS reaches
  // N5's networks only through Twingate's 192.168.0.0/16 route.
  test("cloud's README lists the control plane's node ports on N5 among what Twingate's route carries, beside the catch-all", () => {
    const twingate = readmeRow('cloud', '| Twingate |');
    expect(twingate).toContain("to cloud's control plane on N5's management cluster (192.168.4.5, node ports 31444 and 31133), which the VPS's worker joins and stays joined through");
    expect(twingate).toContain("to homelab's Traefik at 192.168.8.50");
  });

  test('a step checks, before the VPS joins, that it reaches the API server on N5 through that route', () => {
    const lines = readme('cloud').split('\n');
    const check = lines.findIndex((line) => line.startsWith("| bootstrap | before the VPS joins, check that it reaches cloud's control plane on N5 (192.168.4.5)"));
    const join = lines.findIndex((line) => line.startsWith('| bootstrap | join vps (85.31.234.30) as worker(s) of cloud'));
    expect(check).toBeGreaterThan(-1);
    expect(check).toBeLessThan(join);
    expect(lines[check]).toContain('curl -sk --max-time 5 -o /dev/null -w "%{http_code}" https://192.168.4.5:31444/healthz');
    // homelab's workers are on the LAN with N5: no such check there.
    expect(readme('homelab')).not.toContain('before the VPS joins');
  });
});

describe("mobius: the Home Assistant VM's pod interface carries its OAuth with Pocket ID, as the design gives it", () => {
  // The design: eth0 (masquerade, the pod network) for "pod-to-pod communication (OAuth with pocket-id,
  // cluster services)", eth1 (bridge64) for IoT device discovery, its default route via 192.168.64.1.
  test("the guest routes Traefik's 192.168.8.50, where Pocket ID's name resolves, through eth0; the rest of the world through the IoT gateway", () => {
    const vm = find('homelab', 'VirtualMachine', 'homeassistant');
    const netplan = yaml.load(vm.spec.template.spec.volumes.find((v: any) => v.name === 'cloudinit').cloudInitNoCloud.networkData) as any;
    expect(netplan.ethernets.eth0.routes).toContainEqual({ to: '192.168.8.50/32', via: '10.0.2.1' });
    expect(netplan.ethernets.eth1.routes).toEqual([{ to: 'default', via: '192.168.64.1' }]);
    expect(readme('homelab')).toContain("reaches it by that name, which AdGuard Home resolves to homelab's Traefik, through its pod interface (the guest routes Traefik's address there)");
  });
});

describe("mobius: homelab's Traefik and its DNS-01 certificates are checked from inside, as cloud's public names are from outside", () => {
  // The design's phase 1: "verify Traefik ingress working"; its phase 2: "validate DNS, ingress, certificates".
  test("homelab's README curls every route name of homelab, each verifying its certificate, from a machine that resolves through AdGuard Home", () => {
    const row = readmeRow('homelab', "| manual | once homelab's Traefik has its certificates");
    expect(row).toContain('check from a machine inside the network that resolves through AdGuard Home (192.168.4.53) that every name of homelab answers through its Traefik (192.168.8.50)');
    const routed = objects('homelab').filter((o) => o.kind === 'IngressRoute')
      .flatMap((o) => o.spec.routes.map((r: any) => /Host\(`([^`]+)`\)/.exec(r.match)![1])).sort();
    expect(routed).toEqual(expect.arrayContaining(['gitops.jax-lab.dev', 'home.jax-lab.dev', 'id.jax-lab.dev']));
    for (const name of routed) {
      expect(row).toContain(`curl -sS -o /dev/null -w "${name} %{http_code}\\n" https://${name}`);
    }
    // cloud's check of its public names is unchanged beside it.
    expect(readme('cloud')).toContain("once cloud's Traefik has its certificates, check from outside the network that every public name answers through the VPS");
  });
});

describe("mobius: the design's recovery after the management cluster is lost is in every cluster's README", () => {
  test("the sandbox, which holds no SealedSecret, is rebuilt and bootstrapped again like the others, with no sealing key to bring back", () => {
    const row = readmeRow('sandbox', '| manual | recovery of sandbox after its control plane is lost');
    expect(row).toContain('rebuild the management cluster and sandbox by the k0s steps above (');
    expect(row).toContain('), re-run the same flux bootstrap (same repository and path)');
    expect(row).toContain('it holds no SealedSecret, so no sealing key comes back: Git rebuilds the rest');
    expect(objects('sandbox').filter((o) => o.kind === 'SealedSecret')).toEqual([]);
  });
});

describe("mobius: homelab's node ports on N5 stay clear of the ports N5 publishes for the other clusters", () => {
  // N5's own k0s worker service is homelab's: its kube-proxy answers every node port of homelab on N5's
  // addresses, ahead of Docker's publishing, so a LoadBalancer Service's random node port that is a
  // control plane's or the sandbox Traefik's would take that port from the cluster it belongs to.
  const k0sStep = (cluster: string) => readmeRow(cluster, `| bootstrap | create k0s workload cluster ${cluster} on N5's k0s management cluster`);

  test("homelab's k0s step gives its API server a node-port range above every port published on N5, and says why", () => {
    const [, first, last] = /give its API server the node-port range (\d+)-(\d+) \(spec\.k0sConfig\.spec\.api\.extraArgs service-node-port-range\)/.exec(k0sStep('homelab'))!;
    const published = [
      ...['homelab', 'cloud', 'sandbox'].flatMap((cluster) => /apiPort (\d+) and konnectivityPort (\d+)/.exec(k0sStep(cluster))!.slice(1).map(Number)),
      ...readme('sandbox').match(/docker run [^|]*/)![0].match(/-p (\d+):\1/g)!.map((p) => Number(p.split(':')[1])),
    ];
    expect(published).toHaveLength(8);
    expect(published.filter((port) => port >= Number(first) && port <= Number(last))).toEqual([]);
    expect([Number(first), Number(last)]).toEqual([31446, 32767]);
    expect(k0sStep('homelab')).toContain("the sandbox worker's (30080, 30443), and homelab's kube-proxy there would take a node port that is one of them ahead of Docker's publishing");
  });

  test('homelab has LoadBalancer Services, whose node ports come from that range; cloud and the sandbox keep k0s\' own range', () => {
    expect(objects('homelab').filter((o) => o.kind === 'Service' && o.spec?.type === 'LoadBalancer').map((o) => o.metadata.name)).toEqual(['adguard-home-lb']);
    expect(find('homelab', 'HelmRelease', 'traefik').spec.values.service.type).toBe('LoadBalancer');
    for (const cluster of ['cloud', 'sandbox']) {
      expect(k0sStep(cluster)).not.toContain('node-port range');
    }
  });
});
