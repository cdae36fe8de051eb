import { manifestsOf, synthInMemory } from './support/synth';

// Facts of the mobius design a reviewer checks first, read against the synthesized output: every value the
// design does not give is a placeholder the cluster's README lists, with the stand-in in use.

const result = synthInMemory();
const readme = (cluster: string) => result.files.get(`mobius/${cluster}/README.md`)!;
const objects = (cluster: string) => manifestsOf(result, `mobius/${cluster}`);
const find = (cluster: string, kind: string, name: string) => objects(cluster).find((o) => o.kind === kind && o.metadata.name === name);
/** The README's placeholder row of `fact`, whose stand-in is `value`. */
const placeholderRow = (fact: string, value: string) => new RegExp(`\\| placeholder \\| ${fact.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: [^|]*\\(now \`${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\`\\) \\|`);

describe("mobius: AdGuard Home's version, admin name, claims and resources are placeholders", () => {
  test('the README lists each, and the objects use its stand-in', () => {
    const text = readme('homelab');
    for (const [fact, value] of [
      ['version of AdGuard Home (image adguard/adguardhome)', 'v0.107.57'],
      ["host name of AdGuard Home's admin UI under jax-lab.dev", 'adguard'],
      ["size of AdGuard Home's conf claim (AdGuardHome.yaml)", '1Gi'],
      ["size of AdGuard Home's work claim (query log and statistics)", '10Gi'],
      ['CPU request of AdGuard Home', '100m'],
      ['memory request of AdGuard Home', '256Mi'],
      ['memory limit of AdGuard Home', '1Gi'],
    ]) {
      expect(text).toMatch(placeholderRow(fact, value));
    }
    const container = find('homelab', 'Deployment', 'adguard-home').spec.template.spec.containers[0];
    expect(container.image).toBe('adguard/adguardhome:v0.107.57');
    expect(container.resources).toEqual({ requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '1Gi' } });
    expect(find('homelab', 'PersistentVolumeClaim', 'adguard-home-work').spec.resources.requests.storage).toBe('10Gi');
    // The owner steps that reach the admin UI follow its name.
    expect(text).toContain('in its setup wizard at https://adguard.jax-lab.dev keep the admin interface on port 3000');
  });
});

describe("mobius: Uptime Kuma's version, claim and resources are placeholders on cloud and the sandbox", () => {
  test.each(['cloud', 'sandbox'])('%s', (cluster) => {
    const text = readme(cluster);
    for (const [fact, value] of [
      ['version of Uptime Kuma (image louislam/uptime-kuma) on cloud and the sandbox', '1.23.16'],
      ["size of Uptime Kuma's data claim (kuma.db)", '2Gi'],
      ['CPU request of Uptime Kuma', '50m'],
      ['memory request of Uptime Kuma', '128Mi'],
      ['memory limit of Uptime Kuma', '512Mi'],
    ]) {
      expect(text).toMatch(placeholderRow(fact, value));
    }
    expect(find(cluster, 'Deployment', 'uptime-kuma').spec.template.spec.containers[0].image).toBe('louislam/uptime-kuma:1.23.16');
  });
});

describe('mobius: what the design leaves open about the stages is a placeholder', () => {
  test("each cluster's sync interval (the design: per cluster, the sandbox's immediate)", () => {
    expect(readme('sandbox')).toMatch(placeholderRow('how often the sandbox fetches new commits', '1m'));
    expect(readme('cloud')).toMatch(placeholderRow('how often cloud fetches new commits', '10m'));
    expect(readme('homelab')).toMatch(placeholderRow('how often homelab fetches new commits', '30m'));
    expect(find('homelab', 'GitRepository', 'mobius-homelab').spec.interval).toBe('30m');
  });

  test("the sandbox's domain and test app", () => {
    expect(readme('sandbox')).toMatch(placeholderRow("the sandbox's domain (its Traefik's routes)", 'sandbox.jax-lab.dev'));
    expect(readme('sandbox')).toMatch(placeholderRow("image of the sandbox's test app podinfo", 'ghcr.io/stefanprodan/podinfo:6.7.1'));
  });
});
