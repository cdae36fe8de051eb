import { ApiObject, App as CdkApp, JsonPatch } from 'cdk8s';
import {
  ChartRelease, ClusterChart, flux, host, k3s, localPathStorage, metalLb, SealedSecret, servesPorts, site, traefik,
} from '../../constructs';
import type { AppProps, HomelabApp, Preinstalled } from '../../constructs';
import type { BadInput } from './cases';
import { goodContainer, goodDeployment, guarded, labApp, raw } from './lab';

// A new user's first month, from the README alone, on three amd64 nodes running K3s and Flux, with the supply chain
// in mind: images pinned by digest and updated by Renovate, a registry of the lab's own as a pull-through cache,
// pull Secrets, charts from OCI registries and from Helm repositories, Flux's image automation for the lab's own
// apps, a staging cluster beside production. Most of its mistakes were refused already; these were taken as
// written (a registry port that is none, a pull policy that never pulls, an OCI chart address with its tag, a chart's
// pull Secret nobody makes, an image policy that never picks a tag, an automation that writes into the output), or
// were refused with a message that did not say what was wrong (a digest of the wrong length) or how to write it.

const node = (n: number) => host(`nu49-node${n}`, { arch: 'amd64', roles: ['control-plane', 'worker'], address: `10.49.0.1${n}`, cores: 4, memoryGigabytes: 16 });
/** The production nodes, and the one staging runs on. */
export const NU49_NODES = [node(1), node(2), node(3)];
export const NU49_STAGE = host('nu49-stage1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.49.0.21', cores: 4, memoryGigabytes: 16 });

/** The lab's site: production and staging share its inventory, each with a pool of its own. */
export const lab49 = site('nu49-supply', {
  domain: 'supply.test', hosts: [...NU49_NODES, NU49_STAGE],
  pools: { vips: { first: '10.49.8.10', last: '10.49.8.20' }, stagevips: { first: '10.49.8.30', last: '10.49.8.40' } },
  git: { url: 'https://github.com/me/supply-lab.git' },
});

/** Flux's image automation controllers, which `flux bootstrap --components-extra=…` installs, and the kinds they define. */
export const IMAGE_AUTOMATION: Preinstalled = {
  source: 'flux bootstrap --components-extra=image-reflector-controller,image-automation-controller',
  crds: [{ group: 'image.toolkit.fluxcd.io', kinds: ['ImageRepository', 'ImagePolicy', 'ImageUpdateAutomation'] }],
};

/** The production cluster `prod` (or staging, `staging`) as the README's examples write a K3s and Flux cluster. */
export function supplyCluster(app: CdkApp, stage: 'prod' | 'staging' = 'prod'): ClusterChart {
  const pool = stage === 'prod' ? lab49.pools.vips : lab49.pools.stagevips;
  return new ClusterChart(app, stage, {
    site: lab49, hosts: stage === 'prod' ? NU49_NODES : [NU49_STAGE],
    preinstalled: [k3s({ disable: ['traefik', 'servicelb'] }), IMAGE_AUTOMATION],
    routes: traefik({ address: pool.at(stage === 'prod' ? '10.49.8.10' : '10.49.8.30') }),
    loadBalancer: metalLb({ pools: [pool] }), storage: { fast: localPathStorage() }, gitops: flux(),
  });
}

/** Builds `build` into the production cluster, an error it throws reported as synth reports it. */
export const supply = (build: (c: ClusterChart, app: CdkApp) => void) => guarded((_main: ClusterChart, app: CdkApp) => build(supplyCluster(app), app));

/** A value kubeseal could have written for key `key` of Secret `name` in namespace `ns`: each its own ciphertext. */
export const sealedFor = (ns: string, name: string, key: string) => `AgB${('B'.repeat(8) + Buffer.from(`${ns}/${name}/${key}`).toString('hex') + 'B'.repeat(719)).slice(0, 719)}==`;
const DIGEST = `sha256:${'3f'.repeat(32)}`;

/** The lab's pull Secret `regcred` of namespace `ns`, sealed, of the registry type unless `type` says otherwise. */
export const regcred = (c: ClusterChart, ns: string, type = 'kubernetes.io/dockerconfigjson') =>
  new SealedSecret(c, `regcred-${ns}`, { namespace: ns, name: 'regcred', type, encryptedData: { '.dockerconfigjson': sealedFor(ns, 'regcred', '.dockerconfigjson') } });

/** The lab's own web app in namespace `shop`, its image `image`; props override. */
const shop = (image: string, props: Partial<AppProps> = {}) => supply((c) => labApp('shop', { namespace: 'shop', image, ...props })(c));

