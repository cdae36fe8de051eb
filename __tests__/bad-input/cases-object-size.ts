import { SealedSecret, SopsSecret } from '../../constructs';
import type { BadInput } from './cases';
import { besideWeb, guarded } from './lab';

// Large files put into a ConfigMap or Secret: the API server refuses one whose values hold more than 1 MiB
// in all (keys not counted), however the values are written; reported on the object's data, with what to
// do instead.

export const MIB = 1024 * 1024;
const HINT = /split the data.*PersistentVolumeClaim.*image/;

const configMap = (fields: Record<string, unknown>) => besideWeb({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'dashboards', namespace: 'web' }, ...fields });
const secret = (fields: Record<string, unknown>) => besideWeb({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'bundle', namespace: 'web' }, ...fields });

/** `bytes` bytes of base64 text, as `binaryData` or a Secret's `data` holds them. */
export const base64Of = (bytes: number) => Buffer.alloc(bytes, 0x5a).toString('base64');

/** A value with kubeseal's layout (a 4096-bit key's session key, then AES-GCM) sealing `bytes` bytes. */
export function sealed(bytes: number): string {
  const value = Buffer.alloc(2 + 512 + bytes + 16, 0x7f);
  value.writeUInt16BE(512, 0);
  return value.toString('base64');
}

/** A SOPS-encrypted Secret whose `stringData.bundle.pem` stands for `bytes` bytes of text. */
export const sopsManifest = (bytes: number) => ({
  apiVersion: 'v1', kind: 'Secret', metadata: { name: 'bundle', namespace: 'web' },
  stringData: { 'bundle.pem': `ENC[AES256_GCM,data:${base64Of(bytes)},iv:3IrBUzX/7r9ypV6/N4mcDPJjoxO8quzomAz4/15zfvg=,tag:Ns7BVXPsTWN7rZ6eU3NUng==,type:str]` },
  type: 'Opaque',
  sops: {
    age: [{ recipient: 'age15h6ytn42k47u663amp6wld3acucywkppg2g6jvq7s3r5f7944a6qg4z4g7', enc: '-----BEGIN AGE ENCRYPTED FILE-----\nYWdl\n-----END AGE ENCRYPTED FILE-----\n' }],
    lastmodified: '2026-12-02T05:13:02Z',
    mac: 'ENC[AES256_GCM,data:62WiYci+R06/xQuh8EGBKEcvyLLRinHp6LWfySxbfNM=,iv:YWMMAbbAwkM3wHG9B6xB9oiyC79TBu5+deMMUD/b4d4=,tag:FqMwAqOvvuQBmCUaJUfIaA==,type:str]',
    encrypted_regex: '^(data|stringData)$',
    version: '3.9.4',
  },
});

/** A case of the hand-written object `w`, reported on `field` of it with the size hint. */
const at = (name: string, build: BadInput['build'], field = 'data'): BadInput => ({ name, build, layer: 'schema', path: 'w', field, hint: HINT });

export const CASES: BadInput[] = [
  at('size: a dashboard JSON one byte above 1 MiB in a ConfigMap', configMap({ data: { 'node-exporter.json': `{"panels":"${'x'.repeat(MIB - 12)}"}` } })),
  at('size: a ConfigMap of accented text above 1 MiB in UTF-8 although below it in characters', configMap({ data: { 'notes.md': 'é'.repeat(MIB / 2 + 1) } })),
  at('size: a ConfigMap above 1 MiB across data and binaryData', configMap({ data: { 'grafana.ini': 'x'.repeat(MIB / 2) }, binaryData: { 'logo.png': base64Of(MIB / 2 + 1) } })),
  at('size: a certificate bundle one byte above 1 MiB in a Secret\'s data', secret({ data: { 'ca-bundle.crt': base64Of(MIB + 1) } })),
  at('size: a Secret above 1 MiB across data and stringData', secret({ data: { 'tls.key': base64Of(MIB / 2) }, stringData: { 'ca-bundle.crt': 'x'.repeat(MIB / 2 + 1) } })),
  {
    name: 'size: a SealedSecret whose unsealed Secret is one byte above 1 MiB',
    build: guarded((c) => new SealedSecret(c, 'bundle', { namespace: 'web', encryptedData: { 'ca-bundle.crt': sealed(MIB + 1) } })),
    layer: 'schema', path: 'bundle/resource', field: 'spec.encryptedData', hint: HINT,
  },
  at('size: a SealedSecret above 1 MiB with its template data', besideWeb({
    apiVersion: 'bitnami.com/v1alpha1', kind: 'SealedSecret', metadata: { name: 'bundle', namespace: 'web' },
    spec: { encryptedData: { 'tls.key': sealed(MIB / 2) }, template: { metadata: { name: 'bundle', namespace: 'web' }, data: { 'ca-bundle.crt': 'x'.repeat(MIB / 2 + 1) } } },
  }), 'spec.encryptedData'),
  {
    name: 'size: a SOPS-encrypted Secret whose value is one byte above 1 MiB',
    build: guarded((c) => new SopsSecret(c, 'bundle', { manifest: sopsManifest(MIB + 1) })),
    layer: 'schema', path: 'bundle/resource', field: 'data', hint: HINT,
  },
];
