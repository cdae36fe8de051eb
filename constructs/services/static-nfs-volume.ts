import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { NfsExport } from '../inventory/nfs-export';
import { ClusterChart } from '../platform/cluster-chart';
import type { AccessMode } from '../app/volumes';
import { AppVolume } from '../app/volumes';
import { parseSize } from '../app/quantities';
import { rejectPropProblems, requireProps } from '../validation/known-props';
import { reportForeignNfsExport } from '../validation/nfs-export-site';
import { quantityValue } from '../validation/quantity';
import { STATIC_NFS_VOLUME_PROPS_SHAPE } from '../validation/service-props-shapes';
import { sizePropProblems } from './size-props';
import type { SynthesizedCluster } from '../synth/collect';
import type { Finding } from '../validation/finding';
import { fields, list, text } from '../validation/manifest';
import { admittedPodTemplates } from '../validation/pod-spec';

/** The claim bound to a static NFS volume. */
export interface StaticNfsClaimProps {
  /** Claim name. */
  readonly name: string;
  /** Namespace of the claim. */
  readonly namespace: string;
  /** Requested size, at most the volume's capacity, e.g. `50Gi`. */
  readonly size: string;
}

/** Options of a static NFS PersistentVolume and the one claim bound to it. */
export interface StaticNfsVolumeProps {
  /** The export of the inventory the volume is. */
  readonly export: NfsExport;
  /** Name of the PersistentVolume. @default - the construct id */
  readonly name?: string;
  /** Capacity, e.g. `500Gi`. NFS does not enforce it; it is what claims are matched against. */
  readonly capacity: string;
  /** Access mode. @default 'ReadWriteMany' — any pod on any node mounts it, so pods move freely */
  readonly accessMode?: AccessMode;
  /** The claim that binds the volume; a PersistentVolume binds exactly one claim. */
  readonly claim: StaticNfsClaimProps;
}

/** The claims of the StaticNfsVolumes of each cluster, for the check of their namespaces. */
const CLAIMS_OF = new WeakMap<ClusterChart, Array<{ readonly volumePath: string; readonly name: string; readonly namespace: string }>>();

/**
 * A StaticNfsVolume's claim in a namespace where nothing else of the cluster is: no pod there mounts it, and
 * a pod mounts claims of its own namespace only, so the app it was made for (in another namespace) finds no
 * claim. One error on `claim.namespace`, naming the namespaces that do hold pods; none where a pod of another
 * namespace mounts the claim by its name, whose missing claim the claims check reports with this namespace.
 */
export function staticNfsClaimNamespaceFindings(cluster: SynthesizedCluster): Finding[] {
  const claims = CLAIMS_OF.get(cluster.chart) ?? [];
  if (claims.length === 0) {
    return [];
  }
  // What a namespace holds besides its Namespace object and claims, and where charts and syncs install into.
  const used = new Set<string>();
  for (const { manifest } of cluster.objects) {
    const spec = fields(manifest.spec);
    for (const namespace of [manifest.kind === 'PersistentVolumeClaim' ? undefined : text(manifest.metadata?.namespace),
      text(spec.targetNamespace), text(fields(spec.destination).namespace)]) {
      if (namespace !== undefined && namespace !== '') {
        used.add(namespace);
      }
    }
  }
  const templates = admittedPodTemplates(cluster.objects);
  const withPods = [...new Set(templates.map((t) => t.namespace))].sort();
  // A pod of another namespace that mounts the claim by its name is told where the claim is (see checkClaims).
  const mounted = new Set(templates.flatMap((t) => list(t.spec.volumes).map((v) => text(fields(v.persistentVolumeClaim).claimName))));
  return claims.filter((claim) => !used.has(claim.namespace) && !mounted.has(claim.name)).map((claim) => ({
    layer: 'references', severity: 'error', constructPath: claim.volumePath, field: 'claim.namespace',
    message: `the claim "${claim.name}" is made in namespace "${claim.namespace}", where nothing else of the cluster is: no pod there mounts it, and a pod mounts claims of its own namespace only`,
    hint: withPods.length > 0
      ? `give the namespace of the app that mounts it (one of ${withPods.join(', ')}): claim: { name: '${claim.name}', namespace: '${withPods[0]}', size }`
      : `give the namespace of the app that mounts it: claim: { name: '${claim.name}', namespace: '<namespace of the app>', size }`,
  }));
}

