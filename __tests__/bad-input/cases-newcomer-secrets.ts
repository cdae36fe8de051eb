import * as homelab from '../../constructs';
import {
  acmeIssuer, addModel, caIssuer, cloudflareDns01, ClusterIssuer, CROSSPLANE_PROVIDERS, CrossplaneProviders, declareExternal, ExternalSecret, http01Ingress,
  Knative, LETSENCRYPT_PRODUCTION, SealedSecret, SecretReference, SopsSecret, VaultClusterSecretStore, WildcardCertificate,
} from '../../constructs';
import type { ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, labApp, labCluster, raw } from './lab';

// A new user's first secrets, certificates and GitOps settings, written from the README and the TSDoc
// alone: habits of kubectl and Helm (a cert-manager spec or solver written out, a Secret name in capitals, a
// key with a space), plaintext where ciphertext belongs, durations in words, a repository URL in scp form.
// Each is named on the prop the user wrote, with what to write instead, and never reaches `dist/`.

/** A value with the layout of `kubeseal --raw` output (a 4096-bit session key). */
const SEALED = `Ag${'B'.repeat(720)}==`;
const CF = SecretReference.external('cert-manager', 'cloudflare', 'api-token');
/** Declares the Cloudflare token Secret made by hand, then builds. */
const withToken = (build: (cluster: ClusterChart) => unknown) => guarded((cluster: ClusterChart) => {
  declareExternal(cluster, { secrets: [{ namespace: 'cert-manager', name: 'cloudflare' }] });
  build(cluster);
});
const issuer = (props: Record<string, unknown>) => withToken((cluster) => new ClusterIssuer(cluster, 'le', {
  name: 'letsencrypt', issuer: acmeIssuer({ server: LETSENCRYPT_PRODUCTION, email: 'ops@lab.test', solvers: [cloudflareDns01({ apiToken: CF })], ...props } as any),
}));
const store = (cluster: ClusterChart) => new VaultClusterSecretStore(cluster, 'vs', { name: 'vault', server: 'https://vault.lab.test:8200', role: 'eso' });
const externalSecret = (props: Record<string, unknown>, id = 'es') => guarded((cluster: ClusterChart) => {
  store(cluster);
  new ExternalSecret(cluster, id, { namespace: 'web', store: { name: 'vault' }, data: { password: { remoteKey: 'db/password' } }, ...props } as any);
});
const sealed = (props: Record<string, unknown>, id = 'db') => guarded((cluster: ClusterChart) => new SealedSecret(cluster, id, { namespace: 'web', encryptedData: { password: SEALED }, ...props } as any));
const sealedManifest = (spec: Record<string, unknown>) => ({ apiVersion: 'bitnami.com/v1alpha1', kind: 'SealedSecret', metadata: { name: 'db', namespace: 'web' }, spec });
/** A cluster `edge` of the lab with these GitOps settings. */
const engine = (gitops: unknown, extra: Record<string, unknown> = {}) => guarded((_c: ClusterChart, root: any) => labCluster(root, 'edge', { gitops, ...extra } as any));
/** A cluster `edge` of a site `name` of its own whose Git URL is `url`. */
const siteWithGitUrl = (name: string, url: string) => (_c: ClusterChart, app: any) => {
  const node = homelab.host(`${name}-node`, { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.9.3.1' });
  const own = homelab.site(name, { domain: `${name}.test`, hosts: [node], git: { url } });
  labCluster(app, 'edge', { site: own, hosts: [node], loadBalancer: undefined, storage: {} } as any);
};
const providers = (list: unknown) => guarded((cluster: ClusterChart) => new CrossplaneProviders(cluster, 'xp', list as any));

export const CASES: BadInput[] = [
  // Plaintext where a secret belongs
  {
    name: 'a raw SealedSecret (addModel) whose encryptedData is the password itself',
    build: (cluster) => {
      cluster.namespaces.ensure('web');
      addModel(cluster, 'ss', sealedManifest({ encryptedData: { password: 'hunter2' }, template: { metadata: { name: 'db', namespace: 'web' } } }));
    },
    layer: 'policy', path: 'ss', field: 'spec.encryptedData.password', hint: /kubeseal --raw --namespace web --name db/,
  },
  {
    name: 'a raw SealedSecret whose encryptedData is base64 of a PEM key, not ciphertext',
    build: (cluster) => raw(cluster, 'ss', sealedManifest({ encryptedData: { 'tls.key': Buffer.from('-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n').toString('base64') } })),
    layer: 'policy', path: 'ss', field: 'spec.encryptedData.tls.key',
  },
  { name: 'a SealedSecret given the password itself', build: sealed({ encryptedData: { password: 'hunter2' } }), layer: 'policy', path: 'db', field: 'encryptedData.password' },
  { name: 'a SealedSecret given base64 of the password (a kubectl habit)', build: sealed({ encryptedData: { password: Buffer.from('hunter2').toString('base64') } }), layer: 'policy', path: 'db', field: 'encryptedData.password' },
  {
    name: 'a SopsSecret of the plaintext file, before sops --encrypt, ',
    build: guarded((cluster) => new SopsSecret(cluster, 'sops', { manifest: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: 'web' }, stringData: { password: 'hunter2' } } })),
    layer: 'policy', path: 'sops', field: 'manifest.sops',
  },
  { name: 'a raw Secret with stringData', build: (cluster) => raw(cluster, 'sec', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: 'web' }, stringData: { password: 'hunter2' } }), layer: 'policy', path: 'sec', field: 'stringData.password' },
  { name: 'a raw TLS Secret with its key base64-encoded', build: (cluster) => raw(cluster, 'sec', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'tls', namespace: 'web' }, type: 'kubernetes.io/tls', data: { 'tls.crt': 'LS0t', 'tls.key': 'LS0t' } }), layer: 'policy', path: 'sec', field: 'data.tls.key' },
  { name: 'a ConfigMap holding DB_PASSWORD', build: (cluster) => raw(cluster, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'web' }, data: { DB_PASSWORD: 'hunter2' } }), layer: 'policy', path: 'cm', field: 'data.DB_PASSWORD' },
  { name: 'an app env API_TOKEN written out', build: guarded(labApp('web', { env: { API_TOKEN: 'ghp_abcdefghijklmnopqrstuvwxyz0123456789' } })), layer: 'props', path: 'web', field: 'env.API_TOKEN', hint: /SecretReference/ },
  { name: 'an app env in the Kubernetes form valueFrom.secretKeyRef', build: guarded(labApp('web', { env: { PW: { valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } } } })), layer: 'props', path: 'web', field: 'env.PW', hint: /SecretReference\.external/ },
  { name: 'an app env as a bare secretKeyRef', build: guarded(labApp('web', { env: { PW: { secretKeyRef: { name: 'db', key: 'password' } } } })), layer: 'props', path: 'web', field: 'env.PW' },
  { name: 'cloudflareDns01 given the API token itself', build: issuer({ solvers: [cloudflareDns01({ apiToken: 'cf-token-abc123' as any })] }), layer: 'props', path: 'le', field: 'issuer.solvers[0].apiToken' },
  // Secret names and keys
  { name: 'a SealedSecret named by an id in capitals with an underscore', build: sealed({}, 'DB_Secret'), layer: 'props', path: 'DB_Secret', field: 'name', hint: /name: 'db-secret'/ },
  { name: 'a SealedSecret name with capitals', build: sealed({ name: 'DbPassword' }), layer: 'props', path: 'db', field: 'name' },
  { name: 'a SealedSecret key with a space', build: sealed({ encryptedData: { 'db password': SEALED } }), layer: 'props', path: 'db', field: 'encryptedData.db password', hint: /'db_password'/ },
  { name: 'a SealedSecret scope written as cluster', build: sealed({ scope: 'cluster' }), layer: 'props', path: 'db', field: 'scope' },
  { name: 'an ExternalSecret key with a space', build: externalSecret({ data: { 'DB Password': { remoteKey: 'db/password' } } }), layer: 'props', path: 'es', field: 'data.DB Password' },
  { name: 'an ExternalSecret named by an id with an underscore', build: externalSecret({}, 'db_creds'), layer: 'props', path: 'db_creds', field: 'name' },
  { name: 'an ExternalSecret data entry as the remote key alone', build: externalSecret({ data: { password: 'db/password' } }), layer: 'props', path: 'es', field: 'data.password' },
  { name: 'an ExternalSecret store as its name alone', build: externalSecret({ store: 'vault' }), layer: 'props', path: 'es', field: 'store' },
  { name: 'an ExternalSecret of a store not declared', build: externalSecret({ store: { name: 'vaultt' } }), layer: 'references', path: 'es/resource', field: 'spec.secretStoreRef.name' },
  { name: 'an ExternalSecret of a namespaced SecretStore that is a ClusterSecretStore', build: externalSecret({ store: { name: 'vault', kind: 'SecretStore' } }), layer: 'references', path: 'es/resource', field: 'spec.secretStoreRef.name' },
  { name: 'an ExternalSecret refreshInterval of 60 (seconds meant)', build: externalSecret({ refreshInterval: '60' }), layer: 'props', path: 'es', field: 'refreshInterval' },
  { name: 'SecretReference.external of a Secret name with an underscore', build: guarded(labApp('web', { namespace: 'web', env: { PW: SecretReference.external('web', 'db_secret', 'password') } })), layer: 'props', path: 'web', field: 'env.PW' },
  { name: 'SecretReference.external of a key with a space', build: guarded(labApp('web', { namespace: 'web', env: { PW: SecretReference.external('web', 'db', 'pass word') } })), layer: 'props', path: 'web', field: 'env.PW' },
  { name: 'SecretReference.external in namespace default for an app of its own namespace', build: guarded(labApp('web', { env: { PW: SecretReference.external('default', 'db', 'password') } })), layer: 'references', path: 'web', field: 'env.PW' },
  // cert-manager issuers and certificates
  {
    name: 'a ClusterIssuer given the cert-manager spec written out',
    build: guarded((cluster) => new ClusterIssuer(cluster, 'le', { name: 'letsencrypt', issuer: { acme: { server: LETSENCRYPT_PRODUCTION, email: 'ops@lab.test' } } as any })),
    layer: 'props', path: 'le', field: 'issuer', hint: /acmeIssuer/,
  },
  { name: 'a ClusterIssuer without its issuer', build: guarded((cluster) => new ClusterIssuer(cluster, 'le', { name: 'letsencrypt' } as any)), layer: 'props', path: 'le', field: 'issuer' },
  { name: 'a ClusterIssuer name in capitals', build: withToken((cluster) => new ClusterIssuer(cluster, 'le', { name: 'LetsEncrypt', issuer: acmeIssuer({ server: LETSENCRYPT_PRODUCTION, email: 'ops@lab.test', solvers: [cloudflareDns01({ apiToken: CF })] }) })), layer: 'props', path: 'le', field: 'name' },
  { name: "an ACME solver written in cert-manager's form", build: issuer({ solvers: [{ http01: { ingress: { class: 'traefik' } } }] }), layer: 'props', path: 'le', field: 'issuer.solvers[0]', hint: /http01Ingress/ },
  { name: 'http01Ingress with an empty ingress class', build: issuer({ solvers: [http01Ingress('')] }), layer: 'props', path: 'le', field: 'issuer.solvers[0].ingressClassName' },
  { name: 'http01Ingress with an ingress class in capitals', build: issuer({ solvers: [http01Ingress('Traefik')] }), layer: 'props', path: 'le', field: 'issuer.solvers[0].ingressClassName' },
  {
    name: 'two ClusterIssuers of one name are one error',
    build: (cluster) => {
      issuer({})(cluster);
      new ClusterIssuer(cluster, 'le2', { name: 'letsencrypt', issuer: acmeIssuer({ server: LETSENCRYPT_PRODUCTION, email: 'ops@lab.test', solvers: [http01Ingress('traefik')] }) });
    },
    layer: 'references', path: 'le2', field: 'name',
  },
  { name: 'an ACME server given by name', build: issuer({ server: 'letsencrypt' }), layer: 'props', path: 'le', field: 'issuer.server' },
  { name: 'an ACME email without a domain', build: issuer({ email: 'me' }), layer: 'props', path: 'le', field: 'issuer.email' },
  { name: 'an ACME account key Secret name with an underscore', build: issuer({ accountKeySecretName: 'LE_Account' }), layer: 'props', path: 'le', field: 'issuer.accountKeySecretName' },
  {
    name: 'a cloudflare token Secret in namespace default',
    build: guarded((cluster) => new ClusterIssuer(cluster, 'le', { name: 'letsencrypt', issuer: acmeIssuer({ server: LETSENCRYPT_PRODUCTION, email: 'ops@lab.test', solvers: [cloudflareDns01({ apiToken: SecretReference.external('default', 'cf', 'token') })] }) })),
    layer: 'references', path: 'le', field: 'issuer.secrets',
  },
  { name: 'caIssuer given the Secret name as text', build: guarded((cluster) => new ClusterIssuer(cluster, 'ca', { name: 'ca', issuer: caIssuer({ keyPair: 'my-ca' as any }) })), layer: 'props', path: 'ca', field: 'issuer.keyPair' },
  {
    name: 'a WildcardCertificate of an issuer name with a suffix the issuer does not have',
    build: (cluster) => {
      issuer({})(cluster);
      new WildcardCertificate(cluster, 'wc', { issuer: 'letsencrypt-prod' });
    },
    layer: 'references', path: 'wc', field: 'issuer', hint: /letsencrypt/,
  },
  { name: 'a WildcardCertificate domain written with its *.', build: guarded((cluster) => { issuer({})(cluster); new WildcardCertificate(cluster, 'wc', { issuer: 'letsencrypt', domain: '*.lab.test' }); }), layer: 'props', path: 'wc', field: 'domain' },
  // Ingress TLS of ingress-nginx
  { name: 'IngressTls.perRoute with an empty issuer', build: engine(homelab.flux(), { routes: homelab.ingressNginx({ tls: homelab.IngressTls.perRoute('') }) }), layer: 'props', path: 'edge', field: 'routes.tls.issuer' },
  { name: 'IngressTls.wildcard with an issuer written as its title', build: engine(homelab.flux(), { routes: homelab.ingressNginx({ tls: homelab.IngressTls.wildcard({ issuer: 'Lets Encrypt' }) }) }), layer: 'props', path: 'edge', field: 'routes.tls.issuer' },
  { name: 'IngressTls.wildcard with a Secret name with an underscore', build: engine(homelab.flux(), { routes: homelab.ingressNginx({ tls: homelab.IngressTls.wildcard({ issuer: 'letsencrypt', secretName: 'Wild_TLS' }) }) }), layer: 'props', path: 'edge', field: 'routes.tls.secretName' },
  { name: 'ingress-nginx tls given as the issuer name', build: engine(homelab.flux(), { routes: homelab.ingressNginx({ tls: 'letsencrypt' as any }) }), layer: 'props', path: 'edge', field: 'routes.tls', hint: /IngressTls\.perRoute/ },
  // Knative and Crossplane
  { name: 'a Knative domain written as a URL', build: guarded((cluster) => new Knative(cluster, 'kn', { domain: 'https://kn.lab.test' })), layer: 'props', path: 'kn', field: 'domain' },
  { name: 'Knative eventing as the text yes', build: guarded((cluster) => new Knative(cluster, 'kn', { eventing: 'yes' as any })), layer: 'props', path: 'kn', field: 'eventing' },
  { name: 'a Crossplane provider package without its tag', build: providers([{ name: 'provider-aws-s3', package: 'xpkg.upbound.io/upbound/provider-aws-s3' }]), layer: 'props', path: 'xp', field: 'providers[0].package', hint: /:v1\.21\.0/ },
  { name: 'a Crossplane provider package without its registry', build: providers([{ name: 'provider-aws-s3', package: 'upbound/provider-aws-s3:v1.21.0' }]), layer: 'props', path: 'xp', field: 'providers[0].package' },
  { name: 'a Crossplane provider name in capitals', build: providers([CROSSPLANE_PROVIDERS.kubernetes, { name: 'Provider_AWS', package: 'xpkg.upbound.io/upbound/provider-aws-s3:v1.21.0' }]), layer: 'props', path: 'xp', field: 'providers[1].name' },
  // GitOps engines
  { name: 'a site Git URL without its scheme (a browser habit)', build: siteWithGitUrl('gu1', 'github.com/me/lab.git'), layer: 'inventory', path: 'inventory/site/gu1', field: 'git.url', hint: /'https:\/\/github\.com\/me\/lab\.git'/ },
  { name: 'a site Git URL of the git:// protocol', build: siteWithGitUrl('gu2', 'git://git.gu2.test/lab.git'), layer: 'inventory', path: 'inventory/site/gu2', field: 'git.url' },
  { name: 'a site Git URL in scp form under Flux', build: siteWithGitUrl('gu3', 'git@github.com:me/lab.git'), layer: 'references', path: 'edge', field: 'gitops', hint: /ssh:\/\/git@github\.com\/me\/lab\.git/ },
  { name: "Flux interval '5 minutes'", build: engine(homelab.flux({ interval: '5 minutes' })), layer: 'props', path: 'edge', field: 'gitops.interval' },
  { name: "Flux retryInterval '30' (seconds meant)", build: engine(homelab.flux({ retryInterval: '30' })), layer: 'props', path: 'edge', field: 'gitops.retryInterval' },
  { name: 'Flux sopsKeyFile without sopsSecretName', build: engine(homelab.flux({ sopsKeyFile: './age.key' })), layer: 'props', path: 'edge', field: 'gitops.sopsKeyFile' },
  { name: 'Flux sopsSecretName with an underscore', build: engine(homelab.flux({ sopsSecretName: 'sops_age' })), layer: 'props', path: 'edge', field: 'gitops.sopsSecretName' },
  { name: 'Flux bootstrapPath with a leading ./', build: engine(homelab.flux({ bootstrapPath: './clusters/edge' })), layer: 'props', path: 'edge', field: 'gitops.bootstrapPath', hint: /'clusters\/edge'/ },
  { name: "Flux prune as the text 'true'", build: engine(homelab.flux({ prune: 'true' as any })), layer: 'props', path: 'edge', field: 'gitops.prune' },
  {
    name: 'an Argo CD SSH deploy key for a site whose Git URL is HTTPS',
    build: engine(homelab.argoCd({ repositoryCredential: { sshPrivateKey: SecretReference.external('argocd', 'repo', 'sshPrivateKey') } })),
    layer: 'references', path: 'edge', field: 'gitops.repositoryCredential.sshPrivateKey', hint: /ssh:\/\/git@git\.lab\.test\/lab\.git/,
  },
  { name: 'an Argo CD project with a space', build: engine(homelab.argoCd({ project: 'Home Lab' })), layer: 'props', path: 'edge', field: 'gitops.project' },
  { name: 'an Argo CD syncAccount with a space', build: engine(homelab.argoCd({ syncAccount: 'CI Bot' })), layer: 'props', path: 'edge', field: 'gitops.syncAccount' },
  {
    name: 'a GitLab agent project given as its URL',
    build: engine(homelab.gitLabCi({ agent: { project: 'https://gitlab.com/me/lab', name: 'edge', kasAddress: 'wss://kas.gitlab.com' } })),
    layer: 'props', path: 'edge', field: 'gitops.agent.project',
  },
  { name: 'a GitLab agent kasAddress without its scheme', build: engine(homelab.gitLabCi({ agent: { project: 'me/lab', name: 'edge', kasAddress: 'kas.gitlab.com' } })), layer: 'props', path: 'edge', field: 'gitops.agent.kasAddress' },
  { name: "k3s disable 'traefik ' with a trailing space", build: engine(homelab.k3sManifests(), { preinstalled: [homelab.k3s({ disable: ['traefik '] })] }), layer: 'props', path: 'edge', field: 'preinstalled[0].disable[0]' },
];
