import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, Include, JsonPatch } from 'cdk8s';
import { AppController, ExternalSecret, leaveOwnerAction, leavePlaceholder, SealedSecret, SopsSecret } from '../../constructs';
import type { BadInput } from './cases';
import { goodContainer, goodDeployment, guarded, labApp, raw } from './lab';

// A newcomer's secrets and escape hatches, and the options of a scheduled app written wrong.

/** A file with `text` in a scratch folder, for Include and SopsSecret.fromFile. */
function scratchFile(name: string, text: string): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'homelab-secrets-hatches-')), name);
  fs.writeFileSync(file, text);
  return file;
}

/** An app `backup` that runs on `props`' schedule. */
const cron = (props: Record<string, unknown>) =>
  guarded(labApp('backup', { ports: undefined, controller: AppController.cronJob({ schedule: '0 3 * * *', ...props } as any) }));

const SOPS_METADATA = `sops:
  age:
    - recipient: age15h6ytn42k47u663amp6wld3acucywkppg2g6jvq7s3r5f7944a6qg4z4g7
      enc: |
        -----BEGIN AGE ENCRYPTED FILE-----
        YWdlLWVuY3J5cHRpb24ub3JnL3YxCi0+IFgyNTUxOSBKZVVHZndtRnVVMXlYMjM2
        -----END AGE ENCRYPTED FILE-----
  lastmodified: '2026-12-02T05:13:02Z'
  mac: ENC[AES256_GCM,data:62WiYci+R06/xQuh8EGBKEcvyLLRinHp6LWfySxbfNPfQ5pPBJc9lLcwNvcKgmNmLUrMiMNfASRwDDDosxdN0AzlVkoFb1YUlpOm7UyrcIKcvzPKt801y+ZfiS0DJzoSQQxSxOL6/C5yJGvvE+u0RKFhWVmdMKX8HYY9pMJzRxk=,iv:YWMMAbbAwkM3wHG9B6xB9oiyC79TBu5+deMMUD/b4d4=,tag:FqMwAqOvvuQBmCUaJUfIaA==,type:str]
  encrypted_regex: ^(data|stringData)$
  version: 3.9.4
`;
const ENC = 'ENC[AES256_GCM,data:prbUZSlbWMHBWAH/2VsCPUIMMT3f6l+1RV5CDqKSfP3bZONWUKbPqwkk,iv:3IrBUzX/7r9ypV6/N4mcDPJjoxO8quzomAz4/15zfvg=,tag:Ns7BVXPsTWN7rZ6eU3NUng==,type:str]';
const secretFile = (stringData: string, metadata = SOPS_METADATA) =>
  `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  namespace: web\nstringData:\n${stringData}type: Opaque\n${metadata}`;

