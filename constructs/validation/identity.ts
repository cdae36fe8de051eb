import type { IConstruct } from 'constructs';
import type { SynthesizedCluster, SynthesizedObject } from '../synth/collect';
import { NOTE_TYPE_PREFIX } from '../synth/note-types';
import { isClusterScoped } from '../synth/kinds';
import type { Finding } from './finding';
import { fields, objectFinding, text } from './manifest';

import { SYSTEM_NAMESPACES } from './system-namespaces';
import { tenantNamespaceOwners } from '../platform/tenant-namespaces';
import { platformReading } from './platform-reading';

export { SYSTEM_NAMESPACES } from './system-namespaces';

const APP_KINDS: ReadonlySet<string> = new Set([
  'Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'Pod', 'ReplicaSet', 'VirtualMachine', 'Service', 'PersistentVolumeClaim',
]);

const PLATFORM_NAMESPACE_NOTE = `${NOTE_TYPE_PREFIX}platform-namespace`;

/** Why an app shares a platform component's namespace. */
export interface PlatformNamespaceReason {
  /** The component namespace, e.g. `traefik`. */
  readonly namespace: string;
  /** Why the app must live there (e.g. a plugin the controller loads from its own namespace). */
  readonly reason: string;
}

/**
 * Lets the objects under `scope` live in a platform component's namespace. Without it an app in a
 * component's namespace fails synthesis: the component's sync would fight the app over the namespace.
 */
export function allowPlatformNamespace(scope: IConstruct, reason: PlatformNamespaceReason): void {
  scope.node.addMetadata(PLATFORM_NAMESPACE_NOTE, reason);
}

function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** Object identity as the API server sees it: group, kind, namespace, name. */
function identity(object: SynthesizedObject): string {
  const kind = object.manifest.kind;
  const namespace = isClusterScoped(object.manifest) ? '' : text(fields(object.manifest.metadata).namespace) ?? 'default';
  return `${groupOf(String(object.manifest.apiVersion))}/${kind}/${namespace}/${String(object.manifest.metadata?.name)}`;
}

/** The construct that emitted `object`: its path without the object's own id (`main/git` of `main/git/deployment`). */
function ownerPath(object: SynthesizedObject): string {
  return object.constructPath.slice(0, Math.max(0, object.constructPath.lastIndexOf('/')));
}

/** How a clash names an object: its kind, namespace and name. */
function describeIdentity(object: SynthesizedObject, key: string): string {
  return `${object.manifest.kind} ${key.split('/').slice(2).filter(Boolean).join('/')}`;
}

/** The first access mode of claim `object`, or `ReadWriteOnce` for one that gives none (which the schema check reports). */
function claimAccessMode(object: SynthesizedObject): string {
  const modes = fields(object.manifest.spec).accessModes;
  return (Array.isArray(modes) ? text(modes[0]) : undefined) ?? 'ReadWriteOnce';
}

/**
 * Two constructs never emit the same object (kustomize refuses the folder, and one would overwrite the other).
 * Two constructs of one name (two apps `sonarr` in one namespace) clash on each object they make: that is
 * one mistake, reported once, on the first object, naming the others.
 */
export function checkObjectIdentity(cluster: SynthesizedCluster): Finding[] {
  const seen = new Map<string, SynthesizedObject>();
  const clashes = new Map<string, { object: SynthesizedObject; first: SynthesizedObject; key: string; more: string[] }>();
  for (let n = 0, all = cluster.objects; n < all.length; n++) {
    const object = all[n];
    const key = identity(object);
    const first = seen.get(key);
    if (!first) {
      seen.set(key, object);
      continue;
    }
    const pair = `${ownerPath(object)}\n${ownerPath(first)}`;
    const clash = clashes.get(pair);
    if (clash) {
      clash.more.push(describeIdentity(object, key));
    } else {
      clashes.set(pair, { object, first, key, more: [] });
    }
  }
  const declaredNamespaces = `${cluster.chart.namespaces.node.path}/`;
  return [...clashes.values()].map(({ object, first, key, more }) => objectFinding(object, {
    layer: 'references', severity: 'error', field: 'metadata.name',
    message: `${describeIdentity(object, key)} is emitted by ${first.constructPath} already${more.length > 0 ? ` (and so are ${more.join(', ')})` : ''}`,
    hint: clashHint(object, [object, first].some((o) => o.constructPath.startsWith(declaredNamespaces))),
  }));
}

