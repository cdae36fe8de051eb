import { App as CdkApp } from 'cdk8s';
import { synthesize } from '../constructs';
import { base64Of, MIB, sealed, sopsManifest } from './bad-input/cases-object-size';
import { labCluster, raw } from './bad-input/lab';
import { unwrittenOutdir } from './support/synth';

// What the API server takes at its data size limit: exactly 1 MiB of values, counted as it counts them.

/** The size findings of a lab holding `manifest` as `w` (its other findings are no concern here). */
function sizeFindingsOf(manifest: Record<string, unknown>): string[] {
  const app = new CdkApp();
  raw(labCluster(app), 'w', manifest);
  return synthesize(app, { outdir: unwrittenOutdir(), write: false }).findings
    .filter((f) => /1 MiB/.test(f.message)).map((f) => `${f.field}: ${f.message}`);
}
const configMap = (fields: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'dashboards', namespace: 'web' }, ...fields });
const secret = (fields: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'bundle', namespace: 'web' }, ...fields });
const sealedSecret = (spec: Record<string, unknown>) => ({ apiVersion: 'bitnami.com/v1alpha1', kind: 'SealedSecret', metadata: { name: 'bundle', namespace: 'web' }, spec });

describe('objects exactly at the limit are accepted', () => {
  test.each([
    ['a ConfigMap of 1 MiB of text, its long key not counted', configMap({ data: { [`${'k'.repeat(240)}.json`]: 'x'.repeat(MIB) } })],
    ['a ConfigMap of 1 MiB across data and binaryData (base64 padded)', configMap({ data: { 'grafana.ini': 'x'.repeat(MIB / 2 + 1) }, binaryData: { 'logo.png': base64Of(MIB / 2 - 1) } })],
    ['a ConfigMap of 1 MiB in binaryData alone', configMap({ binaryData: { 'bundle.tar': base64Of(MIB) } })],
    ['a Secret of 1 MiB in data', secret({ data: { 'ca-bundle.crt': base64Of(MIB) } })],
    ['a Secret whose stringData replaces a data key of the same name', secret({ data: { 'ca-bundle.crt': base64Of(MIB / 2 + 10) }, stringData: { 'ca-bundle.crt': 'x'.repeat(MIB) } })],
  ])('%s', (_name, manifest) => {
    expect(sizeFindingsOf(manifest)).toEqual([]);
  });

  test('a SOPS-encrypted Secret of 1 MiB in stringData', () => {
    expect(sizeFindingsOf(sopsManifest(MIB))).toEqual([]);
  });

  test('a SOPS-encrypted Secret whose data is below 1 MiB although its ciphertext is above', () => {
    const manifest = sopsManifest(0);
    const value = `ENC[AES256_GCM,data:${Buffer.from(base64Of(MIB - 100)).toString('base64')},iv:3IrBUzX/7r9ypV6/N4mcDPJjoxO8quzomAz4/15zfvg=,tag:Ns7BVXPsTWN7rZ6eU3NUng==,type:str]`;
    expect(sizeFindingsOf({ ...manifest, stringData: undefined, data: { 'ca-bundle.crt': value } })).toEqual([]);
  });

  test('a SealedSecret that unseals to exactly 1 MiB', () => {
    expect(sizeFindingsOf(sealedSecret({ encryptedData: { 'ca-bundle.crt': sealed(MIB / 2), 'tls.key': sealed(MIB / 2) } }))).toEqual([]);
  });
});

describe('one byte more is refused', () => {
  test('a Secret of 1 MiB and a byte in data', () => {
    expect(sizeFindingsOf(secret({ data: { 'ca-bundle.crt': base64Of(MIB + 1) } }))).toEqual([
      'data: the Secret\'s data and stringData hold 1048577 bytes; the API server refuses more than 1048576 (1 MiB) in all ("must have at most 1048576 bytes")',
    ]);
  });
  test('a SealedSecret that unseals to 1 MiB and a byte', () => {
    expect(sizeFindingsOf(sealedSecret({ encryptedData: { 'ca-bundle.crt': sealed(MIB / 2), 'tls.key': sealed(MIB / 2 + 1) } }))).toHaveLength(1);
  });
});
