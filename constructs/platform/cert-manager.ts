import { ApiObject, Lazy } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { ISecretSource, SecretReference } from '../secrets/secret-reference';
import { reportFinding } from '../validation/finding';
import { ClusterChart } from './cluster-chart';
import { GatewayApiRoutes } from './gateway-api';
import { KNATIVE_CLUSTER_LOCAL_LABELS, knativeServiceHost } from './knative';
import type { PlatformComponentProps } from './component';
import {
  CERT_MANAGER_NAMESPACE, certManagerComponent, CertManagerComponentOptions,
} from './components/cert-manager';
import { REPLICATE_TO_ANNOTATION, secretReplicatorComponent } from './components/secret-replicator';
import type { PlatformComponent } from './platform';
import { apiObjectsOf } from './triggers';
import { leaveExternalSecretSteps } from './component-secrets';
import { manifestOf } from '../interop/api-object-json';
import type { Manifest } from '../synth/collect';
import { isRouteHostKind, routeHosts } from '../validation/route-hosts';
import { claimedHostNames } from './route-claims';
import { type PropProblem, type PropShape, rejectPropProblems, requireProps } from '../validation/known-props';
import { describeValue } from '../inventory/problems';
import { hiddenInMessages, hiddenValueText } from '../validation/secret-values';
import { declareControllerMade } from '../validation/external';
import { acmeIssuerProblems, certificateDomainProblems, dnsZoneProblems, http01IngressProblems, issuerNameServerProblems, useCertManagerProblems } from './cert-manager-props';
import { noteRenderedFor } from '../validation/rendered-for';
import { markFinished } from '../validation/finished';
import { enableGatewayShimWhereAsked } from './cert-manager-gateways';

/** Let's Encrypt's production ACME directory. */
export const LETSENCRYPT_PRODUCTION = 'https://acme-v02.api.letsencrypt.org/directory';

/** Let's Encrypt's staging ACME directory: untrusted certificates, generous rate limits. */
export const LETSENCRYPT_STAGING = 'https://acme-staging-v02.api.letsencrypt.org/directory';

/** One way an ACME issuer proves control of a name. Create one with {@link cloudflareDns01} or {@link http01Ingress}. */
export interface AcmeSolver {
  /** The solver entry of `spec.acme.solvers`. */
  readonly solver: Record<string, unknown>;
  /** Secrets the solver reads; they must live in cert-manager's namespace. @default [] */
  readonly secrets?: readonly SecretReference[];
  /**
   * Problems of the options the solver was made from, with fields relative to them (`apiToken`): the
   * issuer reports them under the solver (`solvers[0].apiToken`).
   * @default [] - none
   */
  readonly problems?: readonly PropProblem[];
}

/** Options of the Cloudflare DNS-01 solver. */
export interface CloudflareDns01Props {
  /**
   * The API token, a key of a Secret in cert-manager's namespace. It needs Zone:DNS:Edit on the zones to write
   * the challenge records, and Zone:Zone:Read to find each zone's id by its name.
   */
  readonly apiToken: SecretReference;
  /** DNS zones this solver answers for; other names go to other solvers. @default - every name */
  readonly dnsZones?: readonly string[];
}

/** ACME DNS-01 through Cloudflare's API, with a scoped API token. Wildcard names need DNS-01. */
export function cloudflareDns01(props: CloudflareDns01Props): AcmeSolver {
  const token = props?.apiToken;
  if (!(token instanceof SecretReference)) {
    return {
      solver: {},
      problems: [{
        // A token written out is not printed again, where CI logs would keep it.
        field: 'apiToken', message: `cloudflareDns01() was given ${hiddenInMessages('apiToken', token) ? hiddenValueText(token) : describeValue(token)} as apiToken, not a key of a Secret`,
        hint: "pass the key of the Secret that holds a Cloudflare API token with Zone:DNS:Edit and Zone:Zone:Read, e.g. cloudflareDns01({ apiToken: sealed.key('api-token') })",
      }],
    };
  }
  return {
    solver: {
      ...(props.dnsZones ? { selector: { dnsZones: [...props.dnsZones] } } : {}),
      dns01: { cloudflare: { apiTokenSecretRef: { name: token.secretName, key: token.key } } },
    },
    secrets: [token],
    problems: dnsZoneProblems(props.dnsZones),
  };
}

/** ACME HTTP-01 answered through an Ingress of the given class; no wildcard names. */
export function http01Ingress(ingressClassName: string): AcmeSolver {
  return { solver: { http01: { ingress: { ingressClassName } } }, problems: http01IngressProblems(ingressClassName) };
}

