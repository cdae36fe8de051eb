import type { Construct } from 'constructs';
import {
  App, AppVolume, ClusterChart, flux, host, localPathStorage, metalLb, Ollama, SecretReference, site, traefik,
} from '../constructs';
import type { AppProps } from '../constructs';
import { aboutTheLab, manifestsOf, synthInMemory } from './support/synth';

// A home AI lab as a newcomer writes it from the README: a workstation with an RTX 3090 and an RTX 3060, a mini PC
// without a GPU, a NAS for the models; vLLM on the GPUs, Ollama for Open WebUI, Whisper and Qdrant on the mini PC.

const ws = host('nu54-ws', {
  arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.54.10', cores: 24, memoryGigabytes: 64,
  gpus: [{ vendor: 'nvidia', model: 'RTX 3090' }, { vendor: 'nvidia', model: 'RTX 3060' }],
});
const mini = host('nu54-mini', { arch: 'amd64', roles: ['worker'], address: '192.168.54.11', cores: 4, memoryGigabytes: 16 });
const lab = site('nu54', {
  domain: 'ai.nu54.example.net', hosts: [ws, mini],
  pools: { vips: { first: '192.168.54.240', last: '192.168.54.250' } },
  nfs: { models: { server: '192.168.54.5', path: '/volume1/models' } },
  git: { url: 'https://github.com/nu54/ai-lab.git' },
});

/** vLLM as its Kubernetes guide runs it: a startup probe over the model's load, /dev/shm in memory; `props` override. */
const vllmProps = (props: Partial<AppProps> = {}): AppProps => ({
  image: 'vllm/vllm-openai:v0.6.4', ports: [{ name: 'http', port: 8000 }], gpu: { vendor: 'nvidia', count: 2 },
  args: ['--model', 'Qwen/Qwen2.5-14B-Instruct-AWQ', '--tensor-parallel-size', '2', '--gpu-memory-utilization', '0.9'],
  // The image runs as root with its cache under /root; as its own user, its home is where the cache claim is.
  env: { HOME: '/data' },
  resources: { cpuRequest: '2', memoryRequest: '16Gi', memoryLimit: '24Gi' },
  probes: { readiness: { httpPath: '/health' }, startup: { httpPath: '/health', periodSeconds: 10, failureThreshold: 60 } },
  persistence: {
    shm: { volume: AppVolume.emptyDir({ memory: true, sizeLimit: '2Gi' }), mountPath: '/dev/shm' },
    cache: { volume: AppVolume.claim({ tier: 'fast', size: '100Gi' }), mountPath: '/data' },
  },
  ...props,
});

/** The lab; `vllm` overrides vLLM's props. */
const defineLab = (vllm: Partial<AppProps> = {}) => (scope: Construct) => {
  const cluster = new ClusterChart(scope, 'main', {
    site: lab, hosts: [ws, mini], routes: traefik({ address: lab.pools.vips.at('192.168.54.240') }),
    loadBalancer: metalLb({ pools: [lab.pools.vips] }), storage: { fast: localPathStorage() }, gitops: flux(),
  });
  new App(cluster, 'vllm', vllmProps(vllm));
  const ollama = new Ollama(cluster, 'ollama', { accelerator: 'cpu', memoryLimit: '12Gi', preferredHost: mini });
  new App(cluster, 'open-webui', {
    image: 'ghcr.io/open-webui/open-webui:v0.4.8', ports: [{ name: 'http', port: 8080 }],
    env: { OLLAMA_BASE_URL: 'http://ollama.ollama.svc.cluster.local:11434', WEBUI_SECRET_KEY: SecretReference.external('open-webui', 'open-webui', 'secret-key') },
    egress: [ollama], route: { host: 'chat' },
    resources: { memoryLimit: '2Gi' },
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/app/backend/data' } },
  });
};

describe("a newcomer's home AI lab on two NVIDIA cards", () => {
  const result = synthInMemory(defineLab());

  test('synthesizes without errors or warnings', () => {
    expect(aboutTheLab(result.findings).map((f) => `${f.constructPath} ${f.field}: ${f.message}`)).toEqual([]);
  });

  test("vLLM's pod asks for both GPUs with NVIDIA's runtime and lands on the workstation", () => {
    const deployment = manifestsOf(result, 'nu54/main').find((o) => o.kind === 'Deployment' && o.metadata.name === 'vllm');
    const pod = deployment.spec.template.spec;
    expect(pod.runtimeClassName).toBe('nvidia');
    expect(pod.containers[0].resources.limits['nvidia.com/gpu']).toBe(2);
    expect(pod.nodeSelector).toEqual({ 'kubernetes.io/hostname': 'nu54-ws' });
  });

  test("Ollama's NetworkPolicy admits Open WebUI on 11434", () => {
    const policy = manifestsOf(result, 'nu54/main').find((o) => o.kind === 'NetworkPolicy' && o.metadata.namespace === 'ollama' && o.metadata.name === 'ollama');
    const admits = (policy.spec.ingress as any[]).some((rule) => (rule.ports ?? []).some((p: any) => p.port === 11434)
      && (rule.from ?? []).some((peer: any) => peer.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'] === 'open-webui'));
    expect(admits).toBe(true);
  });

  test('vLLM with nothing at /dev/shm is a warning on its image whose hint mounts memory there', () => {
    const { persistence } = vllmProps();
    const findings = synthInMemory(defineLab({ persistence: { cache: persistence!.cache } })).findings;
    expect(findings.filter((f) => f.severity === 'warning' && f.field === 'image').map((f) => `${f.constructPath} ${f.hint}`))
      .toEqual([expect.stringMatching(/^main\/vllm .*as its Kubernetes guide mounts it.*.*AppVolume\.emptyDir\(\{ memory: true, sizeLimit: '2Gi' \}\), mountPath: '\/dev\/shm'/)]);
  });

  test('a liveness probe held off by a long enough window passes without a startup probe', () => {
    const findings = synthInMemory(defineLab({ probes: { readiness: { httpPath: '/health' }, liveness: { httpPath: '/health', initialDelaySeconds: 600 } } })).findings;
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  test('NVIDIA_VISIBLE_DEVICES of no value a variable takes, as plain JavaScript lets it be written, is one error', () => {
    const findings = synthInMemory((scope) => {
      defineLab()(scope);
      const cluster = scope.node.findChild('main') as ClusterChart;
      try {
        new App(cluster, 'whisper', { image: 'onerahmet/openai-whisper-asr-webservice:v1.6.0', ports: [{ name: 'http', port: 9000 }], env: { NVIDIA_VISIBLE_DEVICES: null, ASR_MODEL_PATH: '/tmp/whisper' } } as unknown as AppProps);
      } catch {
        // Rejected props are reported as findings; the app is not built.
      }
    }).findings;
    expect(findings.filter((f) => f.severity === 'error').map((f) => `${f.constructPath} ${f.field}`)).toEqual(['main/whisper env.NVIDIA_VISIBLE_DEVICES']);
  });
});
