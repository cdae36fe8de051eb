import { ApiObject } from 'cdk8s';
import { Construct, type IConstruct } from 'constructs';
import { sizeProblem } from '../app/quantities';
import { LABEL_VALUE, nameMeant, nameProblem } from '../validation/dns-names';
import { reportFinding } from '../validation/finding';
import { type PropProblem, PropShape, rejectPropProblems, requireProps } from '../validation/known-props';
import { systemNamespaceProblems } from '../validation/system-namespaces';
import { noteNamedNamespace } from '../validation/named-namespaces';
import { ClusterChart } from './cluster-chart';
import { noteTenantGroups, noteTenantNamespace } from './tenant-namespaces';
import { systemGroupMembers } from '../validation/rbac-groups';
import { RenderedObject } from '../app/rendered-object';
import { containerLimitsIn, defaultOverruns, quotaCheckedByOwner, quotaOverruns } from './quota-fit';
import { containerLimitsOf } from '../validation/kind-rules';
import { memoryBytes, type WorkloadTemplate, workloadTemplates } from './workload-templates';

/** How much a tenant's namespace may use, as a ResourceQuota. */
export interface TenantQuota {
  /** Memory all pods together may request, in Kubernetes' units, e.g. `4Gi` (docker's `4g` is refused). */
  readonly requestsMemory: string;
  /** Memory limit of all pods together, e.g. `8Gi`. */
  readonly limitsMemory: string;
  /** Pods at once. */
  readonly pods: number;
  /**
   * Memory a container asks for when it states none, e.g. `128Mi`. A quota that counts memory refuses a
   * pod without requests and limits, and a tenant's own deploys (`kn service apply`) often state none.
   * @default '128Mi'
   */
  readonly defaultRequestsMemory?: string;
  /** Memory limit of a container that states none, e.g. `256Mi`. @default '256Mi' */
  readonly defaultLimitsMemory?: string;
}

/** A tenant: one namespace that a person or group owns, isolated from the others. */
export interface TenantProps {
  /** The tenant's namespace, e.g. `peers-alice`. */
  readonly namespace: string;
  /** Who owns it: the value of the `owner` label on its workloads. */
  readonly owner: string;
  /** Resource limits of the namespace. @default - no quota */
  readonly quota?: TenantQuota;
  /**
   * Namespaces whose pods may connect to the tenant's pods, besides its own (the ingress, Knative's
   * activator). Traffic from Cilium's own ingress proxy (the `ingress` entity) is always allowed, so
   * routes keep working. Each is a namespace of the cluster: one it does not declare is an error, as it admits nobody.
   * @default ['ingress'] - on a cluster without Cilium, the namespace of the cluster's ingress controller
   */
  readonly allowIngressFrom?: string[];
  /**
   * OIDC groups (the API server's `groups` claim, e.g. Keycloak groups) that may manage the namespace
   * with the ClusterRole `edit`. Never a group Kubernetes fills by itself (`system:authenticated` holds every
   * ServiceAccount too), which is an error.
   * @default [] — only cluster admins
   */
  readonly oidcGroups?: string[];
  /** Name of the ResourceQuota. @default 'quota' */
  readonly quotaName?: string;
  /** Name of the CiliumNetworkPolicy. @default 'isolate-namespace' */
  readonly networkPolicyName?: string;
}

/** `TenantProps`, for callers the type checker does not see. */
const TENANT_PROPS_SHAPE = {
  namespace: 'namespace', owner: 'string',
  quota: { requestsMemory: 'string', limitsMemory: 'string', pods: 'count', defaultRequestsMemory: 'string', defaultLimitsMemory: 'string' },
  allowIngressFrom: { '[]': 'namespace' }, oidcGroups: 'strings', quotaName: 'objectName', networkPolicyName: 'objectName',
} as const satisfies Record<keyof TenantProps, PropShape>;

/** Memory of the defaults a LimitRange gives, as `Tenant` writes them. */
const DEFAULT_REQUESTS_MEMORY = '128Mi';
const DEFAULT_LIMITS_MEMORY = '256Mi';

/**
 * What the quota's amounts cannot be: a memory amount in another tool's units (`4g`, `8GB`), which the
 * API server refuses on the ResourceQuota or LimitRange; a default request above the default limit, which
 * it refuses on the LimitRange; a default above the namespace's whole quota, which makes the quota refuse
 * every pod that states no memory. Each on the prop the user wrote. Pure.
 */