/**
 * What a ClusterIssuer issues from: ACME, a CA, or anything cert-manager or an external issuer supports.
 * Create one with {@link acmeIssuer}, or implement it for another kind (step-ca's ACME server, a CA key pair).
 */
export interface IssuerSource {
  /** `spec` of the ClusterIssuer, e.g. `{ acme: {...} }` or `{ ca: { secretName } }`. */
  readonly spec: Record<string, unknown>;
  /** Secrets the issuer reads; they must live in cert-manager's namespace. @default [] */
  readonly secrets?: readonly SecretReference[];
  /** Components it needs besides cert-manager (an external issuer's controller). @default [] */
  readonly components?: readonly PlatformComponentProps[];
  /**
   * Problems of the options the source was made from, with fields relative to them (`server`): the
   * ClusterIssuer reports them on `issuer.<field>` and is not built, since cert-manager would take the
   * issuer and never issue from it.
   * @default [] - none
   */
  readonly problems?: readonly PropProblem[];
}

/** Options of an ACME issuer. */
export interface AcmeIssuerProps {
  /** ACME directory URL, e.g. {@link LETSENCRYPT_PRODUCTION}. */
  readonly server: string;
  /** Contact e-mail of the ACME account, which the server keeps with it (Let's Encrypt mails no expiry notices since June 2025). */
  readonly email: string;
  /** Ways to prove control of names; at least one. */
  readonly solvers: readonly AcmeSolver[];
  /** Secret that holds the ACME account key. @default - `<issuer name>-account-key` */
  readonly accountKeySecretName?: string;
  /** PEM bundle of the CA that signs the ACME server's TLS certificate (a private ACME server such as step-ca). @default - the system roots */
  readonly caBundle?: string;
}

/** An ACME issuer (Let's Encrypt, step-ca, …). */
export function acmeIssuer(given: AcmeIssuerProps): (issuerName: string) => IssuerSource {
  const props = given ?? ({} as AcmeIssuerProps);
  const solvers = Array.isArray(props.solvers) ? props.solvers : [];
  // Checked here, beside the options; the ClusterIssuer names them as the user wrote them (issuer.server).
  const problems = [
    ...acmeIssuerProblems(props),
    ...solvers.flatMap((solver, i) => (solver?.problems ?? []).map((problem: PropProblem) => ({ ...problem, field: `solvers[${i}].${problem.field}` }))),
  ];
  return (issuerName) => ({
    spec: {
      acme: {
        server: props.server,
        email: props.email,
        privateKeySecretRef: { name: props.accountKeySecretName ?? `${issuerName}-account-key` },
        ...(props.caBundle ? { caBundle: Buffer.from(props.caBundle).toString('base64') } : {}),
        solvers: solvers.map((s) => s.solver),
      },
    },
    secrets: solvers.flatMap((s) => s.secrets ?? []),
    problems,
  });
}

/** Options of a CA issuer. */
export interface CaIssuerProps {
  /**
   * The CA's certificate and private key: a Secret in cert-manager's namespace with keys `tls.crt` and
   * `tls.key`, made by a SopsSecret or SealedSecret of this repository, or a reference to one made
   * outside it (`SecretReference.external('cert-manager', 'lab-root-ca', 'tls.key')`).
   */
  readonly keyPair: ISecretSource | SecretReference;
}

/** An issuer that signs with a CA of your own (a lab's root or intermediate CA), whose key pair is in a Secret. */
export function caIssuer(props: CaIssuerProps): IssuerSource {
  const pair = props?.keyPair;
  if (!(pair instanceof SecretReference) && typeof (pair as ISecretSource | undefined)?.key !== 'function') {
    return {
      spec: { ca: {} },
      problems: [{
        field: 'keyPair', message: `caIssuer() was given ${describeValue(pair)} as keyPair, not the Secret of a CA`,
        hint: "pass the SopsSecret or SealedSecret that holds tls.crt and tls.key, or SecretReference.external('cert-manager', '…', 'tls.key') for one made by hand",
      }],
    };
  }
  const secrets = typeof (pair as ISecretSource).key === 'function'
    ? [(pair as ISecretSource).key('tls.crt'), (pair as ISecretSource).key('tls.key')]
    : CA_KEYS.map((key) => new SecretReference(pair.namespace, pair.secretName, key, (pair as SecretReference).origin));
  return { spec: { ca: { secretName: pair.secretName } }, secrets };
}

/** The keys a CA issuer reads of its Secret. */
const CA_KEYS = ['tls.crt', 'tls.key'];

