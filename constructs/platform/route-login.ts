import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import type { BodySize } from './body-size';
import { App } from '../app/app';
import { APP_NAME_LABEL } from '../app/network';
import { EXEMPTION_ANNOTATION_PREFIX } from '../app/security';
import { SecretReference } from '../secrets/secret-reference';
import { discoveryUrlProblem } from '../validation/oidc-issuer';
import type { PropProblem } from '../validation/known-props';
import type { ClusterChart } from './cluster-chart';
import { renderNetworkPolicy } from './network-policy';
import { workloadTemplates } from './workload-templates';
import { reportFinding } from '../validation/finding';
import { fields, selectorMatches, stringMap } from '../validation/manifest';

// A web UI that has no login of its own, in front of which an OpenID Connect login proxy (oauth2-proxy)
// stands: the route sends people to the proxy, which lets the members of some groups of the issuer through
// to the UI's Service, and a policy of the UI's namespace lets only the proxy reach its pods.

/** Pinned release of oauth2-proxy's image. Renovate reads the comment above the pin. */
export const OAUTH2_PROXY_PINS = {
  // renovate: datasource=docker depName=quay.io/oauth2-proxy/oauth2-proxy
  image: 'v7.7.1',
} as const;

/** The port oauth2-proxy listens on. */
const PROXY_PORT = 4180;

/** Route annotation of the `noLogin` exemption: why an admin UI is routed without a login. */
export const NO_LOGIN_ANNOTATION = `${EXEMPTION_ANNOTATION_PREFIX}no-login`;

/** The pods behind a Service, which a NetworkPolicy of their namespace opens to the login proxy alone. */
export interface LoginBackendPods {
  /** Labels of the pods, as their chart sets them, e.g. `{ 'k8s-app': 'hubble-ui' }`. */
  readonly podLabels: Record<string, string>;
  /** The container port the Service sends to, e.g. `8081`. */
  readonly port: number;
}

/** An OpenID Connect login in front of a route (oauth2-proxy). */
export interface OidcLogin {
  /**
   * URL of the issuer, as its ID tokens write it in `iss`, e.g. `https://auth.example.com/realms/lab` for a Keycloak realm;
   * not its discovery document (`…/.well-known/openid-configuration`), which the proxy finds by itself.
   */
  readonly issuerUrl: string;
  /**
   * The issuer's confidential client the proxy logs people in with; its redirect URI is
   * `https://<route host>/oauth2/callback`, and its ID tokens carry the `groups` claim.
   */
  readonly clientId: string;
  /** The client's secret, in the proxy's namespace. */
  readonly clientSecret: SecretReference;
  /**
   * The key that seals the proxy's session cookies, in the proxy's namespace: 32 random bytes, base64
   * (`openssl rand -base64 32 | tr -- '+/' '-_'`); a key of its own, never the client's secret.
   */
  readonly cookieSecret: SecretReference;
  /**
   * Groups of the `groups` claim whose members the proxy lets through, e.g. `['/admins']` (Keycloak writes the
   * full group path). At least one: not every user the issuer knows may see an admin UI.
   */
  readonly allowedGroups: readonly string[];
  /** Namespace of the proxy's own pod and route: an ordinary app namespace, where its two Secrets are. */
  readonly namespace: string;
  /** Labels of the proxy's objects, e.g. the `owner` a cluster requires of its pods. @default {} */
  readonly labels?: Record<string, string>;
  /**
   * The pods of the Service behind the login: a NetworkPolicy of their namespace lets only the proxy reach
   * them on that port, so that no pod of the cluster goes around the login.
   */
  readonly backendPods: LoginBackendPods;
}

