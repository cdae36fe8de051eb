import { parse } from 'yaml';
import { defineAether } from '../charts/aether';
import { developerExamplesReach } from '../charts/aether/developer-examples';
import { blocks } from './support/readme';
import { readCluster, synthInMemory } from './support/synth';

// aether walked from a bare cluster by its owner, past what the earlier re-reads and the Knative walk took:
// Crossplane and its providers, the tenants, Keycloak, the databases, the CI runners, monitoring and backups.

const aether = readCluster(defineAether, 'aether/main');
const agentConfig = parse(synthInMemory(defineAether).files.get('aether/main/gitlab-agent/k8s-agent.config.yml')!);
const choice = (title: string): string => aether.readme.split('\n').find((line) => line.startsWith(`- **${title}**`))!;

describe("aether: whose CI jobs may apply the design's Crossplane files", () => {
  // Crossplane 1.20's providers serve their managed kinds (Bucket, BucketACL, Client, Role, Database) at
  // cluster scope (`scope: Cluster` in each provider's CRD): a RoleBinding, which grants within one namespace,
  // never lets a subject create them. The design's self-service example is `kubectl apply -f infra/` from a
  // developer's CI job.
  const confined = (agentConfig.ci_access.groups as any[]).filter((g) => g.access_as?.impersonate !== undefined);
  const accounts = confined.map((g) => g.access_as.impersonate.username as string);

  test("the peers' jobs act as a ServiceAccount with edit on its own namespace and no cluster-wide grant", () => {
    expect(confined.map((g) => g.id)).toEqual(['peers/alice', 'peers/bob']);
    expect(accounts).toEqual(['system:serviceaccount:peers-alice:gitlab-ci', 'system:serviceaccount:peers-bob:gitlab-ci']);
    const names = (o: any) => (o.subjects ?? []).map((s: any) => `system:serviceaccount:${s.namespace}:${s.name}`);
    const grants = aether.objects.filter((o) => /^(Cluster)?RoleBinding$/.test(o.kind) && names(o).some((n: string) => accounts.includes(n)));
    expect(grants.map((o) => `${o.kind} ${o.metadata.namespace} ${o.roleRef.name}`).sort())
      .toEqual(['RoleBinding peers-alice edit', 'RoleBinding peers-bob edit']);
  });

  test("the step of the example files says the peers' jobs are refused them, and what to do instead", () => {
    expect(blocks(aether.readme).some((b) => b.includes('kind: BucketACL'))).toBe(true);
    const [step] = aether.rows[aether.step("the design's example files of a developer's static site")];
    expect(step).toContain('the API server takes them from the jobs of infra and projects, which act as the agent');
    expect(step).toContain('refuses them to the jobs of peers/alice and peers/bob, which act as peers-alice/gitlab-ci and peers-bob/gitlab-ci');
    expect(step).toContain('kubectl apply -f infra/ there answers Forbidden');
    expect(step).toContain('publish namespaced claims (a CompositeResourceDefinition with claimNames, and its Composition)');
    expect(choice("The design's examples of a developer's files stay theirs."))
      .toContain("the peers' self-service through Crossplane waits for namespaced claims the design does not define");
  });

  test('a site whose groups all act as the agent gets no such sentence', () => {
    expect(developerExamplesReach([{ group: 'infra', defaultNamespace: 'infra' }])).toBe('');
  });
});

describe("aether: Hubble UI's Keycloak login lets an admin in whose e-mail Keycloak has not verified", () => {
  // Keycloak's `email` client scope writes `email_verified` into every ID token, false for an account whose
  // address was never confirmed (every account an administrator makes without mail set up). oauth2-proxy
  // (providers/provider_data.go, buildSessionFromClaims) refuses such a token with "email in id_token (…) isn't
  // verified" unless --insecure-oidc-allow-unverified-email is set, although the login lets members of the
  // admins' group through whatever their address (--email-domain=*).
  const proxy = aether.objects.find((o) => o.kind === 'Deployment' && o.metadata.name === 'hubble-ui-login');
  const args: string[] = proxy.spec.template.spec.containers[0].args;

  test('the proxy decides by group alone, not by a verified address', () => {
    expect(args).toEqual(expect.arrayContaining(['--email-domain=*', '--allowed-group=/admins', '--insecure-oidc-allow-unverified-email=true']));
  });
});

describe("aether: the backups step keeps GitLab's backup off Ceph and its keys beside it", () => {
  // The chart's guide to backups (backup-restore/backup): backup-utility writes <id>_gitlab_backup.tar into
  // bucket gitlab-backups of the chart's object storage, here its bundled MinIO, whose claim is an RBD image
  // like the rest; and the tarball leaves the rails secrets out ("Back up the secrets"), without which a
  // restore decrypts none of what the database holds encrypted.
  const index = aether.step('backups: the design\'s Proxmox Backup Server');
  const [step, command] = aether.rows[index];

  test('the step says where the tarball goes and that the rails keys are kept beside it', () => {
    expect(step).toContain("GitLab's backup-utility writes its tarball into bucket gitlab-backups of the chart's MinIO, itself a claim on Ceph, so copy it off the cluster");
    expect(step).toContain('the tarball leaves out the keys its database is encrypted with (Secret infra/gitlab-rails-secret, key secrets.yml)');
    expect(command).toMatch(/^block \d+ below the table$/);
    const block = blocks(aether.readme).find((b) => b.includes('backup-utility'))!;
    expect(block.split('\n')).toEqual([
      'kubectl -n infra exec deployment/gitlab-toolbox -- backup-utility',
      'kubectl -n infra get secret gitlab-rails-secret -o jsonpath="{.data[\'secrets\\.yml\']}" | base64 -d > gitlab-rails-secrets.yaml && chmod 600 gitlab-rails-secrets.yaml',
    ]);
  });

  test('the toolbox and the rails Secret it names are the chart release of the pipeline', () => {
    expect(/helm upgrade --install gitlab gitlab .*--namespace infra /.test(synthInMemory(defineAether).files.get('aether/main/gitlab-ci.yml')!)).toBe(true);
  });
});
