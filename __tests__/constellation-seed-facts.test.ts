import type { Construct } from 'constructs';
import { Construct as Scope } from 'constructs';
import * as fs from 'fs';
import * as yaml from 'js-yaml';
import * as path from 'path';
import { Main } from '../charts/constellation/main';
import { synthInMemory } from './support/synth';
import { choice } from './support/readme';

// Facts of the constellation design read back from the synthesized output: what it gives is stated, what it
// leaves out is marked as a placeholder wherever the output shows it.

const DIST = path.join(__dirname, '..', 'dist', 'constellation', 'main');
const readme = fs.readFileSync(path.join(DIST, 'README.md'), 'utf8');

describe('constellation: the design names only /dev/dri, not the GPU behind it', () => {
  test("storage's box in the picture marks the GPU vendor as a placeholder, as its architecture", () => {
    expect(readme).toContain('host_storage["storage<br/>amd64 (placeholder) · control-plane, worker<br/>192.168.1.5<br/>GPU: intel (placeholder)"]');
  });
});

/** The YAML documents of every file of the cluster folder. */
function documents(): any[] {
  return fs.readdirSync(DIST).filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml')
    .flatMap((f) => yaml.loadAll(fs.readFileSync(path.join(DIST, f), 'utf8')) as any[]);
}

describe("constellation: the design's order of migration and its volumes, as the output does them", () => {
  test("the design's week per host after a week on test VMs is a choice the README states, with how to follow it", () => {
    const bullet = choice(readme, 'Both hosts at once, no test cluster.');
    expect(bullet).toContain('test VMs');
    expect(bullet).toContain("moves storage's containers one week and cloud's the next");
    expect(bullet).toContain('keep the other host\'s entries out of charts/constellation/media.ts until its week');
    // Both hosts' containers are indeed in the files.
    const hosts = new Set(documents().filter((d) => d?.kind === 'Deployment').map((d) => d.spec.template.spec.nodeSelector['kubernetes.io/hostname']));
    expect([...hosts].sort()).toEqual(['cloud', 'storage']);
  });

  test('"Set up persistent volumes" is host folders, as the README says: no PersistentVolume or claim in the files', () => {
    expect(choice(readme, 'Host folders, no PersistentVolumes.')).toContain('there is no PersistentVolume or claim');
    const kinds = new Set(documents().map((d) => d?.kind));
    expect(kinds.has('PersistentVolume') || kinds.has('PersistentVolumeClaim')).toBe(false);
    const volumes = documents().filter((d) => d?.kind === 'Deployment').flatMap((d) => d.spec.template.spec.volumes ?? []);
    expect(volumes.filter((v: any) => v.persistentVolumeClaim)).toEqual([]);
  });
});

describe('constellation: what the design leaves out reads as a placeholder in the choices too', () => {
  test("Ghost's host name, which the design gives two of, is marked as a placeholder where the choices name it", () => {
    const bullet = choice(readme, 'Host names.');
    expect(bullet).toContain("ghost at blog.arsfeld.one, the design's own names; Ghost's is a placeholder");
  });

  test('the GPU vendor behind /dev/dri and the ids of the render and video groups are placeholders where the choices name Intel', () => {
    expect(choice(readme, "/dev/dri through Intel's device plugin")).toContain('the vendor, Intel, is a placeholder, as are the ids of the two groups');
  });
});

describe("constellation's ingress alternative says how its charts are installed, as the design asks for no Helm", () => {
  const result = synthInMemory((scope: Construct) => new Main(new Scope(scope, 'constellation'), { exposure: 'ingress' }));
  const files = [...result.files].filter(([f]) => f.startsWith('constellation/main/'));
  const ingressReadme = files.find(([f]) => f.endsWith('/README.md'))![1];
  const charts = files.filter(([f]) => f.endsWith('.yaml')).flatMap(([, text]) => yaml.loadAll(text) as any[])
    .filter((d) => d?.kind === 'HelmChart').map((d) => d.spec.chart).sort();

  test('every HelmChart of the output is named in the bullet, which no longer says "no Helm"', () => {
    expect(charts).toEqual(['cert-manager', 'ingress-nginx']);
    const bullet = choice(ingressReadme, 'Manifests from TypeScript, applied by K3s.');
    expect(bullet).not.toContain('Flux or Helm, as the design asks');
    expect(bullet).toContain('ingress-nginx, and cert-manager for the wildcard certificate');
    expect(bullet).toContain("HelmChart objects, which K3s' own Helm controller installs");
  });

  test('with node ports, nothing is a chart, and the bullet keeps the design\'s "no Helm"', () => {
    expect(documents().filter((d) => d?.kind === 'HelmChart')).toEqual([]);
    expect(choice(readme, 'Manifests from TypeScript, applied by K3s.')).toContain('still no Argo CD, Flux or Helm, as the design asks');
  });
});

describe("constellation: Caddy's lines name the node ports the design derives with its undefined nameToPort as placeholders", () => {
  const step = (host: string) => readme.split('\n').find((l) => l.startsWith(`| manual | reverse proxy ${host} to `))!;

  test.each(['jellyfin', 'bazarr', 'overseerr', 'auth', 'lldap', 'keycloak'])('%s: its reverse-proxy step marks the port', (name) => {
    expect(step(`${name}.arsfeld.one`)).toMatch(/, its node port \(placeholder\) \|/);
  });

  test.each([['sonarr', 8989], ['radarr', 7878], ['blog', 2368], ['yarr', 7070]])("%s: the design's own port %s is stated as a fact", (name, port) => {
    expect(step(`${name}.arsfeld.one`)).toContain(`:${port}), its node port |`);
  });
});

describe('constellation: what the cluster gets from outside lists what the design keeps outside Kubernetes', () => {
  /** The rows of the README's table of what the cluster gets from outside, by source. */
  const outside = (text: string) => new Map(text.split('## What the cluster gets from outside')[1].split('\n## ')[0].split('\n')
    .filter((l) => l.startsWith('| ') && !l.startsWith('| from ')).map((l) => l.split(' | ')).map(([from, what]) => [from.slice(2), what]));

  test('the tailnet the agent joins over, the agenix join token, the wildcard DNS records and Caddy, the way in', () => {
    const rows = outside(readme);
    expect(rows.get('tailnet bat-boa.ts.net (Tailscale)')).toContain('cloud joins the K3s server at https://storage.bat-boa.ts.net:6443');
    expect(rows.get('agenix')).toContain('k3s-token');
    expect(rows.get('home DNS and tailnet DNS')).toContain('*.arsfeld.one → 192.168.1.5 at home and → storage.bat-boa.ts.net on the tailnet');
    expect(rows.get('Caddy on storage and cloud')).toContain('the way in: port 443 for *.arsfeld.one with its Cloudflare DNS certificates');
    expect(rows.get('Caddy on storage and cloud')).toContain('files.arsfeld.one and api.arsfeld.one on storage, the static sites under /var/www on cloud');
    // The K3s server's address the agent joins at is the one the NixOS lines give it.
    expect(readme).toContain('serverAddr = "https://storage.bat-boa.ts.net:6443";');
  });

  test("with ingress-nginx, Caddy keeps only the sites that are not containers", () => {
    const result = synthInMemory((scope: Construct) => new Main(new Scope(scope, 'constellation'), { exposure: 'ingress' }));
    const rows = outside(result.files.get('constellation/main/README.md')!);
    expect(rows.get('Caddy on storage and cloud')).toContain('off ports 80 and 443, which ingress-nginx binds');
    expect(rows.get('Caddy on storage and cloud')).not.toContain('the way in');
  });
});
