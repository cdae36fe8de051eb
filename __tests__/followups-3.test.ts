import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App as CdkApp } from 'cdk8s';
import type { Construct } from 'constructs';
import {
  AppVolume, ClusterChart, FleetDefinition, flux, Forgejo, HomelabApp, host, localPathStorage, site, synthesizeFleet, traefik,
} from '../constructs';
import type { AppProps as HomelabAppProps } from '../constructs';
import { readTree, synthInMemory } from './support/synth';
import { labCluster } from './bad-input/lab';
import { configFileAddresses } from '../constructs/validation/config-file-hosts';
import { hostReference } from '../constructs/app/env-hosts';
import { calledService } from '../constructs/validation/app-calls';
import { sshListenPortProblems } from '../constructs/app/image-listen-ports';
import { routeHostnames } from '../constructs/synth/readme';
import { traefikMatchers } from '../constructs/validation/traefik-rule-syntax';

const ingressRoute = (match: string) => ({ apiVersion: 'traefik.io/v1alpha1', kind: 'IngressRoute', metadata: { name: 'r', namespace: 'n' }, spec: { routes: [{ match }] } });

describe("the README reads a Traefik rule's hosts as the route checks do", () => {
  test.each([
    // A host in a negated group is one the route leaves to others.
    ['Host(`a.x`) && !(Host(`b.x`) || Host(`c.x`))', ['a.x']],
    // A double-quoted value is read with Go's escapes, as Traefik reads it.
    ['Host("d.x") || Host(`e.x`)', ['d.x', 'e.x']],
    // Traefik takes no single-quoted value: the rule serves no host (and the route checks refuse it).
    ["Host('f.x')", []],
    // A header whose value reads like a matcher is no host.
    ['Host(`g.x`) && Header(`X-Note`, "Host(`h.x`)")', ['g.x']],
    ['HostSNIRegexp(`^.+\\.x$`)', ['^.+\\.x$']],
  ])('%s', (match, hosts) => {
    expect(routeHostnames(ingressRoute(match))).toEqual(hosts);
    // The same hosts as the parser of the route checks gives.
    expect(routeHostnames(ingressRoute(match))).toEqual(traefikMatchers(match).filter((m) => m.name.startsWith('Host') && m.negated !== true).flatMap((m) => m.args));
  });
});

