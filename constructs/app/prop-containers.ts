import { normalMountPath } from './mount-paths';
import type { SecurityExemptions } from './security';

/** A container of an app's props as the image checks read it: its image, entrypoint, mounts, user, env and exemptions. */
export interface PropContainer {
  readonly name?: unknown;
  readonly image?: unknown;
  readonly command?: unknown;
  readonly args?: unknown;
  readonly mounts?: unknown;
  readonly runAsUser?: unknown;
  readonly runAsGroup?: unknown;
  readonly env?: unknown;
  readonly exemptions?: Pick<SecurityExemptions, 'runAsRoot' | 'writableRootFilesystem' | 'privileged' | 'addCapabilities'>;
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
  return [
    { container: { ...props, name: app } as PropContainer, prefix: '' },
    ...(['containers', 'initContainers', 'sidecars'] as const).flatMap((kind) => (Array.isArray(props[kind]) ? props[kind] as unknown[] : [])
      .map((container, i) => ({ container: (container ?? {}) as PropContainer, prefix: `${kind}[${i}].` }))),
  ].map(({ container, prefix }) => withMountPaths(props, app, container, prefix));
}

/**
 * A container given to an app after construction (`addSidecar`), named in findings by the call (`addSidecar.`),
 * with the paths it mounts volumes at, as {@link propContainers} gives them. Pure.
 */
export function addedPropContainer(props: PropContainersProps, app: string, container: PropContainer, call: string): PropContainerMounts {
  return withMountPaths(props, app, container ?? {}, `${call}.`);
}

function withMountPaths(props: PropContainersProps, app: string, container: PropContainer, prefix: string): PropContainerMounts {
  const name = prefix === '' ? app : String(container.name);
  const volumes = Object.values(props.persistence !== null && typeof props.persistence === 'object' ? props.persistence as Record<string, unknown> : {})
    .map((volume) => (volume ?? {}) as { mountPath?: unknown; mounts?: unknown; containers?: unknown });
  const paths = [
    ...volumes.filter((v) => (Array.isArray(v.containers) ? v.containers.map(String) : [app]).includes(name))
      .flatMap((v) => [v.mountPath, ...mountPathsOf(v.mounts)]),
    ...(prefix === '' ? [] : mountPathsOf(container.mounts)),
  ];
  return { container, prefix, mountPaths: new Set(paths.filter((p): p is string => typeof p === 'string' && p.startsWith('/')).map(normalMountPath)) };
}

function mountPathsOf(mounts: unknown): unknown[] {
  return Array.isArray(mounts) ? mounts.map((mount) => (mount as { mountPath?: unknown } | null)?.mountPath) : [];
}
