import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ClusterChart, SopsSecret } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, labApp } from './lab';

// A SOPS-encrypted dotenv file, the form of a SopsSecret whose output an API server takes as written:
// each mistake of the file is named on the file, or on its key.

/** A file with `text` in a scratch folder. */
export function scratchFile(name: string, text: string): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'homelab-sops-dotenv-')), name);
  fs.writeFileSync(file, text);
  return file;
}

/** A value as sops encrypts it. */
export const ENC = 'ENC[AES256_GCM,data:prbUZSlbWMHBWAH/2VsCPUIMMT3f6l+1RV5CDqKSfP3bZONWUKbPqwkk,iv:3IrBUzX/7r9ypV6/N4mcDPJjoxO8quzomAz4/15zfvg=,tag:Ns7BVXPsTWN7rZ6eU3NUng==,type:str]';
const METADATA = [
  'sops_age__list_0__map_enc=-----BEGIN AGE ENCRYPTED FILE-----\\nYWdlLWVuY3J5cHRpb24ub3JnL3YxCi0+IFgyNTUxOSBKZVVHZndtRnVVMXlYMjM2\\n-----END AGE ENCRYPTED FILE-----\\n',
  'sops_age__list_0__map_recipient=age15h6ytn42k47u663amp6wld3acucywkppg2g6jvq7s3r5f7944a6qg4z4g7',
  'sops_lastmodified=2026-12-02T05:13:02Z',
  `sops_mac=${ENC}`,
  'sops_unencrypted_suffix=_unencrypted',
  'sops_version=3.9.4',
];

/** An encrypted dotenv file: `lines`, then sops's metadata. */
export const encryptedDotenv = (...lines: string[]) => `${[...lines, ...METADATA].join('\n')}\n`;

/** A SopsSecret `db` in namespace `web` from a dotenv file holding `text`. */
const dotenvSecret = (text: string, name = 'db.env') => guarded((c: ClusterChart) => {
  SopsSecret.fromDotenvFile(c, 'db', { file: scratchFile(name, text), name: 'db', namespace: 'web' });
});

export const CASES: BadInput[] = [
  {
    name: 'SOPS dotenv file with a value added in the clear after encryption',
    build: dotenvSecret(encryptedDotenv(`DB_PASSWORD=${ENC}`, 'DB_USER=admin')),
    layer: 'policy', path: 'db', field: 'file.DB_USER', hint: /edit the file with `sops`/,
  },
  {
    name: 'SOPS dotenv file that was never encrypted',
    build: dotenvSecret('DB_PASSWORD=hunter2\n'),
    layer: 'policy', path: 'db', field: 'file', hint: /sops --encrypt --in-place .*db\.env/,
  },
  {
    name: 'SOPS dotenv file that is not there',
    build: guarded((c: ClusterChart) => { SopsSecret.fromDotenvFile(c, 'db', { file: 'secrets/no-such-file.env', name: 'db', namespace: 'web' }); }),
    layer: 'props', path: 'db', field: 'file', hint: /relative to the repository root/,
  },
  {
    name: 'SOPS dotenv file with a key that is no Secret key',
    build: dotenvSecret(encryptedDotenv(`DB PASSWORD=${ENC}`)),
    layer: 'policy', path: 'db', field: 'file.DB PASSWORD', hint: /rename the key/,
  },
  {
    name: 'SOPS dotenv form given an encrypted Secret manifest',
    build: dotenvSecret('apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n', 'db.yaml'),
    layer: 'policy', path: 'db', field: 'file', hint: /SopsSecret\.fromFile/,
  },
  {
    name: 'SOPS dotenv form without the namespace of its Secret',
    build: guarded((c: ClusterChart) => { SopsSecret.fromDotenvFile(c, 'db', { file: scratchFile('db.env', `DB_PASSWORD=${ENC}\n`), name: 'db' } as never); }),
    layer: 'props', path: 'db', field: 'namespace',
  },
  {
    name: 'env read from a SOPS dotenv key written with a typo',
    build: (c) => {
      const secret = SopsSecret.fromDotenvFile(c, 'db', { file: scratchFile('db.env', encryptedDotenv(`DB_PASSWORD=${ENC}`)), name: 'db', namespace: 'web' });
      labApp('api', { namespace: 'web', env: { DB_PASSWORD: secret.key('DB_PASWORD') } })(c);
    },
    layer: 'references', path: 'api', field: 'env.DB_PASSWORD', hint: /did you mean "DB_PASSWORD"/,
  },
];
