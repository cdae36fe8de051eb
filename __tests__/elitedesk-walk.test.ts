import { defineElitedesk } from '../charts/elitedesk';
import { wildcardIssuer } from '../hosts/elitedesk';
import { rows, stepsOf } from './support/readme';
import { synthInMemory } from './support/synth';

// The elitedesk design walked once more from a bare cluster to running services, in the order the owner and
// Flux take it, for what the earlier readings left.

/** The cluster README as synthesized with the wildcard certificate's issuer set to `issuer`. */
function readmeWithIssuer(issuer: 'letsencrypt-production' | 'letsencrypt-staging'): string {
  const placeholder = wildcardIssuer as { value: string };
  const standIn = placeholder.value;
  placeholder.value = issuer;
  try {
    return synthInMemory(defineElitedesk).files.get('elitedesk/main/README.md')!;
  } finally {
    placeholder.value = standIn;
  }
}

/** The validation step of a README, as [what, command]. */
function validation(readme: string): [string, string] {
  const steps = rows(readme);
  return steps[stepsOf(steps)('validate ingress, certificates and storage')];
}

describe("elitedesk: the validation reaches podinfo over HTTPS under either issuer the placeholder offers", () => {
  test('with letsencrypt-production, the stand-in, curl verifies the certificate', () => {
    const [what, command] = validation(readmeWithIssuer('letsencrypt-production'));
    expect(command).toContain(' && curl -fsS https://podinfo.homelab.example.com/healthz && ');
    expect(what).not.toContain('staging');
  });

  test("with letsencrypt-staging, whose test root no client trusts, curl does not verify it, and the step says why", () => {
    const [what, command] = validation(readmeWithIssuer('letsencrypt-staging'));
    expect(command).toContain(' && curl -fsS --insecure https://podinfo.homelab.example.com/healthz && ');
    expect(what).toContain("the certificate is letsencrypt-staging's, signed by Let's Encrypt's staging root, which no client trusts, so curl is told not to verify it");
  });
});

describe("elitedesk: a rotation of the age key ends with a command that leaves Secret sops-age holding the new key alone", () => {
  const readme = readmeWithIssuer('letsencrypt-production');
  const [what, command] = rows(readme)[stepsOf(rows(readme))('To rotate the key')];

  test('the last phase moves the new key into age.key and applies the Secret from it alone, as the Secret exists already', () => {
    // The bootstrap's `kubectl create secret` would answer AlreadyExists; an apply of the Secret without new.agekey
    // drops that key, which the apply of the first phase recorded as its own.
    const last = what.slice(what.indexOf('keep only the new key'));
    expect(last).toContain('`mv age.new.key age.key && kubectl -n flux-system create secret generic sops-age --from-file=age.agekey=./age.key '
      + '--dry-run=client -o yaml | kubectl apply -f -`');
    expect(command).toBe('kubectl -n flux-system create secret generic sops-age --from-file=age.agekey=./age.key '
      + '--from-file=new.agekey=./age.new.key --dry-run=client -o yaml | kubectl apply -f -');
  });
});
