import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App as CdkApp } from 'cdk8s';
import { defineAether } from '../../charts/aether';
import { defineConstellation } from '../../charts/constellation';
import { defineMobius } from '../../charts/mobius';
import {
  App, ClusterChart, declareExternal, ExternalSecret, host, imageTag, isSecretLookingName, runValidateCli, SealedSecret, SecretReference,
  flux, site, SopsSecret, synthesize, traefik,
} from '../../constructs';
import { goodContainer, goodDeployment, labCluster, raw, snapshotTree } from '../bad-input/lab';
import { unwrittenOutdir } from '../support/synth';

const SEALED = `Ag${'B'.repeat(720)}==`;
const errorsOf = (app: CdkApp) => synthesize(app, { outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'homelab-ok-')), write: false })
  .findings.filter((f) => f.severity === 'error');

test('the mobius site passes every layer', () => {
  const app = new CdkApp();
  defineMobius(app);
  expect(errorsOf(app)).toEqual([]);
});

test('a valid hand-written workload passes every layer', () => {
  const app = new CdkApp();
  raw(labCluster(app), 'w', goodDeployment());
  expect(errorsOf(app)).toEqual([]);
});

test('a Service port name is a label: longer than a container port name may be, and pointing at a named container port', () => {
  const app = new CdkApp();
  const cluster = labCluster(app);
  raw(cluster, 'w', goodDeployment());
  raw(cluster, 's', {
    apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'web' },
    spec: { selector: { app: 'web' }, ports: [{ name: 'prometheus-metrics', port: 9090, targetPort: 'http' }] },
  });
  expect(errorsOf(app).map((f) => `${f.constructPath} ${f.field}: ${f.message}`)).toEqual([]);
});

test('a hand-written workload that departs from the restricted level is told the field to write, and the annotation that states why', () => {
  const app = new CdkApp();
  const securityContext = { allowPrivilegeEscalation: false, runAsNonRoot: true, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } };
  raw(labCluster(app), 'w', goodDeployment('web', { securityContext: { runAsNonRoot: true }, containers: [goodContainer({ securityContext })] }));
  expect(errorsOf(app).map((e) => `${e.field}: ${e.hint}`)).toEqual([
    'spec.template.spec.containers[0].securityContext.seccompProfile.type: set securityContext.seccompProfile: { type: RuntimeDefault }; '
      + "or, to depart on purpose, state why: exemptions: { privileged: '…' } on an App, or the annotation security.homelab.dev/privileged: '…' on the pod template",
  ]);
  // Once the departure is declared, the namespace's level is what is left to mend.
  const declared = new CdkApp();
  raw(labCluster(declared), 'w', goodDeployment('web', { securityContext: { runAsNonRoot: true }, containers: [goodContainer({ securityContext })] }, {},
    { 'security.homelab.dev/privileged': 'a vendor image that needs the unconfined profile' }));
  expect(errorsOf(declared).map((e) => `${e.field}: ${e.message}`)).toEqual([
    'spec.template.spec: needs Pod Security level "baseline", but namespace "web" enforces "restricted"; admission would reject its pods',
  ]);
});

test('config files in a ConfigMap that only refer to secrets pass', () => {
  const app = new CdkApp();
  raw(labCluster(app), 'cm', {
    apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'web' },
    data: {
      'app.yaml': [
        '# password: set through DB_PASSWORD', 'database:', '  password: ${DB_PASSWORD}', '  password_file: /run/secrets/db',
        'token_ttl: 3600', 'password_min_length: 8', 'password_required: true', 'api_key: "{{ .ApiKey }}"', 'secret_name: db',
        'public_key: ssh-ed25519 AAAAC3Nz', 'secrets:', '  token: ""', 'tolerations:', '  - key: dedicated', '    operator: Exists', '',
      ].join('\n'),
    },
  });
  expect(errorsOf(app)).toEqual([]);
});

