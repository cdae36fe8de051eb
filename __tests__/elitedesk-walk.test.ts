import { defineElitedesk } from '../charts/elitedesk';
import { wildcardIssuer } from '../hosts/elitedesk';
import { blocks, rows, stepsOf } from './support/readme';
import { manifestsOf, synthInMemory } from './support/synth';

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

describe("elitedesk: the backup of Jellyfin's config/ copies it once Jellyfin has stopped, however long it takes to", () => {
  test('the wait for its pod to be gone outlasts the time the Deployment gives Jellyfin to stop', () => {
    const result = synthInMemory(defineElitedesk);
    const readme = result.files.get('elitedesk/main/README.md')!;
    const jellyfin = manifestsOf(result, 'elitedesk/main').find((m) => m.kind === 'Deployment' && m.metadata.name === 'jellyfin')!;
    const grace = jellyfin.spec.template.spec.terminationGracePeriodSeconds as number;
    const backup = blocks(readme).find((block) => block.includes('rsync -a --delete'))!;
    const lines = backup.split('\n');
    const wait = lines.findIndex((line) => line.startsWith('kubectl -n media wait --for=delete pod -l app.kubernetes.io/name=jellyfin '));
    expect(wait).toBeGreaterThan(0);
    const timeout = Number(/--timeout=(\d+)s$/.exec(lines[wait])![1]);
    expect(timeout).toBeGreaterThan(grace);
    // The copy comes after the wait, which ends with the pod gone rather than timing out as the kubelet kills it.
    expect(lines.findIndex((line) => line.includes('rsync -a --delete'))).toBeGreaterThan(wait);
  });
});

describe("elitedesk: Cilium's connectivity test starts every pod it waits for under Talos' baseline Pod Security", () => {
  const readme = readmeWithIssuer('letsencrypt-production');
  const [what, command] = rows(readme)[stepsOf(rows(readme))('check the platform after the first sync')];

  test('its namespace and the two of its clusterwide-policy tests are made and labelled privileged before it runs', () => {
    // The cilium CLI waits for its client-ccnp Deployments in cilium-test-ccnp1 and -ccnp2 whenever the cluster serves
    // CiliumClusterwideNetworkPolicy; their pods add NET_RAW, which the baseline level refuses.
    const namespaces = ['cilium-test-1', 'cilium-test-ccnp1', 'cilium-test-ccnp2'];
    const run = command.indexOf('cilium connectivity test');
    for (const namespace of namespaces) {
      const made = command.indexOf(`kubectl create ns ${namespace} --dry-run=client -o yaml | kubectl apply -f -`);
      expect([namespace, made >= 0 && made < run]).toEqual([namespace, true]);
    }
    const label = command.indexOf(`kubectl label ns ${namespaces.join(' ')} pod-security.kubernetes.io/enforce=privileged `);
    expect(label).toBeGreaterThan(command.indexOf('kubectl create ns cilium-test-ccnp2'));
    expect(label).toBeLessThan(run);
    expect(what).toContain('cilium-test-1 and the cilium-test-ccnp1 and cilium-test-ccnp2 of its clusterwide-policy tests, whose client pods add NET_RAW');
  });
});