/** What to do about a second `object`; `declaredNamespace` when one of the two is the Namespace the cluster declares for what runs in it. */
function clashHint(object: SynthesizedObject, declaredNamespace: boolean): string {
  const name = String(object.manifest.metadata?.name);
  if (object.manifest.kind === 'PersistentVolumeClaim') {
    // Two apps that name one claim mean to share its volume: one makes it, the other mounts it.
    return `to share the volume, let one app make the claim and mount it in the other with AppVolume.existingClaim('${name}', '${claimAccessMode(object)}'); else give one claim another claimName`;
  }
  if (object.manifest.kind === 'Namespace' && declaredNamespace) {
    // The cluster makes an app's namespace itself, with the Pod Security labels what runs there needs.
    return `drop the hand-written Namespace: the cluster makes namespace ${name} for what runs in it, restricted unless told; `
      + `cluster.namespaces.ensure('${name}', { podSecurity: 'baseline', reason }) sets its Pod Security level`;
  }
  return 'give one of the two objects another name (or namespace), or let one construct own the object';
}

/** The ConfigMap that Kubernetes' root-CA publisher writes into every namespace and rewrites when it changes. */
const ROOT_CA_CONFIG_MAP = 'kube-root-ca.crt';

/**
 * Objects that Kubernetes or something outside the repository owns are never emitted: system namespaces
 * (the engine would own them and prune them away), namespaces an engine's bootstrap or a component's
 * upstream files make, and the root-CA ConfigMap of every namespace. An app placed in a platform
 * component's namespace needs `allowPlatformNamespace` with a reason.
 */
