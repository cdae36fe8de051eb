import { ClusterChart, SecretReference } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, labApp } from './lab';

// A new user moves the lab's sign-in to Kanidm, Zitadel or Pocket ID from the README alone, each written as an App
// behind the cluster's Traefik, as the projects' compose guides set them up. Each mistake passed synthesis, and then
// no page loaded, every request answered "Instance not found", a passkey never registered, or a secret was committed.

/** Kanidm with its certificate from a Secret, served on 8443 and routed at `idm`; `props` override. */
const kanidm = (props: Record<string, unknown> = {}) => guarded((cluster: ClusterChart) => labApp('kanidm', {
  image: 'kanidm/server:1.5.0',
  ports: [{ name: 'https', port: 8443, appProtocol: 'https' }, { name: 'ldaps', port: 3636 }],
  env: { KANIDM_DOMAIN: 'idm.lab.test', KANIDM_ORIGIN: 'https://idm.lab.test', KANIDM_TLS_CHAIN: '/certs/tls.crt', KANIDM_TLS_KEY: '/certs/tls.key' },
  exemptions: { unverifiedBackendTls: 'Kanidm serves HTTPS alone, with a certificate of the lab CA' },
  route: { host: 'idm' },
  ...props,
})(cluster));

/** Zitadel behind the route `auth`, its masterkey from a Secret; `env` is added to its settings. */
const zitadel = (env: Record<string, unknown>) => guarded((cluster: ClusterChart) => labApp('zitadel', {
  image: 'ghcr.io/zitadel/zitadel:v2.71.6', args: ['start-from-init', '--masterkeyFromEnv', '--tlsMode', 'external'],
  env: {
    ZITADEL_MASTERKEY: SecretReference.external('zitadel', 'zitadel', 'masterkey'), ZITADEL_EXTERNALDOMAIN: 'auth.lab.test', ZITADEL_EXTERNALSECURE: 'true',
    ZITADEL_TLS_ENABLED: 'false', ...env,
  },
  route: { host: 'auth' },
})(cluster));

export const CASES: BadInput[] = [
  {
    name: "Kanidm's HTTPS port routed as plain HTTP",
    build: kanidm({ ports: [{ name: 'https', port: 8443 }, { name: 'ldaps', port: 3636 }], exemptions: {} }),
    layer: 'references', path: 'kanidm', field: 'ports.https.appProtocol', hint: /appProtocol: 'https'/,
  },
  {
    name: "Kanidm's origin written with its container's port, as its guide's docker run publishes it",
    build: kanidm({ env: { KANIDM_DOMAIN: 'idm.lab.test', KANIDM_ORIGIN: 'https://idm.lab.test:8443', KANIDM_TLS_CHAIN: '/certs/tls.crt', KANIDM_TLS_KEY: '/certs/tls.key' } }),
    layer: 'props', path: 'kanidm', field: 'env.KANIDM_ORIGIN', hint: /KANIDM_ORIGIN: 'https:\/\/idm\.lab\.test'/,
  },
  {
    name: "Zitadel behind the route with its external port left at its own 8080",
    build: zitadel({}),
    layer: 'props', path: 'zitadel', field: 'env.ZITADEL_EXTERNALPORT', hint: /ZITADEL_EXTERNALPORT: '443'/,
  },
  {
    name: "Zitadel's masterkey written into its env, as its compose file writes it",
    build: zitadel({ ZITADEL_MASTERKEY: 'MasterkeyNeedsToHave32Characters', ZITADEL_EXTERNALPORT: '443' }),
    layer: 'props', path: 'zitadel', field: 'env.ZITADEL_MASTERKEY', hint: /SecretReference/
  },
  {
    name: "Pocket ID's APP_URL on plain http behind the https route, where no passkey registers",
    build: guarded((cluster: ClusterChart) => labApp('pocket-id', {
      image: 'ghcr.io/pocket-id/pocket-id:v1.6.2', ports: [{ name: 'http', port: 1411 }],
      env: { APP_URL: 'http://id.lab.test', TRUST_PROXY: 'true' }, route: { host: 'id' },
    })(cluster)),
    layer: 'props', path: 'pocket-id', field: 'env.APP_URL', hint: /APP_URL: 'https:\/\/id\.lab\.test'/,
  },
];
