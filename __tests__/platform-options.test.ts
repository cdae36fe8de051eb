import { ApiObject, App as CdkApp } from 'cdk8s';
import {
  acmeIssuer, App, AppVolume, argoCd, caIssuer, cloudflareDns01, ClusterChart, ClusterChartProps, ClusterIssuer, LETSENCRYPT_STAGING, SecretReference, synthesize, traefik,
} from '../constructs';
import { labCluster } from './bad-input/lab';

// Options of the platform choices that are sound but need the owner, or another option, to work. The
// options that cannot work are findings of the bad-input corpus (cases-platform-options.ts).

function build(props: Partial<ClusterChartProps>, add: (cluster: ClusterChart) => void = () => undefined) {
  const app = new CdkApp();
  add(labCluster(app, 'main', props));
  const result = synthesize(app, { outdir: 'unused', write: false });
  const manifests = result.clusters.flatMap((c) => c.objects.map((o) => o.manifest as any));
  return { steps: result.outcomes[0].figures.ownerActions, errors: result.findings.filter((f) => f.severity === 'error'), manifests };
}

describe('argoCd()', () => {
  test('a project it does not create is an owner step before the first sync', () => {
    const { steps, errors } = build({ gitops: argoCd({ project: 'homelab' }) });
    expect(errors).toEqual([]);
    expect(steps.find((s) => s.action.startsWith('make AppProject homelab in namespace argocd'))?.action).toMatch(/createProject: true/);
  });

  test('a project it creates, or the default one, needs no step', () => {
    for (const gitops of [argoCd({ project: 'homelab', createProject: true }), argoCd()]) {
      expect(build({ gitops }).steps.filter((s) => s.action.includes('AppProject'))).toEqual([]);
    }
  });

  test('an Argo CD the repository does not install runs in a namespace made outside it', () => {
    expect(build({ gitops: argoCd({ selfManaged: false }) }).errors).toEqual([]);
  });
});

describe('ClusterIssuer', () => {
  test('a Secret made outside the repository is an owner step', () => {
    const apiToken = SecretReference.external('cert-manager', 'cloudflare', 'api-token');
    const { steps, errors } = build({}, (cluster) => new ClusterIssuer(cluster, 'issuer', {
      name: 'letsencrypt', issuer: acmeIssuer({ server: LETSENCRYPT_STAGING, email: 'ops@lab.test', solvers: [cloudflareDns01({ apiToken })] }),
    }));
    expect(errors).toEqual([]);
    expect(steps.filter((s) => s.kind === 'bootstrap').map((s) => s.action))
      .toContain('create Secret cert-manager/cloudflare with key api-token: read by ClusterIssuer letsencrypt');
  });

  test('a CA issuer made by hand asks for a TLS Secret with both keys', () => {
    const keyPair = SecretReference.external('cert-manager', 'lab-root-ca', 'tls.key');
    const { steps, errors } = build({}, (cluster) => new ClusterIssuer(cluster, 'issuer', { name: 'lab-ca', issuer: caIssuer({ keyPair }) }));
    expect(errors).toEqual([]);
    expect(steps.find((s) => s.action.startsWith('create TLS Secret cert-manager/lab-root-ca'))).toMatchObject({
      action: 'create TLS Secret cert-manager/lab-root-ca with keys tls.crt, tls.key: read by ClusterIssuer lab-ca',
      command: 'kubectl create namespace cert-manager --dry-run=client -o yaml | kubectl apply -f - && kubectl -n cert-manager create secret tls lab-root-ca --cert=… --key=…',
    });
  });
});

describe('traefik({ nodePorts: true })', () => {
  test('a TCP entry point a route uses gets the range\'s first port plus its own, as web and websecure do', () => {
    const { errors, manifests } = build({ routes: traefik({ nodePorts: true, tcpEntryPoints: { mqtt: 1883 } }), loadBalancer: undefined }, (cluster) =>
      // Its own mosquitto.conf defines the listener: the image's defines none.
      new ApiObject(cluster, 'mosquitto-conf', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'mosquitto', namespace: 'mosquitto' }, data: { 'mosquitto.conf': 'listener 1883\npassword_file /mosquitto/passwd/passwd\n' } }) &&
      new App(cluster, 'mosquitto', {
        image: 'eclipse-mosquitto:2.0.20', ports: [{ name: 'mqtt', port: 1883 }],
        persistence: { config: { volume: AppVolume.configMap('mosquitto'), mounts: [{ mountPath: '/mosquitto/config/mosquitto.conf', subPath: 'mosquitto.conf' }] } },
      }).addTcpRoute({ listenerName: 'mqtt', port: 1883 }));
    expect(errors).toEqual([]);
    const ports = manifests.find((m) => m.kind === 'HelmRelease' && m.metadata.name === 'traefik').spec.values.ports;
    expect([ports.web.nodePort, ports.websecure.nodePort, ports.mqtt.nodePort]).toEqual([30080, 30443, 31883]);
  });
});
