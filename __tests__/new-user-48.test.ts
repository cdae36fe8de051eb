import { ApiObject, App as CdkApp } from 'cdk8s';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AppVolume, DnsRecord, HomelabApp, SecretReference } from '../constructs';
import type { ClusterChart, Finding } from '../constructs';
import { home, mailAddress, office, pc1 } from './bad-input/cases-new-user-48';
import { synthFindings } from './bad-input/lab';
import { aboutTheLab, readTree } from './support/synth';

// The family's communications lab written right: the checks its mistakes met (see bad-input/cases-new-user-48.ts)
// leave it alone, and what it writes would run: the pods can bind where the apps listen, the routes reach the
// Services' web ports, mail and calls keep their clients' addresses, and public DNS points at the public address.

/** The synthesized objects and findings of a fresh app whose cluster `home` is built by `build`, but the warning of schemas missing here. */
function synth(build: (c: ClusterChart) => void): { findings: Finding[]; outdir: string } {
  const app = new CdkApp();
  home(build)(undefined as unknown as ClusterChart, app);
  const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'new-user-48-')), 'dist');
  return { findings: aboutTheLab(synthFindings(app, outdir).findings), outdir };
}

const shown = (findings: Finding[]) => findings.map((f) => `${f.severity} ${f.constructPath} ${f.field}: ${f.message}`);

/** What coturn's turnserver needs to start: its binary carries NET_BIND_SERVICE as a file capability. */
const TURNSERVER_CAPABILITY = { capabilities: ['NET_BIND_SERVICE'], reason: 'turnserver carries it as a file capability' };

/** The family's communications, each app as the README's examples write it. */
function communications(c: ClusterChart): void {
  const turnSecret = SecretReference.external('turn', 'coturn', 'static-auth-secret');
  // coturn on the host's network: its relay range is the process's own, as narrow as the family needs.
  new HomelabApp(c, 'coturn', {
    namespace: 'turn', image: 'coturn/coturn:4.6.3',
    args: [
      '--use-auth-secret', '--static-auth-secret=$(TURN_SECRET)', '--realm=turn.family.example', '--min-port=49160', '--max-port=49200', '--no-tls', '--no-dtls',
      '--external-ip=198.51.100.48/192.168.48.11',
    ],
    env: { TURN_SECRET: turnSecret },
    ports: [{ name: 'turn-udp', port: 3478, protocol: 'UDP' }, { name: 'turn-tcp', port: 3478 }],
    exemptions: { hostNetwork: 'the TURN relay hands out ports of its range on the node address', addCapabilities: TURNSERVER_CAPABILITY },
    placement: { hosts: [pc1] },
  } as never);
  // Mail: SMTP and submission at the router's forwarded address, the senders' addresses kept. Stalwart's own
  // listeners are on 25, 587, 993 and 8080 (its config's defaults), which it binds as root.
  new HomelabApp(c, 'mail', {
    namespace: 'mail', image: 'stalwartlabs/stalwart:v0.11.8',
    exemptions: { runAsRoot: 'Stalwart binds the mail ports below 1024', addCapabilities: { capabilities: ['NET_BIND_SERVICE'], reason: 'SMTP, submission and IMAPS listen below 1024' } },
    ports: [{ name: 'smtp', port: 25 }, { name: 'submission', port: 587 }, { name: 'imaps', port: 993 }, { name: 'http', port: 8080 }],
    route: { host: 'mailadmin', port: 8080 },
    loadBalancer: { address: mailAddress(), ports: ['smtp', 'submission', 'imaps'], externalTrafficPolicy: 'Local' },
    persistence: { data: { volume: AppVolume.claim({ tier: 'local', size: '10Gi' }), mountPath: '/opt/stalwart' } },
  } as never);
  office({ aliasgroup1: 'https://cloud\\.family\\.example:443' })(c);
  // The MX host and the TURN host in public DNS, at the router's public address.
  new DnsRecord(c, 'mx', { name: 'mx.family.example', targets: ['198.51.100.48'] });
}

