import { bootstrapSecretCommand, bootstrapSecretStep, bootstrapSecretText } from '../constructs/synth/bootstrap-secret';
import { blocks, rows } from './support/readme';
import { sitesInMemory } from './support/synth';

// A Secret the owner makes by hand is declared once, and the README's words and its kubectl command are both
// rendered from it: the step can neither name a key its command does not make nor make one it does not name.

describe('the step of a Secret made by hand, rendered from its declaration', () => {
  test('a generic Secret: its namespace made first, each key with its value or a placeholder the owner fills', () => {
    expect(bootstrapSecretStep(
      { namespace: 'wiki', name: 'wiki-admin', keys: [{ key: 'username', value: '"$WIKI_ADMIN"' }, 'password'] },
      'the login of the wiki',
    )).toEqual({
      action: 'create Secret wiki/wiki-admin with keys username, password: the login of the wiki',
      command: 'kubectl create namespace wiki --dry-run=client -o yaml | kubectl apply -f - '
        + '&& kubectl -n wiki create secret generic wiki-admin --from-literal=username="$WIKI_ADMIN" --from-literal=password=…',
    });
  });

  test('a key pair of a certificate is a TLS Secret, made from its two files', () => {
    const ca = { namespace: 'cert-manager', name: 'lab-ca', keys: [{ key: 'tls.crt', file: 'ca.crt' }, { key: 'tls.key', file: 'ca.key' }] };
    expect(bootstrapSecretText(ca)).toBe('TLS Secret cert-manager/lab-ca with keys tls.crt, tls.key');
    expect(bootstrapSecretCommand(ca, { namespaceExists: true })).toBe('kubectl -n cert-manager create secret tls lab-ca --cert=ca.crt --key=ca.key');
  });

  test('a file, a label, a replaced Secret and one known by name only', () => {
    expect(bootstrapSecretCommand(
      { namespace: 'argocd', name: 'repo', keys: [{ key: 'sshPrivateKey', file: '"$DEPLOY_KEY"' }], labels: { 'argocd.argoproj.io/secret-type': 'repository' } },
      { namespaceExists: true },
    )).toBe('kubectl -n argocd create secret generic repo --from-file=sshPrivateKey="$DEPLOY_KEY" && kubectl -n argocd label secret repo argocd.argoproj.io/secret-type=repository');
    expect(bootstrapSecretCommand({ namespace: 'flux-system', name: 'sops-age', keys: [{ key: 'age.agekey', file: './age.key' }] }, { namespaceExists: true, replaces: true }))
      .toBe('kubectl -n flux-system create secret generic sops-age --from-file=age.agekey=./age.key --dry-run=client -o yaml | kubectl apply -f -');
    expect(bootstrapSecretStep({ namespace: 'wiki', name: 'smtp', keys: [] }, 'made outside the repository', { namespaceExists: true }))
      .toEqual({ action: 'create Secret wiki/smtp: made outside the repository', command: 'kubectl -n wiki create secret generic smtp --from-literal="$KEY"=…' });
  });
});

/** Each Secret a step's text makes with kubectl, with the keys its flags give, in order. */
function secretsMade(text: string): Array<{ made: string; namespace?: string; name: string; keys: string[] }> {
  // A command goes on past a line that ends in a backslash, up to the next command (&&, a pipe) or line.
  const found = [...text.matchAll(/kubectl (?:-n (\S+) )?create secret (generic|tls) (\S+)((?:[^\n&|]|\\\n)*)/g)];
  return found.map(([made, namespace, , name, flags]) => ({
    made, namespace, name,
    keys: [...flags.matchAll(/(?:^|\s)--(from-literal|from-file|cert|key)=([^=\s]+)/g)].map(([, flag, key]) => (flag === 'cert' ? 'tls.crt' : flag === 'key' ? 'tls.key' : key)),
  }));
}

describe("the real sites' README steps that make a Secret", () => {
  const readmes = [...sitesInMemory().files].filter(([file]) => file.endsWith('/README.md'));
  const steps = readmes.flatMap(([file, text]) => rows(text).map(([what, command]) => {
    const block = /^block (\d+) below the table$/.exec(command);
    return { file, what, command: block ? blocks(text)[Number(block[1]) - 1] : command };
  }));

  test('every such step names the Secret it makes, in its namespace, with the keys its command makes', () => {
    const made = steps.flatMap((step) => secretsMade(`${step.what}\n${step.command}`)
      // A command that replaces a Secret that exists (a key rotated) makes none.
      .filter((secret) => !secret.made.includes('--dry-run=client'))
      .map((secret) => ({ step, secret })));
    expect(made.length).toBeGreaterThanOrEqual(10);
    const disagreeing = made.filter(({ step, secret }) => secret.namespace === undefined
      || !step.what.includes(`Secret ${secret.namespace}/${secret.name} with key${secret.keys.length === 1 ? '' : 's'} ${secret.keys.join(', ')}`))
      .map(({ step, secret }) => `${step.file}: ${secret.made.split('\n')[0]} | ${step.what.slice(0, 160)}`);
    expect(disagreeing).toEqual([]);
  });
});