/** Redis from Bitnami's OCI charts in namespace `redis`, with `chart` over its source and `values`. */
const redis = (chart: Record<string, string>, values?: Record<string, unknown>, before?: (c: ClusterChart) => void) => supply((c) => {
  before?.(c);
  new ChartRelease(c, 'redis', {
    namespace: 'redis', chart: { repository: 'oci://registry-1.docker.io/bitnamicharts', chart: 'redis', version: '20.6.2', ...chart }, values,
    network: servesPorts({ port: 6379, purpose: 'Redis clients of the lab' }),
  });
});

/** A Flux image automation object `id` of namespace flux-system. */
const automation = (c: ClusterChart, id: string, kind: string, spec: Record<string, unknown>) =>
  new ApiObject(c, id, { apiVersion: 'image.toolkit.fluxcd.io/v1', kind, metadata: { name: 'shop', namespace: 'flux-system' }, spec });

/** The shop's ImageRepository on the lab's registry, and an ImagePolicy of it that follows `range`. */
const policy = (range: string, repositoryName = 'shop') => supply((c) => {
  automation(c, 'shop-images', 'ImageRepository', { image: 'ghcr.io/me/shop', interval: '10m' });
  automation(c, 'shop-policy', 'ImagePolicy', { imageRepositoryRef: { name: repositoryName }, policy: { semver: { range } } });
});

/** An ImageUpdateAutomation of the bootstrap's repository that updates the files under `path`. */
const updating = (path: string) => supply((c) => automation(c, 'shop-update', 'ImageUpdateAutomation', {
  interval: '30m', sourceRef: { kind: 'GitRepository', name: 'flux-system' },
  git: { checkout: { ref: { branch: 'main' } }, commit: { author: { name: 'fluxcdbot', email: 'flux@supply.test' } }, push: { branch: 'main' } },
  update: { path, strategy: 'Setters' },
}));

