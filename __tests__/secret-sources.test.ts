import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App as CdkApp } from 'cdk8s';
import { App, caIssuer, ClusterIssuer, SealedSecret, SecretReference, synthesize } from '../constructs';
import { kubesealCiphertextProblem } from '../constructs/secrets/kubeseal-ciphertext';
import { labCluster } from './bad-input/lab';

// What a secret construct accepts and where it reports; the bad inputs are in bad-input/cases-secret-sources.ts.

function synth(build: (app: CdkApp) => void) {
  const app = new CdkApp();
  build(app);
  return synthesize(app, { outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'homelab-secret-sources-')), write: false });
}
const errorsOf = (result: ReturnType<typeof synth>) => result.findings.filter((f) => f.severity === 'error').map((f) => `${f.constructPath} ${f.field}: ${f.message}`);

/** Base64 of `n` bytes laid out as kubeseal prints them for a key of `modulus` bytes. */
const sealedOf = (modulus: number, payload: number) => {
  const bytes = Buffer.alloc(2 + modulus + payload, 0x5a);
  bytes.writeUInt16BE(modulus, 0);
  return bytes.toString('base64');
};

describe('kubeseal ciphertext', () => {
  test.each([256, 384, 512])('a value sealed with a %i-byte key has its layout', (modulus) => {
    expect(kubesealCiphertextProblem(sealedOf(modulus, 16))).toBeUndefined();
    expect(kubesealCiphertextProblem(sealedOf(modulus, 200))).toBeUndefined();
  });

  test('base64 of plaintext as long as ciphertext does not', () => {
    const pem = Buffer.from(`-----BEGIN PRIVATE KEY-----\n${'A'.repeat(900)}\n-----END PRIVATE KEY-----\n`).toString('base64');
    expect(kubesealCiphertextProblem(pem)).toMatch(/session key/);
    expect(kubesealCiphertextProblem(sealedOf(512, 15))).toMatch(/shorter/);
    expect(kubesealCiphertextProblem('AgA not base64')).toMatch(/base64/);
  });
});

test('a secret for a kube-system workload is accepted, and no Namespace kube-system is made', () => {
  let cluster: ReturnType<typeof labCluster> | undefined;
  const result = synth((app) => {
    cluster = labCluster(app);
    new SealedSecret(cluster, 'csi', { namespace: 'kube-system', encryptedData: { key: sealedOf(512, 40) } });
  });
  expect(errorsOf(result)).toEqual([]);
  expect(cluster?.namespaces.has('kube-system')).toBe(false);
});

test("a CA key pair in another namespace than cert-manager's is one error, however many keys the issuer reads", () => {
  const result = synth((app) => {
    const cluster = labCluster(app);
    const keyPair = new SealedSecret(cluster, 'ca-pair', { namespace: 'web', type: 'kubernetes.io/tls', encryptedData: { 'tls.crt': sealedOf(512, 40), 'tls.key': sealedOf(512, 40) } });
    new ClusterIssuer(cluster, 'ca', { name: 'lab-ca', issuer: caIssuer({ keyPair }) });
  });
  expect(errorsOf(result)).toEqual([expect.stringMatching(/^main\/ca issuer\.secrets: Secret web\/ca-pair is not in namespace cert-manager/)]);
});

test('a key an app reads that the Secret will not hold is one error, on the app', () => {
  const result = synth((app) => {
    const cluster = labCluster(app);
    const sealed = new SealedSecret(cluster, 's12', { namespace: 'web', encryptedData: { pw: sealedOf(512, 40) } });
    new App(cluster, 'web1', { image: 'nginxinc/nginx-unprivileged:1.27.0', namespace: 'web', ports: [{ name: 'http', port: 8080 }], env: { PW: sealed.key('password') } });
  });
  expect(errorsOf(result)).toEqual(['main/web1 env.PW: env PW: Secret "s12" will have no key "password"']);
});

test('a key no pod reads is reported on the secret construct it was asked of', () => {
  const result = synth((app) => new SealedSecret(labCluster(app), 's12', { namespace: 'web', encryptedData: { pw: sealedOf(512, 40) } }).key('password'));
  expect(errorsOf(result)).toEqual(['main/s12 key("password"): Secret "s12" will have no key "password"']);
});

test('an external reference to a Secret a construct of the cluster makes asks the owner to create nothing', () => {
  const result = synth((app) => {
    const cluster = labCluster(app);
    new SealedSecret(cluster, 'db', { namespace: 'web', encryptedData: { password: sealedOf(512, 40) } });
    new App(cluster, 'web1', { image: 'nginxinc/nginx-unprivileged:1.27.0', namespace: 'web', ports: [{ name: 'http', port: 8080 }], env: { PW: SecretReference.external('web', 'db', 'password') } });
    new App(cluster, 'web2', { image: 'nginxinc/nginx-unprivileged:1.27.0', namespace: 'web', ports: [{ name: 'http', port: 8080 }], env: { PW: SecretReference.external('web', 'other', 'password') } });
  });
  expect(errorsOf(result)).toEqual([]);
  expect(result.outcomes[0].figures.ownerActions.map((step) => step.action).filter((action) => action.startsWith('create Secret')))
    .toEqual(['create Secret web/other with key password: made outside the repository']);
});
