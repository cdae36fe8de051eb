import { App as CdkApp } from 'cdk8s';
import { ClusterChart, ExternalService, externalHost, flux, host, localPathStorage, site, synthesize, traefik } from '../constructs';
import type { ExternalHostProps } from '../constructs';
import { recordConstructionError } from '../constructs/validation/construction-errors';
import { unwrittenOutdir } from './support/synth';

// An ExternalService's machine written inline, as a first lab does, with its port named otherwise than the
// construct, or with its ports as a list: one error each, on the prop to change.

const errorsOf = (id: string, machine: ExternalHostProps): string[] => {
  const app = new CdkApp();
  const node = host(`${id}-node`, { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.60.10', cores: 4, memoryGigabytes: 16 });
  const lab = site(id, { domain: 'home.example.org', hosts: [node], git: { url: 'https://github.com/jdoe/fleet.git' } });
  const cluster = new ClusterChart(app, 'main', { site: lab, hosts: [node], routes: traefik({ hostPorts: true }), storage: { fast: localPathStorage() }, gitops: flux() });
  try {
    new ExternalService(cluster, 'minio', { host: externalHost('nas', machine) });
  } catch (error) {
    // As runSynthCli records it: props it rejected stop the construct.
    recordConstructionError(app, error);
  }
  return synthesize(app, { outdir: unwrittenOutdir(), write: false }).findings
    .filter((f) => f.severity === 'error').map((f) => `${f.constructPath} ${f.field}: ${f.message} | ${f.hint}`);
};

test("a machine written inline whose port is named for its protocol, not the construct, is one error on service, whose hint picks that port", () => {
  expect(errorsOf('es-inline', { address: '192.168.60.5', ports: { s3: 9000 } })).toEqual([
    'main/minio service: machine nas lists no port "minio" among its ports (s3), and service is the construct id unless given'
      + " | name one of them, e.g. service: 's3', or add minio to the machine's ports in the inventory",
  ]);
});

test("a machine's ports written as a list are one error on host.ports, not a second one for the port the Service asks", () => {
  expect(errorsOf('es-list', { address: '192.168.60.5', ports: [9000] as never })).toEqual([
    'main/minio host.ports: ports [9000] is not an object of ports by service name | name each port by its service, e.g. ports: { nfs: 2049, smb: 445 }',
  ]);
});
