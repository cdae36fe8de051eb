import type { App as CdkApp } from 'cdk8s';
import { App, AppVolume, ClusterChart, flux, host, localPathStorage, SecretReference, site, traefik } from '../../constructs';
import type { AppProps } from '../../constructs';
import type { BadInput } from './cases';
import { guarded } from './lab';

// A newcomer's second wave of local AI from the README alone: vLLM, LocalAI, Whisper and text-embeddings-inference
// beside Open WebUI, on the lab's one NVIDIA GPU. Each mistake passed synthesis and then left a pod Pending, a server
// stopped as it started, or Open WebUI with no model.

/** An App of namespace `ai` in the lab's cluster. */
const ai = (cluster: ClusterChart, id: string, props: Omit<AppProps, 'namespace'>) => new App(cluster, id, { namespace: 'ai', ...props });

/** vLLM as its Kubernetes guide runs it, with its cache where `props` put it. */
const vllm = (cluster: ClusterChart, props: Partial<AppProps> = {}) => ai(cluster, 'vllm', {
  image: 'vllm/vllm-openai:v0.6.4', ports: [{ name: 'http', port: 8000 }], gpu: { vendor: 'nvidia' },
  args: ['--model', 'Qwen/Qwen2.5-7B-Instruct-AWQ'], resources: { memoryLimit: '24Gi' },
  probes: { readiness: { httpPath: '/health' }, startup: { httpPath: '/health', periodSeconds: 10, failureThreshold: 60 } },
  env: { HOME: '/data' },
  persistence: {
    shm: { volume: AppVolume.emptyDir({ memory: true, sizeLimit: '2Gi' }), mountPath: '/dev/shm' },
    cache: { volume: AppVolume.claim({ tier: 'fast', size: '100Gi' }), mountPath: '/data' },
  },
  ...props,
});

/** LocalAI on the CPU. */
const localai = (cluster: ClusterChart) => ai(cluster, 'localai', {
  image: 'localai/localai:v2.24.2', ports: [{ name: 'http', port: 8080 }], resources: { memoryLimit: '8Gi' },
  persistence: { models: { volume: AppVolume.claim({ tier: 'fast', size: '50Gi' }), mountPath: '/build/models' } },
});

/** Open WebUI given `env`, its egress listing `egress`. */
const openWebui = (cluster: ClusterChart, env: Record<string, string>, egress: App[]) => ai(cluster, 'open-webui', {
  image: 'ghcr.io/open-webui/open-webui:v0.5.20', ports: [{ name: 'http', port: 8080 }], egress, resources: { memoryLimit: '2Gi' },
  env: { ...env, WEBUI_SECRET_KEY: SecretReference.external('ai', 'open-webui', 'secret-key') },
  persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/app/backend/data' } },
});

