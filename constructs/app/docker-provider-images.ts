import type { PropProblem } from '../validation/known-props';
import type { AppServiceAccount } from './service-account';
import { givenSettings, type SettingSources } from './image-settings';
import { dockerHostPath } from './volumes';
import { imageRows } from './image-rows';

// Images that read the containers of their host through the Docker API as they are built, and that have a mode of
// their own for Kubernetes, which reads the pods through the Kubernetes API instead. A compose file carries the
// Docker mode over; a Kubernetes node runs its pods with containerd and serves no Docker API, so the app starts, finds
// no socket and shows or watches nothing. In the Kubernetes mode the app reads the API with its pod's ServiceAccount
// token, which an app gets only with `serviceAccount`. An app that mounts Docker's socket from its host, or calls a Docker
// API elsewhere (`DOCKER_HOST`), reads a Docker that runs beside Kubernetes: whether its hosts run one is the
// inventory's to tell.

/** Whether an app's persistence mounts Docker's socket from its host. Pure. */
export function mountsDockerSocket(persistence: unknown): boolean {
  return persistence !== null && typeof persistence === 'object'
    && Object.values(persistence as Record<string, { volume?: { type?: unknown; path?: unknown } } | null>)
      .some((entry) => entry?.volume?.type === 'hostPath' && typeof entry.volume.path === 'string' && dockerHostPath(entry.volume.path.replace(/(.)\/+$/, '$1')) === "Docker's socket");
}

/** Whether an env value turns a switch on, as Go's `strconv.ParseBool` reads it. Pure. */
function switchedOn(value: unknown): boolean {
  return typeof value === 'string' && /^(1|t|true)$/i.test(value.trim());
}

/** An image of this kind: how it is told to use Kubernetes, and the rules its own Kubernetes guide grants. */
interface DockerProviderImage {
  readonly image: RegExp;
  /** What it is, as messages name it. */
  readonly app: string;
  /** The setting that selects the Kubernetes mode, and its value there. */
  readonly mode: { readonly name: string; readonly sources: SettingSources; readonly kubernetes: string };
  /** Settings that point it at a Docker API elsewhere (a remote host or agent), which leave the app alone. */
  readonly remote: SettingSources;
  /** Variables that turn its Docker provider on, refused as a Docker mode is. @default - none */
  readonly dockerSwitches?: readonly string[];
  /** What the app does in the Kubernetes mode, for the service account's reason. */
  readonly reads: string;
  /** The cluster rules the hint writes. */
  readonly clusterRules: string;
  /** The first release with the Kubernetes mode, which the hint names. @default - every release */
  readonly since?: string;
}

const DOCKER_PROVIDER_IMAGES: readonly DockerProviderImage[] = [
  {
    // Dozzle's mode is `server` unless `DOZZLE_MODE` or `--mode` says; `k8s` from 8.11 reads pods and their logs.
    image: /^(?:(?:docker\.io|ghcr\.io)\/)?amir20\/dozzle(?=[:@]|$)/, app: 'Dozzle',
    mode: { name: 'DOZZLE_MODE', sources: { env: ['DOZZLE_MODE'], flags: ['--mode'] }, kubernetes: 'k8s' },
    remote: { env: ['DOZZLE_REMOTE_HOST', 'DOZZLE_REMOTE_AGENT'], flags: ['--remote-host', '--remote-agent'] },
    reads: 'shows the logs of the pods',
    clusterRules: "clusterRules: [{ apiGroups: [''], resources: ['pods', 'pods/log', 'nodes'], verbs: ['get', 'list', 'watch'] }]",
    since: '8.11',
  },
  {
    // Diun watches what its providers list: the Docker provider the containers of the socket, the Kubernetes one the pods.
    image: /^(?:(?:docker\.io|ghcr\.io)\/)?crazymax\/diun(?=[:@]|$)/, app: 'Diun',
    mode: { name: 'DIUN_PROVIDERS_KUBERNETES', sources: { env: ['DIUN_PROVIDERS_KUBERNETES'] }, kubernetes: 'true' },
    remote: { env: ['DIUN_PROVIDERS_DOCKER_ENDPOINT'] },
    dockerSwitches: ['DIUN_PROVIDERS_DOCKER', 'DIUN_PROVIDERS_SWARM'],
    reads: 'lists the pods whose images it watches',
    clusterRules: "clusterRules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] }]",
  },
];