/** The Secret a ClusterIssuer's spec names that its source does not declare, if any: cert-manager would wait for it forever. */
function undeclaredCaSecret(source: IssuerSource): string | undefined {
  const ca = source.spec.ca;
  const secretName = typeof ca === 'object' && ca !== null ? (ca as { secretName?: unknown }).secretName : undefined;
  return typeof secretName === 'string' && !(source.secrets ?? []).some((secret) => secret.secretName === secretName) ? secretName : undefined;
}

/** Options of a ClusterIssuer. */
export interface ClusterIssuerProps {
  /** Object name, e.g. `letsencrypt-production`; certificates and routes name the issuer by it. */
  readonly name: string;
  /** What it issues from: `acmeIssuer({...})`, or an {@link IssuerSource} (or a function of the issuer name returning one). */
  readonly issuer: IssuerSource | ((issuerName: string) => IssuerSource);
}

/** `ClusterIssuerProps`, for callers the type checker does not see. */
const CLUSTER_ISSUER_PROPS_SHAPE = { name: 'objectName', issuer: 'any' } as const satisfies Record<keyof ClusterIssuerProps, PropShape>;

/**
 * The problems of what a ClusterIssuer issues from, on `issuer`: no IssuerSource at all (a cert-manager
 * spec written out, which the factories make), or the problems of the options it was made from. Pure.
 */
function issuerSourceProblems(source: unknown): PropProblem[] {
  const spec = (source as IssuerSource | null)?.spec;
  if (typeof source !== 'object' || source === null || typeof spec !== 'object' || spec === null) {
    return [{
      field: 'issuer', message: `issuer is ${describeValue(source)}, not what an issuer factory returns`,
      hint: 'make it with acmeIssuer({ server, email, solvers }) or caIssuer({ keyPair }); they write the ClusterIssuer spec (acme, ca) themselves',
    }];
  }
  return ((source as IssuerSource).problems ?? []).map((p) => ({ ...p, field: `issuer.${p.field}` }));
}

/** cert-manager of a cluster: its issuers and certificates, and the component behind them. */
class CertManagerState {
  public readonly issuers = new Map<string, ClusterIssuer>();
  /** Wildcard certificates of the cluster, in the order they were made. */
  public readonly certificates: WildcardCertificate[] = [];
  constructor(public readonly component: PlatformComponent) {}
}

const STATE = new WeakMap<ClusterChart, CertManagerState>();

/**
 * Makes sure cert-manager is installed on the cluster of `scope` and returns its component. Options given
 * here (DNS-01 name servers) are merged into the release; its sizes are the cluster's
 * (`componentResources.certManager`), and `resources` given here are refused.
 */
export function useCertManager(scope: IConstruct, options: CertManagerComponentOptions = {}): PlatformComponent {
  rejectPropProblems(scope, 'useCertManager()', useCertManagerProblems(options));
  const cluster = ClusterChart.of(scope);
  let state = STATE.get(cluster);
  if (!state) {
    state = new CertManagerState(cluster.platform.require(certManagerComponent({ resources: cluster.componentResources.certManager })));
    STATE.set(cluster, state);
    enableGatewayShimWhereAsked(cluster, state.component);
  }
  const extra = certManagerComponent(options).install;
  if (options.dns01RecursiveNameservers && extra.type === 'helm') {
    state.component.addValues({ extraArgs: extra.values.extraArgs });
  }
  return state.component;
}

/**
 * The first wildcard certificate of the cluster that covers `hostname`, for route flavors that serve a
 * route with the certificate made for its name; read once the tree is built (a certificate may be made
 * after the routes it covers).
 */
export function wildcardCertificateFor(cluster: ClusterChart, hostname: string): WildcardCertificate | undefined {
  return STATE.get(cluster)?.certificates.find((certificate) => certificate.covers(hostname));
}

/** The wildcard certificates of the cluster, in the order they were made. */
export function wildcardCertificates(cluster: ClusterChart): readonly WildcardCertificate[] {
  return STATE.get(cluster)?.certificates ?? [];
}

/**
 * The wildcard certificate of the cluster whose domain `hostname` lies under by more than one label, which
 * `*.<domain>` does not cover (a wildcard stands for one label), for a route flavor that reports the host
 * it then serves without it; the certificate counts the host as reported.
 */
export function wildcardCertificateMissing(cluster: ClusterChart, hostname: string): WildcardCertificate | undefined {
  const certificate = STATE.get(cluster)?.certificates.find((c) => c.liesTooDeep(hostname));
  certificate?.countMissed(hostname);
  return certificate;
}

/**
 * A cert-manager ClusterIssuer in the cluster's `config` layer (after cert-manager's CRDs). Adding one
 * installs cert-manager. Its Secrets must be in cert-manager's namespace, where cluster issuers read them.
 */
