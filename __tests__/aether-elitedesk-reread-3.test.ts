import { load } from 'js-yaml';
import { defineAether } from '../charts/aether';
import { rows, stepsOf } from './support/readme';
import { manifestsOf, synthInMemory } from './support/synth';

// The aether and elitedesk designs read a third time against the synthesized output, as the owner reads each
// cluster's README on the day they bootstrap and migrate it, and as the API server and the pods read its YAML.

const aetherResult = synthInMemory(defineAether);
const aetherObjects = manifestsOf(aetherResult, 'aether/main');
const aetherReadme = aetherResult.files.get('aether/main/README.md')!;
const aetherRows = rows(aetherReadme);
const aetherStep = stepsOf(aetherRows);

/** The image of the first container of a workload (a Deployment, a Knative Service) of aether's output. */
const imageOf = (kind: string, name: string): string => aetherObjects.find((o) => o.kind === kind && o.metadata.name === name).spec.template.spec.containers[0].image;

describe("aether: OpenWebUI's database and data folder come from OpenTofu's OpenWebUI, whose release the design does not name", () => {
  test("the image is a placeholder, as MCPO's is, asking for a release no older than OpenTofu's", () => {
    expect(imageOf('Deployment', 'openwebui-api')).toBe('ghcr.io/open-webui/open-webui:v0.6.33');
    const [what] = aetherRows[aetherStep('image of OpenWebUI:')];
    expect(what).toContain("set to the release OpenTofu's OpenWebUI runs (its image in tofu/home/kubernetes/openwebui.tf) or a newer one, "
      + 'before its database and data folder move here: OpenWebUI migrates them forward only (now `ghcr.io/open-webui/open-webui:v0.6.33`)');
    expect(aetherRows[aetherStep('image of MCPO')][0]).toContain('set to the MCPO release the lab runs');
  });

  test('the move loads the dump under that image, and says why its release matters', () => {
    const [what] = aetherRows[aetherStep('OpenWebUI and MCPO already run in this cluster from OpenTofu')];
    expect(what).toContain("load a dump of OpenTofu's OpenWebUI database into it (under OpenWebUI's image set above, ghcr.io/open-webui/open-webui:v0.6.33, "
      + "of a release no older than OpenTofu's: OpenWebUI migrates a database forward only)");
  });
});

describe("aether: a tenant's Knative Service starts only from an image that runs as a numbered non-root user", () => {
  const tenants = ['projects', 'peers-alice', 'peers-bob'];

  test('the tenants enforce the restricted level, and Knative sets runAsNonRoot where a Service sets no user', () => {
    for (const name of tenants) {
      const namespace = aetherObjects.find((o) => o.kind === 'Namespace' && o.metadata.name === name);
      expect([name, namespace.metadata.labels['pod-security.kubernetes.io/enforce']]).toEqual([name, 'restricted']);
    }
    const serving = aetherObjects.find((o) => o.kind === 'KnativeServing');
    expect(serving.spec.config.features['secure-pod-defaults']).toBe('enabled');
  });

  test("the CI template's step says what such an image needs, and the tenants' choice points at it", () => {
    const [what] = aetherRows[aetherStep('create GitLab project infra/ci-templates with knative-deploy.yml')];
    expect(what).toContain('The tenants\' namespaces (projects, peers-alice, peers-bob) run pods at the restricted level, and Knative sets runAsNonRoot on a Service that sets no user: '
      + 'an image whose USER is root, or a name rather than a number (node, nginx), starts no container, so build images with a numeric non-root USER, '
      + 'or pass its number: kn service apply … --user 1000');
    const choice = aetherReadme.split('\n').find((line) => line.startsWith("- **The tenants' quota and policy, and what they add.**"))!;
    expect(choice).toContain("Their namespaces, and `projects`, enforce the `restricted` Pod Security level, and Knative's secure pod defaults set `runAsNonRoot` "
      + 'on a Knative Service that sets no user: an image whose user is root, or a name rather than a number, starts no container there (see the CI template step).');
  });
});

