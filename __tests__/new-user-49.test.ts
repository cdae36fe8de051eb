import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App as CdkApp, JsonPatch } from 'cdk8s';
import { loadAll } from 'js-yaml';
import { AppVolume, ChartRelease, HomelabApp, runSynthCli, SealedSecret, servesPorts, synthesize } from '../constructs';
import type { ClusterChart, Finding } from '../constructs';
import { regcred, sealedFor, supplyCluster } from './bad-input/cases-new-user-49';
import { rangeMatchesNothing } from '../constructs/validation/flux-image-automation';
import { imageReferenceProblem } from '../constructs/validation/syntax';
import { aboutTheLab, readTree } from './support/synth';

// The new user's supply-chain lab written right (see bad-input/cases-new-user-49.ts for its mistakes): production on
// three K3s nodes and staging on a fourth, from one inventory, with images pinned by digest, a registry:2 pull-through
// cache, pull Secrets where the pods are, charts from an OCI registry and a Helm repository, and Flux's image
// automation scanning the lab's own image. It meets no finding it does not deserve, and what it writes would run.

const SHOP_DIGEST = `sha256:${'4e'.repeat(32)}`;
const SHOP = (version: string) => `registry.supply.test:5000/me/shop:${version}@${SHOP_DIGEST}`;

/** One stage of the lab: the same apps, with the stage's own host names, Secrets and version of the shop. */
function stage(app: CdkApp, name: 'prod' | 'staging', shopVersion: string): ClusterChart {
  const c = supplyCluster(app, name);
  const suffix = name === 'prod' ? '' : '-staging';
  // The pull-through cache of Docker Hub, which the nodes' registries.yaml names as docker.io's mirror.
  new HomelabApp(c, 'registry', {
    image: `registry:2.8.3@sha256:${'5a'.repeat(32)}`, ports: [{ name: 'http', port: 5000 }],
    env: { REGISTRY_PROXY_REMOTEURL: 'https://registry-1.docker.io', REGISTRY_STORAGE_DELETE_ENABLED: 'true' },
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '50Gi' }), mountPath: '/var/lib/registry' } },
    loadBalancer: { address: name === 'prod' ? c.site.pools.vips.at('10.49.8.11') : c.site.pools.stagevips.at('10.49.8.31'), ports: ['http'] },
  });
  // Each stage seals its own pull Secret, for its own controller.
  regcred(c, 'shop');
  const shop = new HomelabApp(c, 'shop', {
    namespace: 'shop', image: SHOP(shopVersion), ports: [{ name: 'http', port: 8080 }], route: { host: `shop${suffix}` },
  });
  shop.workload.addJsonPatch(JsonPatch.add('/spec/template/spec/imagePullSecrets', [{ name: 'regcred' }]));
  new SealedSecret(c, 'redis-auth', { namespace: 'redis', name: 'redis-auth', encryptedData: { 'redis-password': sealedFor('redis', 'redis-auth', 'redis-password') } });
  regcred(c, 'redis');
  new ChartRelease(c, 'redis', {
    namespace: 'redis', chart: { repository: 'oci://registry-1.docker.io/bitnamicharts', chart: 'redis', version: '20.6.2' },
    // Bitnami's images through the cache, pinned as the chart's own default pins them.
    values: {
      global: { imageRegistry: 'registry.supply.test:5000', imagePullSecrets: ['regcred'] }, auth: { existingSecret: 'redis-auth' },
      image: { repository: 'bitnami/redis', tag: '7.4.2-debian-12-r0', pullPolicy: 'IfNotPresent' },
    },
    network: servesPorts({ port: 6379, purpose: 'Redis clients of the lab' }),
  });
  new ChartRelease(c, 'podinfo', {
    namespace: 'podinfo', chart: { repository: 'https://stefanprodan.github.io/podinfo', chart: 'podinfo', version: '6.7.1' },
    network: servesPorts({ port: 9898, purpose: 'podinfo' }),
  });
  // Flux scans the shop's image and picks the newest 1.x: Renovate, not the automation, writes it into the source.
  regcred(c, 'flux-system');
  const image = (id: string, kind: string, spec: Record<string, unknown>) =>
    new ApiObject(c, id, { apiVersion: 'image.toolkit.fluxcd.io/v1', kind, metadata: { name: 'shop', namespace: 'flux-system' }, spec });
  image('shop-images', 'ImageRepository', { image: 'registry.supply.test:5000/me/shop', interval: '10m', secretRef: { name: 'regcred' } });
  image('shop-policy', 'ImagePolicy', { imageRepositoryRef: { name: 'shop' }, policy: { semver: { range: '>=1.4.0 <2.0.0' } } });
  return c;
}

/** Synthesizes both stages into a fresh folder: the findings about the lab, and the folder. */
function synthLab(prodVersion = '1.4.2', stagingVersion = '1.5.0'): { findings: Finding[]; outdir: string } {
  const app = new CdkApp();
  stage(app, 'prod', prodVersion);
  stage(app, 'staging', stagingVersion);
  const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'new-user-49-')), 'dist');
  return { findings: aboutTheLab(synthesize(app, { outdir }).findings), outdir };
}