export class ClusterIssuer extends Construct {
  /** Issuer name. */
  public readonly issuerName: string;

  constructor(scope: Construct, id: string, props: ClusterIssuerProps) {
    super(scope, id);
    requireProps(this, 'ClusterIssuer', props, CLUSTER_ISSUER_PROPS_SHAPE, {
      required: [
        ['name', "give the issuer's object name, e.g. name: 'letsencrypt'"],
        ['issuer', 'give what it issues from: issuer: acmeIssuer({ server, email, solvers }) or caIssuer({ keyPair })'],
      ],
      // cert-manager's own names for what an issuer issues from (spec.acme, spec.ca), or the whole spec.
      foreign: ['acme', 'ca', 'spec', 'source', 'selfSigned', 'vault'].map((prop) => [prop,
        `ClusterIssuer takes what it issues from as issuer: issuer: acmeIssuer({ server, email, solvers }) or caIssuer({ keyPair })`, 'issuer'] as const),
    });
    const cluster = ClusterChart.of(this);
    const source = typeof props.issuer === 'function' ? props.issuer(props.name) : props.issuer;
    // The server is read only from what an issuer factory made: anything else is one error, on issuer.
    const sourceProblems = issuerSourceProblems(source);
    rejectPropProblems(this, 'ClusterIssuer', sourceProblems.length > 0 ? sourceProblems
      : issuerNameServerProblems(props.name, (source.spec as { acme?: { server?: unknown } }).acme?.server));
    useCertManager(this);
    const state = STATE.get(cluster)!;
    this.issuerName = props.name;
    if (state.issuers.has(props.name)) {
      reportFinding(this, {
        layer: 'references', severity: 'error', field: 'name',
        message: `ClusterIssuer "${props.name}" is defined twice`, hint: 'give each issuer its own name',
      });
      return; // its object would be a second one of that name: one mistake, one error
    }
    state.issuers.set(props.name, this);
    // A Secret read for several keys (a CA key pair's tls.crt and tls.key) is one Secret in the wrong place.
    const elsewhere = new Map((source.secrets ?? []).filter((secret) => secret.namespace !== CERT_MANAGER_NAMESPACE)
      .map((secret) => [`${secret.namespace}/${secret.secretName}`, secret]));
    for (const secret of elsewhere.values()) {
      reportFinding(this, {
        layer: 'references', severity: 'error', field: 'issuer.secrets',
        message: `Secret ${secret.namespace}/${secret.secretName} is not in namespace ${CERT_MANAGER_NAMESPACE}, where a ClusterIssuer reads its Secrets`,
        hint: `create the Secret in namespace ${CERT_MANAGER_NAMESPACE}`,
      });
    }
    const undeclared = undeclaredCaSecret(source);
    if (undeclared !== undefined) {
      reportFinding(this, {
        layer: 'references', severity: 'error', field: 'issuer.spec.ca.secretName',
        message: `the CA issuer signs with Secret ${CERT_MANAGER_NAMESPACE}/${undeclared}, which nothing in the repository makes or declares`,
        hint: "use caIssuer({ keyPair: … }) with the SopsSecret or SealedSecret that holds tls.crt and tls.key, or SecretReference.external('cert-manager', '…', 'tls.key') for one made by hand",
      });
    }
    // cert-manager starts without them, so its install still waits for its workloads.
    leaveExternalSecretSteps(this, `ClusterIssuer ${props.name}`, source.secrets ?? []);
    for (const component of source.components ?? []) {
      cluster.platform.require(component);
    }
    const issuer = new ApiObject(cluster.platform.configScope('cert-manager'), `issuer-${props.name}`, {
      apiVersion: 'cert-manager.io/v1', kind: 'ClusterIssuer',
      metadata: { name: props.name },
      spec: source.spec,
    });
    noteRenderedFor(issuer, this, 'issuer');
    // An error raised after this is the code of the chart that goes on, not this issuer's.
    markFinished(this);
  }
}

/** Name of a wildcard certificate of `domain` and of the Secret it fills, unless it is given one: `wildcard-<domain with dots as dashes>-tls`. */
export function wildcardCertificateName(domain: string): string {
  return `wildcard-${domain.replace(/\./g, '-')}-tls`;
}

