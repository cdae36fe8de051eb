import * as os from 'os';
import { App as CdkApp } from 'cdk8s';
import {
  acmeIssuer, App, cilium, ciliumOnTalos, ClusterChart, ClusterIssuer, cloudflareDns01, flux, host, IngressTls, ingressNginx,
  LETSENCRYPT_STAGING, metalLb, SecretReference, site, synthesize, talos,
} from '../constructs';

const node = host('node1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.1.0.11' });
const lab = site('lab', {
  domain: 'lab.test', hosts: [node],
  pools: { lb: { first: '10.1.0.200', last: '10.1.0.210' } },
  git: { url: 'ssh://git@example.test/lab.git' },
});

function cluster(app: CdkApp, tls = IngressTls.wildcard({ issuer: 'letsencrypt-staging' })): ClusterChart {
  return new ClusterChart(app, 'main', {
    site: lab, hosts: [node],
    cni: cilium({ ...ciliumOnTalos(), gatewayApi: { enableAlpn: true, enableAppProtocol: true } }),
    routes: ingressNginx({ address: lab.pools.lb.at('10.1.0.200'), tls }),
    loadBalancer: metalLb({ pools: [lab.pools.lb] }),
    gitops: flux({ sopsSecretName: 'sops-age' }),
    preinstalled: [talos({ bootstrapNode: node })],
  });
}

function objects(app: CdkApp) {
  const result = synthesize(app, { outdir: os.tmpdir(), write: false });
  return { objects: result.clusters[0].objects.map((o) => o.manifest as any), findings: result.findings };
}

const token = SecretReference.external('cert-manager', 'cloudflare-api-token', 'api-token');

test('smoke', () => {
  const app = new CdkApp();
  const c = cluster(app);
  new ClusterIssuer(c, 'staging', { name: 'letsencrypt-staging', issuer: acmeIssuer({ server: LETSENCRYPT_STAGING, email: 'a@lab.test', solvers: [cloudflareDns01({ apiToken: token })] }) });
  new App(c, 'podinfo', { image: 'ghcr.io/stefanprodan/podinfo:6.7.1', ports: [{ name: 'http', port: 9898 }], route: { host: 'podinfo' } });
  const { objects: objs, findings } = objects(app);
  console.log(findings.filter((f) => f.severity === 'error'));
  console.log(JSON.stringify(objs.filter((o) => ['Ingress', 'Certificate', 'ClusterIssuer', 'HelmRelease', 'Kustomization'].includes(o.kind)), null, 1).slice(0, 9000));
});
