import type { Construct } from 'constructs';
import { App, AppVolume, ClusterChart, flux, host, localPathStorage, metalLb, site, traefik } from '../constructs';
import type { AppProps, ClusterChartProps } from '../constructs';
import { manifestsOf, synthInMemory } from './support/synth';

// A surged pod of a rolling update asks for GPUs of its own while the old pods still hold theirs: where the hosts
// have none to spare, the new pod waits in Pending for good, and the update never finishes.

const box = host('gpu-box', {
  arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.91.10', cores: 16, memoryGigabytes: 64,
  gpus: [{ vendor: 'nvidia', model: 'RTX 3060' }, { vendor: 'nvidia', model: 'RTX 3060' }],
});
const lab = site('gpurollout', {
  domain: 'lab.gpurollout.example.net', hosts: [box],
  pools: { vips: { first: '192.168.91.240', last: '192.168.91.250' } },
  git: { url: 'https://github.com/gpurollout/lab.git' },
});

/** The strategy the Deployment of an inference app gets, with `app` and `cluster` props over the defaults. */
function strategyOf(app: Partial<AppProps>, cluster: Partial<ClusterChartProps> = {}): string | undefined {
  const define = (scope: Construct): void => {
    const chart = new ClusterChart(scope, 'main', {
      site: lab, hosts: [box], routes: traefik({ address: lab.pools.vips.at('192.168.91.240') }),
      loadBalancer: metalLb({ pools: [lab.pools.vips] }), storage: { fast: localPathStorage() }, gitops: flux(), ...cluster,
    });
    new App(chart, 'inference', {
      image: 'ghcr.io/ggml-org/llama.cpp:server-cuda-b4000', ports: [{ name: 'http', port: 8080 }], gpu: { vendor: 'nvidia' },
      persistence: { models: { volume: AppVolume.emptyDir(), mountPath: '/models' } },
      ...app,
    });
  };
  const result = synthInMemory(define);
  expect(result.findings.filter((f) => f.severity === 'error').map((f) => f.message)).toEqual([]);
  const deployment = manifestsOf(result, 'gpurollout/main').find((m) => m.kind === 'Deployment' && m.metadata.name === 'inference');
  return deployment?.spec.strategy.type;
}

describe("an app's rollout on GPUs", () => {
  test('is Recreate where its replicas take every GPU of its hosts', () => {
    expect(strategyOf({ replicas: 2 })).toBe('Recreate');
    expect(strategyOf({ gpu: { vendor: 'nvidia', count: 2 } })).toBe('Recreate');
  });

  test('rolls where a GPU is left for the surged pod, or time-slicing leaves room', () => {
    expect(strategyOf({})).toBe('RollingUpdate');
    expect(strategyOf({ replicas: 2 }, { nvidiaTimeSlicing: 2 })).toBe('RollingUpdate');
  });

  test("follows the app's own strategy", () => {
    expect(strategyOf({ replicas: 2, strategy: 'RollingUpdate' })).toBe('RollingUpdate');
  });
});