export const CASES: BadInput[] = [
  // Images as a registry's page, a release note or a Docker habit writes them.
  {
    name: 'an image copied from the registry page with https:// before it', build: shop('https://ghcr.io/me/shop:1.4.2'),
    layer: 'props', path: 'shop', field: 'image', hint: /no scheme \(https:\/\/\).*'ghcr\.io\/me\/shop:1\.4\.2'/,
  },
  {
    name: 'a sidecar image written as skopeo takes it, with docker://',
    build: shop('ghcr.io/me/shop:1.4.2', { sidecars: [{ name: 'exporter', image: 'docker://ghcr.io/me/exporter:0.3.0', ports: [{ name: 'metrics', port: 9100 }] }] }),
    layer: 'props', path: 'shop', field: 'sidecars[0].image', hint: /'ghcr\.io\/me\/exporter:0\.3\.0'/,
  },
  {
    name: 'an image pinned with its digest before its tag', build: shop(`ghcr.io/me/shop@${DIGEST}:1.4.2`),
    layer: 'props', path: 'shop', field: 'image', hint: new RegExp(`tag comes before the digest: 'ghcr\\.io/me/shop:1\\.4\\.2@${DIGEST}'`),
  },
  {
    name: 'an image digest cut to the 12 digits docker images shows', build: shop('ghcr.io/me/shop:1.4.2@sha256:3f3f3f3f3f3f'),
    layer: 'props', path: 'shop', field: 'image', message: /sha256 digest of 12 hex digits, where sha256 takes 64/,
  },
  {
    name: 'an image digest of a git commit, sha1', build: shop(`ghcr.io/me/shop@sha1:${'ab'.repeat(20)}`),
    layer: 'props', path: 'shop', field: 'image', message: /has a digest of the algorithm "sha1"/,
  },
  {
    name: 'an image tag with semantic versioning build metadata', build: shop('ghcr.io/me/shop:1.4.2+build.7'),
    layer: 'props', path: 'shop', field: 'image', hint: /no '\+'.*'ghcr\.io\/me\/shop:1\.4\.2_build\.7'/,
  },
  {
    name: "an image copied from Docker Hub's page", build: shop('hub.docker.com/r/library/nginx:1.27.3'),
    layer: 'props', path: 'shop', field: 'image', message: /web page on hub\.docker\.com/, hint: /'nginx:1\.27\.3'/,
  },
  {
    name: "an image copied from a GitHub package's page, with its scheme", build: shop('https://github.com/me/shop/pkgs/container/shop:1.4.2'),
    layer: 'props', path: 'shop', field: 'image', hint: /'ghcr\.io\/me\/shop:1\.4\.2'/,
  },
  {
    name: 'an image digest without its algorithm', build: shop(`ghcr.io/me/shop@${'3f'.repeat(32)}`),
    layer: 'props', path: 'shop', field: 'image', hint: new RegExp(`'ghcr\\.io/me/shop@sha256:${'3f'.repeat(32)}'`),
  },
  {
    name: "the lab's registry at port 50000 mistyped as 500000", build: shop('registry.supply.test:500000/me/shop:1.4.2'),
    layer: 'props', path: 'shop', field: 'image', message: /registry port 500000, which is no port/,
  },
  {
    name: 'a hand-written Deployment pulling from the registry at port 0',
    build: supply((c) => raw(c, 'w', goodDeployment('web', { containers: [goodContainer({ image: 'registry.supply.test:0/me/web:1.0.0' })] }))),
    layer: 'schema', path: 'w', field: 'spec.template.spec.containers[0].image', hint: /1–65535/,
  },
  // Pull policies and pull Secrets.
  {
    name: "an App's image never pulled, as for an image imported on one node", build: shop('registry.supply.test/me/shop:1.4.2', { imagePullPolicy: 'Never' }),
    layer: 'props', path: 'shop', field: 'imagePullPolicy', hint: /IfNotPresent/,
  },
  {
    name: 'a pull policy of never in lower case, which the hint must not make Never', build: shop('ghcr.io/me/shop:1.4.2', { imagePullPolicy: 'never' as 'Never' }),
    layer: 'props', path: 'shop', field: 'imagePullPolicy', hint: /write 'IfNotPresent'/,
  },
  {
    name: "a sidecar's image never pulled",
    build: shop('ghcr.io/me/shop:1.4.2', { sidecars: [{ name: 'exporter', image: 'ghcr.io/me/exporter:0.3.0', imagePullPolicy: 'Never', ports: [{ name: 'metrics', port: 9100 }] }] }),
    layer: 'props', path: 'shop', field: 'sidecars[0].imagePullPolicy', message: /ErrImageNeverPull/,
  },
  {
    name: 'a container added with addContainer whose image is never pulled',
    build: supply((c) => (labApp('shop', { namespace: 'shop', image: 'ghcr.io/me/shop:1.4.2' })(c) as HomelabApp)
      .addInitContainer({ name: 'migrate', image: 'ghcr.io/me/shop-migrate:1.4.2', imagePullPolicy: 'Never' })),
    layer: 'props', path: 'shop', field: 'addInitContainer.imagePullPolicy',
  },
  {
    name: 'a hand-written Deployment whose image is never pulled',
    build: supply((c) => raw(c, 'w', goodDeployment('web', { containers: [goodContainer({ image: 'ghcr.io/me/web:1.0.0', imagePullPolicy: 'Never' })] }))),
    layer: 'policy', path: 'w', field: 'spec.template.spec.containers[0].imagePullPolicy',
  },
  {
    name: "an App's pull Secret patched in from the registry's namespace",
    build: supply((c) => {
      regcred(c, 'registry');
      (labApp('shop', { namespace: 'shop', image: 'registry.supply.test/me/shop:1.4.2' })(c) as HomelabApp).workload
        .addJsonPatch(JsonPatch.add('/spec/template/spec/imagePullSecrets', [{ name: 'regcred' }]));
    }),
    layer: 'references', path: 'shop/deployment', field: 'spec.template.spec.imagePullSecrets[0].name', hint: /made in namespace "registry"/,
  },
  // Charts from OCI registries, as `helm pull` and the registry's page show them.
  {
    name: 'an OCI chart address with the chart and its tag in it', build: redis({ repository: 'oci://registry-1.docker.io/bitnamicharts/redis:20.6.2' }),
    layer: 'props', path: 'redis', field: 'chart.repository', hint: /repository: 'oci:\/\/registry-1\.docker\.io\/bitnamicharts', chart: 'redis', version: '20\.6\.2'/,
  },
  {
    name: 'an OCI chart folder with a tag', build: redis({ repository: 'oci://ghcr.io/me/charts:1.0.0', chart: 'shop', version: '1.0.0' }),
    layer: 'props', path: 'redis', field: 'chart.repository', hint: /repository: 'oci:\/\/ghcr\.io\/me\/charts', chart: 'shop'/,
  },
  {
    name: 'an OCI chart address pinned by digest', build: redis({ repository: `oci://registry-1.docker.io/bitnamicharts/redis@${DIGEST}` }),
    layer: 'props', path: 'redis', field: 'chart.repository', message: /digest @sha256/,
  },
  {
    name: 'a chart name with its version, as an OCI reference writes it', build: redis({ chart: 'redis:20.6.2' }),
    layer: 'props', path: 'redis', field: 'chart.chart', hint: /chart: 'redis', version: '20\.6\.2'/,
  },
  {
    name: 'an OCI chart named in capitals', build: redis({ repository: 'oci://ghcr.io/me/charts', chart: 'Shop', version: '1.0.0' }),
    layer: 'props', path: 'redis', field: 'chart.chart', hint: /chart: 'shop'/,
  },
  {
    name: "an OCI chart folder under the GitHub owner's name in capitals", build: redis({ repository: 'oci://ghcr.io/MyName/charts', chart: 'shop', version: '1.0.0' }),
    layer: 'props', path: 'redis', field: 'chart.repository', hint: /'oci:\/\/ghcr\.io\/myname\/charts'/,
  },
  // A chart's pull Secrets.
  {
    name: "a chart's global pull Secret nobody makes", build: redis({}, { global: { imagePullSecrets: ['regcred'] } }),
    layer: 'references', path: 'redis', field: 'values.global.imagePullSecrets[0]', message: /pull their images without credentials/,
  },
  {
    name: "a chart's pull Secret made in the registry's namespace", build: redis({}, { global: { imagePullSecrets: ['regcred'] } }, (c) => regcred(c, 'registry')),
    layer: 'references', path: 'redis', field: 'values.global.imagePullSecrets[0]', hint: /made in namespace "registry"/,
  },
  {
    name: "a chart's pull Secret written as a list of names", build: redis({}, { imagePullSecrets: [{ name: 'regcred' }] }),
    layer: 'references', path: 'redis', field: 'values.imagePullSecrets[0].name',
  },
  {
    name: "a chart's pull Secret of type Opaque", build: redis({}, { image: { pullSecrets: ['regcred'] } }, (c) => regcred(c, 'redis', 'Opaque')),
    layer: 'references', path: 'redis', field: 'values.image.pullSecrets[0]', message: /of type Opaque/,
  },
  // A chart's images.
  { name: "a chart's image registry written with https://", build: redis({}, { image: { registry: 'https://registry.supply.test:5000' } }), layer: 'props', path: 'redis', field: 'values.image.registry', hint: /'registry\.supply\.test:5000'/ },
  { name: "a chart's global image registry written with http://", build: redis({}, { global: { imageRegistry: 'http://registry.supply.test:5000/' } }), layer: 'props', path: 'redis', field: 'values.global.imageRegistry', hint: /'registry\.supply\.test:5000'/ },
  { name: "a chart's image on the latest tag", build: redis({}, { image: { repository: 'bitnami/redis', tag: 'latest' } }), layer: 'policy', path: 'redis', field: 'values.image.tag' },
  { name: "a chart's metrics image never pulled", build: redis({}, { metrics: { enabled: true, image: { pullPolicy: 'Never' } } }), layer: 'policy', path: 'redis', field: 'values.metrics.image.pullPolicy', message: /ErrImageNeverPull/ },
  // Flux's image automation.
  { name: 'an image policy whose range lies between two patch releases', build: policy('>1.4.2 <1.4.3'), layer: 'schema', path: 'shop-policy', field: 'spec.policy.semver.range', message: /admits no release/ },
  { name: 'an image policy whose range ends before it starts', build: policy('>=2.0.0 <1.0.0'), layer: 'schema', path: 'shop-policy', field: 'spec.policy.semver.range', message: /admits no release/ },
  { name: 'an image policy on ~1.4.2 and above 1.5.0 at once', build: policy('~1.4.2, >=1.5.0'), layer: 'schema', path: 'shop-policy', field: 'spec.policy.semver.range', message: /admits no release/ },
  { name: 'an image policy whose range is latest', build: policy('latest'), layer: 'schema', path: 'shop-policy', field: 'spec.policy.semver.range', hint: /filterTags/ },
  { name: "an image policy of an ImageRepository that is not the cluster's", build: policy('~1.4', 'shop-images'), layer: 'references', path: 'shop-policy', field: 'spec.imageRepositoryRef' },
  {
    name: "an ImageRepository of the lab's registry whose credentials nobody makes",
    build: supply((c) => automation(c, 'shop-images', 'ImageRepository', { image: 'registry.supply.test/me/shop', interval: '10m', secretRef: { name: 'regcred' } })),
    layer: 'references', path: 'shop-images', field: 'spec.secretRef', hint: /kubernetes\.io\/dockerconfigjson/,
  },
  { name: 'an image update automation that writes into the output folder', build: updating('./dist/nu49-supply/prod'), layer: 'schema', path: 'shop-update', field: 'spec.update.path', hint: /Renovate/ },
  { name: 'an image update automation of the whole output folder', build: updating('dist'), layer: 'schema', path: 'shop-update', field: 'spec.update.path' },
];