export function quotaProblems(quota: TenantQuota): PropProblem[] {
  const amounts: Array<[keyof TenantQuota, unknown]> = [
    ['requestsMemory', quota.requestsMemory], ['limitsMemory', quota.limitsMemory],
    ['defaultRequestsMemory', quota.defaultRequestsMemory ?? DEFAULT_REQUESTS_MEMORY], ['defaultLimitsMemory', quota.defaultLimitsMemory ?? DEFAULT_LIMITS_MEMORY],
  ];
  const unreadable = amounts.flatMap(([field, amount]) => {
    const problem = sizeProblem(amount, `quota.${field}`);
    return problem ? [{ field: `quota.${field}`, message: `quota.${field}: ${problem.message}`, hint: problem.hint }] : [];
  });
  if (unreadable.length > 0) {
    return unreadable;
  }
  const problems: PropProblem[] = [];
  const defaultRequest = quota.defaultRequestsMemory ?? DEFAULT_REQUESTS_MEMORY;
  const defaultLimit = quota.defaultLimitsMemory ?? DEFAULT_LIMITS_MEMORY;
  if ((memoryBytes(defaultRequest) ?? 0) > (memoryBytes(defaultLimit) ?? Infinity)) {
    // The LimitRange would give a container a request above its own limit, which the API server refuses.
    const field = quota.defaultRequestsMemory === undefined ? 'quota.defaultLimitsMemory' : 'quota.defaultRequestsMemory';
    problems.push({
      field,
      message: `a container that states no memory would get a request of ${defaultRequest} and a limit of ${defaultLimit}: a request above its limit, which the API server refuses on the LimitRange`,
      hint: `keep quota.defaultRequestsMemory at or below quota.defaultLimitsMemory (${DEFAULT_REQUESTS_MEMORY} and ${DEFAULT_LIMITS_MEMORY} unless given)`,
    });
  }
  if ((memoryBytes(quota.requestsMemory) ?? 0) > (memoryBytes(quota.limitsMemory) ?? Infinity)) {
    // Every container's request is at most its limit, so the namespace's requests never pass its limits:
    // the larger request total would be no bound at all, and the two were most likely swapped.
    problems.push({
      field: 'quota.requestsMemory',
      message: `quota.requestsMemory ${quota.requestsMemory} is above quota.limitsMemory ${quota.limitsMemory}: a container requests at most its limit, so the namespace could never use more than ${quota.limitsMemory} and the request total would bound nothing`,
      hint: `give the requests the smaller amount: requestsMemory: '${quota.limitsMemory}', limitsMemory: '${quota.requestsMemory}'`,
    });
  }
  // The same judgement as for a LimitRange and quota written by hand, on the props that write them here.
  const range = containerLimitsOf({ type: 'Container', default: { memory: defaultLimit }, defaultRequest: { memory: defaultRequest } });
  for (const over of defaultOverruns({ 'requests.memory': quota.requestsMemory, 'limits.memory': quota.limitsMemory }, [range])) {
    const [field, totalField] = over.field === 'default' ? ['quota.defaultLimitsMemory', 'quota.limitsMemory'] : ['quota.defaultRequestsMemory', 'quota.requestsMemory'];
    const total = over.field === 'default' ? quota.limitsMemory : quota.requestsMemory;
    problems.push({
      field,
      message: `a container that states no memory gets ${over.given}, more than the whole namespace's ${totalField} of ${total}, so the quota refuses every such pod`,
      hint: `lower ${field} below ${total}, or raise ${totalField}`,
    });
  }
  return problems;
}

/**
 * What a tenant's namespace, owner and groups cannot be: a namespace Kubernetes keeps for itself, whose pods the
 * tenant's network policy would cut off and whose objects its RoleBindings would hand out; an owner that no
 * label can carry; a group Kubernetes gives by itself (`system:authenticated`), which no issuer's groups claim
 * carries and whose `edit` binding would hand the namespace to everyone the group holds. Pure.
 */