// A fleet of two clusters of one site: `main` runs PostgreSQL in namespace db, `edge` an app moved there from main.
const h1 = host('f3-h1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.30.11' });
const h2 = host('f3-h2', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.30.12' });
const home = site('f3-home', { domain: 'home.test', hosts: [h1, h2], git: { url: 'https://git.home.test/lab.git' } });

const clusterOn = (scope: Construct, id: string, node: typeof h1) =>
  new ClusterChart(scope, id, { site: home, hosts: [node], routes: traefik({ hostPorts: true }), storage: { fast: localPathStorage() }, gitops: flux() });

/** A database of the fleet's first cluster: a Service `postgres` in namespace db. */
function postgres(cluster: ClusterChart): void {
  new HomelabApp(cluster, 'postgres', { namespace: 'db', image: 'ghcr.io/example/database:1.0.0', ports: [{ name: 'postgres', port: 5432 }] });
}

/** The fleet, with the app `wiki` of `edge` given `props`; `mainSource` and `edgeSource` name the clusters' modules. */
function fleetOf(props: Partial<HomelabAppProps>, sources: { main: string; edge: string } = { main: 'charts/f3/main.ts', edge: 'charts/f3/edge.ts' }): FleetDefinition {
  return {
    clusters: [
      { folder: 'f3-home/main', source: sources.main, build: (s) => { const c = clusterOn(s, 'main', h1); postgres(c); return c; } },
      {
        folder: 'f3-home/edge', source: sources.edge,
        build: (s) => {
          const c = clusterOn(s, 'edge', h2);
          new HomelabApp(c, 'wiki', { image: 'ghcr.io/requarks/wiki:2.5.306', ports: [{ name: 'http', port: 3000 }], ...props });
          return c;
        },
      },
    ],
  };
}

const callFindings = (fleet: FleetDefinition) =>
  synthesizeFleet(new CdkApp(), fleet, { outdir: path.join(os.tmpdir(), 'followups-3-unused'), write: false })
    .findings.filter((f) => f.constructPath === 'f3-edge/wiki' || f.constructPath.startsWith('f3-home/edge/wiki')).map((f) => ({ severity: f.severity, field: f.field, message: f.message, hint: f.hint }));

describe("a call of another cluster's Service by its in-cluster name", () => {
  test.each([
    ['env DB_HOST', { env: { DB_HOST: 'postgres.db', DB_PORT: '5432' } }, 'env.DB_HOST'],
    ['a URL in env', { env: { DATABASE_URL: 'postgres://wiki@postgres.db.svc.cluster.local:5432/wiki' } }, 'env.DATABASE_URL'],
    ["a client's command line", { initContainers: [{ name: 'wait-db', image: 'postgres:16.4', command: ['sh', '-c', 'until pg_isready -h postgres.db -p 5432; do sleep 2; done'] }] }, 'containers.wait-db.command[2]'],
  ])('in %s is told where the Service is, and how to reach it', (_what, props, field) => {
    expect(callFindings(fleetOf(props as Partial<HomelabAppProps>))).toEqual([{
      severity: 'warning', field,
      message: expect.stringContaining('calls Service postgres.db, which is in cluster f3-home/main, not in this one (f3-home/edge has no namespace "db")'),
      hint: 'cluster f3-home/main exposes it nowhere outside: deploy postgres in namespace "db" of this cluster too, or expose it there (a route, or a LoadBalancer Service with an address) and call that address',
    }]);
  });

  test("the hint names the route host where the other cluster exposes the Service", () => {
    const fleet = fleetOf({ env: { API_URL: 'http://api.api:8080/v1' } });
    const main = fleet.clusters[0];
    const withApi: FleetDefinition = {
      clusters: [{
        ...main,
        build: (s, needed) => {
          const chart = main.build(s, needed) as ClusterChart;
          new HomelabApp(chart, 'api', { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], route: { host: 'api' } });
          return chart;
        },
      }, fleet.clusters[1]],
    };
    expect(callFindings(withApi).map((f) => f.hint)).toEqual([
      'call it where cluster f3-home/main exposes it: route host api.home.test of cluster f3-home/main; or deploy api in namespace "api" of this cluster too',
    ]);
  });

  test('a name no cluster of the fleet has a Service of is left as the cluster alone tells it', () => {
    expect(callFindings(fleetOf({ env: { DB_HOST: 'nas.lan', DB_PORT: '5432' } }))).toEqual([]);
    expect(callFindings(fleetOf({ env: { DATABASE_URL: 'postgres://wiki@mysql.db.svc.cluster.local:5432/wiki' } }))).toEqual([
      { severity: 'warning', field: 'env.DATABASE_URL', message: expect.stringContaining('calls Service mysql.db, but the cluster has no namespace "db"'), hint: expect.stringContaining('an app of another cluster is not reached') },
    ]);
  });
});

