import { ApiObject, ApiObjectProps } from 'cdk8s';
import { SecretReference } from '../secrets/secret-reference';
import { reportFinding } from '../validation/finding';
import { InputError } from '../validation/input-error';
import type { ClusterChart } from './cluster-chart';
import { componentReadsSecret } from './component-secrets';
import { TAILSCALE_NAMESPACE, TAILSCALE_PROXY_CLASS, tailscaleOperatorComponent, TailscaleOAuth, tailscaleProxyClass } from './components/tailscale-operator';
import type { LoadBalancerFlavor, LoadBalancerRequest, LoadBalancerSettings } from './load-balancer';
import { checkedChoice } from '../validation/choice-props';
import type { PropProblem, PropRules, PropShape } from '../validation/known-props';
import { SECRET_REFERENCE } from '../validation/service-props-shapes';
import { leaveOwnerAction } from '../synth/owner-action';
import { TAILSCALE_HOSTNAME_ANNOTATION, tailnetNameProblem, tailnetNameSuggestion } from '../validation/tailnet-names';

/** Options of the Tailscale load-balancer flavor. */
export interface TailscaleLoadBalancerProps {
  /** ACL tags the operator gives each exposed Service's tailnet node, e.g. `tag:k8s`. @default - the operator's default tags */
  readonly tags?: string[];
  /**
   * The operator's OAuth client: two keys of one Secret in namespace `tailscale`.
   * @default - keys `client_id` and `client_secret` of Secret `operator-oauth`, made outside the repository
   */
  readonly oauth?: TailscaleOAuth;
}

/**
 * LoadBalancer Services become machines of the tailnet through the Tailscale Kubernetes operator
 * (`loadBalancerClass: tailscale`): reachable by MagicDNS name from every device of the tailnet and
 * from nowhere else, with no address pool to manage.
 */
export class TailscaleLoadBalancer implements LoadBalancerFlavor {
  public readonly name = 'tailscale';
  public readonly requiresAddress = false;
  /** A Service's `hostname` becomes its name on the tailnet. */
  public readonly namesServices = true;
  // The operator starts no proxy while its default ProxyClass, an object of the config layer, is missing.
  public readonly addressFromConfigLayer = true;
  /** How many LoadBalancer Services of the library's constructs go through the operator, each with a proxy. */
  private servedServices = 0;

  constructor(private readonly props: TailscaleLoadBalancerProps = {}) {}

  /** Installs the Tailscale operator with the OAuth client. */
  public bind(cluster: ClusterChart): void {
    const oauth = this.props.oauth ?? {
      clientId: SecretReference.external(TAILSCALE_NAMESPACE, 'operator-oauth', 'client_id'),
      clientSecret: SecretReference.external(TAILSCALE_NAMESPACE, 'operator-oauth', 'client_secret'),
    };
    for (const problem of oauthSecretProblems(oauth)) {
      reportFinding(cluster, {
        layer: 'references', severity: 'error', field: `loadBalancer.${problem.field}`,
        message: problem.message, hint: `keep client ID and secret in one Secret of namespace ${TAILSCALE_NAMESPACE}`,
      });
    }
    const operator = cluster.platform.require(tailscaleOperatorComponent(oauth, TAILSCALE_PROXY_CLASS, cluster.componentResources.tailscaleOperator));
    // The operator joins the tailnet under tags the tailnet's policy must let it own.
    const tags = [...new Set(['tag:k8s-operator', ...(this.props.tags ?? ['tag:k8s'])])];
    // Left before the step that stores the OAuth client, which comes before the first sync: the operator's
    // pod, which the later layers wait for, reads it.
    leaveOwnerAction(cluster, {
      kind: 'bootstrap',
      beforeFirstSync: true,
      action: `in the tailnet's policy, let tag:k8s-operator own ${tags.filter((t) => t !== 'tag:k8s-operator').join(', ')} (tagOwners), and make the operator's OAuth client `
        + 'with the Devices Core and Auth Keys write scopes and the tag tag:k8s-operator',
    });
    componentReadsSecret(cluster, operator, 'the Tailscale operator', [oauth.clientId, oauth.clientSecret]);
    // Its kind comes with the operator's CRDs, so the class is applied with the config layer.
    new ApiObject(cluster.platform.configScope('tailscale-proxies'), 'proxy-class', tailscaleProxyClass(cluster.componentResources.tailscaleOperator) as unknown as ApiObjectProps);
  }

