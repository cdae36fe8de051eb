import { createHash } from 'crypto';
import type { Construct } from 'constructs';
import {
  ClusterChart, host, k3sManifests, MediaContainer, mediaConfigFolders, MediaContainers, MediaContainersProps, nameToPort, noRoutes, pinnedImage, site,
} from '../constructs';
import { synthInMemory } from './support/synth';

const gpuHost = host('storage', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.1.0.5', gpus: [{ vendor: 'intel' }] });
const armHost = host('cloud', { arch: 'arm64', address: '10.1.0.6' });
const lab = site('media-lab', { domain: 'media.test', hosts: [gpuHost, armHost] });
const settings = { puid: 5000, pgid: 5000, tz: 'America/Toronto', configDir: '/var/data', dataDir: '/mnt/storage', storageDir: '/mnt/storage' };

function synthMedia(containers: Record<string, MediaContainer>, props: Partial<MediaContainersProps> = {}, nodePortRange = { first: 2000, last: 32767 }) {
  const result = synthInMemory((scope: Construct) => {
    const cluster = new ClusterChart(scope, 'main', { site: lab, hosts: [gpuHost, armHost], routes: noRoutes(), gitops: k3sManifests(), nodePortRange });
    new MediaContainers(cluster, 'media', { settings, containers, ...props });
  });
  const manifests = result.clusters.flatMap((c) => c.objects.map((o) => o.manifest as any));
  const find = (kind: string, name: string) => manifests.find((m) => m.kind === kind && m.metadata.name === name);
  return { result, manifests, find, errors: result.findings.filter((f) => f.severity === 'error') };
}

// The seed's `containerToDeployment` / `containerToService` (NodePort form), transliterated line by line
// from Nix, as the oracle the construct is compared with.
interface NixContainer {
  image: string; listenPort: number | null; exposePort?: number; mediaVolumes: boolean; configDir: string | null;
  volumes: string[]; network: string | null; privileged: boolean; environment: Record<string, string>; host: string;
}
const mediaConfig = { puid: 5000, pgid: 5000, tz: 'America/Toronto', configDir: '/var/data', dataDir: '/mnt/storage', storageDir: '/mnt/storage' };
const md5 = (s: string) => createHash('md5').update(s).digest('hex');
function containerToDeployment(name: string, c: NixContainer) {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment',
    metadata: { name, namespace: 'media', labels: { app: name } },
    spec: {
      replicas: 1,
      template: {
        spec: {
          containers: [{
            name, image: c.image,
            ports: c.listenPort !== null ? [{ containerPort: c.listenPort }] : [],
            env: Object.entries({ ...c.environment, PUID: String(mediaConfig.puid), PGID: String(mediaConfig.pgid), TZ: mediaConfig.tz })
              .map(([n, value]) => ({ name: n, value: String(value) })),
            volumeMounts: [
              ...(c.configDir !== null ? [{ name: 'config', mountPath: c.configDir }] : []),
              ...(c.mediaVolumes ? [{ name: 'files', mountPath: '/files' }, { name: 'media', mountPath: '/media', readOnly: true }] : []),
              ...c.volumes.map((v) => {
                const parts = v.split(':');
                return { name: `volume-${md5(parts[0])}`, mountPath: parts[1], readOnly: parts.length > 2 && parts[2] === 'ro' };
              }),
            ],
            securityContext: c.privileged ? { privileged: true } : {},
          }],
          volumes: [
            ...(c.configDir !== null ? [{ name: 'config', hostPath: { path: `${mediaConfig.configDir}/${name}` } }] : []),
            ...(c.mediaVolumes ? [
              { name: 'files', hostPath: { path: `${mediaConfig.dataDir}/files` } },
              { name: 'media', hostPath: { path: `${mediaConfig.storageDir}/media` } },
            ] : []),
            ...c.volumes.map((v) => ({ name: `volume-${md5(v.split(':')[0])}`, hostPath: { path: v.split(':')[0] } })),
          ],
          nodeSelector: { 'kubernetes.io/hostname': c.host },
          hostNetwork: c.network === 'host',
        },
      },
    },
  };
}
function containerToService(name: string, c: NixContainer) {
  return {
    apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'media' },
    spec: { type: 'NodePort', ports: [{ port: c.listenPort, targetPort: c.listenPort, nodePort: c.exposePort ?? nameToPort(name) }] },
  };
}