test('an incremental synth that keeps one of the two clusters tells the call as a full synth does, byte for byte', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'followups-3-'));
  const graphFile = path.join(root, '.build', 'main.inputs.json');
  fs.mkdirSync(path.dirname(graphFile), { recursive: true });
  fs.writeFileSync(graphFile, JSON.stringify({ root, imports: { 'main.ts': [], 'edge.ts': [] } }));
  fs.writeFileSync(path.join(root, 'main.ts'), 'main');
  fs.writeFileSync(path.join(root, 'edge.ts'), 'edge');
  const fleet = fleetOf({ env: { DB_HOST: 'postgres.db', DB_PORT: '5432' } }, { main: 'main.ts', edge: 'edge.ts' });
  const run = (outdir: string, incremental: boolean) => synthesizeFleet(new CdkApp(), fleet, { outdir: path.join(root, outdir), inputGraph: incremental ? graphFile : undefined });
  try {
    run('dist', true);
    // main changes and is built again; edge, whose call the fleet check tells, is kept with its facts.
    fs.writeFileSync(path.join(root, 'main.ts'), 'main, changed');
    const kept = run('dist', true);
    const full = run('full', false);
    expect(kept.kept).toEqual(['f3-home/edge']);
    expect(kept.findings).toEqual(JSON.parse(JSON.stringify(full.findings)));
    expect(kept.findings.filter((f) => f.message.includes('which is in cluster f3-home/main'))).toHaveLength(1);
    expect(readTree(path.join(root, 'dist'))).toEqual(readTree(path.join(root, 'full')));
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

describe('addresses of config files an app mounts', () => {
  test.each([
    ['a YAML section', 'mqtt:\n  enabled: true\n  host: mosquitto.iot\n  port: 1883\n', [{ setting: 'mqtt.host', value: 'mosquitto.iot' }]],
    ['a list item and a host with its port', 'brokers:\n  - address: "mosquitto.iot:1883"\n', [{ setting: 'brokers.address', value: 'mosquitto.iot:1883' }]],
    ['an INI section', '[mqtt]\nbroker = mosquitto.iot ; the LAN broker\n', [{ setting: 'mqtt.broker', value: 'mosquitto.iot' }]],
    ['JSON', '{\n  "database": {\n    "db_host": "postgres.db",\n    "port": 5432\n  }\n}\n', [{ setting: 'database.db_host', value: 'postgres.db' }]],
    ['a URL anywhere', 'homeassistant:\n  external_url: "https://home.lab.test"\n', [{ setting: '', value: 'https://home.lab.test' }]],
    // A listen address, the pod itself, a setting that is no address, a word that is no host: none.
    ['what is no call', 'http:\n  server_host: 0.0.0.0\n  server_name: lab.test\n  host: localhost:8123\n  address: CHANGE_ME_IP\n  url: ""\n', []],
  ])('%s', (_what, file, addresses) => {
    expect(configFileAddresses(file)).toEqual(addresses);
  });

  /** The warnings of a lab whose app `frigate` mounts `config.yml` with `file`, beside Mosquitto in namespace iot. */
  const warnings = (file: string) => synthInMemory((scope) => {
    const cluster = labCluster(scope as CdkApp);
    new HomelabApp(cluster, 'mosquitto', { namespace: 'iot', image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'mqtt', port: 8080 }] });
    cluster.namespaces.ensure('frigate');
    new ApiObject(cluster, 'frigate-config', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'frigate-config', namespace: 'frigate' }, data: { 'config.yml': file } });
    new HomelabApp(cluster, 'frigate', {
      image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }],
      persistence: { config: { volume: AppVolume.configMap('frigate-config'), mountPath: '/config' } },
    });
  }).findings.filter((f) => f.severity === 'warning' && f.field === 'data.config.yml').map((f) => ({ path: f.constructPath, message: f.message, hint: f.hint }));

  test("a bare host of Mosquitto's Service under mqtt.host is a call: a misspelt one is told with the Service meant", () => {
    expect(warnings('mqtt:\n  host: mosquitto.iot\n  port: 8080\n')).toEqual([]);
    expect(warnings('mqtt:\n  host: mosquito.iot\n  port: 8080\n')).toEqual([{
      path: 'main/frigate-config',
      message: expect.stringMatching(/^ConfigMap frigate-config's config.yml \(mqtt.host\) calls Service mosquito.iot, which nothing in namespace "iot" makes/),
      hint: 'call mosquitto.iot, the Service of that namespace meant',
    }]);
  });

  test("a bare short name of another namespace's app is told with the name that resolves, once for the file", () => {
    expect(warnings('mqtt:\n  host: mosquitto\n')).toEqual([{
      path: 'main/frigate-config',
      message: expect.stringContaining('data.config.yml (mqtt.host), a file the pods mount, names "mosquitto", which runs in namespace "iot"'),
      hint: expect.stringMatching(/^write mqtt.host as 'mosquitto.iot'/),
    }]);
  });

  test("a ConfigMap file's call of another cluster's Service is told where the Service is", () => {
    const fleet = fleetOf({ persistence: { config: { volume: AppVolume.configMap('wiki-config'), mountPath: '/config' } } });
    const edge = fleet.clusters[1];
    const withConfig: FleetDefinition = {
      clusters: [fleet.clusters[0], {
        ...edge,
        build: (s, needed) => {
          const chart = edge.build(s, needed) as ClusterChart;
          new ApiObject(chart, 'wiki-config', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'wiki-config', namespace: 'wiki' }, data: { 'config.yml': 'db:\n  host: postgres.db\n  port: 5432\n' } });
          return chart;
        },
      }],
    };
    expect(synthesizeFleet(new CdkApp(), withConfig, { outdir: path.join(os.tmpdir(), 'followups-3-unused'), write: false }).findings
      .filter((f) => f.field === 'data.config.yml').map((f) => `${f.constructPath}: ${f.message}`))
      .toEqual([expect.stringMatching(/^f3-home\/edge\/wiki-config: ConfigMap wiki-config's config.yml \(db.host\) calls Service postgres.db, which is in cluster f3-home\/main/)]);
  });
});

