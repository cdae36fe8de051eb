import type { GpuRequest } from './gpu';
import { givenSettings } from './image-settings';
import { ProbeProps, ProbesProps, resolveProbes } from './probes';
import { commandLineWords } from './command-line-words';
import type { PropProblem } from '../validation/known-props';

// vLLM reads its engine settings from its arguments and refuses, at start, those no GPU can meet: the pod
// would restart for good. The two a home lab copies from a multi-GPU guide are checked against the app's GPUs.

/** vLLM's OpenAI-compatible server image, by repository, with or without a registry. */
export const VLLM_IMAGE = /^(docker\.io\/)?vllm\/vllm-openai(?=[:@]|$)/;

/** The flags of the parallelism whose product is the number of GPUs vLLM starts a worker on. */
const PARALLEL_FLAGS = [
  { flags: ['--tensor-parallel-size', '-tp'], name: '--tensor-parallel-size' },
  { flags: ['--pipeline-parallel-size', '-pp'], name: '--pipeline-parallel-size' },
] as const;

/**
 * The words vLLM's command line is given: `command` and `args`, with a shell's script split into its words, as vLLM's
 * Kubernetes guide starts it (`command: ['/bin/sh', '-c']`, `args: ['vllm serve <model> --gpu-memory-utilization
 * 0.5']`). Pure.
 */
export function vllmWords(props: { command?: unknown; args?: unknown }): string[] {
  return commandLineWords(props);
}

/**
 * The arguments of a vLLM container (`props.image`, its {@link vllmWords}) that vLLM refuses at start, each an error on
 * `args`: a `--gpu-memory-utilization` that is no fraction of the GPU's memory above 0 and at most 1 (`90`
 * meant as per cent), and a tensor- times pipeline-parallel size above the GPUs `props.gpu` asks for (vLLM
 * needs one GPU per worker). An app with no GPU request is left to the checks of GPU images. Pure.
 */
export function vllmArgProblems(props: { image?: unknown; command?: unknown; args?: unknown; gpu?: unknown; probes?: unknown }): PropProblem[] {
  if (typeof props.image !== 'string' || !VLLM_IMAGE.test(props.image)) {
    return [];
  }
  const probeProblems = vllmProbeProblems(props.probes);
  const container = { args: vllmWords(props) };
  if (container.args.length === 0) {
    return probeProblems;
  }
  const problems: PropProblem[] = [...probeProblems];
  // A reference to a variable ($(GPU_SHARE) of the kubelet, $GPU_SHARE of a shell) is no value to judge.
  for (const given of givenSettings(container, { env: [], flags: ['--gpu-memory-utilization'] }).filter((value) => !String(value).includes('$'))) {
    const fraction = Number(given);
    if (String(given).trim() === '' || !(fraction > 0 && fraction <= 1)) {
      problems.push({
        field: 'args',
        message: `--gpu-memory-utilization is ${JSON.stringify(given)}, where vLLM takes the fraction of the GPU's memory it may use, above 0 and at most 1: it would refuse to start`,
        hint: `give a fraction, e.g. '--gpu-memory-utilization', '0.9'${Number.isInteger(fraction) && fraction > 1 && fraction <= 100 ? ` (${fraction} % is ${fraction / 100})` : ''}`,
      });
    }
  }
  const gpu = props.gpu as Partial<GpuRequest> | undefined;
  const gpus = gpu?.vendor === undefined ? undefined : gpu.count ?? 1;
  if (typeof gpus !== 'number' || !Number.isInteger(gpus)) {
    return problems;
  }
  const sizes = PARALLEL_FLAGS.map(({ flags, name }) => ({ name, size: Number(givenSettings(container, { env: [], flags }).at(-1) ?? 1) }));
  const workers = sizes.reduce((product, { size }) => product * size, 1);
  if (Number.isInteger(workers) && workers > gpus) {
    const given = sizes.filter(({ size }) => size !== 1).map(({ name, size }) => `${name} ${size}`).join(' and ');
    problems.push({
      field: 'args',
      message: `${given} start${given.includes(' and ') ? '' : 's'} vLLM on ${workers} GPUs, but the app asks for ${gpus}: vLLM would refuse to start, as its pod sees no more GPUs than it asks for`,
      hint: `ask for ${workers} GPUs with gpu: { vendor: '${gpu!.vendor}', count: ${workers} } on a host that has them, or run on ${gpus === 1 ? 'one GPU without --tensor-parallel-size' : `${gpus} GPUs with '--tensor-parallel-size', '${gpus}'`}`,
    });
  }
  return problems;
}

/**
 * Whether a vLLM container (`props.image`) takes its default share of its GPU's memory, 90 %: no
 * `--gpu-memory-utilization` among its {@link vllmWords}, and no `--config` file, whose `gpu-memory-utilization`
 * vLLM reads as the flag (`vllm serve --config /config/vllm.yaml`) and which is not read here. Pure.
 */
export function takesDefaultGpuMemory(props: { image?: unknown; command?: unknown; args?: unknown }): boolean {
  return typeof props.image === 'string' && VLLM_IMAGE.test(props.image)
    && givenSettings({ args: vllmWords(props) }, { env: [], flags: ['--gpu-memory-utilization', '--config'] }).length === 0;
}

/** Seconds vLLM may take to load a model before it answers: a first start downloads the model too. */
const VLLM_LOAD_SECONDS = 600;

/**
 * A liveness probe of vLLM, written or the default, with no startup probe to hold it off, that fails before
 * {@link VLLM_LOAD_SECONDS}: vLLM answers nothing while it downloads and loads its model, so the kubelet would
 * restart it before it ever serves, over and over. An error on `probes.liveness` (or `probes` for the default).
 */
function vllmProbeProblems(probes: unknown): PropProblem[] {
  if (probes !== undefined && (probes === null || typeof probes !== 'object')) {
    return [];
  }
  const given = probes as ProbesProps | undefined;
  const { liveness, startup } = resolveProbes(given);
  if (!liveness || startup) {
    return [];
  }
  const number = (value: unknown, otherwise: number) => (typeof value === 'number' ? value : otherwise);
  const probe: ProbeProps = liveness;
  const seconds = number(probe.initialDelaySeconds, 0) + number(probe.periodSeconds, 10) * number(probe.failureThreshold, 3);
  if (seconds >= VLLM_LOAD_SECONDS) {
    return [];
  }
  const written = given?.liveness !== undefined;
  return [{
    field: written ? 'probes.liveness' : 'probes',
    message: `${written ? 'the liveness probe' : 'the default liveness probe (the readiness check, failing after 6 tries)'} restarts vLLM after ${seconds} seconds without an answer, `
      + 'and vLLM answers nothing while it downloads and loads its model, which takes minutes: it would be restarted before it ever serves, over and over',
    hint: `hold the liveness probe off while the model loads with a startup probe: probes: { startup: { httpPath: '/health', periodSeconds: 10, failureThreshold: ${VLLM_LOAD_SECONDS / 10} }${written ? ', liveness: …' : ''} }`,
  }];
}