/** What the check reads of an app's props: its main container's image, env and arguments, and its service account. */
export interface DockerProviderProps {
  readonly image?: unknown;
  readonly env?: unknown;
  readonly args?: unknown;
  readonly persistence?: unknown;
  readonly serviceAccount?: AppServiceAccount;
}

/**
 * An app of Dozzle's or Diun's image left on its Docker mode (Dozzle's default `server` mode, Diun's
 * `DIUN_PROVIDERS_DOCKER`) with no remote Docker API to read, and one on its Kubernetes mode without
 * `serviceAccount`, whose pods get no token to read the API with: an error on the setting that decides it (Dozzle's
 * `image` where no mode is given), whose hint writes the mode and the service account its own guide grants. Pure.
 */
export function dockerProviderProblems(props: DockerProviderProps): PropProblem[] {
  const known = typeof props.image === 'string' ? imageRows(DOCKER_PROVIDER_IMAGES, props.image as string)[0] : undefined;
  const remote = { env: [...known?.remote.env ?? [], 'DOCKER_HOST'], flags: known?.remote.flags };
  if (known === undefined || givenSettings(props, remote).some((value) => value !== '') || mountsDockerSocket(props.persistence)) {
    return [];
  }
  const env = props.env !== null && typeof props.env === 'object' && !Array.isArray(props.env) ? props.env as Record<string, unknown> : {};
  const mode = givenSettings(props, known.mode.sources)[0];
  const kubernetesMode = known.mode.kubernetes === 'true' ? switchedOn(mode) : typeof mode === 'string' && mode.trim().toLowerCase() === known.mode.kubernetes;
  const account = `serviceAccount: { reason: '${known.app} ${known.reads}', ${known.clusterRules} }`;
  const problems: PropProblem[] = kubernetesMode && props.serviceAccount === undefined ? [{
    field: `env.${known.mode.name}`,
    message: `${known.mode.name} runs ${known.app} on Kubernetes, which it reads through the API with its pod's ServiceAccount token; the app has no serviceAccount, so its pods get no token and every request is refused`,
    hint: account,
  }] : [];
  // An image with provider switches uses Docker where one is on; one with a mode, wherever the mode is not Kubernetes'.
  const docker = known.dockerSwitches === undefined
    ? (kubernetesMode ? undefined : { field: env[known.mode.name] !== undefined ? `env.${known.mode.name}` : mode !== undefined ? 'args' : 'image', what: `runs in its ${typeof mode === 'string' ? `"${mode}"` : 'default server'} mode` })
    : known.dockerSwitches.filter((name) => switchedOn(env[name])).map((name) => ({ field: `env.${name}`, what: `is given its Docker provider (${name})` }))[0];
  if (docker === undefined) {
    return problems;
  }
  const instead = known.dockerSwitches === undefined ? '' : ` in place of ${docker.field.slice('env.'.length)}`;
  const since = known.since === undefined ? '' : ` (${known.app} ${known.since} or later)`;
  return [...problems, {
    field: docker.field,
    message: `${known.app} ${docker.what}, which reads the containers of its host through the Docker API; `
      + 'a Kubernetes node runs its pods with containerd and serves no Docker API, so it finds no socket and shows or watches nothing',
    hint: `read the pods instead${since}: env: { ${known.mode.name}: '${known.mode.kubernetes}' }${instead}${kubernetesMode ? '' : `, with ${account}`}`,
  }];
}