export function tenantProblems(props: TenantProps): PropProblem[] {
  const problems = systemNamespaceProblems('namespace', props.namespace, {
    whose: "the tenant's", kubeSystem: false,
    hint: "give the tenant a namespace of its own, e.g. namespace: 'peers-alice'",
  });
  // An empty label value is valid Kubernetes, but an owner label of no one names no owner.
  const owner = props.owner === '' ? 'it is empty, so it names no one' : nameProblem(props.owner, LABEL_VALUE);
  if (owner !== undefined) {
    problems.push({
      field: 'owner', message: `owner ${JSON.stringify(props.owner)} cannot be the value of the tenant's owner label: ${owner}`,
      hint: `write up to 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit, e.g. owner: '${nameMeant(props.owner, LABEL_VALUE) ?? 'alice'}'`,
    });
  }
  (Array.isArray(props.oidcGroups) ? props.oidcGroups : []).forEach((group, i) => {
    const members = typeof group === 'string' ? systemGroupMembers(group) : undefined;
    if (members !== undefined) {
      problems.push({
        field: `oidcGroups[${i}]`,
        message: `"${group}" is a group Kubernetes fills by itself, with ${members}; no issuer's groups claim carries it, so the tenant's edit RoleBinding on namespace "${props.namespace}" would go to them, not to the tenant's people`,
        hint: `name the group of the tenant's people as the issuer's groups claim carries it, e.g. oidcGroups: ['/peers/${typeof props.owner === 'string' && props.owner !== '' ? props.owner : 'alice'}']`,
      });
    }
  });
  return problems;
}

/**
 * The App that rendered `object`, its workload; undefined for an object written by hand. Asked of the
 * prototype chain: `instanceof` would ask cdk8s' own check, for which every ApiObject is a RenderedObject.
 */
function appOfWorkload(object: ApiObject): IConstruct | undefined {
  return Object.prototype.isPrototypeOf.call(RenderedObject.prototype, object) ? object.node.scope : undefined;
}

/** The Tenants of each cluster, in construct order. */
const TENANTS = new WeakMap<ClusterChart, Tenant[]>();

/** Checks the workloads of each of `tenants` of `cluster`, from one walk of the cluster's workloads. */
function checkTenantWorkloads(cluster: ClusterChart, tenants: readonly Tenant[]): void {
  const byNamespace = new Map<string, WorkloadTemplate[]>();
  for (const template of workloadTemplates(cluster)) {
    const inNamespace = byNamespace.get(template.namespace) ?? [];
    byNamespace.set(template.namespace, inNamespace);
    inNamespace.push(template);
  }
  const owners = new Map(tenants.map((tenant) => [tenant.labels.owner, tenant.namespace]));
  for (const tenant of tenants) {
    tenant.checkWorkloads(cluster, byNamespace.get(tenant.namespace) ?? [], owners);
  }
}

/**
 * A tenant's namespace with a ResourceQuota (and a LimitRange that gives containers stating no memory some), a network policy that admits traffic only from the
 * same namespace and from the ingress (a CiliumNetworkPolicy where Cilium runs, else a Kubernetes
 * NetworkPolicy), and RoleBindings for the tenant's OIDC groups. The quota is
 * checked at synth against what the tenant's own workloads request at their largest scale.
 */
export class Tenant extends Construct {
  /** The namespace. */
  public readonly namespace: string;
  /** Labels every workload of the tenant carries: its owner. */
  public readonly labels: Record<string, string>;
  private readonly owner: string;
  private readonly quota?: TenantQuota;