describe("a new user's lab for a family's communications", () => {
  test('the lab written right synthesizes without errors or warnings', () => {
    expect(shown(synth(communications).findings)).toEqual([]);
  });

  test('TURN over TCP beside its UDP port, and DNS-like ports declared once per protocol, pass', () => {
    const { findings } = synth((c) => new HomelabApp(c, 'coturn', {
      namespace: 'turn', image: 'coturn/coturn:4.6.3', ports: [{ name: 'turn-tcp', port: 3478 }, { name: 'turn-udp', port: 3478, protocol: 'UDP' }],
      loadBalancer: { address: mailAddress(), externalTrafficPolicy: 'Local' }, exemptions: { addCapabilities: TURNSERVER_CAPABILITY },
    } as never));
    expect(shown(findings.filter((f) => f.constructPath.endsWith('coturn')))).toEqual([]);
  });

  test('a TURN relay on the pod network whose egress opens every address passes', () => {
    const { findings } = synth((c) => new HomelabApp(c, 'coturn', {
      namespace: 'turn', image: 'coturn/coturn:4.6.3', ports: [{ name: 'turn-udp', port: 3478, protocol: 'UDP' }, { name: 'turn-tcp', port: 3478 }],
      loadBalancer: { address: mailAddress(), externalTrafficPolicy: 'Local' }, egress: [{ cidr: '0.0.0.0/0' }], exemptions: { addCapabilities: TURNSERVER_CAPABILITY },
    } as never));
    expect(shown(findings.filter((f) => f.constructPath.endsWith('coturn')))).toEqual([]);
  });

  test("the bare domain's /.well-known/matrix routed to Synapse passes", () => {
    const { findings } = synth((c) => {
      new HomelabApp(c, 'synapse', { namespace: 'matrix', image: 'matrixdotorg/synapse:v1.120.2', ports: [{ name: 'http', port: 8008 }], route: { host: 'matrix' } } as never);
      new HomelabApp(c, 'element', {
        namespace: 'matrix', image: 'vectorim/element-web:v1.11.90', ports: [{ name: 'http', port: 8080 }], env: { ELEMENT_WEB_PORT: '8080' },
        route: { host: 'family.example', rules: [{ path: '/' }, { path: '/.well-known/matrix', backends: [{ service: 'synapse', port: 8008 }] }] },
      } as never);
    });
    expect(shown(findings.filter((f) => f.field.startsWith('route')))).toEqual([]);
  });

  test('a hundred ports are still an app of its own; the one beyond is the error', () => {
    const ports = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `p${i}`, port: 40000 + i, protocol: 'UDP' }));
    const app = (n: number) => synth((c) => new HomelabApp(c, 'rtp', {
      namespace: 'voip', image: 'ghcr.io/example/rtp:1.0.0', ports: ports(n), probes: { readiness: { command: ['true'] } },
    } as never)).findings.filter((f) => f.field.startsWith('ports['));
    expect(app(100)).toEqual([]);
    expect(app(101).map((f) => f.field)).toEqual(['ports[100]']);
  });

  test('a hand-written Service of thousands of ports is checked in linear time', () => {
    // Each targetPort is read against the ports the selected pods serve, gathered once per Service: read again for
    // every port, as before, twelve thousand ports took half a minute.
    const ports = Array.from({ length: 12000 }, (_, i) => 20000 + i);
    const started = Date.now();
    const { findings } = synth((c) => {
      c.namespaces.ensure('voip');
      new ApiObject(c, 'rtp', {
        apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'rtp', namespace: 'voip' },
        spec: {
          replicas: 1, selector: { matchLabels: { app: 'rtp' } },
          template: {
            metadata: { labels: { app: 'rtp' } },
            spec: {
              securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
              containers: [{
                name: 'rtp', image: 'ghcr.io/example/rtp:1.0.0', ports: ports.map((port) => ({ containerPort: port, protocol: 'UDP' })),
                readinessProbe: { exec: { command: ['true'] } }, resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '128Mi' } },
                securityContext: { allowPrivilegeEscalation: false, runAsNonRoot: true, runAsUser: 1000, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
              }],
            },
          },
        },
      });
      new ApiObject(c, 'rtp-service', {
        apiVersion: 'v1', kind: 'Service', metadata: { name: 'rtp', namespace: 'voip' },
        spec: { selector: { app: 'rtp' }, ports: ports.map((port) => ({ name: `p${port}`, port, protocol: 'UDP' })) },
      });
    });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(findings.filter((f) => f.field.includes('targetPort'))).toEqual([]);
  });

  test("a Collabora told Nextcloud's host among others, or with a pattern, is left alone", () => {
    for (const env of [{ aliasgroup1: 'https://cloud.family.example:443,https://nextcloud.family.example:443' }, { aliasgroup1: 'https://.*\\.family\\.example:443' }]) {
      const { findings } = synth(office(env));
      expect(shown(findings.filter((f) => f.constructPath.endsWith('collabora')))).toEqual([]);
    }
  });

  test("a public record at the public address, and the mail domain's SPF, DKIM, DMARC and MX records, pass", () => {
    const { findings } = synth((c) => {
      new DnsRecord(c, 'turn', { name: 'turn.family.example', targets: ['198.51.100.48'] });
      new DnsRecord(c, 'spf', { name: 'family.example', recordType: 'TXT', targets: ['v=spf1 ip4:198.51.100.48 -all'] });
      new DnsRecord(c, 'dkim', { name: 'default._domainkey.family.example', recordType: 'TXT', targets: [`v=DKIM1; k=rsa; p=${'M'.repeat(392)}`] });
      new DnsRecord(c, 'dmarc', { name: '_dmarc.family.example', recordType: 'TXT', targets: ['v=DMARC1; p=quarantine; rua=mailto:postmaster@family.example'] });
      new DnsRecord(c, 'mx', { name: 'family.example', recordType: 'MX', targets: ['10 mx.family.example'] });
      // A route's host takes text records of its own: the route publishes its address alone.
      new HomelabApp(c, 'ntfy', { namespace: 'ntfy', image: 'binwiederhier/ntfy:v2.11.0', args: ['serve'], env: { NTFY_LISTEN_HTTP: ':8080' }, ports: [{ name: 'http', port: 8080 }], route: { host: 'ntfy' } } as never);
      new DnsRecord(c, 'ntfy-txt', { name: 'ntfy.family.example', recordType: 'TXT', targets: ['family notifications'] });
      // A LoadBalancer Service of the MX host, published at the router's public address.
      new ApiObject(c, 'mx-service', {
        apiVersion: 'v1', kind: 'Service',
        metadata: {
          name: 'mx', namespace: 'ntfy',
          annotations: { 'external-dns.alpha.kubernetes.io/hostname': 'mx.family.example', 'external-dns.alpha.kubernetes.io/target': '198.51.100.48', 'metallb.io/loadBalancerIPs': '192.168.48.204' },
        },
        spec: { type: 'LoadBalancer', externalTrafficPolicy: 'Local', selector: { 'app.kubernetes.io/name': 'ntfy' }, ports: [{ name: 'http', port: 8080 }] },
      });
    });
    expect(shown(findings)).toEqual([]);
  });

  test("external-dns keeps the DNSEndpoints' TXT and MX records, which its own default skips", () => {
    const { outdir } = synth(() => undefined);
    const values = [...readTree(outdir)].find(([file]) => file.endsWith('external-dns-cloudflare.yaml'))?.[1] ?? '';
    expect(values).toMatch(/managedRecordTypes:\n(\s+- (A|AAAA|CNAME|TXT|MX)\n){5}/);
  });
});
