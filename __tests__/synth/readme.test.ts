import { App as CdkApp } from 'cdk8s';
import { App, AppVolume, ClusterChart, clusterDiagram, host, leaveOwnerAction, loadBalancerAddress, localPathStorage, placeholder, routeHostnames, site, synthesize, traefik } from '../../constructs';
import { sitesInMemory } from '../support/synth';

const fresh = sitesInMemory();

/** Subgraphs closed, every link between declared nodes, labels quoted. */
function expectWellFormed(diagram: readonly string[]): void {
  const lines = diagram.slice(1).map((l) => l.trim());
  let depth = 0;
  const declared = new Set<string>();
  for (const line of lines) {
    if (line.startsWith('subgraph ')) {
      depth += 1;
    } else if (line === 'end') {
      depth -= 1;
    }
    expect(depth).toBeGreaterThanOrEqual(0);
    for (const m of line.matchAll(/(\w+)[[({/]+"/g)) {
      declared.add(m[1]);
    }
  }
  expect(depth).toBe(0);
  for (const line of lines.filter((l) => / (-->|-\.)/.test(l))) {
    const ends = line.replace(/"[^"]*"/g, '""').split(/\s+(?:-->|-\.[^.]*\.->|-\.[^.]*\.-)\s+/).map((e) => e.match(/^\w+/)![0]);
    ends.forEach((id) => expect({ line, id, declared: declared.has(id) }).toEqual({ line, id, declared: true }));
  }
  // Quotes inside labels would end them early; they are written as #quot;.
  lines.forEach((l) => expect(l.replace(/"[^"]*"/g, '').includes('"')).toBe(false));
}

describe('cluster README', () => {
  test('every cluster folder has one, with a Mermaid diagram, listed in no kustomization', () => {
    for (const cluster of fresh.clusters) {
      const readme = fresh.files.get(`${cluster.folder}/README.md`)!;
      expect(readme).toMatch(/^# [\w-]+\/[\w-]+\n/);
      expect(readme).toContain('\n```mermaid\nflowchart LR\n');
      const kustomizations = [...fresh.files].filter(([f]) => f.startsWith(`${cluster.folder}/`) && f.endsWith('kustomization.yaml'));
      expect(kustomizations.some(([, text]) => text.includes('README'))).toBe(false);
    }
  });

  test('mobius/homelab: nodes with pools, apps on their hosts, claims on tiers, routes, LB addresses, the zvol rename', () => {
    const readme = fresh.files.get('mobius/homelab/README.md')!;
    expect(readme).toContain('host_n5["n5<br/>amd64 (placeholder) · worker<br/>192.168.4.5<br/>24 cores · 91 GB<br/>ZFS: ai (nvme, 3.62 TB), vms (ssd, 1.86 TB), tank (hdd, 18.2 TB)"]');
    // The node's Kubernetes name, which the manifests and kubectl steps use, beside the inventory's.
    expect(readme).toContain('host_m1["m1 (node m1-worker)<br/>arm64 · worker<br/>192.168.4.81<br/>Ubuntu 24.04 VM (UTM) on the M1 Mac mini · 4 cores · 6 GB · 50 GB SSD<br/>taint: dedicated=monitoring-ci-cd:NoSchedule"]');
    expect(readme).toContain('route_adguard_jax_lab_dev(["adguard.jax-lab.dev"]) --> app_adguard_home');
    expect(readme).toContain('{{"LB 192.168.4.53:53"}} --> app_adguard_home');
    expect(readme).toContain('app_adguard_home -. runs on .-> host_n5');
    // The VM's disk is a zvol of n5's pool: it can only run there.
    expect(readme).toContain('app_homeassistant -. runs on .-> host_n5');
    expect(readme).not.toContain('app_homeassistant -. runs on .-> host_m1');
    expect(readme).toContain('| openebs-zfs | openebs |');
    // The role labels that placements select come before the first sync, like the taint.
    const rows = readme.split('\n');
    const labels = rows.findIndex((l) => l.startsWith('| bootstrap | label node m1-worker with its workload roles (monitoring, ci-cd) once it joins |'));
    expect(labels).toBeGreaterThan(-1);
    expect(labels).toBeLessThan(rows.findIndex((l) => l.startsWith('| bootstrap | flux bootstrap github')));
    expect(readme).toMatch(/\| rename \| rename the zvol vms\/HomeAssistant to vms\/homeassistant before the cutover \| `zfs rename vms\/HomeAssistant vms\/homeassistant` \|/);
  });

  test("every route host and load-balancer address of a cluster's manifests is in its picture, the platform's and config layer's too", () => {
    for (const cluster of fresh.clusters) {
      const diagram = clusterDiagram(cluster).join('\n');
      for (const object of cluster.objects) {
        for (const hostname of routeHostnames(object.manifest)) {
          expect({ cluster: cluster.folder, object: object.manifest.metadata.name, hostname, drawn: diagram.includes(`(["${hostname}"])`) })
            .toEqual({ cluster: cluster.folder, object: object.manifest.metadata.name, hostname, drawn: true });
        }
        const address = loadBalancerAddress(object.manifest);
        if (address !== undefined) {
          expect({ cluster: cluster.folder, address, drawn: diagram.includes(`{{"LB ${address}"}}`) }).toEqual({ cluster: cluster.folder, address, drawn: true });
        }
      }
    }
    // Weave GitOps' route is written by its config unit, not by an app.
    expect(fresh.files.get('mobius/homelab/README.md')).toContain('  route_gitops_jax_lab_dev(["gitops.jax-lab.dev"]) --> config_weave_gitops');
  });

  test('grey-area/main: the GPU app runs only on the GPU host', () => {
    const readme = fresh.files.get('grey-area/main/README.md')!;
    expect(readme).toContain('GPU: nvidia');
    expect(readme.split('\n').filter((l) => l.startsWith('  app_ollama -. runs on'))).toEqual(['  app_ollama -. runs on .-> host_grey_area']);
  });

  test('placeholders are in the owner table; labels are escaped; the diagram is deterministic', () => {
    const build = () => {
      const node = host('node1', { arch: 'amd64', address: placeholder('10.0.0.9', { fact: 'node address', owner: 'set to the "real" one' }) });
      const lab = site('lab', { domain: 'lab.example', hosts: [node] });
      const app = new CdkApp();
      const chart = new ClusterChart(app, 'main', { site: lab, hosts: [node], routes: traefik({ nodePorts: true }) });
      new App(chart, 'web', { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], route: { host: 'web' } });
      return synthesize(app, { outdir: '/nonexistent', write: false });
    };
    const first = build();
    const readme = first.files.get('lab/main/README.md')!;
    expect(readme).toContain('| placeholder | node address: set to the "real" one (now `10.0.0.9`) |  | host node1 address |');
    expect(clusterDiagram(first.clusters[0])).toEqual(clusterDiagram(build().clusters[0]));
    expect(readme).toContain('route_web_lab_example(["web.lab.example"]) --> app_web');
  });

  test("a step's <name> outside code reads as text, not as an HTML tag a renderer drops; its command is kept as written", () => {
    const node = host('node1', { arch: 'amd64', address: '10.0.0.11' });
    const lab = site('lab', { domain: 'lab.example', hosts: [node] });
    const app = new CdkApp();
    const chart = new ClusterChart(app, 'main', { site: lab, hosts: [node], routes: traefik({ nodePorts: true }) });
    leaveOwnerAction(chart, {
      kind: 'manual',
      action: 'open the board at /admin/<key>/queues; `<key>` is the secret path',
      command: 'kubectl -n web create secret generic users --from-file=users=<(htpasswd -nB "$WEB_USER")',
    });
    const readme = synthesize(app, { outdir: '/nonexistent', write: false }).files.get('lab/main/README.md')!;
    expect(readme).toContain('| manual | open the board at /admin/&lt;key>/queues; `<key>` is the secret path | '
      + '`kubectl -n web create secret generic users --from-file=users=<(htpasswd -nB "$WEB_USER")` |');
    // No README of the sites leaves a tag-like <word> outside code.
    for (const [file, text] of fresh.files) {
      if (file.endsWith('README.md')) {
        const prose = text.split('```mermaid')[0] + text.split('\n```\n').slice(1).join('\n').replace(/^ {3}```[\s\S]*?^ {3}```$/gm, '');
        expect({ file, tags: prose.replace(/(`+)[\s\S]*?\1/g, '').match(/<[A-Za-z][\w-]*>/g) ?? [] }).toEqual({ file, tags: [] });
      }
    }
  });

  test('host names of every route kind and load-balancer addresses are read from the manifests', () => {
    const meta = { name: 'r', namespace: 'n' };
    expect(routeHostnames({ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: meta, spec: { hostnames: ['a.example', 'b.example'] } })).toEqual(['a.example', 'b.example']);
    expect(routeHostnames({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: meta, spec: { rules: [{ host: 'c.example' }, {}] } })).toEqual(['c.example']);
    expect(routeHostnames({ apiVersion: 'traefik.io/v1alpha1', kind: 'IngressRoute', metadata: meta, spec: { routes: [{ match: 'Host(`d.example`) || Host(`e.example`)' }] } })).toEqual(['d.example', 'e.example']);
    // A catch-all's pattern is what it serves, parentheses and commas of the pattern kept.
    expect(routeHostnames({ apiVersion: 'traefik.io/v1alpha1', kind: 'IngressRoute', metadata: meta, spec: { routes: [{ match: 'HostRegexp(`^(a|b)\\.example$`) && PathPrefix(`/x`)' }] } }))
      .toEqual(['^(a|b)\\.example$']);
    // Traefik takes values in back quotes or double quotes only: a single-quoted one is no host it serves.
    expect(routeHostnames({ apiVersion: 'traefik.io/v1alpha1', kind: 'IngressRouteTCP', metadata: meta, spec: { routes: [{ match: "HostSNI(`f.example`, \"g.example\")" }] } }))
      .toEqual(['f.example', 'g.example']);
    expect(fresh.files.get('mobius/cloud/README.md')).toContain('(["^.+\\.jax-lab\\.dev$"]) --> config_homelab_traefik');
    expect(loadBalancerAddress({
      apiVersion: 'v1', kind: 'Service', metadata: { ...meta, annotations: { 'metallb.io/loadBalancerIPs': '10.0.0.5' } },
      spec: { type: 'LoadBalancer', ports: [{ port: 53, protocol: 'TCP' }, { port: 53, protocol: 'UDP' }] },
    })).toBe('10.0.0.5:53');
    expect(loadBalancerAddress({ apiVersion: 'v1', kind: 'Service', metadata: meta, spec: { type: 'ClusterIP' } })).toBeUndefined();
  });

  test("an IPv6 load-balancer address is bracketed before its ports, as a URL writes it ('fd00::60:53' reads as another address)", () => {
    const service = (addresses: string) => ({
      apiVersion: 'v1', kind: 'Service', metadata: { name: 'dns', namespace: 'dns', annotations: { 'metallb.io/loadBalancerIPs': addresses } },
      spec: { type: 'LoadBalancer', ports: [{ port: 53, protocol: 'UDP' }] },
    });
    expect(loadBalancerAddress(service('fd00:8::60'))).toBe('[fd00:8::60]:53');
    expect(loadBalancerAddress(service('192.168.8.60,fd00:8::60'))).toBe('192.168.8.60,[fd00:8::60]:53');
  });

  test('the diagrams are well formed: subgraphs closed, every edge between declared nodes, labels quoted', () => {
    fresh.clusters.forEach((cluster) => expectWellFormed(clusterDiagram(cluster)));
  });

  test('a cluster with more apps than a Mermaid diagram can draw shows them as one node and lists them in a table', () => {
    const build = (apps: number) => {
      const nodes = [host('node1', { arch: 'amd64', address: '10.0.0.11' }), host('node2', { arch: 'amd64', address: '10.0.0.12' })];
      const lab = site('lab', { domain: 'lab.example', hosts: nodes });
      const app = new CdkApp();
      const chart = new ClusterChart(app, 'main', { site: lab, hosts: nodes, routes: traefik({ nodePorts: true }), storage: { fast: localPathStorage() } });
      for (let i = 0; i < apps; i++) {
        new App(chart, `web-${i}`, {
          image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], route: { host: `web-${i}` },
          persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/data' } },
        });
      }
      return synthesize(app, { outdir: '/nonexistent', write: false });
    };
    const mermaid = (readme: string) => readme.split('```mermaid\n')[1].split('\n```')[0];
    const links = (diagram: string) => diagram.split('\n').filter((l) => / (-->|-\.)/.test(l)).length;

    const small = build(20).files.get('lab/main/README.md')!;
    expect(small).toContain('  route_web_19_lab_example(["web-19.lab.example"]) --> app_web_19');
    expect(small).not.toContain('## Apps');

    const large = build(120);
    const readme = large.files.get('lab/main/README.md')!;
    const diagram = mermaid(readme);
    expect(diagram.length).toBeLessThanOrEqual(50_000);
    expect(links(diagram)).toBeLessThanOrEqual(500);
    expect(diagram).toContain('    apps_all["120 apps<br/>listed in the table below"]');
    expect(diagram).toContain('  apps_all -. runs on .-> host_node1');
    expect(diagram).toContain('  apps_all --> sc_local_path');
    expect(diagram).not.toContain('app_web_');
    expect(clusterDiagram(large.clusters[0]).join('\n')).toBe(diagram);
    expectWellFormed(clusterDiagram(large.clusters[0]));
    const rows = readme.split('\n').filter((l) => l.startsWith('| web-'));
    expect(rows).toHaveLength(120);
    expect(rows).toContain('| web-7 | web-7 | node1, node2 | web-7-data 1Gi (local-path) | web-7.lab.example |  |');
  });
});
