import { defineElitedesk } from '../charts/elitedesk';
import { rows, stepsOf } from './support/readme';
import { synthInMemory } from './support/synth';

// The elitedesk design walked again from a bare cluster to running services, for what the earlier walks left.

const readme = synthInMemory(defineElitedesk).files.get('elitedesk/main/README.md')!;
const steps = rows(readme);
const step = stepsOf(steps);

describe("elitedesk: the owner's sops commands that open an encrypted file find the age key the design keeps in age.key", () => {
  // sops looks for age private keys through SOPS_AGE_KEY_FILE, SOPS_AGE_KEY or its own keys.txt under the user's
  // configuration folder; a key file at the repository root is none of them, and `sops updatekeys` or `sops edit`
  // then fails to decrypt the file's data key.
  const [what] = steps[step('To rotate the key')];
  const exportKey = '`export SOPS_AGE_KEY_FILE=$PWD/age.key` at the repository root first';

  test('the step points SOPS_AGE_KEY_FILE at age.key before its first sops command that decrypts', () => {
    const exported = what.indexOf(exportKey);
    expect(exported).toBeGreaterThan(0);
    expect(exported).toBeLessThan(what.indexOf('`sops updatekeys` each file, synthesize, commit and push'));
    expect(exported).toBeLessThan(what.indexOf('`sops updatekeys` each file again'));
    expect(exported).toBeLessThan(what.indexOf('replaced with `sops edit` on its file'));
    expect(what).toContain('sops finds that key only through SOPS_AGE_KEY_FILE (or its own keys.txt, under your configuration folder), not in age.key by itself');
  });

  test('the key it names is the file Secret sops-age is made from, the one the files are encrypted for', () => {
    const [made] = steps[step('create Secret flux-system/sops-age with key age.agekey')];
    expect(made).toContain('kubectl -n flux-system create secret generic sops-age --from-file=age.agekey=./age.key');
  });
});
