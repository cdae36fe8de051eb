import type { PropProblem } from '../validation/known-props';
import { mountsDockerSocket } from './docker-provider-images';

// A compose lab's Traefik reads its routers from the labels of the Docker containers beside it (its Docker or Swarm
// provider). Carried over as an app, it finds no Docker API on a Kubernetes node (containerd runs the pods) and routes
// nothing; the cluster's own routes (`routes: traefik()`) already install Traefik, reading the apps' routes. One that
// mounts Docker's socket, or is given the provider's endpoint, reads a Docker beside Kubernetes.

/** Traefik's official image. */
const TRAEFIK_IMAGE = /^(?:docker\.io\/)?(?:library\/)?traefik(?=[:@]|$)/;

/** A word of the command line that turns on the Docker or Swarm provider: the provider itself, or any of its options. */
const DOCKER_PROVIDER_FLAG = /^--providers\.(docker|swarm)(?:$|[.=])/i;

/** A variable that does the same: `TRAEFIK_PROVIDERS_DOCKER`, or one of its options. */
const DOCKER_PROVIDER_VARIABLE = /^TRAEFIK_PROVIDERS_(DOCKER|SWARM)(?:$|_)/;

/** What the check reads of an app's props: its main container's image, command line and env. */
export interface TraefikDockerProviderProps {
  readonly image?: unknown;
  readonly command?: unknown;
  readonly args?: unknown;
  readonly env?: unknown;
  readonly persistence?: unknown;
}

/**
 * An app of Traefik's image given its Docker or Swarm provider (`--providers.docker`, a `--providers.docker.*` option,
 * `TRAEFIK_PROVIDERS_DOCKER`): an error on the first word or variable that does, whose hint routes the apps with the
 * cluster's own Traefik. `--providers.docker=false` turns it off and is left alone. Pure.
 */
export function traefikDockerProviderProblems(props: TraefikDockerProviderProps): PropProblem[] {
  // A mounted socket, or an endpoint of the provider's, reads a Docker beside Kubernetes: the inventory's to judge.
  const words = (['command', 'args'] as const).flatMap((key) => (Array.isArray(props[key]) ? (props[key] as unknown[]) : [])
    .map((word, i) => ({ word: String(word), field: `${key}[${i}]` })));
  const env = props.env !== null && typeof props.env === 'object' && !Array.isArray(props.env) ? props.env as Record<string, unknown> : {};
  const endpoint = words.some(({ word }) => /^--providers\.(docker|swarm)\.endpoint(?:=|$)/i.test(word)) || Object.keys(env).some((name) => /^TRAEFIK_PROVIDERS_(DOCKER|SWARM)_ENDPOINT$/.test(name));
  if (typeof props.image !== 'string' || !TRAEFIK_IMAGE.test(props.image) || mountsDockerSocket(props.persistence) || endpoint) {
    return [];
  }
  const found = words.find(({ word }) => DOCKER_PROVIDER_FLAG.test(word) && !/=\s*false\s*$/i.test(word))
    ?? Object.keys(env).filter((name) => DOCKER_PROVIDER_VARIABLE.test(name) && !/^\s*false\s*$/i.test(String(env[name]))).map((name) => ({ word: name, field: `env.${name}` }))[0];
  if (found === undefined) {
    return [];
  }
  const provider = /swarm/i.test(found.word) ? 'Swarm' : 'Docker';
  return [{
    field: found.field,
    message: `${found.word} turns on Traefik's ${provider} provider, which reads its routers from the labels of the Docker containers of its host; `
      + 'a Kubernetes node runs its pods with containerd and serves no Docker API, so this Traefik routes nothing',
    hint: "drop this app: the cluster's routes (routes: traefik()) install Traefik, and each app's route: { host: '<name>' } is its router (Traefik's labels are route props); "
      + 'a Traefik of your own reads the cluster with --providers.kubernetescrd or --providers.kubernetesingress and a serviceAccount',
  }];
}
