import type { Construct } from 'constructs';
import { App, AppVolume, ClusterChart, flux, host, localPathStorage, metalLb, SecretReference, site, traefik } from '../constructs';
import type { AppProps, ClusterChartProps } from '../constructs';
import { aboutTheLab, manifestsOf, synthInMemory } from './support/synth';
import { modelCacheProblems } from '../constructs/app/model-cache-home';
import { propContainers } from '../constructs/app/prop-containers';

// A second wave of local AI as a newcomer writes it from the README: one RTX 3090 time-sliced between vLLM, LocalAI,
// Whisper and ComfyUI, text-embeddings-inference and Open WebUI's pipelines beside them, and Open WebUI calling each.

const ws = host('nu77-ws', {
  arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.77.10', cores: 16, memoryGigabytes: 64,
  gpus: [{ vendor: 'nvidia', model: 'RTX 3090' }],
});
const nuc = host('nu77-nuc', { arch: 'amd64', roles: ['worker'], address: '192.168.77.11', cores: 8, memoryGigabytes: 32, gpus: [{ vendor: 'intel', model: 'Iris Xe' }] });
const lab = site('nu77', {
  domain: 'ai.nu77.example.net', hosts: [ws, nuc],
  pools: { vips: { first: '192.168.77.240', last: '192.168.77.250' } },
  git: { url: 'https://github.com/nu77/ai-lab.git' },
});

/** The lab; `cluster` overrides the cluster's props, `extra` adds apps, `vllm` overrides vLLM's props. */
const defineLab = (cluster: Partial<ClusterChartProps> = { nvidiaTimeSlicing: 4 }, extra: (c: ClusterChart) => void = () => undefined, vllmProps: Partial<AppProps> = {}) => (scope: Construct) => {
  const chart = new ClusterChart(scope, 'main', {
    site: lab, hosts: [ws, nuc], routes: traefik({ address: lab.pools.vips.at('192.168.77.240') }),
    loadBalancer: metalLb({ pools: [lab.pools.vips] }), storage: { fast: localPathStorage() }, gitops: flux(), ...cluster,
  });
  const ai = (id: string, props: Omit<AppProps, 'namespace'>) => new App(chart, id, { namespace: 'ai', ...props });
  const vllm = ai('vllm', {
    image: 'vllm/vllm-openai:v0.6.4', ports: [{ name: 'http', port: 8000 }], gpu: { vendor: 'nvidia' },
    args: ['--model', 'Qwen/Qwen2.5-7B-Instruct-AWQ', '--gpu-memory-utilization', '0.5', '--api-key', '$(VLLM_API_KEY)'],
    // vLLM's image runs as root with its cache under /root; as its own user its home is the cache claim.
    env: { HOME: '/data', HF_TOKEN: SecretReference.external('ai', 'hf-token', 'token'), VLLM_API_KEY: SecretReference.external('ai', 'vllm-api-key', 'key') },
    resources: { cpuRequest: '2', memoryRequest: '16Gi', memoryLimit: '24Gi' },
    probes: { readiness: { httpPath: '/health' }, startup: { httpPath: '/health', periodSeconds: 10, failureThreshold: 60 } },
    persistence: {
      shm: { volume: AppVolume.emptyDir({ memory: true, sizeLimit: '2Gi' }), mountPath: '/dev/shm' },
      cache: { volume: AppVolume.claim({ tier: 'fast', size: '100Gi' }), mountPath: '/data' },
    },
    ...vllmProps,
  });
  const localai = ai('localai', {
    image: 'localai/localai:v2.24.2-gpu-nvidia-cuda-12', ports: [{ name: 'http', port: 8080 }], gpu: { vendor: 'nvidia' }, resources: { memoryLimit: '16Gi' },
    persistence: { models: { volume: AppVolume.claim({ tier: 'fast', size: '50Gi' }), mountPath: '/build/models' } },
  });
  const tei = ai('tei', {
    image: 'ghcr.io/huggingface/text-embeddings-inference:cpu-1.5', ports: [{ name: 'http', port: 8080 }],
    args: ['--model-id', 'BAAI/bge-small-en-v1.5'], env: { PORT: '8080' }, resources: { memoryLimit: '2Gi' },
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/data' } },
  });
  const whisper = ai('whisper', {
    image: 'onerahmet/openai-whisper-asr-webservice:v1.6.0-gpu', ports: [{ name: 'http', port: 9000 }], gpu: { vendor: 'nvidia' },
    env: { ASR_MODEL: 'small', ASR_ENGINE: 'faster_whisper', HOME: '/data' }, resources: { memoryLimit: '8Gi' },
    persistence: { models: { volume: AppVolume.claim({ tier: 'fast', size: '10Gi' }), mountPath: '/data' } },
  });
  ai('comfyui', {
    image: 'yanwk/comfyui-boot:cu124-slim', ports: [{ name: 'http', port: 8188 }], gpu: { vendor: 'nvidia' }, route: { host: 'comfy' },
    resources: { memoryLimit: '16Gi' }, persistence: { root: { volume: AppVolume.claim({ tier: 'fast', size: '80Gi' }), mountPath: '/root' } },
  });
  const pipelines = ai('pipelines', {
    image: 'ghcr.io/open-webui/pipelines:main', ports: [{ name: 'http', port: 9099 }],
    exemptions: { floatingImage: 'pipelines publishes no version tags' },
    env: { PIPELINES_API_KEY: SecretReference.external('ai', 'pipelines', 'key') },
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/app/pipelines' } },
  });
  ai('open-webui', {
    image: 'ghcr.io/open-webui/open-webui:v0.5.20', ports: [{ name: 'http', port: 8080 }], route: { host: 'chat' },
    env: {
      OPENAI_API_BASE_URLS: 'http://vllm:8000/v1;http://localai:8080/v1;http://pipelines:9099',
      OPENAI_API_KEYS: SecretReference.external('ai', 'openai-keys', 'keys'), WEBUI_SECRET_KEY: SecretReference.external('ai', 'open-webui', 'secret-key'),
      AUDIO_STT_ENGINE: 'openai', AUDIO_STT_OPENAI_API_BASE_URL: 'http://whisper:9000/v1',
      RAG_EMBEDDING_ENGINE: 'openai', RAG_OPENAI_API_BASE_URL: 'http://tei:8080/v1',
    },
    egress: [vllm, localai, pipelines, whisper, tei], resources: { memoryLimit: '2Gi' },
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/app/backend/data' } },
  });
  extra(chart);
};

