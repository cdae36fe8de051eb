import { compareText } from '../text-order';
import type { Finding } from '../validation/finding';
import type { DocumentEntry } from './documents';
import type { OwnerActionEntry } from './owner-action';
import { stayingWorkloads } from './day-two-workloads';
import { isNodeLocalClass } from '../validation/node-local-classes';

/**
 * Apps moved away from their node-local volumes: a workload pinned to some hosts whose claims are on a
 * class that makes a volume on the node the pod first ran on (`local-path`), and that the new output pins
 * to other hosts only. The API server takes the change, but the volume stays on the old host and binds
 * the pod there by its node affinity: the new pod never schedules ("volume node affinity conflict"). A host
 * folder it writes into (a media container's config folder) stays behind too, and the new pod starts on the
 * new host's folder; so does one a pod that stays on its host mounts anew from another folder. The move may be
 * meant, so each is a warning, with the copy of the data as a step by hand.
 */

type Doc = Record<string, any>;

const HOSTNAME = 'kubernetes.io/hostname';

/** Workloads whose pods keep one claim across a rollout, and so stay where its volume is. */
const PINNED_WORKLOADS: ReadonlySet<string> = new Set(['Deployment', 'StatefulSet']);


/** The hosts a pod spec may run on, by host name; undefined when it names none (any node). */
function pinnedHosts(pod: Doc): Set<string> | undefined {
  const bySelector = pod?.nodeSelector?.[HOSTNAME];
  const terms: Doc[] = pod?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  const byAffinity = terms.flatMap((term) => (term?.matchExpressions ?? [])
    .filter((e: Doc) => e?.key === HOSTNAME && e.operator === 'In' && Array.isArray(e.values)))
    .flatMap((e: Doc) => e.values as string[]);
  if (typeof bySelector === 'string') {
    return new Set([bySelector]);
  }
  return byAffinity.length > 0 ? new Set(byAffinity) : undefined;
}

/** Host folders that hold no data of a pod's own: the node's devices, its kernel's views and its sockets. */
const SYSTEM_FOLDERS = /^\/(dev|sys|proc|run|var\/run|etc)(\/|$)/;

/** A host folder a pod writes into, with where its containers mount it and the index of its volume. */
interface WrittenFolder {
  readonly path: string;
  readonly mountPaths: readonly string[];
  readonly index: number;
}

/**
 * The host folders a pod spec writes into (a hostPath volume some container mounts read-write), whose data stays
 * on the node: its devices, system folders and sockets aside.
 */
function writtenHostFolders(pod: Doc): WrittenFolder[] {
  const volumes: Doc[] = Array.isArray(pod?.volumes) ? pod.volumes : [];
  const containers: Doc[] = [...(Array.isArray(pod?.containers) ? pod.containers : []), ...(Array.isArray(pod?.initContainers) ? pod.initContainers : [])];
  const mounts: Doc[] = containers.flatMap((c) => (Array.isArray(c?.volumeMounts) ? c.volumeMounts : [])).filter((mount: Doc) => mount?.readOnly !== true);
  return volumes.flatMap((v, index) => {
    const path = v?.hostPath?.path;
    const mountPaths = mounts.filter((mount) => mount.name === v?.name).map((mount) => String(mount.mountPath)).sort();
    return typeof path === 'string' && mountPaths.length > 0 && !SYSTEM_FOLDERS.test(path) && !['Socket', 'CharDevice', 'BlockDevice'].includes(v.hostPath.type)
      ? [{ path, mountPaths, index }] : [];
  }).sort((a, b) => compareText(a.path, b.path));
}

/**
 * The host folders of a pod that stays on its host but mounts another folder where it mounted one it wrote into
 * (a media container's `configDir` setting changed): what it wrote stays in the old folder.
 */
function changedHostFolders(previous: Doc, now: Doc): Array<{ readonly from: string; readonly to: WrittenFolder }> {
  const earlier = writtenHostFolders(previous);
  return writtenHostFolders(now).flatMap((folder) => {
    const was = earlier.find((old) => old.path !== folder.path && old.mountPaths.some((mountPath) => folder.mountPaths.includes(mountPath)));
    return was !== undefined && !earlier.some((old) => old.path === folder.path) ? [{ from: was.path, to: folder }] : [];
  });
}

/** The StorageClass of that name the new output makes, if it makes one. */
export type StorageClassLookup = (name: string) => Doc | undefined;


/**
 * The claims of `doc`'s pods on a node-local class that the previous output made too (a new claim gets its
 * volume where its first pod runs): its claim volumes (claims of `now`, the changed files, where an app's claim
 * is written beside its workload) and a StatefulSet's templates.
 */