/**
 * A PersistentVolume on an NFS export of the inventory, kept when released, and the claim bound to it by
 * name (no StorageClass, so no provisioner takes the claim first). Mount it with {@link volume}.
 */
export class StaticNfsVolume extends Construct {
  /** Name of the PersistentVolume. */
  public readonly volumeName: string;
  /** Name of the claim. */
  public readonly claimName: string;
  /** Namespace of the claim. */
  public readonly namespace: string;
  private readonly accessMode: AccessMode;

  constructor(scope: Construct, id: string, props: StaticNfsVolumeProps) {
    super(scope, id);
    requireProps(this, 'StaticNfsVolume', props, STATIC_NFS_VOLUME_PROPS_SHAPE, {
      required: [
        ['export', "pass an export of the inventory: export: mySite.nfs.<name>"],
        ['capacity', "give the volume's capacity, e.g. '500Gi'"],
        ['claim', "give the claim that binds it: claim: { name, namespace, size }"],
        // The claim is made in its namespace under its name, and the volume reserved for it by both.
        ['claim.name', "name the claim the app mounts, e.g. claim: { name: 'media', namespace, size }"],
        ['claim.namespace', "give the namespace of the app that mounts it (a pod mounts claims of its own namespace only), e.g. claim: { name, namespace: 'jellyfin', size }"],
        ['claim.size', "give the size the claim asks for, at most capacity, e.g. claim: { name, namespace, size: '500Gi' }"],
      ],
    });
    rejectPropProblems(this, 'StaticNfsVolume', [...sizePropProblems(props, ['capacity']), ...sizePropProblems(props.claim, ['size'], 'claim.')]);
    const capacity = quantityValue(props.capacity);
    const requested = quantityValue(props.claim.size);
    if (capacity !== undefined && requested !== undefined && requested > capacity) {
      // A claim binds only a volume at least as large as it asks, so this one would stay Pending.
      rejectPropProblems(this, 'StaticNfsVolume', [{
        field: 'claim.size', message: `the claim asks for ${props.claim.size}, more than the volume's capacity ${props.capacity}, so it never binds`,
        hint: `ask for at most ${props.capacity}, or raise capacity (NFS enforces neither)`,
      }]);
    }
    const cluster = ClusterChart.of(this);
    reportForeignNfsExport(this, 'export', props.export, cluster.site);
    this.volumeName = props.name ?? id;
    this.claimName = props.claim.name;
    this.namespace = props.claim.namespace;
    this.accessMode = props.accessMode ?? 'ReadWriteMany';
    cluster.namespaces.ensure(this.namespace);
    const claims = CLAIMS_OF.get(cluster) ?? [];
    claims.push({ volumePath: this.node.path, name: this.claimName, namespace: this.namespace });
    CLAIMS_OF.set(cluster, claims);
    new ApiObject(this, 'volume', {
      apiVersion: 'v1', kind: 'PersistentVolume',
      metadata: { name: this.volumeName },
      spec: {
        capacity: { storage: parseSize(props.capacity) },
        accessModes: [this.accessMode],
        persistentVolumeReclaimPolicy: 'Retain',
        storageClassName: '',
        // Only this claim may bind it, so a claim of another app cannot take the volume first.
        claimRef: { namespace: this.namespace, name: this.claimName },
        nfs: { server: props.export.mountServer, path: props.export.path },
      },
    });
    new ApiObject(this, 'claim', {
      apiVersion: 'v1', kind: 'PersistentVolumeClaim',
      metadata: { name: this.claimName, namespace: this.namespace },
      spec: {
        accessModes: [this.accessMode],
        storageClassName: '',
        volumeName: this.volumeName,
        resources: { requests: { storage: parseSize(props.claim.size) } },
      },
    });
  }

  /** The claim, to mount in an app. */
  public get volume(): AppVolume {
    return AppVolume.existingClaim(this.claimName, this.accessMode);
  }
}
