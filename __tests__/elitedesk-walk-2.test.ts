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
    expect(exported).toBeLessThan(what.indexOf('goes into its file with `sops edit`'));
    expect(what).toContain('sops finds that key only through SOPS_AGE_KEY_FILE (or its own keys.txt, under your configuration folder), not in age.key by itself');
  });

  test('the key it names is the file Secret sops-age is made from, the one the files are encrypted for', () => {
    const [made] = steps[step('create Secret flux-system/sops-age with key age.agekey')];
    expect(made).toContain('kubectl -n flux-system create secret generic sops-age --from-file=age.agekey=./age.key');
  });
});

describe("elitedesk: the owner's clone takes the commit flux bootstrap pushes before it pushes again", () => {
  // flux bootstrap commits Flux's manifests under flux-system/elitedesk/main/flux-system/ in a clone of its own and pushes
  // that commit to the branch; a later push from the owner's clone (a key rotation, a new value) is refused until it pulls.
  test('the bootstrap step says bootstrap pushes to main and asks for a git pull before the next push', () => {
    const [what] = steps[step('flux bootstrap github --owner=elitedesk-lab')];
    expect(what).toContain('; bootstrap pushes the commit it makes to main itself: `git pull` before your next push, which Git refuses until your clone has it');
  });

  test('the key rotation, which pushes, comes after it', () => {
    expect(step('To rotate the key')).toBeGreaterThan(step('flux bootstrap github --owner=elitedesk-lab'));
    expect(steps[step('To rotate the key')][0]).toContain('synthesize, commit and push');
  });
});
