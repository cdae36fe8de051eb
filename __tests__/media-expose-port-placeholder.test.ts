import type { Construct } from 'constructs';
import { ClusterChart, host, k3sManifests, MediaContainer, MediaContainers, noRoutes, placeholder, site } from '../constructs';
import { clusterReadme } from '../constructs/synth/readme';
import { synthInMemory } from './support/synth';

// A node port the owner has not given (a reverse proxy outside the cluster proxies to it today) is a
// placeholder: the Service uses its stand-in, the owner's steps list it once, and the reverse-proxy step that
// names the port says it is one.

const node = host('storage', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.5.0.5' });
const lab = site('ports', { domain: 'ports.test', hosts: [node] });
const settings = { puid: 5000, pgid: 5000, tz: 'Europe/Berlin', configDir: '/var/data', dataDir: '/mnt/storage', storageDir: '/mnt/storage' };
const web = (exposePort: MediaContainer['exposePort']): MediaContainer => ({ image: 'nginxinc/nginx-unprivileged:1.27.0', listenPort: 8080, exposePort, host: node });

function synth(containers: Record<string, MediaContainer>) {
  const result = synthInMemory((scope: Construct) => {
    const cluster = new ClusterChart(scope, 'main', { site: lab, hosts: [node], routes: noRoutes(), gitops: k3sManifests(), nodePortRange: { first: 2000, last: 32767 } });
    new MediaContainers(cluster, 'media', { settings, containers });
  });
  const manifests = result.clusters.flatMap((c) => c.objects.map((o) => o.manifest as any));
  return { errors: result.findings.filter((f) => f.severity === 'error'), manifests, readme: clusterReadme(result.clusters[0]) };
}

test("a placeholder node port is the Service's, listed once, and marked in its reverse-proxy step; a given one is not", () => {
  const guessed = placeholder(31080, { fact: 'node port of guessed', owner: 'write the port the proxy uses today' });
  const { errors, manifests, readme } = synth({ guessed: web(guessed), given: web(30081) });
  expect(errors).toEqual([]);
  const nodePort = (name: string) => manifests.find((m) => m.kind === 'Service' && m.metadata.name === `${name}-nodeport`).spec.ports[0].nodePort;
  expect([nodePort('guessed'), nodePort('given')]).toEqual([31080, 30081]);
  expect(readme.split('node port of guessed: write the port the proxy uses today (now `31080`)').length - 1).toBe(1);
  expect(readme).toContain('reverse proxy guessed.ports.test to 10.5.0.5:31080, its node port (placeholder) |');
  expect(readme).toContain('reverse proxy given.ports.test to 10.5.0.5:30081, its node port |');
});