export const CASES: BadInput[] = [
  // A CronJob's schedule and time zone are answered on the prop the user wrote, once
  { name: "a cron app's schedule with words after the macro", build: cron({ schedule: '@daily 3am' }), layer: 'props', path: 'backup', field: 'controller.props.schedule', hint: /@daily/ },
  { name: "a cron app's time zone as an offset", build: cron({ timeZone: 'CET+1' }), layer: 'props', path: 'backup', field: 'controller.props.timeZone', hint: /Europe\/Oslo/ },
  { name: "a cron app's startingDeadlineSeconds as text", build: cron({ startingDeadlineSeconds: '300' }), layer: 'props', path: 'backup', field: 'controller.props.startingDeadlineSeconds', hint: /without quotes/ },
  { name: "a Job app's negative backoffLimit", build: guarded(labApp('migrate', { ports: undefined, controller: AppController.job({ backoffLimit: -1 }) })), layer: 'props', path: 'migrate', field: 'controller.props.backoffLimit' },
  // A SOPS file that is not encrypted, or encrypted only in part, names what is in the clear
  {
    name: 'SOPS file that was never encrypted',
    build: guarded((c) => { SopsSecret.fromFile(c, 'db', scratchFile('db.yaml', secretFile('  password: hunter2\n', ''))); }),
    layer: 'policy', path: 'db', field: 'manifest.sops', hint: /sops --encrypt/,
  },
  {
    name: 'SOPS file with a value added in the clear after encryption',
    build: guarded((c) => { SopsSecret.fromFile(c, 'db', scratchFile('db.yaml', secretFile(`  password: ${ENC}\n  username: admin\n`))); }),
    layer: 'policy', path: 'db', field: 'manifest.stringData.username', hint: /sops --encrypt/,
  },
  // A key the Secret lacks, read through sealedSecret.key(…), names the key meant
  {
    name: 'env read from a sealed key written with a typo',
    build: (c) => {
      const sealed = new SealedSecret(c, 'db', { namespace: 'web', encryptedData: { password: `Ag${'B'.repeat(720)}==` } });
      labApp('api', { namespace: 'web', env: { DB_PASSWORD: sealed.key('pasword') } })(c);
    },
    layer: 'references', path: 'api', field: 'env.DB_PASSWORD', hint: /did you mean "password"/,
  },
  // A store kind in the wrong case is one error on the prop, not a schema error and a missing store besides
  {
    name: 'ExternalSecret store kind written clusterSecretStore',
    build: guarded((c) => new ExternalSecret(c, 'db', { namespace: 'web', store: { name: 'vault', kind: 'clusterSecretStore' as any }, data: { password: { remoteKey: 'db/password' } } })),
    layer: 'props', path: 'db', field: 'store.kind', hint: /'ClusterSecretStore'/,
  },
  // A value patched into a secret construct's object after it checked its own is checked like a hand-written one
  {
    name: 'JSON patch that puts a plaintext value into a SealedSecret',
    build: (c) => {
      const sealed = new SealedSecret(c, 'db', { namespace: 'web', encryptedData: { password: `Ag${'B'.repeat(720)}==` } });
      (sealed.node.findChild('resource') as ApiObject).addJsonPatch(JsonPatch.replace('/spec/encryptedData/password', 'hunter2'));
    },
    layer: 'policy', path: 'db/resource', field: 'spec.encryptedData.password', hint: /kubeseal/,
  },
  {
    name: 'JSON patch that adds a plaintext value to a SOPS-encrypted Secret',
    build: guarded((c) => {
      const sops = SopsSecret.fromFile(c, 'db', scratchFile('db.yaml', secretFile(`  password: ${ENC}\n`)));
      (sops.node.findChild('resource') as ApiObject).addJsonPatch(JsonPatch.add('/stringData/extra', 'hunter2'));
    }),
    layer: 'policy', path: 'db/resource', field: 'stringData.extra', hint: /with `sops`/,
  },
  // An exemption annotation spelt like the App prop declares nothing; the hint says which key it is
  {
    name: 'hand-written pod that runs as root with the exemption key spelt runAsRoot',
    build: (c) => raw(c, 'workload', goodDeployment('web', { containers: [goodContainer({ securityContext: { ...goodContainer().securityContext as object, runAsNonRoot: false } })] }, {}, { 'security.homelab.dev/runAsRoot': 'the image writes to /root' })),
    layer: 'policy', path: 'workload', field: 'spec.template.spec.containers[0].securityContext.runAsNonRoot', hint: /runAsRoot is no exemption: write the key as run-as-root/,
  },
  // Notes for the owner are checked where they are left
  {
    name: 'owner action of a kind that does not exist',
    build: guarded((c) => leaveOwnerAction(c, { kind: 'note', action: 'rotate the API token' } as any)),
    layer: 'props', path: 'main', field: 'leaveOwnerAction.kind', hint: /manual/,
  },
  {
    name: 'owner action that says nothing to do',
    build: guarded((c) => leaveOwnerAction(c, { kind: 'manual' } as any)),
    layer: 'props', path: 'main', field: 'leaveOwnerAction.action',
  },
  {
    name: 'placeholder left as a plain string',
    build: guarded((c) => leavePlaceholder(c, 'the NAS address' as any)),
    layer: 'props', path: 'main', field: 'leavePlaceholder', hint: /placeholder\(/,
  },
  {
    name: 'owner action whose command is a list of words',
    build: guarded((c) => leaveOwnerAction(c, { kind: 'manual', action: 'restart the router', command: ['ssh', 'router', 'reboot'] } as any)),
    layer: 'props', path: 'main', field: 'leaveOwnerAction.command',
  },
  // Hand-written YAML brought in with Include
  {
    name: 'Include of a Secret with plaintext data',
    build: guarded((c) => {
      c.namespaces.ensure('web');
      new Include(c, 'vendor', { url: scratchFile('creds.yaml', 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: creds\n  namespace: web\ndata:\n  password: aHVudGVyMg==\n') });
    }),
    layer: 'policy', path: 'vendor/creds-secret-web', field: 'data.password', hint: /SealedSecret/,
  },
  {
    name: 'Include of a file with two objects of one name',
    build: guarded((c) => {
      c.namespaces.ensure('web');
      const map = (n: number) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: web\ndata:\n  a: "${n}"\n`;
      new Include(c, 'vendor', { url: scratchFile('two.yaml', `${map(1)}---\n${map(2)}`) });
    }),
    layer: 'props', path: 'vendor', field: 'url', hint: /one of them/,
  },
  {
    name: 'Include of a ServiceMonitor whose CRD nothing installs',
    build: guarded((c) => {
      c.namespaces.ensure('web');
      new Include(c, 'vendor', { url: scratchFile('monitor.yaml', 'apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata:\n  name: web\n  namespace: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n  endpoints:\n    - port: http\n') });
    }),
    layer: 'references', path: 'vendor/web-servicemonitor-web', field: 'apiVersion', hint: /crds:/,
  },
];