describe("aether: the VMs' databases move under releases of their apps no older than the VMs'", () => {
  test("the stacks' migration names the release each database is loaded under, as the output runs it, and how a newer VM's is met", () => {
    const bytebot = imageOf('Service', 'bytebot');
    const mediaManager = imageOf('Service', 'mediamanager');
    expect([bytebot, mediaManager]).toEqual(['ghcr.io/bytebot-ai/bytebot-agent:v0.1.0', 'ghcr.io/maxdorninger/mediamanager/mediamanager:v1.4.0']);
    const ci = aetherResult.files.get('aether/main/gitlab-ci.yml')!;
    expect(ci).toContain('helm upgrade --install synapse matrix-synapse --repo https://ananace.gitlab.io/charts --version 3.12.2 ');
    const [what] = aetherRows[aetherStep("move the stacks in the design's order")];
    expect(what).toContain('infra/synapse-postgres, each under a release of its app no older than the VM\'s, as each brings a database forward only '
      + `(Bytebot ${bytebot}, MediaManager ${mediaManager}, Synapse the release chart matrix-synapse 3.12.2 runs, its appVersion; OpenWebUI as its own step says): `
      + "a VM of a newer release first needs that image raised in charts/aether/main.ts (Synapse's by its chart's image.tag)");
  });
});

describe("aether: GitLab moved into the cluster serves Git over HTTPS only, which the clones of its VM's SSH address move to", () => {
  test('no route reaches the chart\'s shell: the Gateway listens for HTTP alone, and every GitLab route ends at an HTTP port', () => {
    const gateway = aetherObjects.find((o) => o.kind === 'Gateway' && o.metadata.name === 'main-gateway');
    expect(gateway.spec.listeners.map((l: { protocol: string }) => l.protocol)).toEqual(['HTTP', 'HTTPS']);
    const backends = aetherObjects.filter((o) => o.kind.endsWith('Route') && o.metadata.name.startsWith('gitlab'))
      .flatMap((o) => o.spec.rules.flatMap((r: { backendRefs: Array<{ name: string }> }) => r.backendRefs.map((b) => b.name)));
    expect(backends.length).toBeGreaterThan(0);
    expect(backends.filter((name: string) => name.includes('shell'))).toEqual([]);
  });

  test('a step after the move says so, and moves this repository\'s remote to the HTTPS address of its project', () => {
    const [what, command] = aetherRows[aetherStep('GitLab here serves Git over HTTPS alone')];
    expect(what).toContain('at https://gitlab.apps.home.shdr.ch/&lt;group>/&lt;project>.git (an access token as the password): its shell, Git over SSH, has no route, '
      + "as Caddy and main-gateway carry HTTP only, so once GitLab's VM goes the SSH remotes that name it reach nothing");
    expect(what).toContain('write its new URL as git.url of the site in hosts/aether.ts');
    expect(aetherReadme).toContain('(now `ssh://git@gitlab.home.shdr.ch/infra/homelab.git`)');
    expect(command).toBe('git remote set-url origin https://gitlab.apps.home.shdr.ch/infra/homelab.git');
    expect(aetherStep('move GitLab from its VM, the last of the stacks')).toBeLessThan(aetherStep('GitLab here serves Git over HTTPS alone'));
  });
});

describe("aether: cert-manager orders from step-ca's ACME provisioner, which the design does not name", () => {
  test("the issuer's directory names the provisioner of the placeholder, which says how to find or make it", () => {
    const issuer = aetherObjects.find((o) => o.kind === 'ClusterIssuer' && o.metadata.name === 'step-ca');
    expect(issuer.spec.acme.server).toBe('https://ca.home.shdr.ch/acme/acme/directory');
    const [what] = aetherRows[aetherStep("name of step-ca's ACME provisioner")];
    expect(what).toContain('set to the name `step ca provisioner list` shows for the provisioner of type ACME on the step-ca host; '
      + 'with none, add one: `step ca provisioner add acme --type ACME` names it acme (now `acme`)');
  });
});

