import { fields, list, text } from './manifest';
import type { PodTemplate } from './pod-spec';

// A file a container writes must lie on a volume it may write: on a read-only root, a path under no volume cannot be
// created, and a ConfigMap's, a Secret's or a projected volume is read-only whatever the mount says, as is a mount
// marked `readOnly`.

/** Volume sources the kubelet mounts read-only. */
const READ_ONLY_SOURCES = ['configMap', 'secret', 'projected', 'downwardAPI'];

/** Why a container cannot write a path, and the read-only mount that holds it, if one does. */
export interface UnwritablePath {
  /** What the path lies in, for a message: `lies under no volume of the container, on its read-only root`. */
  readonly reason: string;
  /** The read-only mount's path that holds the path, where there is one. */
  readonly readOnlyMount?: string;
}

/**
 * Why `container` of `template` cannot write the file at `path`: under no volume of it on its read-only root, or
 * under a mount that is read-only (named, with the volume's source); undefined when it can, or when its root is
 * writable and no mount holds the path. Pure.
 */
export function unwritablePath(template: PodTemplate, container: Readonly<Record<string, unknown>>, path: string): UnwritablePath | undefined {
  const mounts = list(container.volumeMounts)
    .map((m) => ({ at: (text(m.mountPath) ?? '').replace(/(.)\/+$/, '$1'), name: text(m.name), readOnly: m.readOnly === true }))
    .filter((m) => m.at !== '' && (path === m.at || path.startsWith(m.at === '/' ? '/' : `${m.at}/`)))
    .sort((a, b) => b.at.length - a.at.length);
  const mount = mounts[0];
  if (mount === undefined) {
    return fields(container.securityContext).readOnlyRootFilesystem === true ? { reason: 'lies under no volume of the container, on its read-only root' } : undefined;
  }
  const volume = list(template.spec.volumes).find((v) => text(v.name) === mount.name);
  const source = READ_ONLY_SOURCES.find((kind) => volume?.[kind] !== undefined);
  if (source !== undefined) {
    return { reason: `lies in ${mount.at}, the ${source === 'configMap' ? 'ConfigMap' : source === 'secret' ? 'Secret' : `${source} volume`} mounted there, which is read-only`, readOnlyMount: mount.at };
  }
  return mount.readOnly ? { reason: `lies in ${mount.at}, mounted read-only`, readOnlyMount: mount.at } : undefined;
}
