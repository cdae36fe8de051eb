import type { Construct } from 'constructs';
import { AppController, AppVolume, ClusterChart, flux, HomelabApp, host, localPathStorage, SecretReference, site, traefik } from '../constructs';
import { formatIpBlock, isStrictSubset, networkOf, parseIpBlock, parseIpv4 } from '../constructs/inventory/ip';
import { imageReferenceProblem } from '../constructs/validation/syntax';
import { synthInMemory } from './support/synth';

// What the bad-input corpus cannot say: that one mistake gives exactly one error, that a footgun is a
// warning and no error, and that a value of the right format passes.

const node = host('vf-node', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.3.0.1' });
// Two nodes: a single-writer claim mounted by two workloads may then be mounted on two nodes.
const worker = host('vf-worker', { arch: 'amd64', address: '10.3.0.2' });
const lab = site('vf', { domain: 'vf.test', hosts: [node, worker], git: { url: 'https://git.example/vf.git' } });

function run(add: (chart: ClusterChart) => void) {
  const result = synthInMemory((scope: Construct) => {
    const chart = new ClusterChart(scope, 'main', { site: lab, hosts: [node, worker], routes: traefik(), storage: { fast: localPathStorage() }, gitops: flux(),
      preinstalled: [{ source: 'k3s', provides: { loadBalancers: ['servicelb'] } }],
    });
    add(chart);
  });
  const describe = (f: { layer: string; constructPath: string; field: string; message: string }) => `[${f.layer}] ${f.constructPath} ${f.field}: ${f.message}`;
  return {
    errors: result.findings.filter((f) => f.severity === 'error').map(describe),
    warnings: result.findings.filter((f) => f.severity === 'warning').map(describe),
    manifests: result.clusters.flatMap((c) => c.objects.map((o) => o.manifest as any)),
  };
}

const web = (chart: ClusterChart, props: Partial<ConstructorParameters<typeof HomelabApp>[2]> = {}) =>
  new HomelabApp(chart, 'web', { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], ...props });

describe('one mistake, one error', () => {
  test('an empty image is reported as no reference, not also as floating on latest', () => {
    const { errors } = run((chart) => {
      try {
        web(chart, { image: '' });
      } catch {
        // The app is refused with its props' findings.
      }
    });
    expect(errors).toEqual([expect.stringMatching(/^\[props\] main\/web image: image is "", not an image reference \(it is empty/)]);
  });

  test('a mount of a volume the app lacks is reported on the mount call only', () => {
    const { errors } = run((chart) => web(chart).container.mount('nope', '/data'));
    expect(errors).toEqual(['[references] main/web mount(nope): container "web" mounts volume "nope", which the app does not have']);
  });

  test('one app mounting a claim twice does not conflict with itself', () => {
    const { errors } = run((chart) => web(chart)
      .addVolume('c', AppVolume.claim({ tier: 'fast', size: '1Gi', claimName: 'x' }), { mountPath: '/c' })
      .addVolume('d', AppVolume.claim({ tier: 'fast', size: '1Gi', claimName: 'x' }), { mountPath: '/d' }));
    expect(errors).toEqual([expect.stringMatching(/^\[references\] main\/web\/claim-d metadata\.name: PersistentVolumeClaim web\/x .* already/)]);
  });

  test('a Secret of another namespace is reported on the env var, not again as missing', () => {
    const { errors } = run((chart) => web(chart).addEnv('DB_PASSWORD', SecretReference.external('db', 'pg', 'password')));
    expect(errors).toEqual([expect.stringMatching(/^\[references\] main\/web env\.DB_PASSWORD: .*its own namespace "web"/)]);
  });
});

describe('formats that pass', () => {
  test('an IPv6 egress network is rendered as written', () => {
    const { errors, manifests } = run((chart) => web(chart, { egress: [{ cidr: 'fd00::/64', ports: [{ port: 443 }] }] }));
    expect(errors).toEqual([]);
    const policy = manifests.find((m) => m.kind === 'NetworkPolicy' && m.metadata.name === 'web');
    expect(JSON.stringify(policy.spec.egress)).toContain('"cidr":"fd00::/64"');
  });

  test('the digests of the kubelet are references; other algorithms and upper case are not', () => {
    expect(imageReferenceProblem(`nginx@sha256:${'a'.repeat(64)}`)).toBeUndefined();
    expect(imageReferenceProblem(`nginx:1.27@sha512:${'0'.repeat(128)}`)).toBeUndefined();
    expect(imageReferenceProblem(`nginx@sha512:${'0'.repeat(64)}`)).toMatch(/128 lower-case hex digits/);
    expect(imageReferenceProblem(`nginx@md5:${'0'.repeat(32)}`)).toMatch(/algorithm "md5"/);
  });

  test('a first part with capitals is a registry host, which a dot, a port or lower case tell apart', () => {
    expect(imageReferenceProblem('GristLabs/grist:1.2.1')).toMatch(/names the registry "GristLabs"/);
    expect(imageReferenceProblem('gristlabs/grist:1.2.1')).toBeUndefined();
    expect(imageReferenceProblem('Registry.lan/grist:1.2.1')).toBeUndefined();
    expect(imageReferenceProblem('NAS:5000/grist:1.2.1')).toBeUndefined();
    expect(imageReferenceProblem('grist:Latest')).toBeUndefined();
  });

  test('IPv4 addresses are read as Go reads them, IPv6 blocks as well', () => {
    expect(parseIpv4('10.0.0.0')).toBe(167772160);
    expect(parseIpv4('10.0.0.010')).toBeUndefined();
    const block = parseIpBlock('2001:db8:0:0:1::1/64')!;
    expect(formatIpBlock(6, networkOf(block), block.prefix)).toBe('2001:db8::/64');
    expect(parseIpBlock('::ffff:10.0.0.1/128')?.family).toBe(6);
    expect(parseIpBlock('1:2:3:4:5:6:7:8::/64')).toBeUndefined();
    expect(isStrictSubset(parseIpBlock('10.0.0.16/28')!, parseIpBlock('10.0.0.0/24')!)).toBe(true);
    expect(isStrictSubset(parseIpBlock('10.0.0.0/24')!, parseIpBlock('10.0.0.0/24')!)).toBe(false);
    expect(isStrictSubset(parseIpBlock('fd00::/72')!, parseIpBlock('10.0.0.0/8')!)).toBe(false);
  });
});

describe('warnings', () => {
  test('a CronJob starting deadline below the controller period is a warning, not an error', () => {
    const { errors, warnings } = run((chart) => new HomelabApp(chart, 'job', {
      image: 'restic/restic:0.17.1', controller: AppController.cronJob({ schedule: '0 3 * * *', startingDeadlineSeconds: 5 }),
    }));
    expect(errors).toEqual([]);
    expect(warnings).toContainEqual(expect.stringMatching(/^\[policy\] main\/job\/cronjob spec\.startingDeadlineSeconds: .*may never start/));
  });

  test('a deadline of 10 seconds or more passes', () => {
    const { warnings } = run((chart) => new HomelabApp(chart, 'job', {
      image: 'restic/restic:0.17.1', controller: AppController.cronJob({ schedule: '0 3 * * *', startingDeadlineSeconds: 10 }),
    }));
    expect(warnings.filter((w) => w.includes('startingDeadlineSeconds'))).toEqual([]);
  });
});