describe('secret constructs', () => {
  test('apps read SealedSecret, ExternalSecret and SOPS keys through SecretReferences that resolve', () => {
    const app = new CdkApp();
    const cluster = labCluster(app, 'main', {
      preinstalled: [{ source: 'External Secrets Operator', crds: [{ group: 'external-secrets.io', kinds: ['ExternalSecret'] }] }],
      // Flux decrypts the SOPS Secret with the key in sops-age.
      gitops: flux({ sopsSecretName: 'sops-age' }),
    });
    const sealed = new SealedSecret(cluster, 'db', { namespace: 'web', encryptedData: { password: SEALED } });
    const synced = new ExternalSecret(cluster, 'api', { namespace: 'web', store: { name: 'vault' }, data: { token: { remoteKey: 'web/api', property: 'token' } } });
    const sops = new SopsSecret(cluster, 'smtp', {
      manifest: {
        apiVersion: 'v1', kind: 'Secret', metadata: { name: 'smtp', namespace: 'web' },
        data: { password: 'ENC[AES256_GCM,data:abc=,iv:x,tag:y,type:str]' },
        sops: { age: [{ recipient: 'age1x', enc: '---' }], lastmodified: '2024-01-01T00:00:00Z', mac: 'ENC[AES256_GCM,data:m,iv:i,tag:t,type:str]', version: '3.9.0' },
      },
    });
    declareExternal(cluster, { clusterSecretStores: ['vault'] });
    new App(cluster, 'web', {
      image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }],
      env: { DB_PASSWORD: sealed.key('password'), API_TOKEN: synced.key('token'), SMTP_PASSWORD: sops.key('password') },
    });
    expect(errorsOf(app)).toEqual([]);
    expect(sealed.key('password')).toEqual(new SecretReference('web', 'db', 'password', 'sealed-secret'));
  });

  test('a SealedSecret renders ciphertext only', () => {
    const app = new CdkApp();
    new SealedSecret(labCluster(app), 'db', { namespace: 'web', encryptedData: { password: SEALED }, scope: 'namespace-wide' });
    const sealed = synthesize(app, { outdir: unwrittenOutdir(), write: false }).clusters[0].objects.find((o) => o.manifest.kind === 'SealedSecret')!;
    expect(sealed.manifest).toMatchObject({
      metadata: { name: 'db', namespace: 'web', annotations: { 'sealedsecrets.bitnami.com/namespace-wide': 'true' } },
      spec: { encryptedData: { password: SEALED }, template: { type: 'Opaque' } },
    });
  });

  test('a Secret declared external resolves', () => {
    const app = new CdkApp();
    const cluster = labCluster(app);
    const password = SecretReference.external('web', 'db', 'password');
    declareExternal(cluster, { secrets: [password] });
    new App(cluster, 'web', { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], env: { DB_PASSWORD: password } });
    expect(errorsOf(app)).toEqual([]);
  });
});

test.each([
  ['nginxinc/nginx-unprivileged:1.27.0', '1.27.0'], ['ghcr.io/a/b@sha256:abc', '@sha256:abc'], ['registry:5000/web', undefined], ['nginx', undefined],
])('image %s has tag %s', (image, tag) => expect(imageTag(image)).toBe(tag));

test.each([['DB_PASSWORD', true], ['API_KEY', true], ['KEYBOARD', false], ['DB_PASSWORD_FILE', false], ['TZ', false]])(
  '%s looks secret: %s', (name, secret) => expect(isSecretLookingName(name)).toBe(secret));