describe('a media container is translated as the seed\'s Nix functions translate it', () => {
  const nix: NixContainer = {
    image: 'lscr.io/linuxserver/plex:1.41.6.9685-d301f511a-ls262', listenPort: 32400, mediaVolumes: true, configDir: '/config',
    volumes: ['/mnt/storage/backups:/backups:ro', '/var/cache/plex:/transcode'], network: 'host', privileged: true,
    environment: { VERSION: 'latest' }, host: 'storage',
  };
  const { find, errors } = synthMedia({
    plex: {
      image: nix.image, listenPort: 32400, mediaVolumes: true, volumes: nix.volumes, network: 'host', privileged: 'test of the privileged field',
      environment: { VERSION: 'latest' }, host: gpuHost,
    },
  });
  const ours = find('Deployment', 'plex');
  const oursPod = ours.spec.template.spec;
  const oursContainer = oursPod.containers[0];
  const expected = containerToDeployment('plex', nix);
  const expectedPod = expected.spec.template.spec;
  const expectedContainer = expectedPod.containers[0];
  const byName = (list: any[]) => [...list].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.mountPath < b.mountPath ? -1 : 1));

  test('no errors', () => expect(errors).toEqual([]));
  test('metadata: name, namespace media, label app=<name>', () => {
    expect(ours.metadata).toMatchObject(expected.metadata);
    expect(ours.spec.template.metadata.labels).toMatchObject({ app: 'plex' });
  });
  test('one replica', () => expect(ours.spec.replicas).toBe(expected.spec.replicas));
  test('container name and image (VERSION=latest is an env value, not a tag)', () => {
    expect(oursContainer.name).toBe(expectedContainer.name);
    expect(oursContainer.image).toBe(expectedContainer.image);
    expect(oursContainer.image).not.toMatch(/:latest$/);
  });
  test('listenPort → containerPort', () => {
    expect(oursContainer.ports.map((p: any) => ({ containerPort: p.containerPort }))).toEqual(expectedContainer.ports);
  });
  test('environment merged with PUID, PGID and TZ', () => {
    expect(byName(oursContainer.env)).toEqual(byName(expectedContainer.env));
  });
  test('volume mounts: config, /files, read-only /media, "src:dst[:ro]" volumes', () => {
    const mounts = oursContainer.volumeMounts.filter((m: any) => m.name !== 'tmp')
      .map((m: any) => ({ name: m.name, mountPath: m.mountPath, readOnly: m.readOnly ?? false }));
    expect(byName(mounts)).toEqual(byName(expectedContainer.volumeMounts.map((m: any) => ({ ...m, readOnly: m.readOnly ?? false }))));
  });
  test('volumes: hostPaths <configDir>/<name>, <dataDir>/files, <storageDir>/media and the given sources', () => {
    const volumes = oursPod.volumes.filter((v: any) => v.hostPath).map((v: any) => ({ name: v.name, hostPath: { path: v.hostPath.path } }));
    expect(byName(volumes)).toEqual(byName(expectedPod.volumes));
  });
  test('host → nodeSelector on the inventory host; network host → hostNetwork with ClusterFirstWithHostNet', () => {
    expect(oursPod.nodeSelector).toEqual(expectedPod.nodeSelector);
    expect(oursPod.hostNetwork).toBe(expectedPod.hostNetwork);
    expect(oursPod.dnsPolicy).toBe('ClusterFirstWithHostNet');
  });
  test('privileged → securityContext.privileged, with the reason as an annotation', () => {
    expect(oursContainer.securityContext.privileged).toBe(expectedContainer.securityContext.privileged);
    expect(ours.metadata.annotations['security.homelab.dev/privileged']).toBe('test of the privileged field');
  });
  test('Service: port = targetPort = listenPort; on the host network no node port, as Caddy reaches it on its node\'s port', () => {
    expect(find('Service', 'plex').spec.ports[0]).toMatchObject({ port: 32400, targetPort: 32400 });
    expect(find('Service', 'plex-nodeport')).toBeUndefined();
  });
  test('Service of a pod-network container: NodePort with port = targetPort = listenPort and the derived node port', () => {
    const sonarr: NixContainer = { ...nix, listenPort: 8989, network: null, privileged: false };
    const other = synthMedia({ sonarr: { image: nix.image, listenPort: 8989, host: gpuHost } });
    // The NodePort Service is `<name>-nodeport`, beside the ClusterIP Service `<name>` in-cluster clients use.
    const service = other.find('Service', 'sonarr-nodeport');
    const want = containerToService('sonarr', sonarr);
    expect(service.metadata.namespace).toBe(want.metadata.namespace);
    expect(service.spec.type).toBe(want.spec.type);
    expect(service.spec.ports.map((p: any) => ({ port: p.port, targetPort: p.targetPort, nodePort: p.nodePort }))).toEqual(want.spec.ports);
    // The Service selects the pod, as the seed's selector.app does.
    for (const [key, value] of Object.entries(service.spec.selector)) {
      expect(other.find('Deployment', 'sonarr').spec.template.metadata.labels[key]).toBe(value);
    }
  });
  test('every exemption is an annotation', () => {
    expect(Object.keys(ours.metadata.annotations).sort()).toEqual([
      'security.homelab.dev/add-capabilities', 'security.homelab.dev/host-network', 'security.homelab.dev/host-path',
      'security.homelab.dev/privileged', 'security.homelab.dev/run-as-root', 'security.homelab.dev/writable-root-filesystem',
    ]);
  });
});

