import * as YAML from 'js-yaml';
import type { Construct } from 'constructs';
import { Construct as Scope } from 'constructs';
import { Main } from '../charts/constellation/main';
import { synthInMemory } from './support/synth';

// A walk of the constellation site from a bare K3s cluster to running services: the owner's steps in
// order, then the first sync object by object, for what earlier re-reads of the design left out.

const synths = new Map<string, ReturnType<typeof synthOnce>>();

/** The constellation cluster with `exposure`, synthesized once per exposure for the whole file. */
function synthConstellation(exposure: 'nodePort' | 'ingress') {
  if (!synths.has(exposure)) {
    synths.set(exposure, synthOnce(exposure));
  }
  return synths.get(exposure)!;
}

function synthOnce(exposure: 'nodePort' | 'ingress') {
  let main: Main | undefined;
  const result = synthInMemory((scope: Construct) => { main = new Main(new Scope(scope, 'constellation'), { exposure }); });
  const files = new Map([...result.files].filter(([f]) => f.startsWith('constellation/main/')).map(([f, text]) => [f.slice('constellation/main/'.length), text]));
  return { result, files, main: main! };
}

describe("constellation's ingress alternative: K3s serves ingress-nginx from the nodes without a warning the owner cannot act on", () => {
  const b = synthConstellation('ingress');

  test("the values K3s' adaptation gives ingress-nginx (a DaemonSet on hostPorts behind a ClusterIP Service) raise no warning", () => {
    const onIngressNginx = b.result.findings.filter((f) => f.severity !== 'error' && `${f.constructPath} ${f.message}`.includes('ingress-nginx'));
    expect(onIngressNginx.map((f) => f.message)).toEqual([]);
    const values = b.files.get('0-platform-ingress-nginx.yaml')!;
    expect(values).toContain('kind: DaemonSet');
    expect(values).toContain('type: ClusterIP');
  });
});

describe('constellation: Bazarr and Overseerr reach Sonarr and Radarr at their Services, the partners the design moves together', () => {
  /** Whether the NetworkPolicy of `target` in `files` admits pods of app `caller` on `port`. */
  function admits(files: Map<string, string>, target: string, caller: string, port: number): boolean {
    const policy = YAML.loadAll(files.get(`2-apps-${target}.yaml`)!).find((o: any) => o?.kind === 'NetworkPolicy') as any;
    return (policy.spec.ingress as any[]).some((rule) => (rule.ports ?? []).some((p: any) => p.port === port)
      && (rule.from === undefined || rule.from.some((peer: any) => peer.podSelector?.matchLabels?.['app.kubernetes.io/name'] === caller)));
  }

  test.each(['ingress', 'nodePort'] as const)('with %s exposure, the policies of sonarr (8989) and radarr (7878) admit bazarr and overseerr', (exposure) => {
    const { files } = synthConstellation(exposure);
    for (const [target, port] of [['sonarr', 8989], ['radarr', 7878]] as const) {
      for (const caller of ['bazarr', 'overseerr']) {
        expect([target, caller, admits(files, target, caller, port)]).toEqual([target, caller, true]);
      }
    }
  });

  test("the ingress alternative's README says so where it lists what the network policies admit", () => {
    const readme = synthConstellation('ingress').files.get('README.md')!;
    expect(readme).toContain("Network policies admit each container's own port only, from ingress-nginx's pods, Sonarr's and Radarr's also from Bazarr and Overseerr");
  });
});

describe("constellation's ingress alternative: no controller that may write every Secret, where no Secret is copied", () => {
  test('the wildcard certificate is made in media, the one namespace of the Ingresses, so kubernetes-replicator is not installed', () => {
    const { files } = synthConstellation('ingress');
    const documents = [...files].filter(([f]) => f.endsWith('.yaml')).flatMap(([, text]) => YAML.loadAll(text) as any[]);
    const ingresses = documents.filter((d) => d?.kind === 'Ingress');
    expect(new Set(ingresses.map((i) => i.metadata.namespace))).toEqual(new Set(['media']));
    const certificate = documents.find((d) => d?.kind === 'Certificate');
    expect(certificate.metadata.namespace).toBe('media');
    expect(certificate.spec.secretTemplate).toBeUndefined();
    expect(documents.filter((d) => d?.kind === 'HelmChart').map((d) => d.spec.chart).sort()).toEqual(['cert-manager', 'ingress-nginx']);
    expect(documents.filter((d) => d?.kind === 'Namespace').map((d) => d.metadata.name)).not.toContain('secret-replicator');
  });
});

describe("constellation: Stash's port on the host network is opened in storage's NixOS firewall for its callers off the host", () => {
  /** The README's rows of steps by hand and the index of the row that starts with `start`. */
  function rowOf(readme: string, start: string): number {
    return readme.split('\n').filter((line) => /^\| (bootstrap|manual|placeholder) \|/.test(line)).findIndex((line) => line.startsWith(start));
  }

  test.each(['nodePort', 'ingress'] as const)('with %s exposure, a step before the files go into K3s\' folder opens 9999/tcp of storage', (exposure) => {
    const readme = synthConstellation(exposure).files.get('README.md')!;
    const open = rowOf(readme, '| manual | open port 9999/tcp of storage');
    expect(open).toBeGreaterThanOrEqual(0);
    expect(open).toBeLessThan(rowOf(readme, '| bootstrap | copy or link every file of dist/constellation/main'));
    expect(readme).toContain('   # NixOS configuration of storage\n   networking.firewall.allowedTCPPorts = [ 9999 ];');
    // Each way in names who is refused without it: ingress-nginx's pods, or Caddy on the other host, the pods and Podman's containers.
    expect(readme).toContain(exposure === 'ingress'
      ? "to ingress-nginx's pods, which reach stash at storage's address through its Service"
      : "to Caddy on cloud and the pods that call stash's Service (stash:9999)");
  });

  test("Plex's own opening stays the step just before the one that stops the Podman containers", () => {
    const readme = synthConstellation('nodePort').files.get('README.md')!;
    expect(rowOf(readme, '| manual | stop the Podman containers') - rowOf(readme, '| manual | keep port 32400/tcp of storage open')).toBe(1);
  });
});

