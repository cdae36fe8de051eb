import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App as CdkApp } from 'cdk8s';
import { load, loadAll } from 'js-yaml';
import { App, ClusterChart, flux, SopsSecret, synthesize } from '../constructs';
import { loadDistClusters } from '../constructs/validation/dist';
import { labCluster } from './bad-input/lab';
import { ENC, encryptedDotenv, scratchFile } from './bad-input/cases-sops-dotenv';
import { REPO_ROOT, unwrittenOutdir } from './support/synth';

// A SOPS-encrypted dotenv file is rendered as a secretGenerator entry beside its encrypted copy, so every
// object of dist/ is one an API server accepts as written; the YAML form is warned about.

const GOOD = encryptedDotenv(`DB_PASSWORD=${ENC}`, `DB_USER=${ENC}`);

/** A lab whose Flux decrypts SOPS, with `build` added to it; synthesized in memory. */
function synthLab(build: (cluster: ClusterChart) => void) {
  const app = new CdkApp();
  const cluster = labCluster(app, 'main', { gitops: flux({ sopsSecretName: 'sops-age' }) });
  build(cluster);
  return synthesize(app, { outdir: unwrittenOutdir(), write: false });
}

const webWithSecret = (file: string) => (cluster: ClusterChart) => {
  const secret = SopsSecret.fromDotenvFile(cluster, 'db', { file, name: 'db', namespace: 'web' });
  new App(cluster, 'web', {
    image: 'nginxinc/nginx-unprivileged:1.27.0', namespace: 'web', ports: [{ name: 'http', port: 8080 }],
    env: { DB_PASSWORD: secret.key('DB_PASSWORD'), DB_USER: secret.key('DB_USER') },
  });
};

describe('SopsSecret.fromDotenvFile', () => {
  const file = scratchFile('db.env', GOOD);
  const result = synthLab(webWithSecret(file));

  test('passes every check, without a warning about it', () => {
    expect(result.findings.filter((f) => f.constructPath.includes('main/db') || f.field === 'file')).toEqual([]);
    expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  test('is a secretGenerator entry of its layer, with the encrypted file copied beside it byte for byte, and no manifest', () => {
    const kustomization = load(result.files.get('lab/main/apps/kustomization.yaml')!) as any;
    expect(kustomization.secretGenerator).toEqual([{ name: 'db', namespace: 'web', envs: ['web.db.sops.env'], options: { disableNameSuffixHash: true } }]);
    expect(result.files.get('lab/main/apps/web.db.sops.env')).toBe(GOOD);
    const manifests = [...result.files].filter(([name]) => name.endsWith('.yaml')).flatMap(([, text]) => loadAll(text) as any[]);
    expect(manifests.filter((m) => m?.kind === 'Secret' && m.metadata.name === 'db')).toEqual([]);
    expect(manifests.some((m) => m && m.sops !== undefined)).toBe(false);
  });

  test('is read back from a written dist/ as the same Secret, so a check of the committed files finds what the pods read', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'homelab-sops-dotenv-dist-'));
    for (const [name, text] of result.files) {
      fs.mkdirSync(path.dirname(path.join(outdir, name)), { recursive: true });
      fs.writeFileSync(path.join(outdir, name), text);
    }
    const charts = result.clusters.map((c) => c.chart);
    const loaded = loadDistClusters(outdir, charts, result.clusters);
    expect(loaded.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const secret = loaded.clusters[0].objects.find((o) => o.manifest.kind === 'Secret' && o.manifest.metadata.name === 'db')!;
    const fresh = result.clusters[0].objects.find((o) => o.manifest.kind === 'Secret' && o.manifest.metadata.name === 'db')!;
    expect(secret.manifest).toEqual(fresh.manifest);
    expect(secret.generator).toEqual(fresh.generator);
  });

  test('in a cluster whose engine does not decrypt, is an error on its file', () => {
    const app = new CdkApp();
    webWithSecret(file)(labCluster(app));
    const errors = synthesize(app, { outdir: unwrittenOutdir(), write: false }).findings.filter((f) => f.severity === 'error');
    expect(errors.map((f) => `${f.constructPath} ${f.field}`)).toEqual(['main/db file']);
    expect(errors[0].hint).toMatch(/sopsSecretName/);
  });

  test('encrypted under a rule for Secret manifests (encrypted_regex ^(data|stringData)$) names the creation rule as the fix', () => {
    const clear = encryptedDotenv('DB_PASSWORD=hunter2', 'DB_USER=admin').replace('sops_unencrypted_suffix=_unencrypted', 'sops_encrypted_regex=^(data|stringData)$');
    const errors = synthLab(webWithSecret(scratchFile('db.env', clear))).findings.filter((f) => f.severity === 'error');
    expect(errors.map((f) => `${f.constructPath} ${f.field}`)).toEqual(['main/db file.DB_PASSWORD', 'main/db file.DB_USER']);
    expect(errors[0].hint).toMatch(/drop encrypted_regex from the creation rule of \.sops\.yaml for \.env files/);
  });
});

describe('SopsSecret.fromFile', () => {
  test('warns that an API server refuses the manifest as written, naming the dotenv form', () => {
    const manifest = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  namespace: web\nstringData:\n  password: ${ENC}\ntype: Opaque\nsops:\n  age:\n  - recipient: age15h6ytn42k47u663amp6wld3acucywkppg2g6jvq7s3r5f7944a6qg4z4g7\n    enc: '---'\n`
      + `  lastmodified: "2026-12-02T05:13:02Z"\n  mac: ${ENC}\n  version: 3.9.4\n`;
    const findings = synthLab((cluster) => { SopsSecret.fromFile(cluster, 'db', scratchFile('db.yaml', manifest)); }).findings;
    const warning = findings.find((f) => f.constructPath === 'main/db' && f.field === 'manifest.sops');
    expect(warning).toMatchObject({ severity: 'warning', layer: 'references' });
    expect(warning!.message).toMatch(/unknown field "sops"/);
    expect(warning!.hint).toMatch(/SopsSecret\.fromDotenvFile/);
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
});

test('no object of the committed dist/ has a top-level sops field: an API server takes each as written', () => {
  const offenders: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        walk(full);
      } else if (/\.ya?ml$/.test(entry.name)) {
        (loadAll(fs.readFileSync(full, 'utf8')) as any[]).forEach((doc) => {
          if (doc !== null && typeof doc === 'object' && 'sops' in doc) {
            offenders.push(`${path.relative(REPO_ROOT, full)}: ${doc.kind} ${doc.metadata?.name}`);
          }
        });
      }
    }
  };
  walk(path.join(REPO_ROOT, 'dist'));
  expect(offenders).toEqual([]);
});
