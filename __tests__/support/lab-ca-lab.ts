import { ApiObject } from 'cdk8s';
import {
  acmeIssuer, App, AppVolume, caIssuer, ChartRelease, ClusterChart, ClusterIssuer, http01Ingress, SecretReference, servesPorts,
} from '../../constructs';
import type { AcmeIssuerProps } from '../../constructs';

// A lab that runs its own CA, as its owner writes it from the README: cert-manager signs with the root's key pair,
// step-ca answers ACME for cert-manager, trust-manager copies the root into a ConfigMap of each app's namespace,
// and the apps trust it through the variable their runtime reads (SSL_CERT_FILE, NODE_EXTRA_CA_CERTS, Grafana's
// client CA, a Java truststore), two of them talking mTLS with certificates of the same issuer.

/** The root CA's certificate, as `step ca root` prints it. */
export const LAB_ROOT = '-----BEGIN CERTIFICATE-----\nMIIBlabroot\n-----END CERTIFICATE-----\n';

/** step-ca's ACME directory of provisioner `acme`, at its Service. */
export const STEP_CA_DIRECTORY = 'https://step-ca.step-ca.svc.cluster.local:9000/acme/acme/directory';

/** The ClusterIssuer `step-ca` of step-ca's ACME server, `props` over the lab's. */
export function stepCaIssuer(cluster: ClusterChart, props: Partial<AcmeIssuerProps> = {}): ClusterIssuer {
  return new ClusterIssuer(cluster, 'step', {
    name: 'step-ca',
    issuer: acmeIssuer({ server: STEP_CA_DIRECTORY, email: 'ops@lab.test', solvers: [http01Ingress('traefik')], caBundle: LAB_ROOT, ...props }),
  });
}

/** trust-manager, from its chart, in cert-manager's namespace. */
export function trustManager(cluster: ClusterChart): ChartRelease {
  return new ChartRelease(cluster, 'trust-manager', {
    namespace: 'cert-manager', network: servesPorts({ port: 6443, purpose: 'admission webhook' }, { port: 9402, purpose: 'metrics' }),
    chart: { repository: 'https://charts.jetstack.io', chart: 'trust-manager', version: 'v0.12.0' },
    crds: [{ group: 'trust.cert-manager.io', kinds: ['Bundle'] }],
  });
}

/** trust-manager, from its chart, and Bundle `lab-ca` of the root Secret's tls.crt into the namespaces `selected`. */
export function labCaBundle(cluster: ClusterChart, selected: readonly string[]): void {
  trustManager(cluster);
  new ApiObject(cluster, 'bundle', {
    apiVersion: 'trust.cert-manager.io/v1alpha1', kind: 'Bundle', metadata: { name: 'lab-ca' },
    spec: {
      sources: [{ useDefaultCAs: true }, { secret: { name: 'lab-root-ca', key: 'tls.crt' } }],
      target: {
        configMap: { key: 'ca-certificates.crt' },
        namespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: [...selected] }] },
      },
    },
  });
}

/** Bundle `lab-ca`'s ConfigMap, mounted where each app reads the lab's roots. */
const TRUST = { volume: AppVolume.configMap('lab-ca'), mountPath: '/etc/ssl/lab', readOnly: true };
const ROOTS = '/etc/ssl/lab/ca-certificates.crt';

/** The apps that trust the lab CA, by name, each in its namespace of that name. */
export const TRUSTING_APPS = ['go-api', 'node-app', 'grafana', 'java-app'] as const;

/**
 * The lab: the CA issuer, step-ca and its issuer, the Bundle into `selected`, the apps, and mTLS between two;
 * `nodeEnv` over the Node app's variables.
 */
export function labCaLab(cluster: ClusterChart, selected: readonly string[] = TRUSTING_APPS, nodeEnv: Record<string, string> = {}): void {
  new ClusterIssuer(cluster, 'lab-ca', { name: 'lab-ca', issuer: caIssuer({ keyPair: SecretReference.external('cert-manager', 'lab-root-ca', 'tls.key') }) });
  new App(cluster, 'step-ca', {
    image: 'smallstep/step-ca:0.28.3', ports: [{ name: 'https', port: 9000 }], allowFrom: [{ namespace: 'cert-manager' }],
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/home/step' } },
  });
  stepCaIssuer(cluster);
  labCaBundle(cluster, selected);
  new App(cluster, 'go-api', {
    image: 'traefik/whoami:v1.10.3', ports: [{ name: 'https', port: 8443 }], args: ['--port', '8443', '--cert', '/tls/tls.crt', '--key', '/tls/tls.key', '--cacert', ROOTS],
    env: { SSL_CERT_FILE: ROOTS }, persistence: { trust: TRUST, tls: { volume: AppVolume.secret('go-api-tls'), mountPath: '/tls', readOnly: true } },
    allowFrom: [{ namespace: 'node-app' }],
  });
  new App(cluster, 'node-app', {
    image: 'ghcr.io/jdoe/node-app:1.2.0', ports: [{ name: 'http', port: 3000 }],
    env: { NODE_EXTRA_CA_CERTS: ROOTS, API_URL: 'https://go-api.go-api.svc.cluster.local:8443', ...nodeEnv },
    persistence: { trust: TRUST, tls: { volume: AppVolume.secret('node-app-client-tls'), mountPath: '/tls', readOnly: true } },
  });
  new App(cluster, 'grafana', {
    image: 'grafana/grafana:11.4.0', ports: [{ name: 'http', port: 3000 }], route: { host: 'grafana' },
    env: { GF_AUTH_GENERIC_OAUTH_ENABLED: 'true', GF_AUTH_GENERIC_OAUTH_TLS_CLIENT_CA: ROOTS },
    persistence: { trust: TRUST, data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/var/lib/grafana' } },
  });
  new App(cluster, 'java-app', {
    image: 'eclipse-temurin:21.0.5_11-jre', ports: [{ name: 'http', port: 8080 }], command: ['java', '-jar', '/app/app.jar'],
    env: {
      STORE_PASSWORD: SecretReference.external('java-app', 'truststore', 'password'),
      JAVA_TOOL_OPTIONS: '-Djavax.net.ssl.trustStore=/etc/ssl/lab/truststore.p12 -Djavax.net.ssl.trustStorePassword=$(STORE_PASSWORD)',
    },
    persistence: { trust: TRUST },
  });
  const certificate = (id: string, namespace: string, spec: Record<string, unknown>) => new ApiObject(cluster, id, {
    apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name: spec.secretName as string, namespace },
    spec: { issuerRef: { name: 'lab-ca', kind: 'ClusterIssuer' }, ...spec },
  });
  certificate('go-api-tls', 'go-api', { secretName: 'go-api-tls', dnsNames: ['go-api.go-api.svc.cluster.local'], usages: ['server auth'] });
  certificate('node-app-client-tls', 'node-app', { secretName: 'node-app-client-tls', commonName: 'node-app', usages: ['client auth'] });
}