describe('media containers', () => {
  test('/media is mounted read-only, /files read-write', () => {
    const { find } = synthMedia({ sonarr: { image: 'lscr.io/linuxserver/sonarr:4.0.14.2939-ls281', listenPort: 8989, exposePort: 8989, mediaVolumes: true, host: gpuHost } });
    const mounts = find('Deployment', 'sonarr').spec.template.spec.containers[0].volumeMounts;
    expect(mounts.find((m: any) => m.mountPath === '/media')).toEqual({ name: 'media', mountPath: '/media', readOnly: true });
    expect(mounts.find((m: any) => m.mountPath === '/files')).toEqual({ name: 'files', mountPath: '/files' });
  });

  test('a linuxserver.io image starts as root with the capabilities to take its folder, switch to PUID and signal the app to stop', () => {
    const { find } = synthMedia({ sonarr: { image: 'lscr.io/linuxserver/sonarr:4.0.14.2939-ls281', listenPort: 8989, exposePort: 8989, host: gpuHost } });
    const context = find('Deployment', 'sonarr').spec.template.spec.containers[0].securityContext;
    expect(context).toMatchObject({ runAsUser: 0, capabilities: { drop: ['ALL'] } });
    // s6-overlay's supervisor stays root; without KILL its SIGTERM to the app, which runs as PUID, is refused.
    expect(context.capabilities.add).toEqual(['CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'SETGID', 'SETUID', 'KILL']);
  });

  test('no listenPort: no port and no Service', () => {
    const { find, errors } = synthMedia({ worker: { image: 'busybox:1.37.0', host: gpuHost, configDir: false } });
    expect(errors).toEqual([]);
    expect(find('Service', 'worker')).toBeUndefined();
    expect(find('Deployment', 'worker').spec.template.spec.containers[0].ports).toBeUndefined();
  });

  test('healthCheck becomes an exec readiness probe; liveness checks the port, after up to five minutes of start', () => {
    const { find } = synthMedia({ web: { image: 'nginxinc/nginx-unprivileged:1.27.0', listenPort: 8080, host: gpuHost, healthCheck: { command: ['curl', '-f', 'http://localhost:8080/'], interval: '30s', retries: 3 } } });
    const container = find('Deployment', 'web').spec.template.spec.containers[0];
    // Each check may take as long as Podman gives it by default (30s), not the probe's default second.
    expect(container.readinessProbe).toEqual({ exec: { command: ['curl', '-f', 'http://localhost:8080/'] }, periodSeconds: 30, failureThreshold: 3, timeoutSeconds: 30 });
    // As Podman, an unhealthy container is not restarted for its health check alone.
    expect(container.livenessProbe).toEqual({ tcpSocket: { port: 8080 }, periodSeconds: 10, failureThreshold: 6, timeoutSeconds: 1 });
    expect(container.startupProbe).toEqual({ tcpSocket: { port: 8080 }, periodSeconds: 10, failureThreshold: 30, timeoutSeconds: 1 });
  });

  test("healthCheck's timeout becomes the probe's timeoutSeconds", () => {
    const { find } = synthMedia({ web: { image: 'nginxinc/nginx-unprivileged:1.27.0', listenPort: 8080, host: gpuHost, healthCheck: { command: ['true'], interval: '30s', timeout: '5s' } } });
    expect(find('Deployment', 'web').spec.template.spec.containers[0].readinessProbe.timeoutSeconds).toBe(5);
  });

  test('resources in container-spec shape', () => {
    const { find } = synthMedia({ web: { image: 'nginxinc/nginx-unprivileged:1.27.0', host: gpuHost, resources: { requests: { cpu: '2', memory: '4Gi' }, limits: { cpu: '4', memory: '8Gi' } } } });
    expect(find('Deployment', 'web').spec.template.spec.containers[0].resources).toEqual({ requests: { cpu: '2', memory: '4Gi' }, limits: { cpu: '4', memory: '8Gi' } });
  });

  test('/dev/dri: a hostPath mount by default, the Intel plugin resource when the cluster chooses it', () => {
    const mounted = synthMedia({ jf: { image: 'jellyfin/jellyfin:10.10.7', host: gpuHost, devices: ['/dev/dri:/dev/dri'] } });
    const pod = mounted.find('Deployment', 'jf').spec.template.spec;
    expect(pod.volumes).toContainEqual({ name: 'dri', hostPath: { path: '/dev/dri', type: 'Directory' } });
    expect(pod.containers[0].volumeMounts).toContainEqual({ name: 'dri', mountPath: '/dev/dri' });
    const plugin = synthMedia({ jf: { image: 'jellyfin/jellyfin:10.10.7', host: gpuHost, devices: ['/dev/dri:/dev/dri'] } },
      { driDevices: 'intel-plugin', settings: { ...settings, renderGroup: 303, videoGroup: 26 } });
    const container = plugin.find('Deployment', 'jf').spec.template.spec.containers[0];
    expect(container.resources.limits['gpu.intel.com/i915']).toBe(1);
    expect(container.volumeMounts ?? []).not.toContainEqual(expect.objectContaining({ mountPath: '/dev/dri' }));
    // The device nodes keep the host's owner: the render and video groups open them either way.
    expect(plugin.find('Deployment', 'jf').spec.template.spec.securityContext.supplementalGroups).toEqual([303, 26]);
  });

  test("the Intel plugin's GPU without the settings' render group is a warning on settings.renderGroup", () => {
    const { result } = synthMedia({ jf: { image: 'jellyfin/jellyfin:10.10.7', host: gpuHost, devices: ['/dev/dri:/dev/dri'] } }, { driDevices: 'intel-plugin' });
    const warned = result.findings.filter((f) => /renderGroup/.test(f.field ?? ''));
    expect(warned.map((f) => `${f.severity} ${f.constructPath} ${f.field}`)).toEqual(['warning main/media/jf settings.renderGroup']);
    expect(warned[0].hint).toContain('settings: { …, renderGroup: 104 }');
  });

  test('/dev/dri on a host without a GPU is rejected', () => {
    const { errors } = synthMedia({ jf: { image: 'jellyfin/jellyfin:10.10.7', host: armHost, devices: ['/dev/dri:/dev/dri'] } });
    expect(errors).toContainEqual(expect.objectContaining({ field: 'containers.jf.devices', layer: 'inventory' }));
  });

  test('non-linuxserver images run as PUID:PGID, non-root', () => {
    const { find } = synthMedia({ authelia: { image: 'authelia/authelia:4.39.4', host: armHost, listenPort: 9091 } });
    const context = find('Deployment', 'authelia').spec.template.spec.containers[0].securityContext;
    expect(context).toMatchObject({ runAsUser: 5000, runAsGroup: 5000, runAsNonRoot: true, readOnlyRootFilesystem: true });
  });
});

describe('node ports', () => {
  test('derived from the name: deterministic, in the default range, distinct for the seed\'s names', () => {
    const names = ['plex', 'jellyfin', 'sonarr', 'radarr', 'bazarr', 'overseerr', 'stash', 'authelia', 'ghost', 'yarr', 'lldap', 'keycloak'];
    const ports = names.map((n) => nameToPort(n));
    expect(names.map((n) => nameToPort(n))).toEqual(ports);
    for (const port of ports) {
      expect(port).toBeGreaterThanOrEqual(30000);
      expect(port).toBeLessThanOrEqual(32767);
    }
    expect(new Set(ports).size).toBe(names.length);
    expect(nameToPort('bazarr', { first: 9000, last: 9009 })).toBeGreaterThanOrEqual(9000);
    expect(nameToPort('bazarr', { first: 9000, last: 9009 })).toBeLessThanOrEqual(9009);
  });

  test('without exposePort the Service gets the derived port', () => {
    const { find } = synthMedia({ bazarr: { image: 'lscr.io/linuxserver/bazarr:1.5.2-ls305', listenPort: 6767, host: gpuHost } });
    expect(find('Service', 'bazarr-nodeport').spec.ports[0].nodePort).toBe(nameToPort('bazarr'));
  });

  test('a port outside the cluster\'s node-port range is rejected, naming the flag', () => {
    const { errors } = synthMedia({ sonarr: { image: 'ghcr.io/acme/app:1.0.0', listenPort: 8989, exposePort: 8989, host: gpuHost } }, {}, { first: 30000, last: 32767 });
    expect(errors).toContainEqual(expect.objectContaining({
      layer: 'inventory', constructPath: expect.stringMatching(/\/media$/), field: 'containers.sonarr.exposePort', hint: expect.stringContaining('--service-node-port-range'),
    }));
  });

  test('the same node port twice, or one a host-network container or the node already uses, is rejected', () => {
    const twice = synthMedia({
      a: { image: 'ghcr.io/acme/app:1.0.0', listenPort: 80, exposePort: 8000, host: gpuHost },
      b: { image: 'ghcr.io/acme/app:1.0.0', listenPort: 80, exposePort: 8000, host: gpuHost },
    });
    expect(twice.errors).toContainEqual(expect.objectContaining({ field: 'containers.b.exposePort' }));
    const hostNet = synthMedia({
      plex: { image: 'ghcr.io/acme/app:1.0.0', listenPort: 32400, network: 'host', host: gpuHost },
      other: { image: 'ghcr.io/acme/app:1.0.0', listenPort: 80, exposePort: 32400, host: gpuHost },
    });
    expect(hostNet.errors).toContainEqual(expect.objectContaining({ field: 'containers.other.exposePort' }));
    const reserved = synthMedia({ api: { image: 'ghcr.io/acme/app:1.0.0', listenPort: 80, exposePort: 6443, host: gpuHost } }, { reservedPorts: { 6443: 'the K3s API server' } });
    expect(reserved.errors).toContainEqual(expect.objectContaining({ field: 'containers.api.exposePort', message: expect.stringContaining('K3s API server') }));
  });
});

describe('image architectures', () => {
  test('an arm64 placement of an amd64-only image is rejected', () => {
    const { errors } = synthMedia({ plexish: { image: pinnedImage('example/amd64-only:1.0.0', ['amd64']), host: armHost, listenPort: 80 } });
    expect(errors).toContainEqual(expect.objectContaining({ layer: 'inventory', field: 'containers.plexish.image', message: expect.stringContaining('cloud (arm64)') }));
  });
  test('a multi-arch image on arm64, and an amd64-only one on amd64, pass', () => {
    const { errors } = synthMedia({
      multi: { image: pinnedImage('example/multi:1.0.0', ['amd64', 'arm64']), host: armHost, listenPort: 80 },
      amd: { image: pinnedImage('example/amd64-only:1.0.0', ['amd64']), host: gpuHost, listenPort: 81 },
    });
    expect(errors).toEqual([]);
  });
  test('unplaced, the image must exist for every node of the cluster', () => {
    const { errors } = synthMedia({ any: { image: pinnedImage('example/amd64-only:1.0.0', ['amd64']), listenPort: 80 } });
    expect(errors).toContainEqual(expect.objectContaining({ field: 'containers.any.image' }));
  });
});

test("configFolders: each mounted config folder with the owner its container writes as, and whether the image takes it itself", () => {
  const folders = mediaConfigFolders(settings, {
    sonarr: { image: 'lscr.io/linuxserver/sonarr:4.0.14', host: gpuHost },
    stash: { image: 'stashapp/stash:v0.28.1', host: gpuHost, configDir: '/root/.stash', runAsRoot: 'keeps its config in /root/.stash' },
    yarr: { image: 'arsfeld/yarr:v2.4', host: armHost, configDir: '/data' },
    relay: { image: 'example/relay:1.0', configDir: false },
  });
  expect(folders).toEqual([
    { name: 'sonarr', host: gpuHost, path: '/var/data/sonarr', uid: 5000, gid: 5000, takesOwnership: true },
    { name: 'stash', host: gpuHost, path: '/var/data/stash', uid: 0, gid: 0, takesOwnership: false },
    { name: 'yarr', host: armHost, path: '/var/data/yarr', uid: 5000, gid: 5000, takesOwnership: false },
  ]);
});
