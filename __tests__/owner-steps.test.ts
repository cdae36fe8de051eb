import { vaultKubernetesAuthCommands } from '../constructs/platform/secret-stores';
import { forgejoAdminStep } from '../constructs/services/forgejo';
import { growZvolStep } from '../constructs/services/static-zfs-volume';
import { bashParses, blocks, isShellBlock, rows, unparsedByBash } from './support/readme';
import { sitesInMemory } from './support/synth';

const sites = sitesInMemory();
const readme = (cluster: string) => sites.files.get(`${cluster}/README.md`)!;

describe('owner steps', () => {
  test('every command of every README parses as bash and holds no bare <placeholder>', () => {
    const commands: Array<{ file: string; command: string }> = [];
    for (const [file, text] of sites.files) {
      if (!file.endsWith('README.md')) {
        continue;
      }
      const shell = rows(text).map(([, command]) => command).filter((c) => c !== '' && !c.startsWith('block '));
      const shellBlocks = blocks(text).filter(isShellBlock);
      commands.push(...[...shell, ...shellBlocks].map((command) => ({ file, command })));
    }
    expect(commands.length).toBeGreaterThan(100);
    const unparsed = new Set(unparsedByBash(commands.map((c) => c.command)));
    expect(commands.filter((c) => unparsed.has(c.command))).toEqual([]);
    expect(commands.filter((c) => /(^|\s)<[a-z][^>]*>/i.test(c.command))).toEqual([]);
  });

  test('a Caddy site block has its directive and its closing brace on lines of their own, below the table', () => {
    const text = readme('constellation/main');
    const plex = rows(text).find(([what]) => what.startsWith('reverse proxy plex.'))?.[1];
    expect(plex).toMatch(/^block \d+ below the table$/);
    expect(blocks(text)[Number(plex!.split(' ')[1]) - 1]).toBe('plex.arsfeld.one {\n\treverse_proxy 192.168.1.5:32400\n}');
    // Twelve containers, the Caddy sites that are not containers, and ghost.<domain>'s redirect; the
    // other blocks are the owner's justfile recipes, the NixOS lines that stop the Podman containers, the
    // config folders made on each host, the K3s token's agenix secret and its rotation, each host's NixOS K3s
    // settings and the firewall ports opened for Plex and Stash, on the host network.
    const others = ['k8s-status:\n', '# storage/configuration.nix\n', '# on storage\n', '# on storage, as root', '# NixOS configuration of ', '# hosts/'];
    const caddy = blocks(text).filter((b) => !others.some((start) => b.startsWith(start)));
    expect(blocks(text)).toHaveLength(23);
    expect(caddy).toHaveLength(14);
    expect(caddy.every((b) => /^[a-z0-9.-]+ \{\n(\t.+\n)+\}/.test(b))).toBe(true);
  });

  test('the zvol step only grows the zvol, comparing bytes', () => {
    const step = growZvolStep('vms/HomeAssistant', '256Gi');
    expect(step.command).toBe('[ "$(zfs get -Hp -o value volsize vms/HomeAssistant)" -ge 274877906944 ] || zfs set volsize=256G vms/HomeAssistant');
    expect(bashParses(step.command!)).toBe(true);
    expect(readme('mobius/homelab')).toContain(step.command!.replace(/\|/g, '\\|'));
  });

  test('the Vault steps come in working order: auth method, its config, policy, role, token review', () => {
    const commands = vaultKubernetesAuthCommands({
      server: 'https://bao.example.org', mountPath: 'kubernetes', role: 'external-secrets',
      serviceAccount: { namespace: 'external-secrets', name: 'external-secrets' }, readPaths: ['secret/data/b', 'secret/data/a', 'secret/data/a'],
    });
    const order = ['vault auth enable -path=kubernetes kubernetes', 'vault write auth/kubernetes/config kubernetes_host=',
      'vault policy write external-secrets - <<\'EOF\'', 'vault write auth/kubernetes/role/external-secrets ',
      'kubectl create clusterrolebinding external-secrets-tokenreview --clusterrole=system:auth-delegator --serviceaccount=external-secrets:external-secrets'];
    const at = order.map((o) => commands.indexOf(o));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((x, y) => x - y)).toEqual(at);
    expect(commands).toContain('path "secret/data/a" { capabilities = ["read"] }\npath "secret/data/b" { capabilities = ["read"] }\nEOF');
    expect(bashParses(commands)).toBe(true);
    // With no reader known, the policy reads the whole KV mount.
    expect(vaultKubernetesAuthCommands({ server: 's', mountPath: 'k', role: 'r', serviceAccount: { namespace: 'n', name: 'a' }, readPaths: [], path: 'kv' }))
      .toContain('path "kv/data/*" { capabilities = ["read"] }');
  });

  test("aether's policy names exactly the paths its ExternalSecrets read", () => {
    const vault = blocks(readme('aether/main')).find((b) => b.includes('vault policy write'))!;
    expect(vault.match(/^path "[^"]+"/gm)).toEqual([
      'path "secret/data/bytebot/agent"', 'path "secret/data/bytebot/db"',
      'path "secret/data/crossplane/ceph-rgw-credentials"', 'path "secret/data/crossplane/cloudflare-credentials"', 'path "secret/data/crossplane/keycloak-credentials"',
      'path "secret/data/crossplane/surrealdb"', 'path "secret/data/firecrawl/admin"', 'path "secret/data/hubble/login"', 'path "secret/data/litellm/master-key"', 'path "secret/data/mediamanager/auth"', 'path "secret/data/mediamanager/db"', 'path "secret/data/mediamanager/qbittorrent"',
      'path "secret/data/openwebui/db"', 'path "secret/data/openwebui/webui"', 'path "secret/data/searxng/secret"',
      'path "secret/data/synapse/macaroon"', 'path "secret/data/synapse/postgres"', 'path "secret/data/synapse/redis"', 'path "secret/data/synapse/registration"',
    ]);
  });

  test('the Forgejo administrator gets a generated password from a Secret, on stdin, never typed', () => {
    const step = forgejoAdminStep('services', 'deployment/forgejo');
    expect(step.command).toContain('--from-literal=password="$(openssl rand -base64 24)"');
    expect(step.command).toContain('| kubectl -n services exec -i deployment/forgejo -- sh -c \'forgejo admin user create --admin');
    expect(step.command).toContain('--password "$(cat)"');
    expect(bashParses(step.command!)).toBe(true);
    // In grey-area, the administrator comes after the apps layer that starts Forgejo, and before the push.
    const whats = rows(readme('grey-area/main')).map(([what]) => what);
    const firstSync = whats.findIndex((w) => w.startsWith('first sync:'));
    const admin = whats.findIndex((w) => w.startsWith("create Forgejo's first administrator"));
    const push = whats.findIndex((w) => w.startsWith('as that administrator'));
    expect(firstSync).toBeGreaterThanOrEqual(0);
    expect(firstSync < admin && admin < push).toBe(true);
  });

  test("grey-area's Forgejo host key is scanned once the first sync runs Forgejo, and reaches Argo CD by hand before it clones", () => {
    const whats = rows(readme('grey-area/main')).map(([what]) => what);
    const firstSync = whats.findIndex((w) => w.startsWith('first sync:'));
    const scan = whats.findIndex((w) => w.startsWith('give Argo CD the SSH host key of forgejo.grey-area.tailnet'));
    const push = whats.findIndex((w) => w.startsWith('as that administrator'));
    expect(firstSync < scan && scan < push).toBe(true);
    expect(whats[scan]).toContain('kubectl apply -f dist/grey-area/main/platform/argo-cd.yaml');
  });

  test("grey-area's first sync waits on its platform Applications by name, not on the ones that read Forgejo", () => {
    const [, command] = rows(readme('grey-area/main')).find(([what]) => what.startsWith('first sync:'))!;
    // Not on those whose workloads wait for a later layer: Traefik's address (the config layer's ProxyClass).
    // kube-prometheus-stack is waited on: Grafana's Secret is declared on it, made by a step before this one.
    expect(command).toContain('wait application argo-cd cert-manager crossplane csi-driver-nfs kube-prometheus-stack local-path-provisioner nvidia-device-plugin secret-replicator tailscale-operator --for=');
    expect(command).not.toContain('--all');
  });

  test("a Secret a platform component reads is made before the engine starts: grey-area's first sync waits for Grafana's Application", () => {
    const whats = rows(readme('grey-area/main')).map(([what]) => what);
    const grafana = whats.findIndex((w) => w.startsWith('create Secret monitoring/grafana-admin'));
    const argoCd = whats.findIndex((w) => w.startsWith('first install of Argo CD'));
    const firstSync = whats.findIndex((w) => w.startsWith('first sync:'));
    const harbor = whats.findIndex((w) => w.startsWith('create Secret registry/harbor-admin'));
    expect(grafana).toBeGreaterThanOrEqual(0);
    expect(grafana).toBeLessThan(argoCd);
    expect(argoCd).toBeLessThan(firstSync);
    // Harbor's core starts only with its admin Secret, and the registry is pushed to after the first sync: the Secret
    // comes before it too, which holds back no layer, as the first sync waits for no app.
    expect(harbor).toBeLessThan(firstSync);
    expect(rows(readme('grey-area/main'))[firstSync][1]).not.toContain('application harbor');
  });

  test('a step needed before the first sync is listed before the bootstrap that starts it', () => {
    const whats = rows(readme('elitedesk/main')).map(([what]) => what);
    const sops = whats.findIndex((w) => w.startsWith('encrypt your own values'));
    const bootstrap = whats.findIndex((w) => w.startsWith('flux bootstrap github'));
    expect(sops).toBeGreaterThanOrEqual(0);
    expect(sops).toBeLessThan(bootstrap);
  });

  test('a Flux controller moves to its hosts after they carry the role labels its affinity prefers', () => {
    const whats = rows(readme('mobius/homelab')).map(([what]) => what);
    const move = whats.findIndex((w) => w.includes('move notification-controller'));
    expect(whats[move]).toContain('kubectl -n flux-system rollout restart deployment/notification-controller');
    // The cluster's step sets the labels before the first sync, once: the move does not set them again.
    const labels = whats.findIndex((w) => w === 'label node m1-worker with its workload roles (monitoring, ci-cd) once it joins');
    expect(labels).toBeGreaterThanOrEqual(0);
    expect(labels).toBeLessThan(whats.findIndex((w) => w.startsWith('flux bootstrap github')));
    expect(labels).toBeLessThan(move);
    expect(whats.filter((w) => w.includes('kubectl label node m1-worker'))).toEqual([]);
  });

  test("grey-area mounts sleeper-service's models by its tailnet address", () => {
    expect(sites.files.get('grey-area/main/apps/ollama.yaml')).toContain('server: 100.64.0.4');
  });
});