describe("aether: the rotating proxy's SOCKS5 port, which the design does not give, is a placeholder that qBittorrent's policy and step follow", () => {
  test('the machine lists it as a stand-in, the placeholder says what to set, and qBittorrent may reach that port alone', () => {
    expect(aetherReadme).toContain('| rotating-proxy | 10.0.0.10 (placeholder) | proxy.home.shdr.ch (placeholder) | socks5 1080 (placeholder) |  |');
    const [what] = aetherRows[aetherStep("rotating proxy's SOCKS5 port")];
    expect(what).toContain("set to the port the rotating proxy serves SOCKS5 on (1080 is SOCKS' usual one) (now `1080`)");
    const policy = aetherObjects.find((o) => o.kind === 'CiliumNetworkPolicy' && o.metadata.name === 'qbittorrent');
    expect(policy.spec.egress.filter((rule: { toCIDR?: string[] }) => rule.toCIDR)).toEqual([
      { toCIDR: ['10.0.0.10/32'], toPorts: [{ ports: [{ port: '1080', protocol: 'TCP' }] }] },
    ]);
    expect(aetherRows[aetherStep("in qBittorrent's Web UI (Tools → Options → Connection → Proxy Server)")][0]).toContain('host proxy.home.shdr.ch, port 1080');
  });
});

describe("aether: each VM's dump goes into a database its app has not filled yet", () => {
  test("the stacks' migration stops each app and empties its database of the tables its first start made, naming Synapse's Deployment", () => {
    const [what] = aetherRows[aetherStep("move the stacks in the design's order")];
    expect(what).toContain("and each into a database emptied first of the tables its app's first start made (stop the app, Synapse by scaling deployment "
      + 'infra/synapse-matrix-synapse to 0, a Knative Service once idle, then drop and re-create the database, owned by its role, and load the dump into it)');
    // The Deployment the step scales is the chart's, which the README's other Synapse steps exec into too.
    expect(aetherReadme).toContain('kubectl -n infra exec -it deployment/synapse-matrix-synapse -- register_new_matrix_user');
    const ci = aetherResult.files.get('aether/main/gitlab-ci.yml')!;
    expect(ci).toContain('helm upgrade --install synapse matrix-synapse ');
  });
});

describe("aether: Ceph CSI, which the cluster gets from outside, installs where Talos lets its node plugin run", () => {
  test('the step names the chart, a privileged namespace and why, what it needs of Ceph, and the ports the nodes reach Ceph on', () => {
    const [what] = aetherRows[aetherStep('install ceph-csi-rbd')];
    expect(what).toContain('(chart ceph-csi-rbd of https://ceph.github.io/csi-charts)');
    expect(what).toContain('in a namespace of its own labelled pod-security.kubernetes.io/enforce=privileged, as its node plugin maps RBD images on the host '
      + '(privileged, host network and PID) and Talos enforces the baseline level on a namespace that sets none');
    expect(what).toContain("with the Ceph cluster's fsid and monitors (ceph mon dump on a Proxmox node), a pool for the claims and a client of its own on it");
    expect(what).toContain("the nodes on VLAN 3 reach Ceph's monitors (TCP 3300 and 6789) and OSDs (TCP 6800-7300) through VyOS");
    // Every namespace the repository makes states its level, so none falls back to Talos' baseline.
    const unlabelled = aetherObjects.filter((o) => o.kind === 'Namespace' && !o.metadata.labels?.['pod-security.kubernetes.io/enforce']).map((o) => o.metadata.name);
    expect(unlabelled).toEqual([]);
  });
});

