import { App as CdkApp } from 'cdk8s';
import {
  acmeIssuer, App, ClusterChart, ClusterIssuer, cloudflareDns01, flux, host, IngressTls, ingressNginx, LETSENCRYPT_STAGING, metalLb,
  SecretReference, site, SopsSecret,
} from '../../constructs';
import type { BadInput } from './cases';
import { raw } from './lab';

// Cases of the ingress-nginx flavor, cert-manager issuers and SOPS under Flux. Each builds its own small
// Flux cluster beside the corpus' lab cluster.

const node = host('n1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.2.0.11' });
const tlsLab = site('tls-lab', {
  domain: 'tls.test', hosts: [node],
  pools: { lb: { first: '10.2.0.200', last: '10.2.0.210' } },
  git: { url: 'ssh://git@git.tls.test/lab.git' },
});

function nginxCluster(app: CdkApp, tls: IngressTls, sopsSecretName?: string): ClusterChart {
  return new ClusterChart(app, 'nginx', {
    site: tlsLab, hosts: [node],
    routes: ingressNginx({ address: tlsLab.pools.lb.at('10.2.0.200'), tls }),
    loadBalancer: metalLb({ pools: [tlsLab.pools.lb] }),
    gitops: flux({ sopsSecretName }),
  });
}

const web = (cluster: ClusterChart) => new App(cluster, 'web', {
  image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], route: { host: 'web' },
});

const ENCRYPTED = {
  apiVersion: 'v1', kind: 'Secret', metadata: { name: 'cloudflare-api-token', namespace: 'cert-manager' },
  sops: { age: [], mac: 'ENC[AES256_GCM,data:m,iv:i,tag:t,type:str]', version: '3.9.4' },
  stringData: { 'api-token': 'ENC[AES256_GCM,data:abc=,iv:x,tag:y,type:str]' },
};

export const CASES: BadInput[] = [
  {
    name: 'wildcard certificate from an ACME issuer that solves HTTP-01 only',
    build: (_c, app) => {
      const cluster = nginxCluster(app, IngressTls.wildcard({ issuer: 'letsencrypt-http' }));
      new ClusterIssuer(cluster, 'http', {
        name: 'letsencrypt-http',
        issuer: acmeIssuer({ server: LETSENCRYPT_STAGING, email: 'ops@tls.test', solvers: [{ solver: { http01: { ingress: { ingressClassName: 'nginx' } } } }] }),
      });
      web(cluster);
    },
    layer: 'references', path: 'certificate-wildcard-tls-test-tls', field: 'spec.dnsNames',
  },
  {
    name: 'wildcard certificate from a ClusterIssuer the cluster does not define',
    build: (_c, app) => web(nginxCluster(app, IngressTls.wildcard({ issuer: 'letsencrypt-production' }), 'sops-age')),
    layer: 'references', path: 'nginx', field: 'routes.tls.issuer', hint: /new ClusterIssuer/,
  },
  {
    name: 'route whose per-route certificate names an undefined ClusterIssuer',
    build: (_c, app) => {
      const cluster = nginxCluster(app, IngressTls.perRoute('letsencrypt-prod'), 'sops-age');
      new ClusterIssuer(cluster, 'staging', {
        name: 'letsencrypt-staging',
        issuer: acmeIssuer({ server: LETSENCRYPT_STAGING, email: 'ops@tls.test', solvers: [cloudflareDns01({ apiToken: SecretReference.external('cert-manager', 'cf', 'api-token') })] }),
      });
      web(cluster);
    },
    // Every Ingress names the flavor's issuer: reported once, where the lab wrote it.
    layer: 'references', path: 'nginx', field: 'routes.tls.issuer', hint: /letsencrypt-prod/,
  },
  {
    name: 'SOPS-encrypted Secret in a Flux cluster whose Kustomizations do not decrypt',
    build: (_c, app) => new SopsSecret(nginxCluster(app, IngressTls.none()), 'cloudflare-api-token', { manifest: ENCRYPTED }),
    layer: 'references', path: 'nginx/cloudflare-api-token', field: 'manifest.sops',
  },
  {
    name: 'Cloudflare API token in a plaintext Secret',
    build: (_c, app) => {
      const cluster = nginxCluster(app, IngressTls.none(), 'sops-age');
      cluster.namespaces.ensure('cert-manager');
      raw(cluster, 'token', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'cloudflare-api-token', namespace: 'cert-manager' }, stringData: { 'api-token': 'plain-token-value' } });
      new ClusterIssuer(cluster, 'issuer', {
        name: 'letsencrypt-staging',
        issuer: acmeIssuer({ server: LETSENCRYPT_STAGING, email: 'ops@tls.test', solvers: [cloudflareDns01({ apiToken: SecretReference.external('cert-manager', 'cloudflare-api-token', 'api-token') })] }),
      });
    },
    layer: 'policy', path: 'nginx/token', field: 'stringData.api-token',
  },
  {
    name: 'ClusterIssuer reading its token from outside cert-manager\'s namespace',
    build: (_c, app) => new ClusterIssuer(nginxCluster(app, IngressTls.none(), 'sops-age'), 'issuer', {
      name: 'letsencrypt-staging',
      issuer: acmeIssuer({ server: LETSENCRYPT_STAGING, email: 'ops@tls.test', solvers: [cloudflareDns01({ apiToken: SecretReference.external('web', 'cf', 'api-token') })] }),
    }),
    layer: 'references', path: 'nginx/issuer', field: 'issuer.secrets',
  },
  {
    name: 'ingress-nginx address from a pool the load balancer does not serve',
    build: (_c, app) => {
      const other = site('other-lab', { domain: 'o.test', hosts: [node], pools: { lb: { first: '10.3.0.1', last: '10.3.0.9' } } });
      new ClusterChart(app, 'nginx', {
        site: tlsLab, hosts: [node], gitops: flux(),
        routes: ingressNginx({ address: other.pools.lb.at('10.3.0.1'), tls: IngressTls.none() }),
        loadBalancer: metalLb({ pools: [tlsLab.pools.lb] }),
      });
    },
    layer: 'inventory', path: 'nginx', field: 'routes.address',
  },
];