/** A one-host lab of its own, with one NVIDIA GPU, whose cluster `gpu-box` gets `props`. */
const gpuBox = (props: Record<string, unknown>) => guarded((_c: ClusterChart, app: CdkApp) => {
  const box = host('nu77-box', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.77.0.10', gpus: [{ vendor: 'nvidia', model: 'RTX 3090' }] });
  const s = site('nu77', { domain: 'nu77.test', hosts: [box], git: { url: 'https://git.nu77.test/lab.git' } });
  new ClusterChart(app, 'gpu-box', { site: s, hosts: [box], routes: traefik(), storage: { fast: localPathStorage() }, gitops: flux(), ...props });
});

export const CASES: BadInput[] = [
  {
    name: 'vLLM, LocalAI and Whisper each asking for the one NVIDIA GPU, not time-sliced',
    build: guarded((c: ClusterChart) => {
      vllm(c);
      ai(c, 'localai', { image: 'localai/localai:v2.24.2-gpu-nvidia-cuda-12', ports: [{ name: 'http', port: 8080 }], gpu: { vendor: 'nvidia' }, resources: { memoryLimit: '16Gi' } });
      ai(c, 'whisper', {
        image: 'onerahmet/openai-whisper-asr-webservice:v1.6.0-gpu', ports: [{ name: 'http', port: 9000 }], gpu: { vendor: 'nvidia' }, env: { ASR_MODEL_PATH: '/tmp/whisper' }, resources: { memoryLimit: '8Gi' },
      });
    }),
    layer: 'inventory', path: 'whisper', field: 'gpu', hint: /nvidiaTimeSlicing: 3/,
  },
  {
    name: "vLLM's cache claim at /root/.cache/huggingface, as its guide mounts it, run as the app's own user",
    build: guarded((c: ClusterChart) => vllm(c, {
      env: {}, persistence: {
        shm: { volume: AppVolume.emptyDir({ memory: true, sizeLimit: '2Gi' }), mountPath: '/dev/shm' },
        cache: { volume: AppVolume.claim({ tier: 'fast', size: '100Gi' }), mountPath: '/root/.cache/huggingface' },
      },
    })),
    layer: 'props', path: 'vllm', field: 'image', message: /\/\.cache\/huggingface/, hint: /HOME: '\/data'/,
  },
  {
    name: "Whisper ASR webservice's model cache at /root/.cache/whisper, as its README mounts it, run as the app's own user",
    build: guarded((c: ClusterChart) => ai(c, 'whisper', {
      image: 'onerahmet/openai-whisper-asr-webservice:v1.6.0', ports: [{ name: 'http', port: 9000 }], env: { ASR_MODEL: 'small', ASR_ENGINE: 'faster_whisper' },
      resources: { memoryLimit: '4Gi' }, persistence: { models: { volume: AppVolume.claim({ tier: 'fast', size: '10Gi' }), mountPath: '/root/.cache/whisper' } },
    })),
    layer: 'props', path: 'whisper', field: 'image', message: /\/\.cache\/whisper/, hint: /ASR_MODEL_PATH/,
  },
  {
    name: "text-embeddings-inference declared on 8080, as docker run's -p 8080:80 read",
    build: guarded((c: ClusterChart) => ai(c, 'tei', {
      image: 'ghcr.io/huggingface/text-embeddings-inference:cpu-1.5', ports: [{ name: 'http', port: 8080 }], args: ['--model-id', 'BAAI/bge-small-en-v1.5'],
      resources: { memoryLimit: '2Gi' }, persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/data' } },
    })),
    layer: 'props', path: 'tei', field: 'ports[0].port', hint: /PORT: '8080'/,
  },
  {
    name: "Open WebUI given vLLM's base URL without /v1, as Ollama's is written",
    build: guarded((c: ClusterChart) => openWebui(c, { OPENAI_API_BASE_URL: 'http://vllm:8000' }, [vllm(c)])),
    layer: 'references', path: 'open-webui', field: 'env.OPENAI_API_BASE_URL', hint: /OPENAI_API_BASE_URL: 'http:\/\/vllm:8000\/v1'/,
  },
  {
    name: 'Open WebUI given a list of base URLs, one of an app its egress leaves out',
    build: guarded((c: ClusterChart) => {
      const served = vllm(c);
      localai(c);
      openWebui(c, { OPENAI_API_BASE_URLS: 'http://vllm:8000/v1;http://localai:8080/v1' }, [served]);
    }),
    layer: 'policy', path: 'open-webui', field: 'env.OPENAI_API_BASE_URLS', message: /localai\.ai:8080/,
  },
  {
    name: 'Open WebUI as docker run starts it, with no WEBUI_SECRET_KEY',
    build: guarded((c: ClusterChart) => ai(c, 'open-webui', {
      image: 'ghcr.io/open-webui/open-webui:v0.5.20', ports: [{ name: 'http', port: 8080 }], env: { OLLAMA_BASE_URL: 'http://ollama:11434' }, resources: { memoryLimit: '2Gi' },
      persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/app/backend/data' } },
    })),
    layer: 'props', path: 'open-webui', field: 'image', message: /\.webui_secret_key/, hint: /WEBUI_SECRET_KEY: SecretReference\.external/,
  },
  {
    name: 'NVIDIA time-slicing of one pod per GPU',
    build: gpuBox({ nvidiaTimeSlicing: 1 }),
    layer: 'props', path: 'gpu-box', field: 'nvidiaTimeSlicing', hint: /nvidiaTimeSlicing: 4/,
  },
];
