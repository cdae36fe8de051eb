import type { App as CdkApp } from 'cdk8s';
import { App, ingressNginx, IngressTls, SecretReference, ServiceRoute, talos, Tenant } from '../../constructs';
import type { ClusterChart, OidcLogin } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, lab, labApp, labCluster, raw } from './lab';

// Who may reach what: a tenant's groups and bindings, a login proxy's issuer and secrets, an app's own
// sign-in, forward-auth Middlewares of Traefik and the snippets ingress-nginx guides still write.

const QUOTA = { requestsMemory: '2Gi', limitsMemory: '4Gi', pods: 10 };
const RBAC = 'rbac.authorization.k8s.io';

/** A Tenant `alice` of namespace `peers-alice`; `groups` are its OIDC groups. */
const alice = (cluster: ClusterChart, groups: string[] = ['/peers/alice']) =>
  new Tenant(cluster, 'alice', { namespace: 'peers-alice', owner: 'alice', oidcGroups: groups, quota: QUOTA });

/** A login in front of Hubble UI with its Secrets in namespace `login`; `extra` changes it. */
const login = (extra: Partial<OidcLogin> = {}): OidcLogin => ({
  issuerUrl: 'https://auth.lab.test/realms/lab', clientId: 'hubble',
  clientSecret: SecretReference.external('login', 'hubble-oidc', 'client-secret'),
  cookieSecret: SecretReference.external('login', 'hubble-oidc', 'cookie-secret'),
  allowedGroups: ['/admins'], namespace: 'login', backendPods: { podLabels: { 'k8s-app': 'hubble-ui' }, port: 8081 }, ...extra,
});
const hubble = (extra: Partial<OidcLogin>) => guarded((c: ClusterChart) =>
  new ServiceRoute(c, 'hubble', { host: 'hubble', namespace: 'kube-system', serviceName: 'hubble-ui', port: 80, login: login(extra) }));

/** oauth2-proxy run as an App routed at `whoami`, with `args` and `env` of its own. */
const proxy = (args: string[], env: Record<string, unknown> = {}) => guarded(labApp('oauth2-proxy', {
  namespace: 'login', image: 'quay.io/oauth2-proxy/oauth2-proxy:v7.7.1', ports: [{ name: 'http', port: 4180 }], route: { host: 'whoami' },
  args: ['--provider=oidc', '--oidc-issuer-url=https://auth.lab.test/realms/lab', '--client-id=whoami', ...args, '--upstream=http://web.web:8080'],
  env: {
    OAUTH2_PROXY_CLIENT_SECRET: SecretReference.external('login', 'whoami-oidc', 'client-secret'),
    OAUTH2_PROXY_COOKIE_SECRET: SecretReference.external('login', 'whoami-oidc', 'cookie-secret'), ...env,
  },
}));

const middleware = (namespace: string, address: string) => ({
  apiVersion: 'traefik.io/v1alpha1', kind: 'Middleware', metadata: { name: 'authelia', namespace }, spec: { forwardAuth: { address, authResponseHeaders: ['Remote-User'] } },
});
/** An IngressRoute `whoami-sso` of namespace `web` whose rule names `ref` as its middleware, beside the app it routes to. */
const ssoRoute = (ref: Record<string, unknown>, extra: (c: ClusterChart) => void) => (c: ClusterChart) => {
  labApp('web', { namespace: 'web' })(c);
  extra(c);
  raw(c, 'ir', {
    apiVersion: 'traefik.io/v1alpha1', kind: 'IngressRoute', metadata: { name: 'whoami-sso', namespace: 'web' },
    spec: { entryPoints: ['websecure'], routes: [{ kind: 'Rule', match: 'Host(`whoami.lab.test`)', middlewares: [ref], services: [{ name: 'web', port: 8080 }] }], tls: {} },
  });
};
const FULL_ADDRESS = 'http://authelia.auth.svc.cluster.local:9091/api/authz/forward-auth';