/** Options of a wildcard certificate. */
export interface WildcardCertificateProps {
  /**
   * Domain: the certificate covers `*.<domain>` and `<domain>`. A DNS name as written in a host name,
   * without `*.` (added here), scheme, port or path.
   * @default - the cluster's domain
   */
  readonly domain?: string;
  /** Name of the ClusterIssuer that signs it; it must be defined in the cluster. */
  readonly issuer: string;
  /** Name of the Certificate and of the Secret it fills. @default - `wildcard-<domain with dots as dashes>-tls` */
  readonly secretName?: string;
  /** Namespace of the Certificate and its Secret. @default 'cert-manager' */
  readonly namespace?: string;
  /**
   * Copy the Secret into the namespaces that use it, with kubernetes-replicator (installed in namespace
   * `secret-replicator` when a namespace other than the certificate's own reads the Secret).
   * @default true
   */
  readonly replicate?: boolean;
  /**
   * Cover the host names the cluster's routes serve under the domain, one by one, instead of `*.<domain>`:
   * for an ACME issuer that solves HTTP-01 only, since ACME issues a wildcard name through DNS-01 alone.
   * The names are read once every app has rendered its routes.
   * @default false
   */
  readonly perHostNames?: boolean;
}

/** `WildcardCertificateProps`, for callers the type checker does not see (`replicate: 'false'` would copy the Secret). */
const WILDCARD_CERTIFICATE_PROPS_SHAPE = {
  domain: 'string', issuer: 'objectName', secretName: 'objectName', namespace: 'namespace', replicate: 'boolean', perHostNames: 'boolean',
} as const satisfies Record<keyof WildcardCertificateProps, PropShape>;

/**
 * A cert-manager Certificate for `*.<domain>` and `<domain>` (or each routed host name, see
 * {@link WildcardCertificateProps.perHostNames}), in the layer of its scope: the `apps` layer for a chart's
 * own constructs, so that a certificate still waiting for its issuer holds back no app. Namespaces that use
 * its Secret ({@link useIn}) get a copy through kubernetes-replicator: cert-manager stamps the
 * `replicate-to` annotation onto the Secret through the Certificate's `secretTemplate`. Under Traefik, every
 * route whose host the certificate covers serves it (`tls.secretName` of the copy in the route's namespace);
 * under the Gateway API flavor, make it in the Gateway's namespace with the Secret name its listener reads.
 */
export class WildcardCertificate extends Construct {
  /** Name of the Secret holding the key pair. */
  public readonly secretName: string;
  /** Namespace of the Certificate and the source Secret. */
  public readonly namespace: string;
  /** Issuer name. */
  public readonly issuer: string;
  private readonly users = new Set<string>();
  /** Routed hosts under the domain that the wildcard does not reach, each reported on its route. */
  private readonly missedHosts = new Set<string>();
  private names: readonly string[];
  private readonly domain: string;
  private readonly perHostNames: boolean;
  private readonly replicate: boolean;
  private readonly domainGiven: boolean;
  /** Whether every route has named the namespace it reads the Secret in. */
  private readersKnown = false;

  /** Routed hosts under the domain that the wildcard does not reach, each reported on its route. */
  public get missed(): ReadonlySet<string> {
    return this.missedHosts;
  }

