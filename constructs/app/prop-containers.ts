import { absoluteMountPathMeant, normalMountPath } from './mount-paths';
import type { SecurityExemptions } from './security';

/** A container of an app's props as the image checks read it: its image, entrypoint, mounts, user, env, ports and exemptions. */
export interface PropContainer {
  readonly name?: unknown;
  readonly image?: unknown;
  readonly command?: unknown;
  readonly args?: unknown;
  readonly mounts?: unknown;
  readonly runAsUser?: unknown;
  readonly runAsGroup?: unknown;
  readonly env?: unknown;
  /** The ports it declares (`AppPort`s), which its Service and probes reach. */
  readonly ports?: unknown;
  readonly exemptions?: Pick<SecurityExemptions, 'runAsRoot' | 'writableRootFilesystem' | 'privileged' | 'addCapabilities' | 'privilegeEscalation' | 'unconfined'>;
}

/** What the image checks read of an app's props: its main container's, its volumes and its further containers. */
export interface PropContainersProps extends PropContainer {
  readonly persistence?: unknown;
  readonly containers?: unknown;
  readonly initContainers?: unknown;
  readonly sidecars?: unknown;
}

/** One container of an app's props, how findings name its props (`''`, `sidecars[0].`) and where it mounts volumes. */
export interface PropContainerMounts {
  readonly container: PropContainer;
  readonly prefix: string;
  /** Mount paths, as the runtime takes them (`/run`, `/var/lib/postgresql/data`). */
  readonly mountPaths: ReadonlySet<string>;
}

/**
 * Every container of an app's props, the main one (named `app`) first, each with the paths it mounts volumes
 * at: its own `mounts` and the `persistence` entries it gets (the main container's without `containers`). Pure.
 */
export function propContainers(props: PropContainersProps | null | undefined, app: string): PropContainerMounts[] {
  if (props === null || typeof props !== 'object') {
    return [];
  }
  const containers = [withMountPaths(props, app, mainContainer(props, app), '')];
  for (const kind of ['containers', 'initContainers', 'sidecars'] as const) {
    const list = props[kind];
    if (Array.isArray(list)) {
      list.forEach((container, i) => containers.push(withMountPaths(props, app, (container ?? {}) as PropContainer, `${kind}[${i}].`)));
    }
  }
  return containers;
}

/** The main container of an app's props, named `app`: the props a container reads, not a copy of them all. */
function mainContainer(props: PropContainersProps, app: string): PropContainer {
  return {
    name: app, image: props.image, command: props.command, args: props.args, mounts: props.mounts,
    runAsUser: props.runAsUser, runAsGroup: props.runAsGroup, env: props.env, ports: props.ports, exemptions: props.exemptions,
  };
}

/**
 * A container given to an app after construction (`addSidecar`), named in findings by the call (`addSidecar.`),
 * with the paths it mounts volumes at, as {@link propContainers} gives them. Pure.
 */
export function addedPropContainer(props: PropContainersProps, app: string, container: PropContainer, call: string): PropContainerMounts {
  return withMountPaths(props, app, container ?? {}, `${call}.`);
}

/**
 * `container` with its mount paths, worked out when first read: only the checks of a few known images read
 * them, and every app of a large lab is asked. A class, not an object literal with a getter: V8 makes such a
 * literal slowly, with a closure and an accessor of its own each time, and every check of every app makes them.
 */
class LazyPropContainerMounts implements PropContainerMounts {
  private paths: ReadonlySet<string> | undefined;

  public constructor(private readonly props: PropContainersProps, private readonly app: string, public readonly container: PropContainer, public readonly prefix: string) {}

  public get mountPaths(): ReadonlySet<string> {
    this.paths ??= mountPathsOfContainer(this.props, this.app, this.container, this.prefix);
    return this.paths;
  }
}

function withMountPaths(props: PropContainersProps, app: string, container: PropContainer, prefix: string): PropContainerMounts {
  return new LazyPropContainerMounts(props, app, container, prefix);
}

function mountPathsOfContainer(props: PropContainersProps, app: string, container: PropContainer, prefix: string): ReadonlySet<string> {
  const name = prefix === '' ? app : String(container.name);
  const volumes = Object.values(props.persistence !== null && typeof props.persistence === 'object' ? props.persistence as Record<string, unknown> : {})
    .map((volume) => (volume ?? {}) as { mountPath?: unknown; mounts?: unknown; containers?: unknown });
  const paths = [
    ...volumes.filter((v) => (Array.isArray(v.containers) ? v.containers.map(String) : [app]).includes(name))
      .flatMap((v) => [v.mountPath, ...mountPathsOf(v.mounts)]),
    ...(prefix === '' ? [] : mountPathsOf(container.mounts)),
  ];
  // A relative path is its own finding (mountPathProblems): read as the path it meant, it is not also a folder left unmounted.
  return new Set(paths.filter((p): p is string => typeof p === 'string' && p.trim() !== '').map((p) => p.trim())
    .map((p) => normalMountPath(p.startsWith('/') ? p : absoluteMountPathMeant(p))));
}

function mountPathsOf(mounts: unknown): unknown[] {
  return Array.isArray(mounts) ? mounts.map((mount) => (mount as { mountPath?: unknown } | null)?.mountPath) : [];
}

/** A running container of an app's props as the checks of what it runs name it, with its image and env. */
export interface NamedPropContainer {
  /** Its name in the pod: the app's for the main container. */
  readonly name: string;
  /** How messages name it: `the main container`, `container tailscale`. */
  readonly label: string;
  /** The prefix of its props' fields: `''` for the main container, `sidecars[0].`. */
  readonly field: string;
  /** Its image as given. */
  readonly image: unknown;
  /** Its env as given. */
  readonly env: unknown;
}

/**
 * The containers of an app's props that run beside the app (the main one first, then `containers` and
 * `sidecars`; init containers run to their end before it starts), named as findings name them. Pure.
 */
export function runningPropContainers(props: PropContainersProps, app: string): NamedPropContainer[] {
  return propContainers(props, app).filter(({ prefix }) => !prefix.startsWith('initContainers')).map(({ container, prefix }) => ({
    name: String(container.name), label: prefix === '' ? 'the main container' : `container ${String(container.name)}`,
    field: prefix, image: container.image, env: container.env,
  }));
}

/** The value of env `name` as an app's props give it (text, a reference), or undefined when it is not given. Pure. */
export function propEnvValue(env: unknown, name: string): unknown {
  return env !== null && typeof env === 'object' && !Array.isArray(env) ? (env as Record<string, unknown>)[name] : undefined;
}

/**
 * Whether `env` reads variable `name` from a source synthesis cannot read (a ConfigMap, a Secret, a field of the pod):
 * its value is the owner's, and a check that needs the text leaves it alone. Pure.
 */
export function envReadFromSource(env: unknown, name: string): boolean {
  const value = propEnvValue(env, name);
  return value !== null && typeof value === 'object';
}

/** Whether `path` is at or under one of `mounts`. */
export function underMount(path: string, mounts: ReadonlySet<string>): boolean {
  return [...mounts].some((mount) => path === mount || path.startsWith(mount.endsWith('/') ? mount : `${mount}/`));
}
