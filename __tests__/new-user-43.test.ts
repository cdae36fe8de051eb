import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App as CdkApp, ApiObject } from 'cdk8s';
import { App, AppController, AppVolume, synthesize } from '../constructs';
import type { ClusterChart } from '../constructs';
import { clusterFor } from './bad-input/cases';
import type { BadInput } from './bad-input/cases';
import { labCluster } from './bad-input/lab';
import { Build, secondRun } from './support/day-two';

// A new user's month with the library, from the README alone: Talos VMs and a laptop, Authentik's forward auth
// in front of apps without a login, Paperless-ngx with its own PostgreSQL, a domain change. The mistakes the
// corpus cannot hold (a second run into the same folder) and the lab's correct forms, which no finding may meet.

/** Paperless' PostgreSQL: a StatefulSet of `image` with its data on a claim, told `PGDATA` where given. */
const postgres = (image: string, pgdata?: string): Build => (cluster) => {
  new App(cluster, 'paperless-db', {
    namespace: 'paperless', image, ports: [{ name: 'pg', port: 5432 }], controller: AppController.statefulSet(),
    env: { PGDATA: pgdata ?? '/var/lib/postgresql/data/pgdata' },
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/var/lib/postgresql/data' }, run: { volume: AppVolume.emptyDir(), mountPath: '/var/run/postgresql' } },
  });
};

describe("PostgreSQL's image moved to a later major release on the data an earlier one initialized", () => {
  test('postgres:16.4 to 17.0 on the same claim: one error on the image, naming the claim, and nothing written', () => {
    const { errors, written } = secondRun(postgres('postgres:16.4'), postgres('postgres:17.0'));
    expect(errors).toEqual([expect.objectContaining({
      layer: 'policy', kind: 'StatefulSet', namespace: 'paperless', name: 'paperless-db', field: 'spec.template.spec.containers[0].image',
      message: expect.stringMatching(/moves from PostgreSQL 16 to 17 on the data folder 16 initialized on paperless\/data-paperless-db-0: PostgreSQL 17 refuses/),
      hint: expect.stringMatching(/^keep postgres:16\.4 until the data is moved: dump it with pg_dumpall/),
    })]);
    expect(errors[0].constructPath).toMatch(/^main\/paperless-db/);
    expect(written).toBe(false);
  });

  test("pgvector's pg16 tag to pg17 is the same error", () => {
    expect(secondRun(postgres('pgvector/pgvector:pg16'), postgres('pgvector/pgvector:pg17')).errors).toEqual([expect.objectContaining({ message: expect.stringMatching(/from PostgreSQL 16 to 17/) })]);
  });

  test('a minor release, or a new PGDATA for the restored dump, is no error', () => {
    expect(secondRun(postgres('postgres:16.4'), postgres('postgres:16.6')).errors).toEqual([]);
    expect(secondRun(postgres('postgres:16.4', '/var/lib/postgresql/data/pg16'), postgres('postgres:17.0', '/var/lib/postgresql/data/pg17')).errors).toEqual([]);
  });
});

describe('the correct forms of the lab meet no finding of these checks', () => {
  const findingsOf = (build: (cluster: ClusterChart) => void) => {
    const app = new CdkApp();
    build(labCluster(app, 'main'));
    return synthesize(app, { outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'homelab-nu43-')) }).findings;
  };

  test("Authentik's forward auth at its server's Service in full, beside an app without a login", () => {
    const findings = findingsOf((cluster) => {
      new App(cluster, 'authentik', { namespace: 'authentik', image: 'ghcr.io/goauthentik/server:2024.8.3', args: ['server'], ports: [{ name: 'http', port: 9000 }] });
      new App(cluster, 'whoami', { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }] });
      new ApiObject(cluster, 'authentik-auth', {
        apiVersion: 'traefik.io/v1alpha1', kind: 'Middleware', metadata: { name: 'authentik', namespace: 'whoami' },
        spec: { forwardAuth: { address: 'http://authentik.authentik.svc.cluster.local:9000/outpost.goauthentik.io/auth/traefik', trustForwardHeader: true } },
      });
    });
    expect(findings.filter((f) => f.field === 'spec.forwardAuth.address')).toEqual([]);
  });

  test("Grafana, Gitea and Mealie told the URLs of their own routes on the new domain", () => {
    const findings = findingsOf((cluster) => {
      const data = (mountPath: string) => ({ volume: AppVolume.emptyDir(), mountPath });
      new App(cluster, 'grafana', { image: 'grafana/grafana:11.2.2', ports: [{ name: 'http', port: 3000 }], route: { host: 'grafana' }, env: { GF_SERVER_ROOT_URL: 'https://grafana.lab.test/' }, persistence: { data: data('/var/lib/grafana') } });
      new App(cluster, 'gitea', {
        image: 'gitea/gitea:1.22.3-rootless', ports: [{ name: 'http', port: 3000 }], route: { host: 'git' }, env: { GITEA__server__ROOT_URL: 'https://git.lab.test/' },
        persistence: { data: data('/var/lib/gitea'), config: data('/etc/gitea') },
      });
      new App(cluster, 'mealie', { image: 'ghcr.io/mealie-recipes/mealie:v2.0.0', ports: [{ name: 'http', port: 9000 }], route: { host: 'mealie' }, env: { BASE_URL: 'https://mealie.lab.test' }, persistence: { data: data('/app/data') } });
    });
    expect(findings.filter((f) => f.field.startsWith('env.'))).toEqual([]);
  });
});

test("a hand-written HTTPRoute for hosts a listener's wildcard takes, a label deep or more, meets no hostname finding", () => {
  const app = new CdkApp();
  const cluster = clusterFor({ gatewayCluster: true } as BadInput, app);
  new App(cluster, 'immich', { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }] });
  new ApiObject(cluster, 'photos-route', {
    apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'photos', namespace: 'immich' },
    spec: {
      parentRefs: [{ name: 'main-gateway', namespace: 'gateway', sectionName: 'https' }], hostnames: ['photos.lab.test', 'old.photos.lab.test', '*.media.lab.test'],
      rules: [{ backendRefs: [{ name: 'immich', port: 8080 }] }],
    },
  });
  const findings = synthesize(app, { outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'homelab-nu43-')) }).findings;
  expect(findings.filter((f) => f.field.startsWith('spec.hostnames'))).toEqual([]);
});
