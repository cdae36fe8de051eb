import * as yaml from 'js-yaml';
import { defineElitedesk } from '../charts/elitedesk';
import { blocks, rows, stepsOf } from './support/readme';
import { manifestsOf, synthInMemory } from './support/synth';

// The elitedesk design walked a fourth time, into its day two: a Secret rotated as the README says, a service's
// release raised, a setting of newt's written anew.

const result = synthInMemory(defineElitedesk);
const readme = result.files.get('elitedesk/main/README.md')!;
const steps = rows(readme);
const step = stepsOf(steps);

describe('elitedesk: the rotations of the key-management step end with secrets that a leak or a rebuild cannot undo', () => {
  const [what] = steps[step('To rotate the key')];

  test('a compromised Cloudflare token is rolled in Cloudflare first, which ends the leaked value, before its file is edited', () => {
    // A value replaced in the repository alone leaves the leaked token valid at Cloudflare, with its DNS permissions.
    const replacement = what.slice(what.indexOf('A compromised Cloudflare token'));
    expect(replacement).toContain("rolled in Cloudflare's dashboard first (My Profile → API Tokens, the token's menu → Roll), "
      + 'which invalidates the value that leaked at once and gives the token a new one with the same permissions');
    expect(replacement.indexOf('Roll')).toBeLessThan(replacement.indexOf('`sops edit`'));
    expect(replacement).toContain('and into the password manager and the backup in place of the old one');
  });

  test("the age key's rotation ends with the new key in the password manager and the offline backup, which a rebuild decrypts with", () => {
    // Once the files name the new recipient alone, the old key kept aside opens none of them.
    const last = what.slice(what.indexOf('`mv age.new.key age.key'));
    expect(last).toContain("last, put the new age.key in the password manager and the offline backup in place of the old one, "
      + "which no longer opens the repository's files");
    expect(what.indexOf('keep age.key (the private key of Secret flux-system/sops-age) and the Cloudflare token in a password manager and an offline backup'))
      .toBe(0);
  });
});

describe("elitedesk: Jellyfin's release is raised only with a copy of its config/ to go back to", () => {
  // Jellyfin migrates its databases when a new release starts and an older release cannot open them; its release
  // notes ask for a full backup before every upgrade, and 12.0 upgrades only a /config of 10.10.7 or later.
  const [hint] = steps[step('Jellyfin release (tag of jellyfin/jellyfin)')];

  test("the release's placeholder says to back up config/ with the backup step before raising it, and why", () => {
    expect(hint).toContain('to raise it once Jellyfin runs, back up its config/ first with the backup step: the new release migrates the databases there '
      + 'when it starts, and only that copy takes Jellyfin back to the older release');
    expect(hint).toContain('(12.0 starts only on a /config of 10.10.7 or later)');
  });

  test('the backup step it points at copies that config/ folder', () => {
    const [backup] = steps[step("back up the config/ folder of Jellyfin's shared tree")];
    expect(backup).toContain('to a secondary location off the NFS server');
    expect(blocks(readme).some((block) => block.includes('rsync -a --delete /srv/nfs/kubernetes/media/jellyfin-data/config/ '))).toBe(true);
  });
});

describe('elitedesk: settings of newt written anew reach it through a restart, as it reads them into its environment at start', () => {
  const newt = manifestsOf(result, 'elitedesk/main').find((m) => m.kind === 'Deployment' && m.metadata.name === 'newt')!;
  const fromSecret = newt.spec.template.spec.containers[0].env.filter((e: any) => e.valueFrom?.secretKeyRef);
  const [what, command] = steps[step('newt reads keys')];

  test('the step names the Secret and every key the Deployment reads from it', () => {
    const keys = fromSecret.map((e: any) => e.valueFrom.secretKeyRef.key).sort();
    expect(new Set(fromSecret.map((e: any) => e.valueFrom.secretKeyRef.name))).toEqual(new Set(['newt-credentials']));
    expect(what).toContain(`newt reads keys ${keys.join(' and ')} of Secret ${newt.metadata.namespace}/newt-credentials into its environment when it starts`);
    expect(what).toContain('reaches it only when its pods start again');
  });

  test('its command restarts the Deployment rendered, in its namespace, and waits for it', () => {
    const { name, namespace } = newt.metadata;
    expect(command).toBe(`kubectl -n ${namespace} rollout restart deployment/${name} && kubectl -n ${namespace} rollout status deployment/${name} --timeout=5m`);
  });
});

describe("elitedesk: Cilium's values file says what it sets beyond the design's cilium install", () => {
  // The design's `cilium install --set …` flags; the file the first install and HelmRelease cilium share carries more.
  const DESIGN_SETTINGS = [
    'ipam.mode', 'kubeProxyReplacement', 'securityContext.capabilities.ciliumAgent', 'securityContext.capabilities.cleanCiliumState',
    'cgroup.autoMount.enabled', 'cgroup.hostRoot', 'k8sServiceHost', 'k8sServicePort', 'gatewayAPI.enabled', 'gatewayAPI.enableAlpn',
    'gatewayAPI.enableAppProtocol',
  ];
  const leaves = (value: unknown, at: string): string[] => (value !== null && typeof value === 'object' && !Array.isArray(value)
    ? Object.entries(value).flatMap(([key, inner]) => leaves(inner, at === '' ? key : `${at}.${key}`))
    : [at]);
  const values = yaml.load(result.files.get('elitedesk/main/bootstrap/cilium.values.yml')!);
  const bullet = readme.split('\n').find((line) => line.startsWith('- **Cilium from a values file.**'))!;

  test("each setting the design's flags do not give is named in the bullet, by itself or by the key it sits under", () => {
    const added = leaves(values, '').filter((path) => !DESIGN_SETTINGS.includes(path));
    expect(added.length).toBeGreaterThan(0);
    const unnamed = added.filter((path) => !path.split('.').some((_, i, parts) => {
      const key = parts.slice(0, i + 1).join('.');
      return bullet.includes(`\`${key}\``) || bullet.includes(`\`${key}: `);
    }));
    expect(unnamed).toEqual([]);
    expect(bullet).toContain("one operator (`operator.replicas`, where the chart runs two)");
  });
});