export function checkSystemNamespaces(cluster: SynthesizedCluster): Finding[] {
  const findings: Finding[] = [];
  const platform = platformReading(cluster);
  // Whose namespace each is, for the message: the first component, else what is declared preinstalled there.
  const namespaceOwners = new Map<string, string>();
  for (const [namespace, owner] of [
    ...platform.components.map((c) => [c.namespace, c.name]),
    ...cluster.chart.platform.preinstalled.flatMap((p) => (p.namespaces ?? []).map((namespace) => [namespace, p.source])),
  ]) {
    if (!namespaceOwners.has(namespace)) {
      namespaceOwners.set(namespace, owner);
    }
  }
  // A tenant's network policy and quota would bind the component's pods too, which serve other namespaces:
  // the component would be cut off or refused its pods.
  for (const [namespace, tenant] of tenantNamespaceOwners(cluster.chart)) {
    if (platform.hasNamespace(namespace)) {
      const owner = namespaceOwners.get(namespace);
      findings.push({
        layer: 'policy', severity: 'error', constructPath: tenant, field: 'namespace',
        message: `the tenant's namespace "${namespace}" is the namespace of ${owner === undefined ? 'a platform component' : `platform component ${owner}`}, whose pods its network policy and quota would bind too: traffic the component takes from other namespaces would be refused`,
        hint: "give the tenant a namespace of its own, e.g. namespace: 'peers-alice'",
      });
    }
  }
  const madeElsewhere = platform.namespacesMadeElsewhere;
  // Objects of a component's own API (an Argo CD Application, a ZFSVolume) live in its namespace by design.
  // Listed once an app-layer object is found in a component's namespace, which most clusters have none of.
  let ownKinds: ReadonlySet<string> | undefined;
  const ownKindsOf = (): ReadonlySet<string> => {
    const owners = [
      ...platform.components.map((c) => ({ namespaces: [c.namespace], crds: c.props.crds ?? [] })),
      ...cluster.chart.platform.preinstalled.map((p) => ({ namespaces: p.namespaces ?? [], crds: p.crds ?? [] })),
    ];
    return new Set(owners.flatMap((o) => o.namespaces.flatMap((namespace) => o.crds
      .flatMap((crd) => crd.kinds.map((kind) => `${namespace}/${crd.group}/${kind}`)))));
  };
  // A reason given on one of the chart's own children also covers the file that child's objects are written
  // to, which is all that names them when dist/ is read back (`npm run validate`).
  const chartDepth = cluster.chart.node.path.split('/').length;
  const reasons = cluster.notes.filter((note) => note.type === PLATFORM_NAMESPACE_NOTE).map((note) => {
    const segments = note.constructPath.split('/');
    return {
      path: note.constructPath, namespace: (note.data as PlatformNamespaceReason).namespace,
      file: segments.length === chartDepth + 1 ? segments[chartDepth] : undefined,
    };
  });
  const reported = new Set<string>();
  for (let n = 0, all = cluster.objects; n < all.length; n++) {
    const object = all[n];
    const name = text(fields(object.manifest.metadata).name) ?? '';
    if (object.manifest.kind === 'Namespace' && SYSTEM_NAMESPACES.includes(name)) {
      findings.push(objectFinding(object, {
        layer: 'policy', severity: 'error', field: 'metadata.name',
        message: `namespace "${name}" belongs to Kubernetes; owning it from Git would let a prune delete it`,
        hint: `put the objects in a namespace of their own; "${name}" exists in every cluster and needs no Namespace object`,
      }));
      continue;
    }
    const maker = object.manifest.kind === 'Namespace' ? madeElsewhere.get(name) : undefined;
    if (maker !== undefined) {
      findings.push(objectFinding(object, {
        layer: 'policy', severity: 'error', field: 'metadata.name',
        message: `namespace "${name}" is made by ${maker}; a Namespace object from Git would be its second owner, and a prune could delete it`,
        hint: `drop this Namespace object: "${name}" exists once ${maker} made it, and objects can be put in it as they are`,
      }));
      continue;
    }
    if (object.manifest.kind === 'ConfigMap' && name === ROOT_CA_CONFIG_MAP && object.manifest.apiVersion === 'v1') {
      findings.push(objectFinding(object, {
        layer: 'policy', severity: 'error', field: 'metadata.name',
        message: `ConfigMap "${ROOT_CA_CONFIG_MAP}" is written into every namespace by Kubernetes' root-CA publisher, which would rewrite it after every sync`,
        hint: `give the ConfigMap another name; pods can mount "${ROOT_CA_CONFIG_MAP}" as it is`,
      }));
      continue;
    }
    // Workloads and what serves them; credentials and settings a component reads live in its namespace by design.
    if ((object.layer ?? 'apps') !== 'apps' || !APP_KINDS.has(object.manifest.kind)) {
      continue;
    }
    const namespace = text(fields(object.manifest.metadata).namespace);
    if (namespace === undefined || !platform.hasNamespace(namespace)
      || (ownKinds ??= ownKindsOf()).has(`${namespace}/${groupOf(String(object.manifest.apiVersion))}/${object.manifest.kind}`)) {
      continue;
    }
    const allowed = reasons.some((r) => r.namespace === namespace
      && (object.constructPath === r.path || object.constructPath.startsWith(`${r.path}/`) || (r.file !== undefined && object.file === r.file)));
    const app = object.constructPath.split('/').slice(0, cluster.chart.node.path.split('/').length + 1).join('/');
    const engine = cluster.chart.gitops?.chosenNamespace;
    if (!allowed && engine?.namespace === namespace) {
      if (!reported.has(`engine/${namespace}`)) {
        reported.add(`engine/${namespace}`);
        findings.push({
          layer: 'policy', severity: 'error', constructPath: cluster.chart.node.path, field: `gitops.${engine.field}`,
          message: `the GitOps engine ${cluster.chart.gitops!.name} is put into "${namespace}", where the app ${app.split('/').pop()} runs too`,
          hint: 'leave the engine in its own namespace (drop the option), or give it one no app uses',
        });
      }
    } else if (!allowed && !reported.has(`${app}/${namespace}`)) {
      reported.add(`${app}/${namespace}`);
      const owner = SYSTEM_NAMESPACES.includes(namespace) ? undefined : namespaceOwners.get(namespace);
      const appName = app.split('/').pop();
      findings.push(objectFinding(object, {
        layer: 'policy', severity: 'error', field: 'metadata.namespace',
        message: `the app puts objects into "${namespace}", ${SYSTEM_NAMESPACES.includes(namespace) ? 'a namespace Kubernetes keeps for itself'
          : owner === undefined ? 'the namespace of a platform component' : `the namespace of platform component ${owner}`}`,
        hint: `give the app a namespace of its own (${appName === namespace ? "the namespace defaults to the app's id: namespace: '…'" : `namespace: '${appName}'`}), `
          + `or state why it must share ${owner === undefined ? 'this one' : `${owner}'s`} with allowPlatformNamespace(app, { namespace, reason })`,
      }));
    }
  }
  return findings;
}