const errorsOf = (define: (scope: Construct) => void) => aboutTheLab(synthInMemory(define).findings).filter((f) => f.severity === 'error').map((f) => `${f.constructPath} ${f.field}`);

describe('a second wave of local AI on one time-sliced GPU', () => {
  const result = synthInMemory(defineLab());

  test('synthesizes without errors or warnings', () => {
    expect(aboutTheLab(result.findings).map((f) => `${f.severity} ${f.constructPath} ${f.field}: ${f.message}`)).toEqual([]);
  });

  test("the NVIDIA device plugin's values time-slice each GPU among four pods", () => {
    const release = manifestsOf(result, 'nu77/main').find((o) => o.kind === 'HelmRelease' && o.metadata.name === 'nvidia-device-plugin');
    expect(release.spec.values.config.map.default).toBe('version: v1\nsharing:\n  timeSlicing:\n    resources:\n      - name: nvidia.com/gpu\n        replicas: 4\n');
  });

  test('without time-slicing, the apps past the one GPU are an error each, whose hint time-slices it', () => {
    const findings = aboutTheLab(synthInMemory(defineLab({})).findings).filter((f) => f.severity === 'error');
    expect(findings.map((f) => `${f.constructPath} ${f.field}`)).toEqual(['main/localai gpu', 'main/whisper gpu', 'main/comfyui gpu']);
    expect(findings[0].hint).toMatch(/nvidiaTimeSlicing: 4/);
  });

  test("vLLM left to take 90 % of the time-sliced GPU's memory is a warning on its args", () => {
    const findings = aboutTheLab(synthInMemory(defineLab(undefined, undefined, { args: ['--model', 'Qwen/Qwen2.5-7B-Instruct-AWQ'] })).findings);
    expect(findings.map((f) => `${f.severity} ${f.constructPath} ${f.field}`)).toEqual(['warning main/vllm args']);
    expect(findings[0].hint).toMatch(/'--gpu-memory-utilization', '0\.5'/);
  });

  test("two replicas on one Intel GPU, which Intel's plugin shares among ten containers, synthesize clean", () => {
    expect(errorsOf(defineLab(undefined, (c) => new App(c, 'transcoder', {
      image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], replicas: 2, gpu: { vendor: 'intel', renderGroup: 993 },
    })))).toEqual([]);
  });

  test('vLLM run as root with no cache volume on the read-only root is an error on its image; with the cache mounted, none', () => {
    const asRoot = { image: 'vllm/vllm-openai:v0.6.4', args: ['--model', 'Qwen/Qwen2.5-7B-Instruct-AWQ'], exemptions: { runAsRoot: 'the image runs as root' } };
    expect(modelCacheProblems(propContainers(asRoot, 'vllm')).map((p) => `${p.field}: ${p.message}`))
      .toEqual([expect.stringMatching(/^image: .*nothing is mounted at \/root\/\.cache\/huggingface, on the read-only root filesystem/)]);
    const mounted = { ...asRoot, persistence: { cache: { volume: AppVolume.claim({ tier: 'fast', size: '100Gi' }), mountPath: '/root/.cache/huggingface' } } };
    expect(modelCacheProblems(propContainers(mounted, 'vllm'))).toEqual([]);
    expect(modelCacheProblems(propContainers({ ...asRoot, exemptions: {}, args: ['--model', '/models/qwen'] }, 'vllm'))).toEqual([]);
  });
});
