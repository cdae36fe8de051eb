import type { App as CdkApp } from 'cdk8s';
import { AppVolume, cilium, ciliumOnTalos, host, k3s, SecretReference, ServiceRoute, site, talos, Tenant, traefik } from '../../constructs';
import type { ClusterChart, OidcLogin, TalosApiServerOidc } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, labApp, labCluster, raw } from './lab';

// A new user's first month of identity, from the README alone: LLDAP as the directory, Authelia as the OpenID
// Connect provider, apps signing in through it, the Kubernetes API taking its tokens, a tenant namespace for the
// family. Earlier rounds refused most of their mistakes; these were taken, or are the plain-JavaScript forms of
// the props, each with one error on what the user wrote.

const RBAC = 'rbac.authorization.k8s.io';
const ISSUER = 'https://auth.lab.test';

/** Authelia in namespace `auth`, routed at `auth`. */
const authelia = (c: ClusterChart, extra: Record<string, unknown> = {}) => labApp('authelia', {
  namespace: 'auth', image: 'ghcr.io/authelia/authelia:4.38.17', ports: [{ name: 'http', port: 9091 }], route: { host: 'auth' }, ...extra,
})(c);
/** LLDAP in namespace `ldap`, serving LDAP on 3890 and its web UI on 17170. */
const lldap = (c: ClusterChart, extra: Record<string, unknown> = {}) => labApp('lldap', {
  namespace: 'ldap', image: 'lldap/lldap:v0.6.1', ports: [{ name: 'ldap', port: 3890 }, { name: 'http', port: 17170 }],
  env: { LLDAP_LDAP_BASE_DN: 'dc=lab,dc=test' }, ...extra,
})(c);
/** Grafana in namespace `grafana`, routed at `grafana`, its env beside its https root URL. */
const grafana = (c: ClusterChart, env: Record<string, unknown>, extra: Record<string, unknown> = {}) => labApp('grafana', {
  namespace: 'grafana', image: 'grafana/grafana:11.3.0', ports: [{ name: 'http', port: 3000 }], route: { host: 'grafana' },
  persistence: { data: { volume: AppVolume.claim({ tier: 'local', size: '1Gi' }), mountPath: '/var/lib/grafana' } },
  env: { GF_SERVER_ROOT_URL: 'https://grafana.lab.test', ...env }, ...extra,
})(c);
/** oauth2-proxy in namespace `web`, routed at `web`, with `args` and `env`. */
const proxy = (c: ClusterChart, args: string[], env: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => labApp('proxy', {
  namespace: 'web', image: 'quay.io/oauth2-proxy/oauth2-proxy:v7.7.1', ports: [{ name: 'http', port: 4180 }], route: { host: 'web' }, args, env, ...extra,
})(c);

const idpHost = host('nu50-idp', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.50.0.1' });
const idpSite = site('nu50-idp', { domain: 'lab.test', hosts: [idpHost], git: { url: 'https://git.lab.test/lab.git' } });
/** A Talos cluster `idp` whose API server takes the ID tokens of `oidc`; `build` adds to it. */
const onTalos = (oidc: Partial<TalosApiServerOidc> | Record<string, unknown>, build: (c: ClusterChart) => void = () => undefined) => guarded((_main: ClusterChart, app: CdkApp) => {
  const c = labCluster(app, 'idp', {
    site: idpSite, hosts: [idpHost], loadBalancer: undefined, routes: traefik({ nodePorts: true }), storage: {},
    preinstalled: [talos({ bringYourOwnCni: false, allowSchedulingOnControlPlanes: true, apiServerOidc: { issuerUrl: ISSUER, clientId: 'kubernetes', ...oidc } as TalosApiServerOidc })],
  });
  build(c);
});

/** A Talos cluster `idp` whose pod network is Cilium; `build` adds to it. */
const onCilium = (build: (c: ClusterChart) => void) => guarded((_main: ClusterChart, app: CdkApp) => {
  const c = labCluster(app, 'idp', {
    site: idpSite, hosts: [idpHost], loadBalancer: undefined, routes: traefik({ nodePorts: true }), storage: {}, cni: cilium({ ...ciliumOnTalos() }),
    preinstalled: [talos({ allowSchedulingOnControlPlanes: true })],
  });
  build(c);
});

/** A K3s cluster `idp` started with `flags`; `build` adds to it. */
const onK3s = (flags: string[], build: (c: ClusterChart) => void = () => undefined) => guarded((_main: ClusterChart, app: CdkApp) => {
  const c = labCluster(app, 'idp', {
    site: idpSite, hosts: [idpHost], loadBalancer: undefined, routes: traefik({ nodePorts: true }), storage: {},
    preinstalled: [k3s({ disable: ['traefik'], extraServerFlags: flags })],
  });
  build(c);
});
const K3S_OIDC = [`--kube-apiserver-arg=oidc-issuer-url=${ISSUER}`, '--kube-apiserver-arg=oidc-client-id=kubernetes'];

/** A login in front of Hubble UI with its Secrets in namespace `web`; `extra` changes it. */
const login = (extra: Record<string, unknown> = {}): OidcLogin => ({
  issuerUrl: ISSUER, clientId: 'hubble',
  clientSecret: SecretReference.external('web', 'hubble-oidc', 'client-secret'), cookieSecret: SecretReference.external('web', 'hubble-oidc', 'cookie-secret'),
  allowedGroups: ['admins'], namespace: 'web', backendPods: { podLabels: { 'k8s-app': 'hubble-ui' }, port: 8081 }, ...extra,
} as OidcLogin);
const hubble = (c: ClusterChart, extra: Record<string, unknown> = {}) =>
  new ServiceRoute(c, 'hubble', { host: 'hubble', namespace: 'kube-system', serviceName: 'hubble-ui', port: 80, login: login(extra) });

export const CASES: BadInput[] = [
  // Sign-in URLs on plain http, where Traefik serves the hosts on https alone.
  {
    name: "Grafana told its root URL on http, while the route serves it on https (the redirect URI it gives the provider)",
    build: guarded((c) => grafana(c, { GF_SERVER_ROOT_URL: 'http://grafana.lab.test' })),
    layer: 'props', path: 'grafana', field: 'env.GF_SERVER_ROOT_URL', hint: /GF_SERVER_ROOT_URL: 'https:\/\/grafana\.lab\.test'/,
  },
  {
    name: "Gitea's ROOT_URL on http, while the route serves it on https",
    build: guarded(labApp('gitea', {
      namespace: 'gitea', image: 'gitea/gitea:1.22.3-rootless', ports: [{ name: 'http', port: 3000 }], route: { host: 'git' },
      persistence: {
        data: { volume: AppVolume.claim({ tier: 'local', size: '1Gi' }), mountPath: '/var/lib/gitea' },
        conf: { volume: AppVolume.claim({ tier: 'local', size: '1Gi' }), mountPath: '/etc/gitea' },
      },
      env: { GITEA__server__ROOT_URL: 'http://git.lab.test/' },
    })),
    layer: 'props', path: 'gitea', field: 'env.GITEA__server__ROOT_URL', message: /plain http/,
  },
  {
    name: "oauth2-proxy's --redirect-url on http, while the route serves it on https",
    build: guarded((c) => proxy(c, ['--provider=oidc', `--oidc-issuer-url=${ISSUER}`, '--redirect-url=http://web.lab.test/oauth2/callback'])),
    layer: 'props', path: 'proxy', field: 'args[2]', hint: /--redirect-url=https:\/\/web\.lab\.test\/oauth2\/callback/,
  },
  {
    name: "the mobile client's redirect URI on http, added beside the web client's",
    build: guarded(labApp('photos', {
      namespace: 'photos', ports: [{ name: 'http', port: 8080 }], route: { host: 'photos' },
      env: { OIDC_REDIRECT_URI: 'https://photos.lab.test/auth/login', OIDC_MOBILE_REDIRECT_URI: 'http://photos.lab.test/api/oauth/mobile-redirect' },
    })),
    layer: 'props', path: 'photos', field: 'env.OIDC_MOBILE_REDIRECT_URI',
  },
  // Calls of the provider's public host go through the ingress controller, which the egress must reach.
  {
    name: "Grafana's token URL on the provider's public host, its egress listing the provider's app alone",
    build: guarded((c) => {
      const auth = authelia(c);
      grafana(c, { GF_AUTH_GENERIC_OAUTH_TOKEN_URL: `${ISSUER}/api/oidc/token` }, { egress: [auth] });
    }),
    layer: 'policy', path: 'grafana', field: 'env.GF_AUTH_GENERIC_OAUTH_TOKEN_URL', hint: /namespace: 'traefik'/,
  },
  {
    name: "oauth2-proxy's issuer on the provider's public host, its egress the provider and the LAN",
    build: guarded((c) => {
      const auth = authelia(c);
      proxy(c, ['--provider=oidc'], { OAUTH2_PROXY_OIDC_ISSUER_URL: ISSUER }, { egress: [auth, { cidr: '10.0.0.0/24', ports: [{ port: 443 }] }] });
    }),
    layer: 'policy', path: 'proxy', field: 'env.OAUTH2_PROXY_OIDC_ISSUER_URL',
  },
  {
    name: "Headlamp's -oidc-idp-issuer-url on the provider's public host, its egress the provider's app and the internet on 443",
    build: guarded((c) => {
      const auth = authelia(c);
      labApp('headlamp', {
        namespace: 'headlamp', image: 'ghcr.io/headlamp-k8s/headlamp:v0.26.0', ports: [{ name: 'http', port: 4466 }], route: { host: 'headlamp' },
        args: ['-in-cluster', `-oidc-idp-issuer-url=${ISSUER}`, '-oidc-client-id=headlamp', '-oidc-client-secret=$(OIDC_CLIENT_SECRET)'],
        env: { OIDC_CLIENT_SECRET: SecretReference.external('headlamp', 'headlamp-oidc', 'client-secret') },
        egress: [auth, { cidr: '0.0.0.0/0', ports: [{ port: 443 }] }],
      })(c);
    }),
    layer: 'policy', path: 'headlamp', field: 'args[1]', hint: /namespace: 'traefik'/,
  },
  {
    name: "oauth2-proxy's issuer given as the provider's Service, which the provider's tokens do not name",
    build: guarded((c) => {
      const auth = authelia(c);
      proxy(c, ['--provider=oidc'], { OAUTH2_PROXY_OIDC_ISSUER_URL: 'http://authelia.auth:9091' }, { egress: [auth] });
    }),
    layer: 'references', path: 'proxy', field: 'env.OAUTH2_PROXY_OIDC_ISSUER_URL', hint: /https:\/\/auth\.lab\.test;/,
  },
  {
    name: "Headlamp's issuer given as Keycloak's Service and realm",
    build: guarded((c) => {
      const keycloak = labApp('keycloak', { namespace: 'auth', image: 'quay.io/keycloak/keycloak:26.0.5', ports: [{ name: 'http', port: 8080 }], route: { host: 'sso' }, args: ['start'],
        env: { KC_HOSTNAME: 'https://sso.lab.test', KC_HTTP_ENABLED: 'true', KC_PROXY_HEADERS: 'xforwarded' } })(c);
      labApp('headlamp', {
        namespace: 'headlamp', image: 'ghcr.io/headlamp-k8s/headlamp:v0.26.0', ports: [{ name: 'http', port: 4466 }], route: { host: 'headlamp' },
        args: ['-in-cluster', '-oidc-idp-issuer-url=http://keycloak.auth.svc.cluster.local:8080/realms/home', '-oidc-client-id=headlamp'],
        egress: [keycloak],
      })(c);
    }),
    layer: 'references', path: 'headlamp', field: 'args[1]', hint: /https:\/\/sso\.lab\.test\/realms\/home/,
  },
  // Groups the API server is never sent.
  {
    name: "a tenant's family group on a Talos API server whose OIDC settings name no groups claim",
    build: onTalos({}, (c) => new Tenant(c, 'kids', { namespace: 'kids', owner: 'kids', oidcGroups: ['family'] })),
    layer: 'policy', path: 'idp/kids', field: 'oidcGroups', hint: /groupsClaim: 'groups'/,
  },
  {
    name: 'a hand-written ClusterRoleBinding of view to a group the API server is never sent',
    build: onTalos({ usernameClaim: 'email' }, (c) => raw(c, 'rb', {
      apiVersion: `${RBAC}/v1`, kind: 'ClusterRoleBinding', metadata: { name: 'family-view' },
      roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: 'view' }, subjects: [{ apiGroup: RBAC, kind: 'Group', name: 'family' }],
    })),
    layer: 'policy', path: 'idp/rb', field: 'subjects[0].name',
  },
  {
    name: 'a RoleBinding of admin to the user alice, whom the API server names after the issuer and #',
    build: onTalos({ groupsClaim: 'groups', usernameClaim: 'preferred_username' }, (c) => raw(c, 'rb', {
      apiVersion: `${RBAC}/v1`, kind: 'RoleBinding', metadata: { name: 'alice-admin', namespace: 'web' },
      roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: 'admin' }, subjects: [{ apiGroup: RBAC, kind: 'User', name: 'alice' }],
    })),
    layer: 'policy', path: 'idp/rb', field: 'subjects[0].name', hint: /name: 'https:\/\/auth\.lab\.test#alice'/,
  },
  {
    name: "a tenant's family group on a K3s API server started with the OIDC flags but no oidc-groups-claim",
    build: onK3s(K3S_OIDC, (c) => new Tenant(c, 'kids', { namespace: 'kids', owner: 'kids', oidcGroups: ['family'] })),
    layer: 'policy', path: 'idp/kids', field: 'oidcGroups', hint: /--kube-apiserver-arg=oidc-groups-claim=groups/,
  },
  {
    name: "K3s' API server given an issuer on plain http, with which it does not start",
    build: onK3s(['--kube-apiserver-arg=oidc-issuer-url=http://auth.lab.test', '--kube-apiserver-arg=oidc-client-id=kubernetes']),
    layer: 'props', path: 'idp', field: 'preinstalled[0].extraServerFlags[0]',
  },
  // One issuer written two ways.
  {
    name: "a login's issuer with a trailing slash the API server's issuer does not have",
    build: onTalos({ groupsClaim: 'groups' }, (c) => {
      c.namespaces.ensure('web');
      hubble(c, { issuerUrl: `${ISSUER}/` });
    }),
    layer: 'props', path: 'idp/hubble', field: 'login.issuerUrl', message: /one iss/,
  },
  {
    name: "a login's issuer with a trailing slash K3s' oidc-issuer-url does not have",
    build: onK3s([...K3S_OIDC, '--kube-apiserver-arg=oidc-groups-claim=groups'], (c) => {
      c.namespaces.ensure('web');
      hubble(c, { issuerUrl: `${ISSUER}/` });
    }),
    layer: 'props', path: 'idp/hubble', field: 'login.issuerUrl', message: /k3s\(\)'s preinstalled\[0\]\.extraServerFlags/,
  },
  {
    name: "Headlamp's issuer with a trailing slash the API server's issuer, which checks Headlamp's tokens, does not have",
    build: onTalos({ groupsClaim: 'groups' }, (c) => labApp('headlamp', {
      namespace: 'headlamp', image: 'ghcr.io/headlamp-k8s/headlamp:v0.26.0', ports: [{ name: 'http', port: 4466 }], route: { host: 'headlamp' },
      args: ['-in-cluster', `-oidc-idp-issuer-url=${ISSUER}/`, '-oidc-client-id=kubernetes', '-oidc-client-secret=$(OIDC_CLIENT_SECRET)'],
      env: { OIDC_CLIENT_SECRET: SecretReference.external('headlamp', 'headlamp-oidc', 'client-secret') },
    })(c)),
    layer: 'props', path: 'idp/headlamp', field: 'args[1]', message: /talos\(\)'s preinstalled\[0\]\.apiServerOidc\.issuerUrl/,
  },
  {
    name: 'two logins of one issuer, the second written with a trailing slash',
    build: guarded((c) => {
      c.namespaces.ensure('web');
      hubble(c);
      new ServiceRoute(c, 'longhorn', {
        host: 'longhorn', namespace: 'longhorn-system', serviceName: 'longhorn-frontend', port: 80,
        login: login({ issuerUrl: `${ISSUER}/`, clientId: 'longhorn', backendPods: { podLabels: { app: 'longhorn-ui' }, port: 8000 } }),
      });
    }),
    layer: 'props', path: 'longhorn', field: 'login.issuerUrl',
  },
  {
    name: "a login's client secret rotated into a Secret of the provider's namespace",
    build: guarded((c) => hubble(c, { clientSecret: SecretReference.external('auth', 'hubble-oidc-2', 'client-secret') })),
    layer: 'props', path: 'hubble', field: 'login.clientSecret', hint: /SecretReference\.external\('web', 'hubble-oidc-2', 'client-secret'\)/,
  },
  {
    name: "a login proxy moved to namespace login, its Secrets left in web",
    build: guarded((c) => hubble(c, { namespace: 'login' })),
    layer: 'props', path: 'hubble', field: 'login.namespace', hint: /namespace: 'web'/,
  },
  // Forward-auth and policies written by hand.
  {
    name: "the forward-auth Middleware on the provider's own IngressRoute, which sends its portal round to itself",
    build: guarded((c) => {
      authelia(c);
      raw(c, 'mw', {
        apiVersion: 'traefik.io/v1alpha1', kind: 'Middleware', metadata: { name: 'authelia', namespace: 'auth' },
        spec: { forwardAuth: { address: 'http://authelia.auth.svc.cluster.local:9091/api/authz/forward-auth', authResponseHeaders: ['Remote-User'] } },
      });
      raw(c, 'ir', {
        apiVersion: 'traefik.io/v1alpha1', kind: 'IngressRoute', metadata: { name: 'login', namespace: 'auth' },
        spec: { entryPoints: ['websecure'], routes: [{ kind: 'Rule', match: 'Host(`login.lab.test`)', middlewares: [{ name: 'authelia' }], services: [{ name: 'authelia', port: 9091 }] }], tls: {} },
      });
    }),
    layer: 'references', path: 'ir', field: 'spec.routes[0].middlewares[0].name', hint: /drop the Middleware/,
  },
  {
    name: 'a NetworkPolicy letting the apps out to the directory by a namespace label name: ldap, which no namespace carries',
    build: guarded((c) => {
      lldap(c);
      raw(c, 'np', {
        apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'to-ldap', namespace: 'web' },
        spec: { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ namespaceSelector: { matchLabels: { name: 'ldap' } } }], ports: [{ port: 3890 }] }] },
      });
    }),
    layer: 'policy', path: 'np', field: 'spec.egress[0].to[0].namespaceSelector', hint: /kubernetes\.io\/metadata\.name': 'ldap'/,
  },
  // Refused before, in forms no case had.
  {
    name: "Grafana's generic OAuth client secret written out",
    build: guarded((c) => grafana(c, { GF_AUTH_GENERIC_OAUTH_CLIENT_SECRET: 'Xk9s8dfj2k3l4m5n6b7v8c9x0z' })),
    layer: 'props', path: 'grafana', field: 'env.GF_AUTH_GENERIC_OAUTH_CLIENT_SECRET',
  },
  {
    name: "Headlamp's -oidc-client-secret written out on its command line",
    build: guarded(labApp('headlamp', {
      namespace: 'headlamp', image: 'ghcr.io/headlamp-k8s/headlamp:v0.26.0', ports: [{ name: 'http', port: 4466 }], route: { host: 'headlamp' },
      args: ['-in-cluster', `-oidc-idp-issuer-url=${ISSUER}`, '-oidc-client-id=headlamp', '-oidc-client-secret=abcdefg12345678'],
    })),
    layer: 'props', path: 'headlamp', field: 'args[3]',
  },
  {
    name: 'the LDAP bind password as a key of a ConfigMap',
    build: guarded((c) => raw(c, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'ldap', namespace: 'web' }, data: { LDAP_BIND_PASSWORD: 'hunter2hunter2' } })),
    layer: 'policy', path: 'cm', field: 'data.LDAP_BIND_PASSWORD',
  },
  {
    name: "Grafana's ldap.toml with its bind_password in a ConfigMap",
    build: guarded((c) => raw(c, 'cm', {
      apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'grafana-ldap', namespace: 'web' },
      data: { 'ldap.toml': '[[servers]]\nhost = "lldap.ldap"\nport = 3890\nbind_dn = "uid=admin,ou=people,dc=lab,dc=test"\nbind_password = "hunter2hunter2"\n' },
    })),
    layer: 'policy', path: 'cm', field: 'data.ldap.toml',
  },
  {
    name: "an LDAPS URL on port 389, which LLDAP's Service does not serve",
    build: guarded((c) => {
      lldap(c, { allowFrom: [{ namespace: 'grafana' }] });
      grafana(c, { GF_AUTH_LDAP_URL: 'ldaps://lldap.ldap:389' });
    }),
    layer: 'references', path: 'grafana', field: 'env.GF_AUTH_LDAP_URL', hint: /3890/,
  },
  {
    name: "Grafana's LDAP URL on plain ldap:// to LLDAP's LDAPS port 636",
    build: guarded((c) => {
      const directory = lldap(c, { ports: [{ name: 'ldap', port: 3890 }, { name: 'ldaps', port: 6360, servicePort: 636 }, { name: 'http', port: 17170 }] });
      grafana(c, { GF_AUTH_LDAP_URL: 'ldap://lldap.ldap:636' }, { egress: [directory] });
    }),
    layer: 'references', path: 'grafana', field: 'env.GF_AUTH_LDAP_URL', hint: /ldaps:\/\/lldap\.ldap:636/,
  },
  {
    name: "Authelia's ldaps:// address on LLDAP's plain LDAP port",
    build: guarded((c) => {
      const directory = lldap(c);
      authelia(c, { env: { AUTHELIA_AUTHENTICATION_BACKEND_LDAP_ADDRESS: 'ldaps://lldap.ldap:3890' }, egress: [directory] });
    }),
    layer: 'references', path: 'authelia', field: 'env.AUTHELIA_AUTHENTICATION_BACKEND_LDAP_ADDRESS', hint: /ldap:\/\/lldap\.ldap:3890/,
  },
  {
    name: "Authelia's LDAP address across namespaces, its egress the internet on 443 alone",
    build: guarded((c) => {
      lldap(c);
      authelia(c, { env: { AUTHELIA_AUTHENTICATION_BACKEND_LDAP_ADDRESS: 'ldap://lldap.ldap:3890' }, egress: [{ cidr: '0.0.0.0/0', ports: [{ port: 443 }] }] });
    }),
    layer: 'policy', path: 'authelia', field: 'env.AUTHELIA_AUTHENTICATION_BACKEND_LDAP_ADDRESS',
  },
  {
    name: "Authelia let out to LLDAP by an address block around the pod network, on a Cilium cluster, which matches no pod to one",
    build: onCilium((c) => {
      lldap(c, { allowFrom: [{ namespace: 'auth' }] });
      authelia(c, { env: { AUTHELIA_AUTHENTICATION_BACKEND_LDAP_ADDRESS: 'ldap://lldap.ldap:3890' }, egress: [{ cidr: '10.0.0.0/8', ports: [{ port: 3890 }] }] });
    }),
    layer: 'policy', path: 'idp/authelia', field: 'env.AUTHELIA_AUTHENTICATION_BACKEND_LDAP_ADDRESS', hint: /Cilium matches an address block to no pod/,
  },
  {
    name: "Authelia's LDAP base DN with two letters swapped, against LLDAP's base DN",
    build: guarded((c) => {
      const directory = lldap(c);
      authelia(c, {
        env: { AUTHELIA_AUTHENTICATION_BACKEND_LDAP_ADDRESS: 'ldap://lldap.ldap:3890', AUTHELIA_AUTHENTICATION_BACKEND_LDAP_BASE_DN: 'dc=lab,dc=tset' },
        egress: [directory],
      });
    }),
    layer: 'references', path: 'authelia', field: 'env.AUTHELIA_AUTHENTICATION_BACKEND_LDAP_BASE_DN', hint: /'dc=lab,dc=test'/,
  },
  {
    name: "Grafana's LDAP bind DN left on the example's dc=example,dc=com, the directory moved to the Pi with its own base",
    build: guarded((c) => {
      const directory = lldap(c, { placement: { hosts: [c.hosts[1]] } });
      grafana(c, { LDAP_HOST: 'lldap.ldap', LDAP_PORT: '3890', LDAP_BIND_DN: 'uid=admin,ou=people,dc=example,dc=com' }, { egress: [directory] });
    }),
    layer: 'references', path: 'grafana', field: 'env.LDAP_BIND_DN', hint: /uid=admin,ou=people,dc=lab,dc=test/,
  },
  // The plain-JavaScript forms.
  {
    name: "a login's client secret given as text",
    build: guarded((c) => hubble(c, { clientSecret: 'abc123secretvalue' })),
    layer: 'props', path: 'hubble', field: 'login.clientSecret',
  },
  {
    name: "a login's allowed group given as one word",
    build: guarded((c) => hubble(c, { allowedGroups: 'admins' })),
    layer: 'props', path: 'hubble', field: 'login.allowedGroups', hint: /\['admins'\]/,
  },
  {
    name: "the API server's groups claim given as a list",
    build: onTalos({ groupsClaim: ['groups'] }),
    layer: 'props', path: 'idp', field: 'preinstalled[0].apiServerOidc.groupsClaim',
  },
  {
    name: "the API server's issuer under the name issuer",
    build: guarded((_main: ClusterChart, app: CdkApp) => labCluster(app, 'idp', {
      site: idpSite, hosts: [idpHost], loadBalancer: undefined, routes: traefik({ nodePorts: true }), storage: {},
      preinstalled: [talos({ bringYourOwnCni: false, allowSchedulingOnControlPlanes: true, apiServerOidc: { issuer: ISSUER, clientId: 'kubernetes' } as never })],
    })),
    layer: 'props', path: 'idp', field: 'preinstalled[0].apiServerOidc.issuer', hint: /issuerUrl/,
  },
  {
    name: "a tenant's OIDC groups given as one word",
    build: onTalos({ groupsClaim: 'groups' }, (c) => new Tenant(c, 'kids', { namespace: 'kids', owner: 'kids', oidcGroups: 'family' } as never)),
    layer: 'props', path: 'idp/kids', field: 'oidcGroups',
  },
  {
    name: "Talos' apiServerOidc given to k3s()",
    build: guarded((_main: ClusterChart, app: CdkApp) => labCluster(app, 'idp', {
      site: idpSite, hosts: [idpHost], loadBalancer: undefined, routes: traefik({ nodePorts: true }), storage: {},
      preinstalled: [k3s({ apiServerOidc: { issuerUrl: ISSUER, clientId: 'kubernetes' } } as never)],
    })),
    layer: 'props', path: 'idp', field: 'preinstalled[0].apiServerOidc', hint: /extraServerFlags/,
  },
  {
    name: "Grafana's egress given as the provider's name",
    build: guarded((c) => {
      authelia(c);
      grafana(c, {}, { egress: ['authelia'] });
    }),
    layer: 'props', path: 'grafana', field: 'egress[0]',
  },
];