  constructor(scope: Construct, id: string, props: TenantProps) {
    super(scope, id);
    requireProps(this, 'Tenant', props, TENANT_PROPS_SHAPE, {
      required: [
        ['namespace', "give the tenant's namespace, e.g. namespace: 'peers-alice'"],
        ['owner', "say who owns it, the value of its workloads' owner label, e.g. owner: 'alice'"],
        ['quota.requestsMemory', "give the memory all pods together may request, e.g. requestsMemory: '4Gi'"],
        ['quota.limitsMemory', "give the memory limit of all pods together, e.g. limitsMemory: '8Gi'"],
        ['quota.pods', 'give how many pods may run at once, e.g. pods: 20'],
      ],
    });
    rejectPropProblems(this, 'Tenant', [...tenantProblems(props), ...(props.quota ? quotaProblems(props.quota) : [])]);
    const cluster = ClusterChart.of(this);
    this.namespace = props.namespace;
    this.labels = { owner: props.owner };
    cluster.namespaces.ensure(props.namespace);
    const owner = noteTenantNamespace(cluster, props.namespace, this.node.path);
    if (owner !== undefined) {
      // Its quota, limits, policy and bindings would be a second set of the same objects, each refused as a
      // repeated name: the namespace is one tenant's.
      rejectPropProblems(this, 'Tenant', [{
        field: 'namespace', message: `namespace "${props.namespace}" is the namespace of tenant ${owner} already; a tenant owns a namespace of its own`,
        hint: `give this tenant a namespace of its own, e.g. namespace: '${props.namespace}-${typeof props.owner === 'string' ? props.owner : this.node.id}'; or give the other tenant's oidcGroups this tenant's groups`,
      }]);
    }
    this.owner = props.owner;
    this.quota = props.quota;
    const tenants = TENANTS.get(cluster) ?? [];
    if (tenants.length === 0) {
      TENANTS.set(cluster, tenants);
      // After every other hook, so workloads rendered in hooks count too; one walk of the workloads serves every tenant.
      cluster.onPrepare(() => cluster.onPrepare(() => checkTenantWorkloads(cluster, tenants)));
    }
    tenants.push(this);
    if (props.quota) {
      // Checked against the tenant's props below, which its findings name.
      quotaCheckedByOwner(new ApiObject(this, 'quota', {
        apiVersion: 'v1', kind: 'ResourceQuota',
        metadata: { name: props.quotaName ?? 'quota', namespace: props.namespace },
        spec: { hard: { 'requests.memory': props.quota.requestsMemory, 'limits.memory': props.quota.limitsMemory, pods: String(props.quota.pods) } },
      }));
      // Pods that state no memory get it from here, rather than being refused by the quota.
      new ApiObject(this, 'limit-range', {
        apiVersion: 'v1', kind: 'LimitRange',
        metadata: { name: 'defaults', namespace: props.namespace },
        spec: {
          limits: [{
            type: 'Container',
            defaultRequest: { memory: props.quota.defaultRequestsMemory ?? DEFAULT_REQUESTS_MEMORY },
            default: { memory: props.quota.defaultLimitsMemory ?? DEFAULT_LIMITS_MEMORY },
          }],
        },
      });
    }
    const metadata = { name: props.networkPolicyName ?? 'isolate-namespace', namespace: props.namespace };
    // A namespace of no ingress controller (ingress-nginx's on a Traefik cluster) admits nobody, and the routes to the tenant's apps are cut off.
    (props.allowIngressFrom ?? []).forEach((namespace, i) => noteNamedNamespace(this, `allowIngressFrom[${i}]`, namespace, "the tenant's network policy admits no pod from it"));
    if (cluster.networkPolicy === 'cilium' || cluster.platform.providesKind('cilium.io', 'CiliumNetworkPolicy')) {
      const podNamespace = (namespace: string) => ({ matchLabels: { 'io.kubernetes.pod.namespace': namespace } });
      new ApiObject(this, 'network-policy', {
        apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', metadata,
        spec: {
          endpointSelector: {},
          ingress: [
            { fromEndpoints: [podNamespace(props.namespace)] },
            ...(props.allowIngressFrom ?? ['ingress']).map((namespace) => ({ fromEndpoints: [podNamespace(namespace)] })),
            // Cilium's Gateway proxy runs in the agent; its traffic carries the reserved `ingress` identity.
            { fromEntities: ['ingress'] },
          ],
        },
      });
    } else {
      // Without Cilium the ingress controller is a pod of its own namespace, which the policy names.
      const admitted = props.allowIngressFrom ?? [cluster.routes.ingressPeer.pods?.namespace ?? 'ingress'];
      new ApiObject(this, 'network-policy', {
        apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata,
        spec: {
          ingress: [{ from: [{ podSelector: {} }, ...admitted.map((namespace) => ({ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': namespace } } }))] }],
          podSelector: {},
          policyTypes: ['Ingress'],
        },
      });
    }
    const slugs = new Map<string, string>();
    for (const group of [...(props.oidcGroups ?? [])].sort()) {
      const slug = group.replace(/[^a-z0-9-]/gi, '-').replace(/^-+|-+$/g, '').toLowerCase();
      // The RoleBinding is named after the group; two groups that read alike would share one.
      const twin = slugs.get(slug);
      if (twin !== undefined || slug === '') {
        reportFinding(this, {
          layer: 'props', severity: 'error', field: `oidcGroups[${props.oidcGroups!.indexOf(group)}]`,
          message: twin !== undefined ? `groups "${twin}" and "${group}" would name one RoleBinding, oidc-edit-${slug}` : `group "${group}" has no letter or digit to name its RoleBinding by`,
          hint: 'list each group once, as the OIDC groups claim carries it',
        });
        continue;
      }
      slugs.set(slug, group);
      new ApiObject(this, `edit-${slug}`, {
        apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding',
        metadata: { name: `oidc-edit-${slug}`, namespace: props.namespace },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'edit' },
        subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: group }],
      });
    }
    noteTenantGroups(cluster, props.namespace, props.oidcGroups ?? []);
  }

  /**
   * Reports the tenant's own workloads `mine` that carry another owner's label (`owners` gives each tenant's
   * namespace by its owner), and those that would not fit in its quota.
   */
  public checkWorkloads(cluster: ClusterChart, mine: readonly WorkloadTemplate[], owners: ReadonlyMap<string, string>): void {
    this.checkOwnerLabels(mine, owners);
    if (this.quota) {
      this.checkQuota(this.quota, mine, containerLimitsIn(cluster, this.namespace));
    }
  }

  /**
   * A workload of the tenant's namespace whose pods carry another owner label: what the label names (its
   * costs, its alerts, the tenant a policy selects by it) is charged to someone else, while the pods run
   * under this tenant's quota and policy. One error per workload, on the label as written.
   */
  private checkOwnerLabels(mine: readonly WorkloadTemplate[], owners: ReadonlyMap<string, string>): void {
    const owner = this.owner;
    for (const t of mine) {
      const written = t.labels.owner;
      if (written === undefined || written === owner) {
        continue;
      }
      const app = appOfWorkload(t.object);
      const other = owners.get(written);
      reportFinding(app ?? t.object, {
        layer: 'policy', severity: 'error', field: app ? 'labels.owner' : `${t.path}.metadata.labels.owner`,
        message: `${t.kind} ${t.name} runs in tenant "${this.namespace}", whose owner is "${owner}", but its pods carry owner "${written}"`
          + (other !== undefined ? `, the owner of tenant "${other}"` : '')
          + ': they count against this tenant\'s quota and policy while their owner label names someone else',
        hint: other !== undefined
          ? `label them owner: '${owner}' (the tenant's labels: tenant.labels), or move the workload to namespace '${other}'`
          : `label them owner: '${owner}' (the tenant's labels: tenant.labels)`,
      });
    }
  }

  /** Reports when the tenant's own workloads, at their largest scale, would not fit in its quota. */
  private checkQuota(quota: TenantQuota, mine: readonly WorkloadTemplate[], ranges: ReturnType<typeof containerLimitsIn>): void {
    for (const t of mine.filter((w) => w.unbounded)) {
      // Counted at its lower bound; under load Knative adds pods the quota refuses, which leaves no room for the tenant's other pods.
      const app = appOfWorkload(t.object);
      reportFinding(app ?? t.object, {
        layer: 'policy', severity: 'warning', field: app ? 'controller.props.maxScale' : `${t.path}.metadata.annotations["autoscaling.knative.dev/max-scale"]`,
        message: `Knative Service ${t.name} has no maxScale, so Knative scales it without bound; tenant "${this.namespace}"'s quota counts it as ${t.maxPods} pod${t.maxPods === 1 ? '' : 's'} and refuses the pods it adds under load, crowding out the tenant's other workloads`,
        hint: app
          ? 'bound it within the quota: controller: AppController.knative({ maxScale: <pods> })'
          : 'bound it within the quota: annotate its template autoscaling.knative.dev/max-scale: "<pods>"',
      });
    }
    const hard = { 'requests.memory': quota.requestsMemory, 'limits.memory': quota.limitsMemory, 'pods': quota.pods };
    const props: Record<string, [string, string]> = {
      'requests.memory': ['quota.requestsMemory', quota.requestsMemory],
      'limits.memory': ['quota.limitsMemory', quota.limitsMemory],
      'pods': ['quota.pods', String(quota.pods)],
    };
    // Containers that state no memory are charged the defaults of the namespace's LimitRanges, the tenant's own among them.
    for (const overrun of quotaOverruns(mine, hard, ranges)) {
      const [field, written] = props[overrun.amount];
      reportFinding(this, {
        layer: 'policy', severity: 'error', field,
        message: `tenant "${this.namespace}" allows ${written}, but its own workloads need ${overrun.needed} at their largest scale (${overrun.workloads})`,
        hint: 'lower the workloads\' requests, limits, replicas, max-scale or Job parallelism, or raise the tenant\'s quota (a rollout that may take no pod down first adds its maxSurge pods)',
      });
    }
  }
}