  constructor(scope: Construct, id: string, props: WildcardCertificateProps) {
    super(scope, id);
    const cluster = ClusterChart.of(this);
    const issuerGiven = (props as { issuer?: unknown } | undefined)?.issuer;
    rejectPropProblems(this, 'WildcardCertificate', issuerGiven instanceof ClusterIssuer ? [{
      field: 'issuer', message: `issuer is the ClusterIssuer construct ${issuerGiven.node.path}, where the certificate takes the issuer's name`,
      hint: `write issuer: '${issuerGiven.issuerName}' (or issuer: myIssuer.issuerName)`,
    }] : []);
    requireProps(this, 'WildcardCertificate', props, WILDCARD_CERTIFICATE_PROPS_SHAPE, {
      required: [['issuer', "name the ClusterIssuer that signs it, e.g. issuer: 'letsencrypt'"]],
      // cert-manager's own Certificate fields, which this construct derives.
      foreign: [
        ['dnsNames', 'the certificate covers *.<domain> and <domain>: set domain, or perHostNames: true to cover each host name the routes serve under it', 'domain'],
        ['commonName', 'the certificate covers *.<domain> and <domain>: set domain', 'domain'],
      ],
    });
    if (props.domain !== undefined) {
      rejectPropProblems(this, 'WildcardCertificate', certificateDomainProblems(props.domain));
    }
    useCertManager(this);
    const domain = props.domain ?? cluster.domain;
    this.namespace = props.namespace ?? CERT_MANAGER_NAMESPACE;
    this.secretName = props.secretName ?? wildcardCertificateName(domain);
    // A second certificate of one Secret is one mistake, reported on the prop that named the Secret.
    const same = STATE.get(cluster)!.certificates.find((c) => c.namespace === this.namespace && c.secretName === this.secretName);
    rejectPropProblems(this, 'WildcardCertificate', same === undefined ? [] : [{
      field: props.secretName !== undefined ? 'secretName' : 'domain',
      message: `${same.node.path} makes the certificate of Secret ${this.namespace}/${this.secretName} already${props.secretName !== undefined ? '' : ` (for ${domain})`}`,
      hint: 'keep one WildcardCertificate for each domain, or give this one its own secretName',
    }]);
    STATE.get(cluster)!.certificates.push(this);
    this.domain = domain;
    this.domainGiven = props.domain !== undefined;
    this.perHostNames = props.perHostNames ?? false;
    this.names = this.perHostNames ? [] : [`*.${domain}`, domain];
    this.issuer = props.issuer;
    const replicate = props.replicate ?? true;
    this.replicate = replicate;
    cluster.namespaces.ensure(this.namespace);
    // Routes may be rendered as late as synth, so the copies' namespaces are read when the object renders.
    const secretTemplate = Lazy.any({
      produce: () => {
        const targets = this.usedIn.filter((ns) => ns !== this.namespace);
        return replicate && targets.length > 0 ? { annotations: { [REPLICATE_TO_ANNOTATION]: targets.join(',') } } : undefined;
      },
    });
    const render = () => {
      const certificate = new ApiObject(this, `certificate-${this.secretName}`, {
        apiVersion: 'cert-manager.io/v1', kind: 'Certificate',
        metadata: { name: this.secretName, namespace: this.namespace },
        spec: {
          secretName: this.secretName,
          dnsNames: [...this.names],
          issuerRef: { group: 'cert-manager.io', kind: 'ClusterIssuer', name: props.issuer },
          privateKey: { algorithm: 'ECDSA', size: 256, rotationPolicy: 'Always' },
          secretTemplate,
        },
      });
      // An issuer the cluster lacks is reported on the construct's prop, not on the rendered issuerRef
      // (checkProvidedIssuers).
      noteRenderedFor(certificate, this, 'issuer');
    };
    if (this.perHostNames) {
      cluster.onPlatformPrepare(() => {
        this.names = routedHostNamesUnder(cluster, domain);
        if (this.names.length === 0) {
          reportFinding(this, {
            layer: 'references', severity: 'error', field: 'perHostNames',
            message: `no route of cluster "${cluster.clusterName}" serves a host name under ${domain}, so the certificate would cover nothing`,
            hint: 'route an app under the domain, or drop the certificate',
          });
        }
        render();
      });
    } else {
      render();
    }
    // Routes read the Secret from the cluster's prepare hooks; platform hooks run once they all have.
    cluster.onPlatformPrepare(() => {
      this.readersKnown = true;
      this.requireReplicatorFor(this.usedIn);
      this.reportUnreplicatedReaders();
      // Every route is rendered by now: the hosts the cluster serves are read once for both reports.
      const routed = routedHostNames(cluster);
      this.reportTooDeepForGateway(cluster, routed);
      this.reportUnused(cluster, routed);
    });
    // An error raised after this (the chart reading another part it assumed) is the chart's code, not this certificate's.
    markFinished(this);
  }

  /** Names the certificate covers; with `perHostNames`, known once the cluster is prepared. */
  public get dnsNames(): readonly string[] {
    return this.names;
  }

  /** Whether `hostname` is one of the names the certificate covers (with `perHostNames`: any name under the domain). */
  public covers(hostname: string): boolean {
    if (this.perHostNames) {
      return isAtOrUnder(hostname, this.domain);
    }
    return this.names.some((name) => name === hostname
      || (name.startsWith('*.') && hostname.endsWith(name.slice(1)) && !hostname.slice(0, -name.length + 1).includes('.')));
  }

  /**
   * Counts `hostname`, a routed host the wildcard does not reach, as reported on its route (see {@link missed}).
   * @internal
   */
  public countMissed(hostname: string): void {
    this.missedHosts.add(hostname);
  }

  /** Whether `hostname` lies under the domain deeper than `*.<domain>` reaches (with `perHostNames` no name does). */
  public liesTooDeep(hostname: string): boolean {
    return !this.perHostNames && hostname.endsWith(`.${this.domain}`) && !this.covers(hostname);
  }

  /** Whether a route or a `useIn` reads the certificate's Secret. */
  public get isRead(): boolean {
    return this.users.size > 0;
  }

  /** How findings about what the certificate covers name it: its `domain`, else its `issuer`. */
  public get coverageField(): string {
    return this.domainGiven ? 'domain' : 'issuer';
  }