export const CASES: BadInput[] = [
  // Groups Kubernetes fills by itself: every ServiceAccount is authenticated, and the admins bypass RBAC.
  {
    name: "a tenant's group written as system:authenticated, every ServiceAccount among its members",
    build: guarded((c) => new Tenant(c, 'family', { namespace: 'family', owner: 'family', oidcGroups: ['system:authenticated'], quota: QUOTA })),
    layer: 'props', path: 'family', field: 'oidcGroups[0]', message: /every ServiceAccount/, hint: /oidcGroups: \['\/peers\/family'\]/,
  },
  {
    name: "a tenant's group written as system:masters",
    build: guarded((c) => alice(c, ['system:masters'])),
    layer: 'props', path: 'alice', field: 'oidcGroups[0]', message: /RBAC never asks/,
  },
  {
    name: 'a RoleBinding of edit in a tenant namespace to every ServiceAccount of the cluster',
    build: guarded((c) => {
      alice(c);
      raw(c, 'rb', {
        apiVersion: `${RBAC}/v1`, kind: 'RoleBinding', metadata: { name: 'ci-edit', namespace: 'peers-alice' },
        roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: 'edit' }, subjects: [{ apiGroup: RBAC, kind: 'Group', name: 'system:serviceaccounts' }],
      });
    }),
    layer: 'policy', path: 'rb', field: 'subjects[0].name', hint: /kind: 'ServiceAccount'/,
  },
  {
    name: "a ClusterRoleBinding of cluster-admin to a tenant's group",
    build: guarded((c) => {
      alice(c, ['alice']);
      raw(c, 'alice-admin', {
        apiVersion: `${RBAC}/v1`, kind: 'ClusterRoleBinding', metadata: { name: 'alice-admin' },
        roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: 'cluster-admin' }, subjects: [{ apiGroup: RBAC, kind: 'Group', name: 'alice' }],
      });
    }),
    layer: 'policy', path: 'alice-admin', field: 'subjects[0].name', message: /every namespace/, hint: /namespace "peers-alice"/,
  },
  {
    name: "a tenant's app with cluster-wide rules, whose ServiceAccount the tenant's people can run pods as",
    build: guarded((c) => {
      alice(c);
      labApp('alice-dash', {
        namespace: 'peers-alice', labels: { owner: 'alice' },
        serviceAccount: { reason: 'lists the pods it shows', clusterRules: [{ apiGroups: [''], resources: ['pods', 'secrets'], verbs: ['get', 'list', 'watch'] }] },
      })(c);
    }),
    layer: 'policy', path: 'alice-dash', field: 'serviceAccount.clusterRules', message: /"\/peers\/alice"/, hint: /serviceAccount\.rules/,
  },
  {
    name: "a tenant's app whose exemptions widen the tenant's namespace to privileged",
    build: guarded((c) => {
      alice(c);
      labApp('alice-dhcp', { namespace: 'peers-alice', labels: { owner: 'alice' }, exemptions: { hostNetwork: 'answers DHCP', privileged: 'opens raw sockets' } })(c);
    }),
    layer: 'policy', path: 'alice-dhcp', field: 'exemptions', message: /any privileged pod/,
  },
  // The issuer pasted as the discovery URL identity providers show first.
  {
    name: "a login's issuer written as its discovery document's URL",
    build: hubble({ issuerUrl: 'https://auth.lab.test/realms/lab/.well-known/openid-configuration' }),
    layer: 'props', path: 'hubble', field: 'login.issuerUrl', hint: /'https:\/\/auth\.lab\.test\/realms\/lab'/,
  },
  {
    name: "the API server's OIDC issuer written as its discovery document's URL",
    build: guarded((_c: ClusterChart, app: CdkApp) => labCluster(app, 'edge', {
      preinstalled: [talos({ apiServerOidc: { issuerUrl: 'https://auth.lab.test/application/o/kubernetes/.well-known/openid-configuration', clientId: 'kubernetes' } })],
    })),
    layer: 'props', path: 'edge', field: 'preinstalled[0].apiServerOidc.issuerUrl', hint: /Authentik's ends in a slash/,
  },
  {
    name: "a login whose cookie secret is the client's secret",
    build: hubble({ cookieSecret: SecretReference.external('login', 'hubble-oidc', 'client-secret') }),
    layer: 'props', path: 'hubble', field: 'login.cookieSecret', hint: /openssl rand/,
  },
  {
    name: "a login's backend pods selected by a label the app's pods do not carry",
    build: guarded((c) => {
      labApp('dash', { namespace: 'dash' })(c);
      new ServiceRoute(c, 'dash-route', {
        host: 'dash', namespace: 'dash', serviceName: 'dash', port: 8080,
        login: login({ clientId: 'dash', backendPods: { podLabels: { app: 'dash' }, port: 8080 } }),
      });
    }),
    layer: 'references', path: 'dash-route', field: 'login.backendPods.podLabels', hint: /"app\.kubernetes\.io\/name":"dash"/,
  },
  // An app's own sign-in: its bind password and the URL the issuer sends people back to.
  {
    name: 'an LDAP bind password written out as LDAP_BIND_PW',
    build: guarded(labApp('jellyseerr', { env: { LDAP_URL: 'ldap://lldap.auth:3890', LDAP_BIND_PW: 'changeme' } })),
    layer: 'props', path: 'jellyseerr', field: 'env.LDAP_BIND_PW',
  },
  {
    name: "oauth2-proxy's redirect URL copied from another app's host",
    build: proxy(['--redirect-url=https://grafana.lab.test/oauth2/callback']),
    layer: 'props', path: 'oauth2-proxy', field: 'args[3]', hint: /--redirect-url=https:\/\/whoami\.lab\.test\/oauth2\/callback/,
  },
  {
    name: "an app's OIDC redirect URI in env on another host than its route",
    build: guarded(labApp('mealie', {
      namespace: 'mealie', route: { host: 'recipes' },
      env: { OIDC_CLIENT_ID: 'mealie', OIDC_REDIRECT_URI: 'https://mealie.lab.test/login', OIDC_CLIENT_SECRET: SecretReference.external('mealie', 'oidc', 'secret') },
    })),
    layer: 'props', path: 'mealie', field: 'env.OIDC_REDIRECT_URI', hint: /recipes\.lab\.test\/login/,
  },
  // Traefik's forward auth, as Authelia's and Authentik's guides write it.
  {
    name: 'a forward-auth Middleware whose address is the short name of a Service of another namespace',
    build: guarded(ssoRoute({ name: 'authelia' }, (c) => {
      labApp('authelia', { image: 'ghcr.io/acme/auth:1.0.0', namespace: 'auth', ports: [{ name: 'http', port: 9091 }] })(c);
      raw(c, 'mw', middleware('web', 'http://authelia:9091/api/authz/forward-auth'));
    })),
    layer: 'references', path: 'mw', field: 'spec.forwardAuth.address', hint: /authelia\.auth\.svc\.cluster\.local:9091/,
  },
  {
    name: 'an IngressRoute naming the forward-auth Middleware of another namespace',
    build: guarded(ssoRoute({ name: 'authelia', namespace: 'auth' }, (c) => raw(c, 'mw', middleware('auth', FULL_ADDRESS)))),
    layer: 'references', path: 'ir', field: 'spec.routes[0].middlewares[0].namespace', message: /allowCrossNamespace/,
  },
  {
    name: 'an IngressRoute naming a Middleware nothing makes',
    build: guarded(ssoRoute({ name: 'authelia-forwardauth' }, (c) => raw(c, 'mw', middleware('web', FULL_ADDRESS)))),
    layer: 'references', path: 'ir', field: 'spec.routes[0].middlewares[0].name', message: /404/,
  },
  {
    name: 'an HTTPRoute filter naming a Traefik Middleware on a Cilium Gateway',
    gatewayCluster: true,
    build: guarded((c) => {
      labApp('web', { namespace: 'web' })(c);
      raw(c, 'hr', {
        apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'whoami-sso', namespace: 'web' },
        spec: {
          parentRefs: [{ name: 'main-gateway', namespace: 'gateway', sectionName: 'https' }], hostnames: ['whoami.lab.test'],
          rules: [{ filters: [{ type: 'ExtensionRef', extensionRef: { group: 'traefik.io', kind: 'Middleware', name: 'authelia' } }], backendRefs: [{ name: 'web', port: 8080 }] }],
        },
      });
    }),
    layer: 'references', path: 'hr', field: 'spec.rules[0].filters[0].extensionRef', message: /class cilium/,
  },
  {
    name: "a LAN-only allow list on Traefik, whose Service gives every request a node's address",
    build: guarded(ssoRoute({ name: 'lan-only' }, (c) => raw(c, 'mw', {
      apiVersion: 'traefik.io/v1alpha1', kind: 'Middleware', metadata: { name: 'lan-only', namespace: 'web' }, spec: { ipAllowList: { sourceRange: ['10.0.0.0/16'] } },
    }))),
    layer: 'references', path: 'mw', field: 'spec.ipAllowList.sourceRange[0]', hint: /externalTrafficPolicy: 'Local'/,
  },
  // oauth2-proxy's guide for ingress-nginx, whose snippet the controller the library installs refuses.
  {
    name: "an Ingress with oauth2-proxy's configuration snippet under the library's ingress-nginx",
    build: guarded((_c: ClusterChart, app: CdkApp) => {
      const edge = labCluster(app, 'edge', { routes: ingressNginx({ address: lab.pools.vips.at('10.0.8.11'), tls: IngressTls.none() }) });
      new App(edge, 'web', { namespace: 'web', image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }] });
      raw(edge, 'ing', {
        apiVersion: 'networking.k8s.io/v1', kind: 'Ingress',
        metadata: {
          name: 'web-sso', namespace: 'web', annotations: {
            'nginx.ingress.kubernetes.io/auth-url': 'https://oauth.lab.test/oauth2/auth',
            'nginx.ingress.kubernetes.io/configuration-snippet': 'auth_request_set $name_upstream_1 $upstream_cookie__oauth2_proxy_1;',
          },
        },
        spec: { ingressClassName: 'nginx', rules: [{ host: 'web.lab.test', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 8080 } } } }] } }] },
      });
    }),
    layer: 'schema', path: 'ing', field: 'metadata.annotations["nginx.ingress.kubernetes.io/configuration-snippet"]', hint: /auth-response-headers/,
  },
];