describe('IPv6 addresses in URLs of env and config files', () => {
  test.each([
    ['a URL', 'http://[fd00::10]:8123/api', { host: '[fd00::10]', port: 8123 }],
    ['a host with its port', '[fd00::10]:1883', { host: '[fd00::10]', port: 1883 }],
    ['a URL without a port', 'https://[FD00::10]/', { host: '[fd00::10]', schemePort: 443 }],
  ])('%s is read with the address as its host', (_what, value, read) => {
    expect(hostReference('HA_URL', value)).toEqual(expect.objectContaining(read));
    expect(calledService('HA_URL', value, 'web')).toBeUndefined();
  });

  test('a config file URL keeps its bracketed address', () => {
    expect(configFileAddresses('homeassistant:\n  url: "http://[fd00::10]:8123"\n')).toEqual([{ setting: '', value: 'http://[fd00::10]:8123' }]);
  });

  /** The findings of app `dash` of the lab whose env is `env`, its egress `egress`, and its mounted config file `file`. */
  const findingsOf = (env: Record<string, string>, egress: unknown[] | undefined, file?: string) => synthInMemory((scope) => {
    const cluster = labCluster(scope as CdkApp);
    if (file !== undefined) {
      cluster.namespaces.ensure('dash');
      new ApiObject(cluster, 'dash-config', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'dash-config', namespace: 'dash' }, data: { 'services.yaml': file } });
    }
    new HomelabApp(cluster, 'dash', {
      image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], env, ...(egress === undefined ? {} : { egress: egress as never }),
      ...(file === undefined ? {} : { persistence: { config: { volume: AppVolume.configMap('dash-config'), mountPath: '/app/config' } } }),
    });
  }).findings.filter((f) => f.constructPath.startsWith('main/dash')).map((f) => ({ severity: f.severity, field: f.field, message: f.message, hint: f.hint }));

  test('neither a missing Service nor a crash, and an egress that lets the address out is no finding', () => {
    expect(findingsOf({ HA_URL: 'http://[fd00::10]:8123' }, undefined)).toEqual([]);
    expect(findingsOf({ HA_URL: 'http://[fd00::10]:8123' }, [{ cidr: 'fd00::/64', ports: [{ port: 8123 }] }])).toEqual([]);
  });

  test("an egress policy whose address blocks leave the address out is told, with the address's own block", () => {
    expect(findingsOf({ HA_URL: 'http://[fd00::10]:8123' }, [{ cidr: '10.0.0.0/8', ports: [{ port: 8123 }] }])).toEqual([{
      severity: 'warning', field: 'env.HA_URL',
      message: expect.stringMatching(/^env HA_URL calls \[fd00::10\]:8123, outside the cluster, but this app's own egress policy lets nothing out to that address on that port/),
      hint: "let it out in this app's egress: { cidr: 'fd00::10/128', ports: [{ port: 8123 }] }, or egress: 'any'",
    }]);
    expect(findingsOf({}, [{ cidr: '10.0.0.0/8', ports: [{ port: 8123 }] }], '- Home:\n    - Home Assistant:\n        widget:\n          url: http://[fd00::10]:8123\n')).toEqual([
      expect.objectContaining({ field: 'data.services.yaml', hint: "let it out in this app's egress: { cidr: 'fd00::10/128', ports: [{ port: 8123 }] }, or egress: 'any'" }),
    ]);
  });
});

