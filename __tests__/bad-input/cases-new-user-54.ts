import { App, AppVolume, ClusterChart } from '../../constructs';
import type { AppProps } from '../../constructs';
import type { BadInput } from './cases';
import { guarded } from './lab';

// A home AI lab from the README alone: a workstation with two NVIDIA cards beside the lab's hosts, vLLM serving a
// model from Hugging Face, Whisper and a GPU-shared setup copied from `docker run --gpus all`. Earlier rounds refused
// a GPU asked for in halves or as text, more GPUs than a host has, a GPU app pinned to a host without one, Ollama's
// OLLAMA_HOST on loopback, a single-writer claim under two replicas and a Service called on a port it lacks; these
// were taken: vLLM's engine arguments no GPU of the app can meet, a liveness probe that restarts vLLM while it loads
// its model, and NVIDIA_VISIBLE_DEVICES set by the app (time-slicing written into the inventory was refused as an
// unknown fact already).

/** vLLM on one NVIDIA GPU, with the startup probe and /dev/shm its guide gives it; `props` override, `args` follow the model. */
const vllm = (props: Partial<AppProps> = {}, args: string[] = []) => guarded((cluster: ClusterChart) => new App(cluster, 'vllm', {
  image: 'vllm/vllm-openai:v0.6.4', ports: [{ name: 'http', port: 8000 }], gpu: { vendor: 'nvidia' },
  args: ['--model', 'Qwen/Qwen2.5-7B-Instruct', ...args], resources: { memoryLimit: '24Gi' },
  probes: { readiness: { httpPath: '/health' }, startup: { httpPath: '/health', failureThreshold: 60 } },
  persistence: { shm: { volume: AppVolume.emptyDir({ memory: true, sizeLimit: '2Gi' }), mountPath: '/dev/shm' } },
  ...props,
}));

/** Whisper's ASR web service, `env` its variables. */
const whisper = (props: Partial<AppProps>) => guarded((cluster: ClusterChart) => new App(cluster, 'whisper', {
  image: 'onerahmet/openai-whisper-asr-webservice:v1.6.0', ports: [{ name: 'http', port: 9000 }], ...props,
}));

export const CASES: BadInput[] = [
  {
    name: 'vLLM given --gpu-memory-utilization 90, meant as per cent',
    build: vllm({}, ['--gpu-memory-utilization', '90']),
    layer: 'props', path: 'vllm', field: 'args', message: /"90".*at most 1/, hint: /90 % is 0\.9/,
  },
  {
    name: 'vLLM given --gpu-memory-utilization=1.5, above the whole GPU',
    build: vllm({}, ['--gpu-memory-utilization=1.5']),
    layer: 'props', path: 'vllm', field: 'args', message: /"1\.5"/,
  },
  {
    name: "vLLM with --tensor-parallel-size 2 copied from a two-GPU guide on the app's one GPU",
    build: vllm({}, ['--tensor-parallel-size', '2']),
    layer: 'props', path: 'vllm', field: 'args', message: /--tensor-parallel-size 2 starts vLLM on 2 GPUs, but the app asks for 1/, hint: /count: 2/,
  },
  {
    name: 'vLLM with -tp=2 and --pipeline-parallel-size 2 on two GPUs',
    build: vllm({ gpu: { vendor: 'nvidia', count: 2 } }, ['-tp=2', '--pipeline-parallel-size', '2']),
    layer: 'props', path: 'vllm', field: 'args', message: /on 4 GPUs, but the app asks for 2/,
  },
  {
    name: 'vLLM with a liveness probe of 30 seconds and no startup probe, restarted while it loads its model',
    build: vllm({ probes: { readiness: { httpPath: '/health' }, liveness: { httpPath: '/health' } } }),
    layer: 'props', path: 'vllm', field: 'probes.liveness', message: /after 30 seconds/, hint: /startup: \{ httpPath: '\/health'/,
  },
  {
    name: 'vLLM with the default probes, whose liveness gives up after a minute',
    build: vllm({ probes: undefined }),
    layer: 'props', path: 'vllm', field: 'probes', message: /default liveness probe.*after 60 seconds/,
  },
  {
    name: 'Whisper with NVIDIA_VISIBLE_DEVICES=all and no GPU request, as docker run --gpus all taught',
    build: whisper({ env: { NVIDIA_VISIBLE_DEVICES: 'all' } }),
    layer: 'props', path: 'whisper', field: 'env.NVIDIA_VISIBLE_DEVICES', message: /asks for no NVIDIA GPU/, hint: /gpu: \{ vendor: 'nvidia' \}/,
  },
  {
    name: 'Whisper with a GPU request and NVIDIA_VISIBLE_DEVICES=all, taking GPUs the scheduler gave others',
    build: whisper({ gpu: { vendor: 'nvidia' }, env: { NVIDIA_VISIBLE_DEVICES: 'all' } }),
    layer: 'props', path: 'whisper', field: 'env.NVIDIA_VISIBLE_DEVICES', message: /GPUs the scheduler gave other pods/,
  },
];
