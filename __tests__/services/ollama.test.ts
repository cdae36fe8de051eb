import { AppVolume, Ollama, resolveOllamaAccelerator } from '../../constructs';
import { congenitalOptimist, greyArea, limitingFactor } from '../../hosts/grey-area';
import { defineGreyArea } from '../../charts/grey-area';
import { sitesInMemory } from '../support/synth';
import { amdNode, envOf, lab, nvidiaNode, plainNode, synthCluster } from './support';


describe('Ollama', () => {
  test('NVIDIA: runtime class, GPU limit, required affinity to the GPU host even when it is the only one', () => {
    const { find, errors } = synthCluster((chart) => new Ollama(chart, 'ollama'));
    expect(errors).toEqual([]);
    const pod = find('Deployment', 'ollama').spec.template.spec;
    expect(pod.runtimeClassName).toBe('nvidia');
    expect(pod.containers[0].resources.limits['nvidia.com/gpu']).toBe(1);
    expect(pod.nodeSelector).toBeUndefined();
    expect(pod.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms)
      .toEqual([{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['nvidia-node'] }] }]);
  });

  test('AMD: the ROCm image and an amd.com/gpu limit, no runtime class', () => {
    const { find, errors } = synthCluster((chart) => new Ollama(chart, 'ollama'), { hosts: [amdNode, plainNode] });
    expect(errors).toEqual([]);
    const pod = find('Deployment', 'ollama').spec.template.spec;
    expect(pod.containers[0].image).toBe('ollama/ollama:0.12.6-rocm');
    expect(pod.containers[0].resources.limits['amd.com/gpu']).toBe(1);
    expect(pod.runtimeClassName).toBeUndefined();
  });

  test('no GPU in the inventory is an error unless the CPU is chosen explicitly', () => {
    expect(synthCluster((chart) => new Ollama(chart, 'ollama'), { hosts: [plainNode] }).errors.map((e) => e.field)).toEqual(['accelerator']);
    const cpu = synthCluster((chart) => new Ollama(chart, 'ollama', { accelerator: 'cpu' }), { hosts: [plainNode] });
    expect(cpu.errors).toEqual([]);
    expect(cpu.find('Deployment').spec.template.spec.affinity).toBeUndefined();
    expect(resolveOllamaAccelerator([nvidiaNode, amdNode]).problem).toMatch(/several vendors/);
  });

  test('environment, readiness, Recreate, memory and the model claim on the fast tier', () => {
    const { find } = synthCluster((chart) => new Ollama(chart, 'ollama', { memoryLimit: '48Gi', keepAlive: '-1' }));
    const deployment = find('Deployment', 'ollama');
    const container = deployment.spec.template.spec.containers[0];
    expect(envOf(deployment)).toMatchObject({ OLLAMA_HOST: '0.0.0.0:11434', OLLAMA_MODELS: '/ollama/models', OLLAMA_KEEP_ALIVE: '-1' });
    expect(container.readinessProbe.httpGet).toMatchObject({ path: '/', port: 11434 });
    expect(container.resources.limits.memory).toBe('48Gi');
    expect(deployment.spec.strategy.type).toBe('Recreate');
    expect(find('PersistentVolumeClaim', 'ollama-models').spec).toMatchObject({ storageClassName: 'local-path', accessModes: ['ReadWriteOnce'] });
    expect(find('IngressRoute')).toBeUndefined();
  });

  test('models may live on NFS', () => {
    const { find } = synthCluster((chart) => new Ollama(chart, 'ollama', { modelStorage: AppVolume.nfs(lab.nfs.media, 'models') }));
    expect(find('Deployment').spec.template.spec.volumes.find((v: any) => v.name === 'models').nfs)
      .toEqual({ server: 'nas.lab.example', path: '/export/media/models' });
  });

  test('homeSubPath: the home is one folder of a volume that holds other data too', () => {
    const { find, errors } = synthCluster((chart) => new Ollama(chart, 'ollama', { homeStorage: AppVolume.nfs(lab.nfs.media), homeSubPath: 'ollama' }));
    expect(errors).toEqual([]);
    const mounts = find('Deployment', 'ollama').spec.template.spec.containers[0].volumeMounts;
    expect(mounts).toEqual(expect.arrayContaining([{ name: 'home', mountPath: '/ollama/.ollama', subPath: 'ollama' }]));
  });

  test("a home of its own is the folder where Ollama writes its identity key at every first start, not a folder made as root for the models' mount", () => {
    // `ollama serve` exits when it cannot write $HOME/.ollama/id_ed25519. The container runtime makes a
    // missing mount point's folders as root (0755): mounted below the home volume's root, the models would
    // leave a root-owned .ollama there that uid 1000 cannot write into.
    const { find, errors } = synthCluster((chart) => new Ollama(chart, 'ollama', {
      homeStorage: AppVolume.nfs(lab.nfs.media), homeSubPath: 'ollama', modelStorage: AppVolume.nfs(lab.nfs.media, 'models'),
    }));
    expect(errors).toEqual([]);
    const container = find('Deployment', 'ollama').spec.template.spec.containers[0];
    const home = container.env.find((e: any) => e.name === 'HOME').value;
    const mountPaths = container.volumeMounts.map((m: any) => m.mountPath);
    expect(container.volumeMounts).toEqual(expect.arrayContaining([{ name: 'home', mountPath: `${home}/.ollama`, subPath: 'ollama' }]));
    const models = container.volumeMounts.find((m: any) => m.name === 'models').mountPath;
    expect(mountPaths).toContain(models.slice(0, models.lastIndexOf('/')));
  });

  test('grey-area: the required affinity admits grey-area and neither other host', () => {
    const result = sitesInMemory(defineGreyArea);
    const deployment = result.clusters.find((c) => c.folder === 'grey-area/main')!.objects
      .map((o) => o.manifest as any).find((m) => m.kind === 'Deployment' && m.metadata.name === 'ollama');
    const allowed = deployment.spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution
      .nodeSelectorTerms[0].matchExpressions[0].values;
    expect([greyArea, congenitalOptimist, limitingFactor].filter((h) => allowed.includes(h.nodeName))).toEqual([greyArea]);
  });

  test('snapshot through the grey-area chart', () => {
    expect(sitesInMemory(defineGreyArea).files.get('grey-area/main/apps/ollama.yaml')).toMatchSnapshot();
  });
});