describe("aether: GitLab's address changes with its move, and so does the issuer of its CI jobs' ID tokens", () => {
  test('the chart serves GitLab under the cluster\'s domain, where the VM served it under home.shdr.ch', () => {
    const gitlab = load(aetherResult.files.get('aether/main/helm/gitlab.values.yml')!) as { global: { hosts: { domain: string; https: boolean } } };
    expect(gitlab.global.hosts).toEqual({ domain: 'apps.home.shdr.ch', https: true });
    expect(aetherReadme).toContain('| gitlab | 10.0.0.10 (placeholder) | gitlab.home.shdr.ch | https 443 | VM on Proxmox host Trinity |');
  });

  test('a step after the move re-points the runners and registers the new issuer with RGW, as the Ceph RGW step did the VM\'s', () => {
    const [what, command] = aetherRows[aetherStep("GitLab's address moves with it")];
    expect(what).toContain("from https://gitlab.home.shdr.ch, the VM's, to https://gitlab.apps.home.shdr.ch, which its CI jobs' ID tokens then name as their issuer");
    expect(what).toContain('point each runner at it (url in its config.toml)');
    expect(command).toBe('aws iam create-open-id-connect-provider --endpoint-url https://s3.home.shdr.ch --url https://gitlab.apps.home.shdr.ch '
      + '--client-id-list "https://s3.home.shdr.ch" --thumbprint-list "$THUMBPRINT"');
    expect(aetherReadme).toContain('aws iam create-open-id-connect-provider --endpoint-url https://s3.home.shdr.ch --url https://gitlab.home.shdr.ch ');
    expect(aetherStep('move GitLab from its VM, the last of the stacks')).toBeLessThan(aetherStep("GitLab's address moves with it"));
  });
});

describe("aether: GitLab's move carries over what its VM's gitlab.rb sets, which no backup holds", () => {
  test('the move names the file, what of it a lab uses, and the chart values it goes into', () => {
    const [what] = aetherRows[aetherStep('move GitLab from its VM, the last of the stacks')];
    expect(what).toContain("Neither file nor backup holds the VM's /etc/gitlab/gitlab.rb: carry the settings of it you use (sign-in through Keycloak or another OmniAuth provider, "
      + "outgoing e-mail) into the chart's values (global.appConfig.omniauth, global.smtp and global.email) before the VM goes.");
  });
});

describe("aether: whether provider-sql reaches the database server over TLS is the owner's, as the design does not say", () => {
  test("the ProviderConfig's sslMode is the placeholder's, and the step that writes the server's login says which", () => {
    const config = aetherObjects.find((o) => o.kind === 'ProviderConfig' && o.metadata.name === 'surrealdb');
    expect(config.spec.sslMode).toBe('require');
    const [what] = aetherRows[aetherStep('TLS of the connection provider-sql makes to the database server')];
    expect(what).toContain("keep require if the PostgreSQL server has ssl on (Debian's packages turn it on, with a self-signed certificate); "
      + 'set disable if it serves plain connections alone (now `require`)');
    expect(aetherRows[aetherStep('the properties of crossplane/surrealdb are the PostgreSQL server')][0]).toContain('(CREATEDB CREATEROLE), over TLS (sslMode require)');
  });
});

describe("aether: Synapse federates through a name other servers find in public DNS, which AdGuard's rewrite does not serve", () => {
  test('the federation step asks for a public record of the delegated host and checks federation from outside', () => {
    const [what, command] = aetherRows[aetherStep('for federation, serve https://shdr.ch/.well-known/matrix/server')];
    expect(what).toContain("Other servers look synapse.apps.home.shdr.ch up in public DNS, not through AdGuard's rewrite: give it a public record for the address "
      + "the internet reaches the gateway stack's Caddy at on 443.");
    expect(command).toBe(`curl -fsS https://shdr.ch/.well-known/matrix/server | jq -e '."m.server" == "synapse.apps.home.shdr.ch:443"' `
      + "&& curl -fsS 'https://federationtester.matrix.org/api/report?server_name=shdr.ch' | jq -e .FederationOK");
    // The rewrite the lab's clients use sends the whole domain to the gateway stack: a LAN answer only.
    expect(aetherRows[aetherStep('in AdGuard, add the DNS rewrite')][0]).toContain('*.apps.home.shdr.ch → 10.0.0.10');
  });
});