function nodeLocalClaims(doc: Doc, old: ReadonlyMap<string, DocumentEntry>, now: ReadonlyMap<string, DocumentEntry>, classOf: StorageClassLookup): string[] {
  const docs = [...now.values()].map((entry) => entry.doc as Doc);
  const namespace = doc.metadata?.namespace;
  const kept = (name: string) => [...old.values()].some((entry) => {
    const d = entry.doc as Doc;
    return d?.kind === 'PersistentVolumeClaim' && d.metadata?.name === name && d.metadata?.namespace === namespace;
  });
  const claimClass = (name: string) => (kept(name)
    ? docs.find((d) => d?.kind === 'PersistentVolumeClaim' && d.metadata?.name === name && d.metadata?.namespace === namespace)?.spec?.storageClassName
    : undefined);
  const volumes: Doc[] = doc.spec?.template?.spec?.volumes ?? [];
  const templates: Doc[] = doc.spec?.volumeClaimTemplates ?? [];
  return [
    ...volumes.map((v) => v?.persistentVolumeClaim?.claimName).filter((name): name is string => typeof name === 'string' && isNodeLocalClass(claimClass(name), classOf)),
    ...templates.filter((t) => isNodeLocalClass(t?.spec?.storageClassName, classOf)).map((t) => `${t.metadata?.name}-${doc.metadata?.name}-0`),
  ].map((claim) => `${namespace}/${claim}`);
}

/** The warnings and steps of the workloads of `now` pinned to hosts none of which held their node-local volumes. Pure. */
export function movedOffNodeLocalClaims(
  old: ReadonlyMap<string, DocumentEntry>, now: ReadonlyMap<string, DocumentEntry>, classOf: StorageClassLookup,
  constructPaths: ReadonlyMap<string, string>, chartPath: string,
): { findings: Finding[]; actions: OwnerActionEntry[] } {
  const findings: Finding[] = [];
  const actions: OwnerActionEntry[] = [];
  for (const { id, doc, previous } of stayingWorkloads(old, now, PINNED_WORKLOADS)) {
    const before = pinnedHosts(previous.spec?.template?.spec);
    const after = pinnedHosts(doc.spec?.template?.spec);
    if (!before || !after) {
      continue;
    }
    const constructPath = constructPaths.get(id) ?? chartPath;
    const was = [...before].sort().join(' or ');
    const is = [...after].sort().join(' or ');
    const field = doc.spec?.template?.spec?.nodeSelector?.[HOSTNAME] !== undefined ? `spec.template.spec.nodeSelector.${HOSTNAME}` : 'spec.template.spec.affinity.nodeAffinity';
    const where = { layer: 'policy', severity: 'warning', constructPath, kind: String(doc.kind), namespace: doc.metadata?.namespace, name: doc.metadata?.name, field } as const;
    const stays = [...after].filter((host) => before.has(host)).sort();
    if (stays.length > 0) {
      // On the same host, a folder mounted where another was: the data stays in the old one.
      for (const { from, to } of changedHostFolders(previous.spec?.template?.spec, doc.spec?.template?.spec)) {
        const on = stays.join(' or ');
        findings.push({
          ...where, field: `spec.template.spec.volumes[${to.index}].hostPath.path`,
          message: `the host folder mounted at ${to.mountPaths.join(', ')} moves from ${from} to ${to.path} on ${on}: what the pods wrote stays in ${from}, and the new pod starts on ${to.path}, empty or made anew`,
          hint: `if the move is meant, move the folder first: scale the workload to 0, then on ${on}: mv ${from} ${to.path}; otherwise keep the folder ${from}`,
        });
        actions.push({
          kind: 'manual', command: `mv ${from} ${to.path}`,
          action: `before the next sync, stop ${String(doc.kind)} ${doc.metadata?.namespace}/${doc.metadata?.name} and move its host folder ${from} to ${to.path} on ${on}`,
          source: constructPath,
        });
      }
      continue;
    }
    const claims = nodeLocalClaims(doc, old, now, classOf);
    const kept = writtenHostFolders(previous.spec?.template?.spec).map((folder) => folder.path);
    const folders = writtenHostFolders(doc.spec?.template?.spec).map((folder) => folder.path).filter((folder) => kept.includes(folder));
    if (claims.length === 0 && folders.length === 0) {
      continue;
    }
    if (folders.length > 0) {
      // The API server takes the move, and the pod starts: on a folder of the new host, empty or another's.
      findings.push({
        ...where,
        message: `the pods move from ${was} to ${is}, but what they wrote into the host folders ${folders.join(', ')} stays on ${was}: the new pod starts on ${is} with that host's folders, empty or made anew`,
        hint: `if the move is meant, copy the folders first: scale the workload to 0, then copy each to ${is} (rsync -a ${was}:${folders[0]}/ ${is}:${folders[0]}/); otherwise keep the placement on ${was}`,
      });
      actions.push({
        kind: 'manual',
        action: `before the next sync, stop ${String(doc.kind)} ${doc.metadata?.namespace}/${doc.metadata?.name} and copy its host folders ${folders.join(', ')} from ${was} to ${is}`,
        source: constructPath,
      });
    }
    if (claims.length === 0) {
      continue;
    }
    findings.push({
      ...where,
      message: `the pods move from ${was} to ${is}, but the volumes of ${claims.join(', ')} are node-local and stay on ${was}: `
        + 'a bound volume keeps the pod on its node, so the new pod never schedules (volume node affinity conflict)',
      hint: `if the move is meant, copy the data to ${is} first: scale the workload to 0, copy the volume's folder, delete the claim so that the next sync makes it anew on ${is}, and restore the data into it; otherwise keep the placement on ${was}`,
    });
    actions.push({
      kind: 'manual',
      action: `before the next sync, move the data of ${claims.join(', ')} from ${was} to ${is}: stop the workload, copy the data out, delete the claim (the next sync makes it anew on ${is}) and copy the data into it`,
      source: constructPath,
    });
  }
  return { findings, actions };
}
