import type { Construct } from 'constructs';
import { App, ClusterChart, host, k3sManifests, MediaContainers, noRoutes, SecretReference, site } from '../constructs';
import type { MediaContainer } from '../constructs';
import { synthInMemory } from './support/synth';

// Values as a docker-compose file writes them, carried into the library's constructs.

const node = host('storage', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.1.0.5' });
const lab = site('compose-lab', { domain: 'compose.test', hosts: [node] });
const settings = { puid: 5000, pgid: 5000, tz: 'Europe/Berlin', configDir: '/srv/config', dataDir: '/srv/data', storageDir: '/srv/storage' };

function synth(build: (cluster: ClusterChart) => void) {
  const result = synthInMemory((scope: Construct) => {
    build(new ClusterChart(scope, 'main', { site: lab, hosts: [node], routes: noRoutes(), gitops: k3sManifests() }));
  });
  const manifests = result.clusters.flatMap((c) => c.objects.map((o) => o.manifest as any));
  const deployment = (name: string) => manifests.find((m) => m.kind === 'Deployment' && m.metadata.name === name);
  return { result, deployment, errors: result.findings.filter((f) => f.severity === 'error'), warnings: result.findings.filter((f) => f.severity === 'warning') };
}

const media = (container: Partial<MediaContainer>) => (cluster: ClusterChart) =>
  new MediaContainers(cluster, 'media', { settings, containers: { app: { image: 'ghcr.io/acme/app:1.2.3', listenPort: 8080, configDir: false, ...container } } });

describe('MediaContainers volumes', () => {
  test('one host folder listed twice is one volume mounted at both places, each read-only as written', () => {
    const { deployment, errors } = synth(media({ volumes: ['/mnt/a:/a', '/mnt/a:/b:ro'] }));
    expect(errors).toEqual([]);
    const pod = deployment('app').spec.template.spec;
    const hostVolumes = pod.volumes.filter((v: any) => v.hostPath);
    expect(hostVolumes.map((v: any) => v.hostPath.path)).toEqual(['/mnt/a']);
    const mounts = pod.containers[0].volumeMounts.filter((m: any) => m.name === hostVolumes[0].name);
    expect(mounts).toEqual([{ name: hostVolumes[0].name, mountPath: '/a' }, { name: hostVolumes[0].name, mountPath: '/b', readOnly: true }]);
  });
});

describe('compose interpolation in env values', () => {
  const app = (env: Record<string, unknown>) => (cluster: ClusterChart) =>
    new App(cluster, 'web', { image: 'nginxinc/nginx-unprivileged:1.27.0', namespace: 'web', ports: [{ name: 'http', port: 8080 }], env: env as any });

  test('${NAME} of another variable of the container is a warning on the entry, with the $(NAME) form', () => {
    const { warnings, errors } = synth(app({ DOMAIN: 'example.com', BASE_URL: 'http://${DOMAIN}:8080' }));
    expect(errors).toEqual([]);
    const found = warnings.filter((w) => w.field.startsWith('env.'));
    expect(found.map((w) => [w.constructPath, w.field])).toEqual([['main/web', 'env.BASE_URL']]);
    expect(found[0].hint).toContain("BASE_URL: 'http://$(DOMAIN):8080'");
  });

  test('a default in the reference is named in the hint', () => {
    const { warnings } = synth(app({ DOMAIN: 'example.com', BASE_URL: 'http://${DOMAIN:-localhost}' }));
    const found = warnings.filter((w) => w.field === 'env.BASE_URL');
    expect(found).toHaveLength(1);
    expect(found[0].hint).toContain("'http://$(DOMAIN)'");
    expect(found[0].hint).toContain('${DOMAIN:-localhost}');
  });

  test('${NAME} of no variable of the container is no compose warning but a placeholder nothing substitutes, and compose\'s escaped $${NAME} stays silent', () => {
    const { warnings, errors } = synth(app({ DOMAIN: 'example.com', TEMPLATE: 'http://${HOST}/', LITERAL: '$${DOMAIN}' }));
    expect(warnings.filter((w) => w.field.startsWith('env.'))).toEqual([]);
    expect(errors.map((e) => [e.field, /postBuild substitution/.test(e.message)])).toEqual([['env.TEMPLATE', true]]);
  });

  test('a reference to a secret variable is still no plaintext secret', () => {
    const { warnings, errors } = synth(app({
      ROOT_PASSWORD: SecretReference.external('web', 'db', 'password'), DB_PASSWORD: '${ROOT_PASSWORD}',
    }));
    expect(errors).toEqual([]);
    expect(warnings.filter((w) => w.field.startsWith('env.')).map((w) => w.field)).toEqual(['env.DB_PASSWORD']);
  });

  test('MediaContainers environment is checked the same way', () => {
    const { warnings } = synth(media({ environment: { DOMAIN: 'example.com', BASE_URL: 'http://${DOMAIN}' } }));
    expect(warnings.filter((w) => w.field === 'env.BASE_URL').map((w) => w.constructPath)).toEqual(['main/media/app']);
  });
});