describe('npm run validate', () => {
  function synthMobius(): string {
    const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'homelab-validate-')), 'dist');
    const app = new CdkApp({ outdir });
    defineMobius(app);
    expect(synthesize(app, { outdir }).written).toBe(true);
    return outdir;
  }
  const validate = (outdir: string) => {
    const lines: string[] = [];
    const status = runValidateCli(defineMobius, { outdir, log: (line) => lines.push(line) });
    return { status, output: lines.join('\n') };
  };

  test('passes a fresh synth, prints the summary, and writes nothing', () => {
    const outdir = synthMobius();
    const before = snapshotTree(outdir);
    const { status, output } = validate(outdir);
    expect(status).toBe(0);
    expect(output).toMatch(/mobius\/homelab: \d+ objects, \d+ checks, 2 exemption\(s\) in force/);
    expect(output).not.toMatch(/differs from a fresh synth/);
    expect(snapshotTree(outdir)).toEqual(before);
  });

  test.each([
    ['K3s\' flat files', defineConstellation, 'constellation/main/0-platform-namespaces.yaml'],
    ['a CI engine\'s extra files', defineAether, 'aether/main/gitlab-ci.yml'],
  ] as const)('reads the layout of %s as the engine writes it', (_name, define, file) => {
    const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'homelab-validate-')), 'dist');
    const app = new CdkApp({ outdir });
    define(app);
    expect(synthesize(app, { outdir }).written).toBe(true);
    expect(fs.existsSync(path.join(outdir, file))).toBe(true);
    const lines: string[] = [];
    expect(runValidateCli(define, { outdir, log: (line) => lines.push(line) })).toBe(0);
    fs.writeFileSync(path.join(outdir, path.dirname(file), 'stray.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: stray\n  namespace: media\n');
    const after: string[] = [];
    expect(runValidateCli(define, { outdir, log: (line) => after.push(line) })).toBe(1);
    expect(after.join('\n')).toMatch(/stray\.yaml is not written by synth/);
  });

  test.each([
    ['a duplicate key', (file: string) => fs.appendFileSync(file, '---\napiVersion: v1\nkind: ConfigMap\nkind: ConfigMap\nmetadata:\n  name: x\n  namespace: adguard-home\n'), /duplicate key "kind"/],
    ['a plaintext Secret', (file: string) => fs.appendFileSync(file, '---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: x\n  namespace: adguard-home\nstringData:\n  password: hunter2\n'), /\[policy\].*stringData\.password/],
    ['a latest tag', (file: string) => fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('adguard/adguardhome:v0.107.57', 'adguard/adguardhome:latest')), /\[policy\].*image/],
    ['a file the kustomization does not list', (file: string) => fs.copyFileSync(file, file.replace('adguard-home', 'extra')), /kustomization\.yaml lists/],
  ])('fails on %s in dist/', (_name, tamper, expected) => {
    const outdir = synthMobius();
    tamper(path.join(outdir, 'mobius', 'homelab', 'apps', 'adguard-home.yaml'));
    const { status, output } = validate(outdir);
    expect(status).toBe(1);
    expect(output).toMatch(expected);
  });
});

test('a memory request above every host the pod may run on is reported, though a larger host elsewhere would fit it', () => {
  const app = new CdkApp();
  const big = host('big', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.8.0.1', memoryGigabytes: 32 });
  const small = host('small', { arch: 'arm64', address: '10.8.0.2', memoryGigabytes: 8 });
  const mixed = site('mixed', { domain: 'mixed.test', hosts: [big, small], git: { url: 'https://git.mixed.test/lab.git' } });
  const cluster = new ClusterChart(app, 'mixed', { site: mixed, hosts: [big, small], routes: traefik(), storage: {} });
  const resources = { memoryRequest: '12Gi', memoryLimit: '12Gi' };
  new App(cluster, 'pinned', { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], placement: { host: small }, resources });
  new App(cluster, 'free', { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], resources });
  const warnings = synthesize(app, { outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'homelab-ok-')), write: false })
    .findings.filter((f) => f.field === 'resources.memoryRequest');
  expect(warnings.map((f) => [f.constructPath, f.severity, f.message])).toEqual([
    ['mixed/pinned', 'warning', 'requests 12Gi of memory; the largest host it may run on, small, has 8 GB (at spec.template.spec.containers[0].resources.requests.memory of Deployment pinned/pinned)'],
  ]);
});