describe("constellation's ingress alternative: a container left on Podman reaches a moved one where something answers", () => {
  const readme = synthConstellation('ingress').files.get('README.md')!;
  const step = readme.split('\n').find((line) => line.startsWith('| manual | the addresses the containers call each other at'))!;

  test('a container off the host network at its route, as no NodePort Service is made; Plex and Stash on their own port of storage', () => {
    expect(step).toContain('reaches it at its route through ingress-nginx, or on its host when it runs on the host network: plex at 192.168.1.5:32400, '
      + 'jellyfin at https://jellyfin.arsfeld.one, sonarr at https://sonarr.arsfeld.one');
    expect(step).toContain('stash at 192.168.1.5:9999, authelia at https://auth.arsfeld.one');
    // Under ingress the pods of those containers listen on no port of a node.
    expect(step).not.toMatch(/sonarr at 192\.168\.1\.5:8989|authelia at 192\.168\.1\.6:9091/);
  });

  test("the library's proxy targets say how each container is reached: its route, or its node's port on the host network", () => {
    const targets = new Map(synthConstellation('ingress').main.media.proxyTargets().map((t) => [t.name, t]));
    expect(targets.get('sonarr')).toEqual({ name: 'sonarr', hostname: 'sonarr.arsfeld.one', upstream: 'https://sonarr.arsfeld.one', via: 'route' });
    expect(targets.get('plex')).toMatchObject({ upstream: '192.168.1.5:32400', via: 'host-network' });
  });

  test('with node ports, a container left on Podman still reaches each moved one on its host', () => {
    const nodePortStep = synthConstellation('nodePort').files.get('README.md')!.split('\n')
      .find((line) => line.startsWith('| manual | the addresses the containers call each other at'))!;
    expect(nodePortStep).toContain('reaches it on its host: plex at 192.168.1.5:32400, jellyfin at 192.168.1.5:30044, sonarr at 192.168.1.5:8989');
  });
});

describe("constellation's ingress alternative: files.arsfeld.one and api.arsfeld.one still answer on 443, through ingress-nginx to Caddy", () => {
  const { files } = synthConstellation('ingress');
  const documents = [...files].filter(([f]) => f.endsWith('.yaml')).flatMap(([, text]) => YAML.loadAll(text) as any[]);

  test.each(['files', 'api'])('%s.arsfeld.one has an Ingress of the wildcard certificate, to Service caddy on storage at Caddy\'s port', (name) => {
    const ingress = documents.find((d) => d?.kind === 'Ingress' && d.spec.rules[0].host === `${name}.arsfeld.one`);
    expect(ingress?.metadata.namespace).toBe('media');
    expect(ingress.spec.tls).toEqual([{ hosts: [`${name}.arsfeld.one`], secretName: 'arsfeld-one-tls' }]);
    expect(ingress.spec.rules[0].http.paths[0].backend.service).toEqual({ name: 'caddy', port: { number: 8880 } });
  });

  test("the Service has no selector; its EndpointSlice is storage's address on that port", () => {
    const service = documents.find((d) => d?.kind === 'Service' && d.metadata.name === 'caddy');
    expect(service.spec.selector).toBeUndefined();
    const slice = documents.find((d) => d?.kind === 'EndpointSlice' && d.metadata.labels['kubernetes.io/service-name'] === 'caddy');
    expect(slice.metadata.namespace).toBe('media');
    expect(slice.endpoints[0].addresses).toEqual(['192.168.1.5']);
    expect(slice.ports).toEqual([{ name: 'http', port: 8880, protocol: 'TCP' }]);
  });

  test("the step moves Caddy's sites to plain HTTP on that port, opened in storage's firewall; the port is a placeholder", () => {
    const readme = files.get('README.md')!;
    expect(readme).toContain('   http://files.arsfeld.one:8880 {\n   \tfile_server browse');
    expect(readme).toContain('   http://api.arsfeld.one:8880 {\n');
    expect(readme).toContain('   # NixOS configuration of storage\n   networking.firewall.allowedTCPPorts = [ 8880 ];');
    expect(readme).toMatch(/\| placeholder \| port Caddy on storage serves files\.arsfeld\.one and api\.arsfeld\.one on, behind ingress-nginx.*\(now `8880`\)/);
    expect(readme).not.toContain("so they are reached on Caddy's new port");
  });

  test('with node ports, Caddy keeps those sites on 443 as they are, and nothing routes them in the cluster', () => {
    const nodePort = synthConstellation('nodePort').files;
    expect([...nodePort.keys()].filter((f) => f.includes('caddy'))).toEqual([]);
    expect(nodePort.get('README.md')).toContain('   files.arsfeld.one {\n   \tfile_server browse');
  });
});
