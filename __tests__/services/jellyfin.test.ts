import { AppVolume, Jellyfin, JellyfinMedia, JellyfinTranscoding, localPathStorage, nfsStorage } from '../../constructs';
import { defineGreyArea } from '../../charts/grey-area';
import { synthInMemory } from '../support/synth';
import { intelNode, lab, nvidiaNode, plainNode, synthCluster } from './support';

const media = JellyfinMedia.nfs(lab.nfs.media);

describe('Jellyfin', () => {
  test('one replica, Recreate, config claim, cache and transcodes on emptyDir, media read-only NFS, /health', () => {
    const { find, errors } = synthCluster((chart) => new Jellyfin(chart, 'jellyfin', { media, route: { host: 'tv' } }));
    expect(errors).toEqual([]);
    const deployment = find('Deployment', 'jellyfin');
    const pod = deployment.spec.template.spec;
    expect(deployment.spec.replicas).toBe(1);
    expect(deployment.spec.strategy.type).toBe('Recreate');
    const mounts = Object.fromEntries(pod.containers[0].volumeMounts.map((m: any) => [m.mountPath, m]));
    expect(mounts['/media'].readOnly).toBe(true);
    const volumes = Object.fromEntries(pod.volumes.map((v: any) => [v.name, v]));
    expect(volumes.cache.emptyDir).toBeDefined();
    expect(volumes.transcodes.emptyDir).toBeDefined();
    expect(volumes.media.nfs).toEqual({ server: 'nas.lab.example', path: '/export/media' });
    expect(pod.containers[0].readinessProbe.httpGet).toMatchObject({ path: '/health', port: 8096 });
    expect(find('IngressRoute', 'jellyfin')).toBeDefined();
  });

  test("a new release's migration of the library database, more than half an hour before /health answers, is not cut short by a restart", () => {
    const { find } = synthCluster((chart) => new Jellyfin(chart, 'jellyfin', { media }));
    const container = find('Deployment', 'jellyfin').spec.template.spec.containers[0];
    expect(container.startupProbe.httpGet).toMatchObject({ path: '/health', port: 8096 });
    const { periodSeconds, failureThreshold } = container.startupProbe;
    expect(periodSeconds * failureThreshold).toBeGreaterThanOrEqual(3600);
  });

  test('stopping, it has minutes to optimize its SQLite databases before the kubelet kills it, not the default 30 seconds', () => {
    const { find } = synthCluster((chart) => new Jellyfin(chart, 'jellyfin', { media }));
    expect(find('Deployment', 'jellyfin').spec.template.spec.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(300);
  });

  test('refuses more than one replica', () => {
    const { errors } = synthCluster((chart) => new Jellyfin(chart, 'jellyfin', { media, replicas: 2 }));
    expect(errors.map((e) => e.field)).toEqual(['replicas']);
  });

  test("seed 003's layout: config, cache and media as sub-paths of one RWX claim", () => {
    const { find, errors } = synthCluster((chart) => new Jellyfin(chart, 'jellyfin', {
      media: JellyfinMedia.shared(AppVolume.claim({ tier: 'shared', size: '600Gi', accessMode: 'ReadWriteMany' })),
    }), { storage: { fast: localPathStorage(), shared: nfsStorage(lab.nfs.media) } });
    expect(errors).toEqual([]);
    expect(find('PersistentVolumeClaim').spec).toMatchObject({ accessModes: ['ReadWriteMany'], resources: { requests: { storage: '600Gi' } } });
    const mounts = find('Deployment').spec.template.spec.containers[0].volumeMounts.filter((m: any) => m.name === 'data');
    expect(mounts.map((m: any) => [m.mountPath, m.subPath])).toEqual([['/config', 'config'], ['/cache', 'cache'], ['/media', 'media']]);
    expect(find('Deployment').spec.strategy.type).toBe('Recreate');
  });

  test('Intel QSV through the device plugin, placed on the Intel host', () => {
    const { find, errors } = synthCluster((chart) => new Jellyfin(chart, 'jellyfin', { media, hardwareTranscoding: JellyfinTranscoding.intelQsv() }),
      { hosts: [intelNode, plainNode] });
    expect(errors).toEqual([]);
    const pod = find('Deployment').spec.template.spec;
    expect(pod.containers[0].resources.limits['gpu.intel.com/i915']).toBe(1);
    expect(pod.nodeSelector).toEqual({ 'kubernetes.io/hostname': 'intel-node' });
  });

  test('/dev/dri mounted with the render and video groups, the exemption stated', () => {
    const { find, errors } = synthCluster((chart) => new Jellyfin(chart, 'jellyfin', {
      media, hardwareTranscoding: JellyfinTranscoding.dri({ renderGroup: 303, videoGroup: 26 }),
    }), { hosts: [intelNode, plainNode] });
    expect(errors).toEqual([]);
    const deployment = find('Deployment');
    const pod = deployment.spec.template.spec;
    expect(pod.securityContext.supplementalGroups).toEqual([303, 26]);
    expect(pod.volumes.find((v: any) => v.name === 'dri').hostPath).toEqual({ path: '/dev/dri', type: 'Directory' });
    expect(deployment.metadata.annotations['security.homelab.dev/host-path']).toMatch(/\/dev\/dri/);
    expect(find('Namespace', 'jellyfin').metadata.labels['pod-security.kubernetes.io/enforce']).toBe('privileged');
  });

  test('NVIDIA through the runtime class', () => {
    const { find } = synthCluster((chart) => new Jellyfin(chart, 'jellyfin', { media, hardwareTranscoding: JellyfinTranscoding.nvidia() }),
      { hosts: [nvidiaNode, plainNode] });
    const pod = find('Deployment').spec.template.spec;
    expect(pod.runtimeClassName).toBe('nvidia');
    expect(pod.containers[0].resources.limits['nvidia.com/gpu']).toBe(1);
  });

  test('snapshot through the grey-area chart', () => {
    expect(synthInMemory(defineGreyArea).files.get('grey-area/main/apps/jellyfin.yaml')).toMatchSnapshot();
  });
});