  /** The domain the certificate covers names one label under. */
  public get domainName(): string {
    return this.domain;
  }

  /** Records that `namespace` reads the Secret, so a copy is made there. */
  public useIn(namespace: string): void {
    const added = !this.users.has(namespace);
    this.users.add(namespace);
    if (this.readersKnown && added) {
      this.requireReplicatorFor([namespace]);
      this.reportUnreplicatedReaders([namespace]); // a reader named after the routes were read
    }
  }

  /**
   * Installs kubernetes-replicator once a namespace of `readers` lies outside the certificate's own: a
   * controller that may write every Secret of the cluster is installed only where a copy is to be made.
   */
  private requireReplicatorFor(readers: readonly string[]): void {
    if (this.replicate && readers.some((ns) => ns !== this.namespace)) {
      ClusterChart.of(this).platform.require(secretReplicatorComponent());
    }
  }

  /**
   * With `replicate: false`, the namespaces outside the certificate's own that read its Secret (`among`:
   * every reader), as one error on `replicate`: one mistake, however many routes it breaks.
   */
  private reportUnreplicatedReaders(among: readonly string[] = this.usedIn): void {
    const outside = among.filter((ns) => ns !== this.namespace);
    if (this.replicate || outside.length === 0) {
      return;
    }
    const named = outside.map((ns) => `"${ns}"`).join(', ');
    reportFinding(this, {
      layer: 'references', severity: 'error', field: 'replicate',
      message: `${outside.length === 1 ? 'namespace' : 'namespaces'} ${named} ${outside.length === 1 ? 'reads' : 'read'} the certificate's Secret, `
        + `but with replicate: false no copy of it is made outside namespace "${this.namespace}"`,
      hint: outside.length === 1 && this.usedIn.length === 1
        ? `drop replicate: false, or make the certificate in its reader's namespace: namespace: '${outside[0]}'`
        : `drop replicate: false, so that kubernetes-replicator copies the Secret into ${named}`,
    });
  }

  /**
   * A certificate that nothing reads and whose names no route of the cluster serves is issued and renewed
   * for nothing, and is most often a domain written wrong: a warning naming it. A Secret read through
   * {@link useIn} (an ingress controller's default certificate) counts as used. `routed`: the host names the
   * cluster serves.
   */
  private reportUnused(cluster: ClusterChart, routed: readonly string[]): void {
    if (this.perHostNames || this.users.size > 0 || this.missedHosts.size > 0) {
      // With perHostNames, a domain with no route is an error of its own; a host too deep under the
      // domain is reported on its route, which is the one mistake.
      return;
    }
    const routes = cluster.routes;
    if (routes instanceof GatewayApiRoutes && !(this.namespace === routes.gatewayNamespace && this.secretName === routes.certificateSecretName)) {
      this.reportBesideGateway(routes, routed.filter((host) => this.covers(host)));
      return;
    }
    if (!routed.some((host) => this.covers(host))) {
      reportFinding(this, {
        layer: 'references', severity: 'warning', field: this.coverageField,
        message: `certificate ${this.namespace}/${this.secretName} for ${this.names.join(' and ')} covers no host name a route of cluster "${cluster.clusterName}" serves, so it is issued and renewed for nothing`,
        hint: `route an app at a name it covers (one label under ${this.domain}), correct the domain, or drop the certificate; for a Secret read elsewhere (a default certificate), name its namespace with useIn(namespace)`,
      });
    }
  }

  /**
   * The Gateway's own certificate (the Secret its HTTPS listener names) is what it serves every route, also
   * one whose host lies more than one label under the domain, which `*.<domain>` does not cover: browsers
   * refuse those routes' certificate every time, as the Gateway has no other. One error on the certificate,
   * listing the hosts (its routes' own hosts count as reported, so it is not also called unused). `routed`: the
   * host names the cluster serves.
   */
  private reportTooDeepForGateway(cluster: ClusterChart, routed: readonly string[]): void {
    const routes = cluster.routes;
    if (!(routes instanceof GatewayApiRoutes) || this.namespace !== routes.gatewayNamespace || this.secretName !== routes.certificateSecretName) {
      return;
    }
    const deep = routed.filter((host) => this.liesTooDeep(host));
    if (deep.length === 0) {
      return;
    }
    deep.forEach((host) => this.countMissed(host));
    const first = deep[0];
    const labels = first.slice(0, -this.domain.length - 1);
    reportFinding(this, {
      layer: 'references', severity: 'error', field: this.coverageField,
      message: `the Gateway serves certificate ${this.namespace}/${this.secretName} (*.${this.domain}) to ${deep.join(', ')}, `
        + `${deep.length === 1 ? 'a host' : 'hosts'} more than one label under ${this.domain}, which a wildcard does not cover: browsers refuse ${deep.length === 1 ? 'its' : 'their'} certificate`,
      hint: `set perHostNames: true, so the certificate lists each host the routes serve under ${this.domain}, or route ${deep.length === 1 ? 'it' : 'them'} one label under the domain (e.g. '${labels.replace(/\./g, '-')}.${this.domain}')`,
    });
  }

