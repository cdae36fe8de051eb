import type { PlatformComponentProps } from '../component';
import type { ComponentSize } from '../component-resources';
import { partValuesKeys, withPartResources, type PartResources, type SizedPart } from '../part-resources';
import { servesPorts } from '../component-network';

/** Pinned release of the Argo CD chart. Renovate reads the comment above each pin. */
export const ARGO_CD_PINS = {
  // renovate: datasource=helm depName=argo-cd registryUrl=https://argoproj.github.io/argo-helm
  chart: '8.1.3',
} as const;

/** The CRDs Argo CD installs. */
export const ARGO_CD_CRDS = [
  { group: 'argoproj.io', kinds: ['Application', 'ApplicationSet', 'AppProject'] },
] as const;

/**
 * Size of the application controller, which holds the state of every object it syncs: 100m CPU and 256Mi
 * requested, a 1Gi memory limit.
 */
export const ARGO_CD_CONTROLLER_SIZE: ComponentSize = { cpuRequest: '100m', memoryRequest: '256Mi', memoryLimit: '1Gi' };

/** Size of the repo server, which renders Helm charts and kustomizations: 50m CPU and 128Mi requested, a 512Mi memory limit. */
export const ARGO_CD_REPO_SERVER_SIZE: ComponentSize = { cpuRequest: '50m', memoryRequest: '128Mi', memoryLimit: '512Mi' };

/**
 * Size of each of the API server, the ApplicationSet and notifications controllers, Redis and the job that
 * makes Redis' password: 10m CPU and 64Mi requested, a 256Mi memory limit.
 */
export const ARGO_CD_SIZE: ComponentSize = { cpuRequest: '10m', memoryRequest: '64Mi', memoryLimit: '256Mi' };

// The chart's values keys of its pods' resources, read in the values.yaml of argo-cd 7.8 (Redis 7.4.2, Dex
// v2.42.1), the release nearest 8.1.3 that could be read. Dex is off; with highAvailability the redis-ha
// subchart replaces `redis` (see ARGO_CD_HA_REASON).
/** The parts of Argo CD, each with its chart values keys and this library's size of it. */
export const ARGO_CD_PARTS = {
  controller: { keys: ['controller.resources'], size: ARGO_CD_CONTROLLER_SIZE },
  repoServer: { keys: ['repoServer.resources'], size: ARGO_CD_REPO_SERVER_SIZE },
  server: { keys: ['server.resources'], size: ARGO_CD_SIZE },
  applicationSet: { keys: ['applicationSet.resources'], size: ARGO_CD_SIZE },
  notifications: { keys: ['notifications.resources'], size: ARGO_CD_SIZE },
  redis: { keys: ['redis.resources'], size: ARGO_CD_SIZE },
  redisSecretInit: { keys: ['redisSecretInit.resources'], size: ARGO_CD_SIZE },
} as const satisfies Record<string, SizedPart>;

/**
 * The parts of Argo CD a user can size: its application controller, repo server, API server, ApplicationSet
 * and notifications controllers, the single Redis (none with `highAvailability`, whose redis-ha pods keep
 * their chart's sizes) and the job that makes Redis' password.
 */
export type ArgoCdPart = keyof typeof ARGO_CD_PARTS;

/** Every part of Argo CD, by name. */
export const ARGO_CD_PART_NAMES = Object.keys(ARGO_CD_PARTS) as ArgoCdPart[];

/** The parts the chart runs: the single Redis only where redis-ha does not replace it. Pure. */
function argoCdParts(highAvailability: boolean): Partial<Record<ArgoCdPart, SizedPart>> {
  const { redis, ...others } = ARGO_CD_PARTS;
  return highAvailability ? others : { ...others, redis };
}

/** Why the pods of the redis-ha subchart, which a highly available Argo CD runs, keep their own resources. */
const ARGO_CD_HA_REASON = "the Redis, Sentinel and HAProxy pods of the redis-ha subchart (highAvailability) keep that chart's own resources: its keys were not confirmed at the version argo-cd pins";

/** Options of the Argo CD component. */
export interface ArgoCdComponentOptions {
  /** Namespace. @default 'argocd' */
  readonly namespace?: string;
  /**
   * Run Argo CD highly available, across nodes: two API servers, repo servers and ApplicationSet
   * controllers, and Redis with Sentinel (redis-ha, three replicas) instead of a single Redis.
   * @default false
   */
  readonly highAvailability?: boolean;
  /**
   * With `highAvailability`, whether Redis' three replicas must each run on a node of their own; a
   * cluster with fewer than three nodes that take workloads needs this off. @default true
   */
  readonly redisOnSeparateNodes?: boolean;
  /** Lines of `known_hosts` for SSH Git hosts beside the ones the chart knows (GitHub, GitLab, …). @default - none */
  readonly sshKnownHosts?: string;
  /** A local account that may only read and sync the Applications of `project`, for a CI job's API token. @default - none */
  readonly syncAccount?: { readonly name: string; readonly project: string };
  /**
   * Requests and limits by part, each as an App's `resources`, merged key by key into the default.
   * @default - the controller 100m CPU and 256Mi requested with a 1Gi memory limit; the repo server 50m,
   * 128Mi and 512Mi; every other part 10m, 64Mi and 256Mi
   */
  readonly resources?: PartResources<ArgoCdPart>;
}