/** What a route's `login` cannot take beyond the types of its props, on fields under `login`. Pure. */
export function oidcLoginProblems(login: OidcLogin): PropProblem[] {
  const problems: PropProblem[] = [];
  const discovery = discoveryUrlProblem('login.issuerUrl', login.issuerUrl);
  if (discovery !== undefined) {
    problems.push(discovery);
  } else if (typeof login.issuerUrl === 'string' && !/^https:\/\/[^\s/?#]+(\/[^\s?#]*)?$/.test(login.issuerUrl)) {
    problems.push({
      field: 'login.issuerUrl', message: `"${login.issuerUrl}" is no https URL of an issuer, and the proxy discovers the issuer at <issuerUrl>/.well-known/openid-configuration`,
      hint: "write the issuer's URL as its tokens' iss claim does, e.g. https://auth.example.com/realms/lab",
    });
  }
  const groups = Array.isArray(login.allowedGroups) ? login.allowedGroups : [];
  if (groups.length === 0) {
    problems.push({
      field: 'login.allowedGroups', message: 'no group is allowed, and the proxy would then let every user of the issuer through to the admin UI',
      hint: "name the groups whose members may use it, as the issuer writes them in the groups claim, e.g. allowedGroups: ['/admins']",
    });
  }
  groups.forEach((group, i) => {
    if (typeof group === 'string' && group.trim() === '') {
      problems.push({ field: `login.allowedGroups[${i}]`, message: 'the group is empty', hint: "name a group of the groups claim, e.g. '/admins'" });
    }
  });
  const client = login.clientSecret;
  const cookie = login.cookieSecret;
  problems.push(...secretNamespaceProblems(login));
  if (client instanceof SecretReference && cookie instanceof SecretReference
    && client.namespace === cookie.namespace && client.secretName === cookie.secretName && client.key === cookie.key) {
    // The proxy takes a cookie secret of 16, 24 or 32 bytes only; and a key the issuer also knows seals nothing.
    problems.push({
      field: 'login.cookieSecret',
      message: `the cookie secret is the client's secret (key "${cookie.key}" of Secret ${cookie.namespace}/${cookie.secretName}): the issuer knows that one too, and the proxy refuses a cookie secret that is not 16, 24 or 32 bytes`,
      hint: "give the cookie secret a key of its own, 32 random bytes (openssl rand -base64 32 | tr -- '+/' '-_'), e.g. SecretReference.external('<namespace>', '<secret>', 'cookie-secret')",
    });
  }
  return problems;
}

/**
 * The login's Secrets that are not in the proxy's namespace (`login.namespace`), where its pod reads them from: one
 * problem on `login.namespace` when both are in one other namespace (the namespace meant, most often), else one on
 * each reference. Pure.
 */
function secretNamespaceProblems(login: OidcLogin): PropProblem[] {
  const refs = (['clientSecret', 'cookieSecret'] as const)
    .map((key) => ({ key, ref: login[key] }))
    .filter((entry): entry is { key: 'clientSecret' | 'cookieSecret'; ref: SecretReference } => entry.ref instanceof SecretReference && typeof login.namespace === 'string')
    .filter(({ ref }) => ref.namespace !== login.namespace);
  if (refs.length === 0) {
    return [];
  }
  const others = [...new Set(refs.map(({ ref }) => ref.namespace))];
  if (refs.length === 2 && others.length === 1) {
    return [{
      field: 'login.namespace',
      message: `the login proxy runs in namespace "${login.namespace}", and both its Secrets are in namespace "${others[0]}": a pod reads Secrets of its own namespace only, so it would not start`,
      hint: `run the proxy where its Secrets are, namespace: '${others[0]}', or make the Secrets in namespace "${login.namespace}"`,
    }];
  }
  return refs.map(({ key, ref }) => ({
    field: `login.${key}`,
    message: `${key} is a key of Secret ${ref.namespace}/${ref.secretName}, and the login proxy runs in namespace "${login.namespace}": a pod reads Secrets of its own namespace only`,
    hint: `make the Secret in namespace "${login.namespace}": SecretReference.external('${login.namespace}', '${ref.secretName}', '${ref.key}')`,
  }));
}

/** What the login proxy fronts: the route's host and the Service behind it. */
export interface LoginTarget {
  /** Name of the route, which the proxy's objects are named after (`<name>-login`). */
  readonly name: string;
  /** Host name of the route (a bare label is placed under the cluster domain). */
  readonly host: string;
  /** Path prefix of the route. */
  readonly path: string;
  /** Namespace of the Service. */
  readonly namespace: string;
  /** Name of the Service. */
  readonly serviceName: string;
  /** Service port. */
  readonly port: number;
  /** The largest request body the route lets through. @default - the ingress' own limit */
  readonly maxBodySize?: BodySize;
}

/**
 * The login proxy of `target` under `scope`: an oauth2-proxy app in `login.namespace` that owns the route, and
 * the policy that lets only it reach the backend's pods.
 */
export function renderRouteLogin(scope: Construct, cluster: ClusterChart, target: LoginTarget, login: OidcLogin): App {
  const name = `${target.name}-login`;
  const hostname = cluster.hostname(target.host);
  const proxy = new App(scope, name, {
    namespace: login.namespace,
    labels: login.labels ?? {},
    image: `quay.io/oauth2-proxy/oauth2-proxy:${OAUTH2_PROXY_PINS.image}`,
    ports: [{ name: 'http', port: PROXY_PORT }],
    args: [
      '--provider=oidc', `--oidc-issuer-url=${login.issuerUrl}`, `--client-id=${login.clientId}`, '--code-challenge-method=S256',
      `--http-address=0.0.0.0:${PROXY_PORT}`, `--redirect-url=https://${hostname}/oauth2/callback`,
      `--upstream=http://${target.serviceName}.${target.namespace}.svc.cluster.local:${target.port}${target.path}`,
      // Who may pass is decided by the groups alone, not by the domain of an e-mail address; so an address
      // the provider has not verified is no reason to refuse a member (Keycloak writes email_verified false for
      // every account made without a confirmed mail, and oauth2-proxy otherwise answers those sign-ins with an error).
      '--email-domain=*', '--insecure-oidc-allow-unverified-email=true', ...[...login.allowedGroups].sort().map((group) => `--allowed-group=${group}`),
      // TLS ends in front of the cluster: the browser sees https, and the proxy trusts the forwarded headers.
      '--cookie-secure=true', '--reverse-proxy=true', '--skip-provider-button=true',
    ],
    env: { OAUTH2_PROXY_CLIENT_SECRET: login.clientSecret, OAUTH2_PROXY_COOKIE_SECRET: login.cookieSecret },
    probes: { readiness: { httpPath: '/ready' }, liveness: { httpPath: '/ping' } },
    resources: { cpuRequest: '10m', memoryRequest: '32Mi', memoryLimit: '128Mi' },
    route: { name, host: target.host, ...(target.path !== '/' ? { path: target.path } : {}), ...(target.maxBodySize !== undefined ? { maxBodySize: target.maxBodySize } : {}) },
  });
  const policy = renderNetworkPolicy(cluster.networkPolicy, {
    // Not the proxy's name: its own policy has that one, in the same namespace when the proxy runs beside the Service.
    name: `${name}-backend`, namespace: target.namespace, labels: { [APP_NAME_LABEL]: name },
    podLabels: login.backendPods.podLabels,
    ingress: [{ from: [{ namespace: login.namespace, podLabels: { [APP_NAME_LABEL]: proxy.name } }], ports: [{ port: login.backendPods.port }] }],
    egress: 'any',
  });
  new ApiObject(scope, 'backend-policy', policy as any);
  // After the apps have rendered their Services and workloads.
  cluster.onPrepare(() => cluster.onPrepare(() => checkBackendPods(scope, cluster, target, login.backendPods)));
  return proxy;
}

/**
 * Reports `backendPods.podLabels` that select none of the pods behind the Service, where the repository
 * renders both: the policy would open nothing to the proxy, and the pods' own policies keep it out, so every
 * sign-in ends in a gateway error. A Service of a chart, whose pods the output does not show, is left alone.
 */
function checkBackendPods(scope: Construct, cluster: ClusterChart, target: LoginTarget, backendPods: LoginBackendPods): void {
  const service = cluster.node.findAll().find((c): c is ApiObject => c instanceof ApiObject && c.kind === 'Service'
    && c.metadata.name === target.serviceName && c.metadata.namespace === target.namespace);
  const selector = service === undefined ? undefined : stringMap(fields(service.toJson().spec).selector);
  if (selector === undefined || Object.keys(selector).length === 0) {
    return;
  }
  const pods = workloadTemplates(cluster).filter((t) => t.namespace === target.namespace && selectorMatches(selector, t.labels));
  if (pods.length === 0 || pods.some((t) => selectorMatches(backendPods.podLabels, t.labels))) {
    return;
  }
  reportFinding(scope, {
    layer: 'references', severity: 'error', field: 'login.backendPods.podLabels',
    message: `the labels ${JSON.stringify(backendPods.podLabels)} select none of the pods behind Service ${target.namespace}/${target.serviceName} (${pods.map((t) => `${t.kind} ${t.name}`).join(', ')}): `
      + 'the policy would open them to nobody, and their own policies keep the login proxy out',
    hint: `select the pods by labels they carry, e.g. podLabels: ${JSON.stringify(selector)} (the Service's selector)`,
  });
}