describe("a new user's supply-chain lab: pinned images, a pull-through cache, OCI charts, Flux image automation, staging beside production", () => {
  test('the lab written right synthesizes without errors or warnings, staging a version ahead of production', () => {
    const { findings } = synthLab();
    expect(findings.map((f) => `${f.severity} ${f.constructPath} ${f.field}: ${f.message}`)).toEqual([]);
  });

  test('what it writes would run: the pinned image as written, its pull Secret beside the pod, the OCI chart without a tag', () => {
    const { outdir } = synthLab();
    const docs = [...readTree(path.join(outdir, 'nu49-supply', 'prod')).entries()].filter(([file]) => file.endsWith('.yaml'))
      .flatMap(([, text]) => loadAll(text) as Array<Record<string, any>>).filter((doc) => doc !== null && typeof doc === 'object');
    const shop = docs.find((d) => d.kind === 'Deployment' && d.metadata.name === 'shop')!;
    expect(shop.spec.template.spec.containers[0]).toMatchObject({ image: SHOP('1.4.2'), imagePullPolicy: 'IfNotPresent' });
    expect(shop.spec.template.spec.imagePullSecrets).toEqual([{ name: 'regcred' }]);
    expect(imageReferenceProblem(shop.spec.template.spec.containers[0].image)).toBeUndefined();
    const pullSecret = docs.find((d) => d.kind === 'SealedSecret' && d.metadata.name === 'regcred' && d.metadata.namespace === shop.metadata.namespace);
    expect(pullSecret?.spec.template.type).toBe('kubernetes.io/dockerconfigjson');
    const sources = docs.filter((d) => /^source\.toolkit\.fluxcd\.io\//.test(d.apiVersion) && /redis/.test(JSON.stringify(d.spec)));
    expect(sources.map((d) => d.spec.url).filter((url: string) => url.startsWith('oci://'))).not.toHaveLength(0);
    for (const source of sources) {
      expect(source.spec.url).not.toMatch(/:[0-9][^/]*$/);
    }
  });

  test('a pull policy of IfNotPresent written out, for an image the nodes may hold already, is no finding', () => {
    const app = new CdkApp();
    const c = supplyCluster(app);
    new HomelabApp(c, 'shop', { namespace: 'shop', image: SHOP('1.4.2'), imagePullPolicy: 'IfNotPresent', ports: [{ name: 'http', port: 8080 }] });
    const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'new-user-49-')), 'dist');
    expect(aboutTheLab(synthesize(app, { outdir }).findings).filter((f) => f.field.endsWith('imagePullPolicy'))).toEqual([]);
  });

  test('an image policy range admits nothing only where its terms exclude each other', () => {
    expect(['>1.4.2 <1.4.3', '>=2.0.0 <1.0.0', '~1.4.2, >=1.5.0', '^0.2.3 >=0.3.0', '1.4.x >1.4', '>=1.5 <=1.4'].filter(rangeMatchesNothing)).toHaveLength(6);
    expect(['~1.4', '>=1.4.0 <2.0.0', '^1.4.2', '1.x', '*', '>1.4.2 <1.4.3 || ^2.0.0', '>=1.4.0-rc.1 <1.4.0', '1.4.2', '>1.4 <1.6', '!=1.4.2'].filter(rangeMatchesNothing)).toEqual([]);
  });
});

describe('synth in CI, as a workflow calls it', () => {
  /** The exit status and what synth printed for `argv`, on a small lab. */
  function run(argv: string[]): { code: number; lines: string[] } {
    const lines: string[] = [];
    const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'new-user-49-cli-')), 'dist');
    const code = runSynthCli((scope) => { supplyCluster(scope as CdkApp); }, { argv, log: (line) => lines.push(line), outdir });
    return { code, lines };
  }

  test.each([
    [['--no-color'], /plain text without colours/],
    [['--color=always'], /plain text without colours/],
    [['--strict'], /exits 1 on an error.*--json/],
    [['--fail-on-warnings'], /severity "warning"/],
    [['--verbose'], /every finding in full/],
  ])('%j is one error whose hint says what synth does instead', (argv, hint) => {
    const { code, lines } = run(argv);
    expect(code).toBe(1);
    expect(lines.filter((line) => line.startsWith('ERROR'))).toHaveLength(1);
    expect(lines.join('\n')).toMatch(hint);
  });

  test('a redirection given as a word, as an argument list without a shell passes it, is one error that names the shell', () => {
    const { code, lines } = run(['--json', '>', 'synth.json']);
    expect(code).toBe(1);
    const document = JSON.parse(lines.join('\n')) as { ok: boolean; findings: Finding[] };
    expect(document.ok).toBe(false);
    expect(document.findings.map((f) => [f.field, /run the command in a shell/.test(f.hint ?? '')])).toEqual([['>', true]]);
  });
});