/** The local account and its role: an API key (no login), allowed to see and sync the project's Applications only. */
function syncAccountValues(account: { readonly name: string; readonly project: string }): { cm: Record<string, string>; rbac: Record<string, string> } {
  const role = `role:${account.name}-sync`;
  return {
    cm: { [`accounts.${account.name}`]: 'apiKey' },
    rbac: {
      'policy.csv': [
        `p, ${role}, applications, get, ${account.project}/*, allow`,
        `p, ${role}, applications, sync, ${account.project}/*, allow`,
        `g, ${account.name}, ${role}`,
        '',
      ].join('\n'),
    },
  };
}

/** The chart values of a highly available Argo CD (the chart's own recipe). */
function highAvailabilityValues(separateNodes: boolean): Record<string, unknown> {
  return {
    'redis-ha': { enabled: true, ...(separateNodes ? {} : { hardAntiAffinity: false, haproxy: { hardAntiAffinity: false } }) },
    controller: { replicas: 1 },
    server: { replicas: 2 },
    repoServer: { replicas: 2 },
    applicationSet: { replicas: 2 },
  };
}

/**
 * Annotation (`"true"`) of an Application whose workloads the sync waves after it do not wait for, as
 * Flux's `disableWait` does: one whose LoadBalancer Service gets its address from the config layer, or
 * whose workloads read Secrets of a later layer. Its health check reports it Healthy while it progresses.
 */
export const NOT_WAITED_FOR_ANNOTATION = 'gitops.homelab.dev/not-waited-for';

/**
 * A health check (Lua) that gives an Application the health Argo CD reports for it, so the waves of an
 * app of apps wait for it; Healthy while it progresses when it carries {@link NOT_WAITED_FOR_ANNOTATION}.
 */
const APPLICATION_HEALTH = [
  'hs = {}',
  'hs.status = "Progressing"',
  'hs.message = ""',
  'if obj.status ~= nil and obj.status.health ~= nil then',
  '  hs.status = obj.status.health.status',
  '  if obj.status.health.message ~= nil then',
  '    hs.message = obj.status.health.message',
  '  end',
  'end',
  `if hs.status == "Progressing" and obj.metadata.annotations ~= nil and obj.metadata.annotations["${NOT_WAITED_FOR_ANNOTATION}"] == "true" then`,
  '  hs.status = "Healthy"',
  '  hs.message = "not waited for, still progressing: " .. hs.message',
  'end',
  'return hs',
  '',
].join('\n');

/** Name of the component that installs Argo CD, and of its file in the platform layer (`platform/argo-cd.yaml`). */
export const ARGO_CD_COMPONENT = 'argo-cd';

/** Argo CD from its community chart, managing its own upgrades after the first install. */
export function argoCdComponent(given: ArgoCdComponentOptions = {}): PlatformComponentProps {
  // null, as a JavaScript caller writes for no options, is no options.
  const options: ArgoCdComponentOptions = given ?? {};
  const account = options.syncAccount ? syncAccountValues(options.syncAccount) : undefined;
  const highAvailability = options.highAvailability ?? false;
  return {
    name: ARGO_CD_COMPONENT,
    resources: {
      setAt: partValuesKeys(argoCdParts(highAvailability)),
      ...(highAvailability ? { chartDefault: ARGO_CD_HA_REASON } : {}),
    },
    description: 'Argo CD, which syncs this cluster from Git (itself included)',
    namespace: options.namespace ?? 'argocd',
    network: servesPorts(
      { port: 5556, purpose: 'Dex HTTP, when Dex is enabled' },
      { port: 5557, purpose: 'Dex gRPC, called by the API server of Argo CD' },
      { port: 5558, purpose: 'Dex metrics' },
      { port: 6379, purpose: 'Redis (or its HAProxy), called by the server, repo server and application controller' },
      { port: 7000, purpose: 'Git webhooks of the ApplicationSet controller' },
      { port: 8080, purpose: 'API and UI of the server, reached by users and the CLI; metrics of the ApplicationSet controller' },
      { port: 8081, purpose: 'gRPC of the repo server, called by the server and application controller; health of the ApplicationSet controller' },
      { port: 8082, purpose: 'metrics of the application controller' },
      { port: 8083, purpose: 'metrics of the server' },
      { port: 8084, purpose: 'metrics of the repo server' },
      { port: 8086, purpose: 'commit server, when enabled' },
      { port: 8087, purpose: 'metrics of the commit server' },
      { port: 9001, purpose: 'metrics of the notifications controller' },
      { port: 9101, purpose: 'metrics of the HAProxy of redis-ha' },
      { port: 9121, purpose: 'Redis exporter' },
      { port: 26379, purpose: 'Sentinel of redis-ha, called by its HAProxy and the other Redis replicas' },
    ),
    install: {
      type: 'helm',
      chart: { repository: 'https://argoproj.github.io/argo-helm', chart: 'argo-cd', version: ARGO_CD_PINS.chart },
      values: withPartResources({
        crds: { install: true, keep: true },
        configs: {
          // TLS ends at the cluster's ingress.
          params: { 'server.insecure': true },
          // Argo CD assesses no health of Application objects by itself, so the sync waves of the layers'
          // Applications would not wait for each other: this reports each child Application's own health.
          cm: { 'resource.customizations.health.argoproj.io_Application': APPLICATION_HEALTH, ...account?.cm },
          ...(account ? { rbac: account.rbac } : {}),
          ...(options.sshKnownHosts ? { ssh: { extraHosts: options.sshKnownHosts } } : {}),
        },
        dex: { enabled: false },
        ...(highAvailability ? highAvailabilityValues(options.redisOnSeparateNodes ?? true) : {}),
      }, argoCdParts(highAvailability), options.resources),
    },
    crds: ARGO_CD_CRDS.map((crd) => ({ group: crd.group, kinds: [...crd.kinds] })),
  };
}