  public serviceSettings(request: LoadBalancerRequest): LoadBalancerSettings {
    const asked = request.address ?? request.ipv6Address;
    if (asked) {
      // The operator gives the Service a tailnet address of its own; an address asked for would be dropped.
      throw new InputError(
        `the Tailscale operator gives LoadBalancer ${request.serviceName} an address of the tailnet, so address ${asked.address} would be ignored`,
        asked === request.address ? 'address' : 'ipv6Address', 'drop the address and reach the Service by its MagicDNS name, or give the cluster a load balancer that serves the address\'s pool (metalLb)',
      );
    }
    const hostname = request.hostname ?? request.serviceName;
    const problem = tailnetNameProblem(hostname);
    if (problem) {
      // The operator refuses the Service (an event, no machine), so nothing would answer on the tailnet.
      throw new InputError(`the tailnet machine name ${problem}; the Tailscale operator would refuse the Service`, 'hostname',
        `name the machine with one label, e.g. hostname: '${tailnetNameSuggestion(hostname)}'; MagicDNS then serves it as ${tailnetNameSuggestion(hostname)}.<tailnet>.ts.net`);
    }
    const annotations: Record<string, string> = { [TAILSCALE_HOSTNAME_ANNOTATION]: hostname };
    if (this.props.tags && this.props.tags.length > 0) {
      annotations['tailscale.com/tags'] = this.props.tags.join(',');
    }
    this.servedServices += 1;
    return { annotations, loadBalancerClass: 'tailscale' };
  }

  /** The proxies' size, when no Service goes through the operator: neither one of this library's nor one written by hand. */
  public idleParts(cluster: ClusterChart): readonly string[] {
    return this.servedServices > 0 || handWrittenTailscaleService(cluster) ? [] : ['tailscaleOperator.proxy'];
  }
}

/** Whether an object of `cluster` written by hand is a LoadBalancer Service of class `tailscale`. */
function handWrittenTailscaleService(cluster: ClusterChart): boolean {
  return cluster.node.findAll().some((child) => {
    if (!(child instanceof ApiObject) || child.kind !== 'Service') {
      return false;
    }
    try {
      return child.toJson()?.spec?.loadBalancerClass === 'tailscale';
    } catch {
      return true; // a Service that does not render is reported as such; no second finding about it
    }
  });
}

/** The options of `tailscaleLoadBalancer()`, for callers the type checker does not see. */
const TAILSCALE_LOAD_BALANCER_PROPS_SHAPE = {
  tags: 'strings', oauth: { clientId: SECRET_REFERENCE, clientSecret: SECRET_REFERENCE } satisfies Record<keyof TailscaleOAuth, PropShape>,
} as const satisfies Record<keyof TailscaleLoadBalancerProps, PropShape>;
const TAILSCALE_LOAD_BALANCER_RULES: PropRules = {
  required: [
    ['oauth.clientId', "pass the OAuth client's ID as a SecretReference, e.g. SecretReference.external('tailscale', 'operator-oauth', 'client_id')"],
    ['oauth.clientSecret', "pass the OAuth client's secret as a SecretReference, e.g. SecretReference.external('tailscale', 'operator-oauth', 'client_secret')"],
  ],
};

/**
 * Tags that are no ACL tags: the operator refuses to expose a Service under them, and the owner step
 * would write them into the tailnet policy's tagOwners, which Tailscale rejects.
 */
function tagProblems(tags: unknown): PropProblem[] {
  return (Array.isArray(tags) ? tags : []).flatMap((tag, i) => (typeof tag !== 'string' || /^tag:[A-Za-z0-9-]+$/.test(tag) ? [] : [{
    field: `tags[${i}]`, message: `"${tag}" is not a Tailscale ACL tag, which the operator refuses`,
    hint: `write it as tag:<name>, e.g. '${/^[A-Za-z0-9-]+$/.test(tag) ? `tag:${tag}` : 'tag:k8s'}'`,
  }]));
}

/** Load balancers as tailnet machines, through the Tailscale operator. */
export function tailscaleLoadBalancer(props: TailscaleLoadBalancerProps = {}): TailscaleLoadBalancer {
  return checkedChoice(new TailscaleLoadBalancer(props), 'tailscaleLoadBalancer()', props, TAILSCALE_LOAD_BALANCER_PROPS_SHAPE, TAILSCALE_LOAD_BALANCER_RULES,
    tagProblems(props?.tags));
}

/**
 * What is wrong with where the OAuth client's two keys live: the operator mounts one Secret of namespace
 * `tailscale`. Both keys in one Secret of another namespace are one mistake, reported once on `oauth`;
 * a client secret in another Secret than the ID is reported on `oauth.clientSecret`. Pure.
 */
export function oauthSecretProblems(oauth: TailscaleOAuth): Array<{ field: string; message: string }> {
  const where = (ref: SecretReference) => `${ref.namespace}/${ref.secretName}`;
  const mounts = `the operator mounts one Secret of namespace "${TAILSCALE_NAMESPACE}"`;
  const oneSecret = where(oauth.clientId) === where(oauth.clientSecret);
  const elsewhere = oauth.clientId.namespace !== TAILSCALE_NAMESPACE;
  if (oneSecret) {
    return elsewhere ? [{ field: 'oauth', message: `${mounts}; clientId and clientSecret name ${where(oauth.clientId)}` }] : [];
  }
  return [
    ...(elsewhere ? [{ field: 'oauth.clientId', message: `${mounts}; clientId names ${where(oauth.clientId)}` }] : []),
    { field: 'oauth.clientSecret', message: `${mounts}, the one clientId names (${where(oauth.clientId)}); clientSecret names ${where(oauth.clientSecret)}` },
  ];
}