  /**
   * Under the Gateway API flavor the Gateway serves every route the one Secret its HTTPS listener names: a
   * certificate that covers routed hosts and is not that Secret is served by no route, a warning that says
   * how to make it the Gateway's. One that covers none is the general warning's.
   */
  private reportBesideGateway(routes: GatewayApiRoutes, covered: readonly string[]): void {
    const gatewaySecret = `${routes.gatewayNamespace}/${routes.certificateSecretName}`;
    reportFinding(this, {
      layer: 'references', severity: 'warning', field: this.coverageField,
      message: covered.length > 0
        ? `certificate ${this.namespace}/${this.secretName} covers ${covered.join(', ')}, but the Gateway serves every route Secret ${gatewaySecret}, which its HTTPS listener names, so no route serves this one`
        : `certificate ${this.namespace}/${this.secretName} for ${this.names.join(' and ')} covers no host name a route serves, and is not Secret ${gatewaySecret} of the Gateway, so it is issued and renewed for nothing`,
      hint: `make it the Gateway's certificate (namespace: '${routes.gatewayNamespace}', secretName: '${routes.certificateSecretName}', replicate: false) unless another one is, else drop it; for a Secret read elsewhere, name its namespace with useIn(namespace)`,
    });
  }

  /**
   * Records that a route object under `scope` in `namespace` reads the Secret: a copy is made there, and
   * the copy is declared, as kubernetes-replicator rather than the repository makes it.
   */
  public readBy(scope: IConstruct, namespace: string): void {
    this.useIn(namespace);
    if (namespace !== this.namespace) {
      declareControllerMade(scope, { secrets: [{ namespace, name: this.secretName }] });
    }
  }

  /** Namespaces that read the Secret. */
  public get usedIn(): string[] {
    return [...this.users].sort();
  }
}

/**
 * The host names the cluster serves at or under `domain`, sorted, without wildcards: those of its routes
 * (rendered here, or held by a chart's own Ingress), Knative DomainMappings (named after the host they serve) and the hosts Knative serves its external
 * Knative Services at.
 */
function routedHostNamesUnder(cluster: ClusterChart, domain: string): string[] {
  return routedHostNames(cluster).filter((host) => isAtOrUnder(host, domain));
}

const KNATIVE_SERVING_GROUP = 'serving.knative.dev/';

/** The host names the cluster serves (see {@link routedHostNamesUnder}), lowercase, sorted, without wildcards. */
function routedHostNames(cluster: ClusterChart): string[] {
  // Rendering every object of the cluster for the few that serve hosts cost more than the rest of this together.
  const objects = apiObjectsOf(cluster).filter((object) => isRouteHostKind(object.kind) || object.apiVersion.startsWith(KNATIVE_SERVING_GROUP))
    .map((object) => ({ manifest: manifestOf(object) as Manifest, constructPath: object.node.path, file: '' }));
  const knative = objects.filter((o) => o.manifest.apiVersion.startsWith(KNATIVE_SERVING_GROUP));
  const mapped = knative.filter((o) => o.manifest.kind === 'DomainMapping').map((o) => String(o.manifest.metadata.name));
  const served = knative.filter((o) => o.manifest.kind === 'Service' && !isClusterLocal(o.manifest))
    .flatMap((o) => knativeServiceHost(cluster, String(o.manifest.metadata.name), String(o.manifest.metadata.namespace)) ?? []);
  const names = [...routeHosts(objects).map((route) => route.host), ...claimedHostNames(cluster), ...mapped, ...served].map((host) => host.toLowerCase())
    .filter((host) => !host.includes('*'));
  return [...new Set(names)].sort();
}

/** Whether a Knative Service is kept from Knative's external host. */
function isClusterLocal(manifest: Manifest): boolean {
  const labels = (manifest.metadata.labels ?? {}) as Record<string, string>;
  return Object.entries(KNATIVE_CLUSTER_LOCAL_LABELS).every(([key, value]) => labels[key] === value);
}

/** Whether `hostname` is `domain` or a name under it. */
function isAtOrUnder(hostname: string, domain: string): boolean {
  return hostname === domain || hostname.endsWith(`.${domain}`);
}