describe("Gitea's and Forgejo's SSH port follows the image", () => {
  const problems = (image: string, ssh: number, env?: Record<string, string>) =>
    sshListenPortProblems({ image, env, ports: [{ name: 'http', port: 3000 }, { name: 'ssh', port: ssh, servicePort: 22 }] }, 'forge').map((p) => `${p.field}: ${p.hint}`);

  test.each([
    ['gitea/gitea:1.22.3-rootless', 2222, undefined],
    ['docker.io/gitea/gitea:1.22.3', 22, undefined],
    ['gitea/gitea:1.22.3', 2222, { SSH_LISTEN_PORT: '2222' }],
    ['codeberg.org/forgejo/forgejo:11.0.6-rootless', 2022, { FORGEJO__server__SSH_LISTEN_PORT: '2022' }],
    ['codeberg.org/forgejo/forgejo:11.0.6', 22, undefined],
  ])('%s with SSH on %d is right', (image, ssh, env) => {
    expect(problems(image, ssh, env)).toEqual([]);
  });

  test.each([
    ['gitea/gitea:1.22.3-rootless', 22, "ports[1].port: declare the port it listens on, the Service keeping 22 for clients: { name: 'ssh', port: 2222, servicePort: 22 }"],
    ['codeberg.org/forgejo/forgejo:11.0.6', 2222, "ports[1].port: declare the port it listens on, the Service keeping 2222 for clients: { name: 'ssh', port: 22, servicePort: 2222 }"],
  ])("%s with SSH on %d, the other image's port, is an error naming the image's", (image, ssh, finding) => {
    expect(problems(image, ssh)).toEqual([finding]);
  });

  test("the Forgejo service's rootless image takes SSH on 2222, behind port 22 of its Service", () => {
    const objects = synthInMemory((scope) => {
      const cluster = labCluster(scope as CdkApp);
      new Forgejo(cluster, 'forgejo', { route: { host: 'git' } });
    }).clusters[0].objects.map((o) => o.manifest);
    const deployment = objects.find((m) => ['Deployment', 'StatefulSet'].includes(m.kind) && m.metadata.name === 'forgejo')!;
    const container = (deployment.spec as any).template.spec.containers[0];
    expect(container.image).toMatch(/-rootless$/);
    expect(container.ports).toContainEqual(expect.objectContaining({ name: 'ssh', containerPort: 2222 }));
    const service = objects.find((m) => m.kind === 'Service' && m.metadata.name === 'forgejo')!;
    expect((service.spec as any).ports).toContainEqual(expect.objectContaining({ port: 22, targetPort: 2222 }));
  });
});

test("a single-quoted matcher value is told apart by the rule parser, which the route checks refuse", () => {
  expect(traefikMatchers("Host('a.x') || Host(`b.x`)")).toEqual([{ name: 'Host', args: [], singleQuoted: 'a.x' }, { name: 'Host', args: ['b.x'] }]);
});
