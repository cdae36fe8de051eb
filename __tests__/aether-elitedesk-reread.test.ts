import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { load } from 'js-yaml';
import { defineAether } from '../charts/aether';
import { defineElitedesk } from '../charts/elitedesk';
import { manifestsOf, REPO_ROOT, synthInMemory } from './support/synth';
import { bashParses, rows, stepsOf } from './support/readme';

// The aether and elitedesk designs read again line by line against the synthesized output, as the owner reads
// each cluster's README on the day they bootstrap it: every step in an order that works, naming what the output has.

const aetherResult = synthInMemory(defineAether);
const aetherObjects = manifestsOf(aetherResult, 'aether/main');
const aetherReadme = aetherResult.files.get('aether/main/README.md')!;
const aetherRows = rows(aetherReadme);
const aetherStep = stepsOf(aetherRows);
const aetherFind = (kind: string, name: string, namespace = 'infra') =>
  aetherObjects.find((o) => o.kind === kind && o.metadata.name === name && o.metadata.namespace === namespace);
/** The pod template of a workload of aether's infra namespace (a Knative Service's too). */
const podOf = (name: string) => (aetherFind('Deployment', name) ?? aetherObjects.find((o) => o.kind === 'Service'
  && o.apiVersion === 'serving.knative.dev/v1' && o.metadata.name === name)).spec.template.spec;
const envOf = (name: string) => Object.fromEntries((podOf(name).containers[0].env ?? []).map((e: { name: string; value?: string }) => [e.name, e.value]));
/** Where the first deploy starts: the push that includes the job file. */
const firstDeploy = () => aetherStep("include the job file from the repository's .gitlab-ci.yml");

describe("aether: the media export, which the first deploy mounts, is set up on the NFS server before it", () => {
  const media = aetherObjects.find((o) => o.kind === 'PersistentVolume' && o.metadata.name === 'aether-media-library').spec.nfs;
  const nodes = ['10.0.3.16', '10.0.3.17', '10.0.3.18'];

  test("a step exports it to the three nodes, whose kubelets mount it, squashing every writer to qBittorrent's PUID and PGID", () => {
    const index = aetherStep(`export ${media.path} read-write to the nodes`);
    const [what, command] = aetherRows[index];
    expect(index).toBeLessThan(firstDeploy());
    expect(what).toContain(`on the NFS server (${media.server})`);
    const { PUID, PGID } = envOf('qbittorrent');
    expect(what).toContain(`all_squash,anonuid=${PUID},anongid=${PGID}, its folder owned by ${PUID}:${PGID}`);
    expect(what).toContain("never the pods' 10.244.0.0/16");
    for (const node of nodes) {
      expect(command).toContain(` ${node}(rw,sync,no_subtree_check,all_squash,anonuid=${PUID},anongid=${PGID})`);
    }
    expect(command).toContain(`chown ${PUID}:${PGID} ${media.path} && exportfs -r`);
    expect(bashParses(command)).toBe(true);
  });

  test("every pod that mounts the export mounts that server and path: Jellyfin's and qBittorrent's own volume, MediaManager's claim", () => {
    for (const name of ['jellyfin', 'qbittorrent']) {
      expect(podOf(name).volumes.filter((v: { nfs?: unknown }) => v.nfs).map((v: { nfs: unknown }) => v.nfs)).toEqual([media]);
    }
    expect(podOf('mediamanager').volumes).toContainEqual({ name: 'data', persistentVolumeClaim: { claimName: 'media-library' } });
  });

  test("the export path's placeholder points at that step rather than repeating it", () => {
    const [what] = aetherRows[aetherStep('NFS export of the media library:')];
    expect(what).toContain('as the export step below sets it up');
    expect(what).not.toContain('all_squash');
  });
});

describe("aether: Jellyfin's libraries are the folders MediaManager imports into", () => {
  test("MediaManager's TV and movie folders under its /data are, under Jellyfin's /media, the libraries its wizard step names", () => {
    const env = envOf('mediamanager');
    const libraries = [env.MEDIAMANAGER_MISC__TV_DIRECTORY, env.MEDIAMANAGER_MISC__MOVIE_DIRECTORY];
    expect(libraries).toEqual(['/data/tv', '/data/movies']);
    // Both are the same export: MediaManager's /data, Jellyfin's /media.
    expect(podOf('mediamanager').containers[0].volumeMounts).toContainEqual({ name: 'data', mountPath: '/data' });
    expect(podOf('jellyfin').containers[0].volumeMounts).toContainEqual({ name: 'media', mountPath: '/media', readOnly: true });
    const [what] = aetherRows[aetherStep("as soon as Jellyfin's pod runs, finish its startup wizard")];
    expect(what).toContain(`add the libraries ${libraries.map((folder) => folder.replace(/^\/data\//, '/media/')).join(' and ')}, the folders MediaManager imports into`);
  });
});

describe("aether: MediaManager's administrator is claimed through its route, once Caddy and AdGuard open it", () => {
  test('the sign-in at https://mediamanager.<domain> comes right after the Caddy site and the AdGuard rewrite that make the name reach the cluster', () => {
    const caddy = aetherStep("add Caddy's sites *.apps.home.shdr.ch");
    const adGuard = aetherStep('in AdGuard, add the DNS rewrite *.apps.home.shdr.ch');
    const signIn = aetherStep('sign in to MediaManager at https://mediamanager.apps.home.shdr.ch as admin@shdr.ch with the password admin');
    expect([caddy + 1, adGuard + 1]).toEqual([adGuard, signIn]);
    expect(signIn).toBeGreaterThan(firstDeploy());
    // It has no Deployment a port forward could reach before the route: it is a Knative Service that scales to zero.
    expect(aetherFind('Deployment', 'mediamanager')).toBeUndefined();
    expect(aetherObjects.find((o) => o.apiVersion === 'serving.knative.dev/v1' && o.metadata.name === 'mediamanager')
      .spec.template.metadata.annotations['autoscaling.knative.dev/min-scale']).toBe('0');
  });
});

describe("aether: the data of the VMs the cluster replaces goes into every claim of Ceph RBD", () => {
  const claims = aetherObjects.filter((o) => o.kind === 'PersistentVolumeClaim' || (o.kind === 'StatefulSet' && (o.spec.volumeClaimTemplates ?? []).length > 0));
  const onCeph = claims.filter((o) => (o.kind === 'StatefulSet' ? o.spec.volumeClaimTemplates[0].spec : o.spec).storageClassName === 'ceph-rbd');
  const [migration] = aetherRows[aetherStep("move the stacks in the design's order")];
  const [backups] = aetherRows[aetherStep("backups: the design's Proxmox Backup Server")];

  test('the migration step names each claim and each database the stacks move into, MediaManager\'s and Bytebot\'s among them', () => {
    expect(onCeph.length).toBeGreaterThan(0);
    for (const o of onCeph) {
      expect([o.metadata.name, migration.includes(`${o.metadata.namespace}/${o.metadata.name}`)]).toEqual([o.metadata.name, true]);
    }
    expect(migration).toContain('its databases, from dumps, into infra/bytebot-postgres, infra/mediamanager-postgres, infra/openwebui-postgres, infra/synapse-postgres');
  });

  test('the media library, the NFS server\'s own export, is neither copied nor called an RBD image', () => {
    const library = aetherFind('PersistentVolumeClaim', 'media-library');
    expect(library.spec.storageClassName).toBe('');
    expect(migration).not.toContain('infra/media-library');
    expect(migration).toContain('the media library stays on the NFS server');
    const rbd = backups.slice(0, backups.indexOf('. Back them up off Ceph'));
    expect(rbd).not.toContain('infra/media-library');
    expect(backups).toContain("infra/media-library is no RBD image but the NFS server's export (10.0.0.10:/srv/nfs/media)");
  });
});

describe("aether: every OpenBao entry MediaManager's Secret reads has a step that says what to write", () => {
  test("mediamanager/db, the password its PostgreSQL and MediaManager both read, is written before the first deploy, as the others are", () => {
    const secret = aetherFind('ExternalSecret', 'mediamanager-secret');
    const entries = [...new Set<string>(secret.spec.data.map((d: { remoteRef: { key: string } }) => d.remoteRef.key))].sort();
    expect(entries).toEqual(['mediamanager/auth', 'mediamanager/db', 'mediamanager/qbittorrent']);
    for (const entry of entries) {
      const index = aetherRows.findIndex(([, command]) => command.startsWith(`vault kv put secret/${entry} `));
      expect([entry, index >= 0 && index < firstDeploy()]).toEqual([entry, true]);
      expect(bashParses(aetherRows[index][1])).toBe(true);
    }
    // The key the database step writes is the one both pods read.
    const [what, command] = aetherRows[aetherStep('the property password of mediamanager/db')];
    const key = secret.spec.data.find((d: { remoteRef: { key: string } }) => d.remoteRef.key === 'mediamanager/db');
    expect(command).toBe(`vault kv put secret/mediamanager/db ${key.remoteRef.property}="$(openssl rand -hex 32)"`);
    const readers = aetherObjects.filter((o) => o.kind === 'StatefulSet' || o.apiVersion === 'serving.knative.dev/v1')
      .filter((o) => JSON.stringify(o.spec.template.spec.containers).includes(`{"key":"${key.secretKey}","name":"mediamanager-secret"}`))
      .map((o) => o.metadata.name).sort();
    expect(readers).toEqual(['mediamanager', 'mediamanager-postgres']);
    expect(what).toContain("initdb sets it on the database's first start only");
  });
});

describe("aether: the GitLab agent's configuration the repository writes is the one the owner registers", () => {
  test("the register step names the file under dist/ and where it goes; the file's ci_access confines the peers' groups", () => {
    const [what] = aetherRows[aetherStep('register agent "k8s-agent" in GitLab project infra/k8s-agent')];
    const file = /copy (dist\/\S+) there/.exec(what)![1];
    const content = aetherResult.files.get(file.replace(/^dist\//, ''))!;
    expect(content).toBeDefined();
    expect(what).toContain('(ci_access in .gitlab/agents/k8s-agent/config.yaml: copy');
    expect(content).toContain('copy to .gitlab/agents/k8s-agent/config.yaml of infra/k8s-agent');
    // Written anew without it, a peer's jobs would act as the agent, which may do anything in the cluster.
    for (const peer of ['alice', 'bob']) {
      expect(content).toContain(`- id: peers/${peer}\n      default_namespace: peers-${peer}\n      access_as:\n        impersonate:\n          username: system:serviceaccount:peers-${peer}:gitlab-ci`);
      expect(aetherFind('ServiceAccount', 'gitlab-ci', `peers-${peer}`)).toBeDefined();
    }
  });
});

describe("aether: the README's choices say how the media stack shares its export, and that Jellyfin transcodes in its pod for now", () => {
  const choice = aetherReadme.split('\n').find((line) => line.startsWith('- **The media stack on one export.**'))!;
  const mount = (name: string, path: string) => podOf(name).containers[0].volumeMounts.find((m: { mountPath: string }) => m.mountPath === path);
  const volume = (name: string, path: string) => podOf(name).volumes.find((v: { name: string }) => v.name === mount(name, path).name);

  test('the bullet is among the choices, before the components', () => {
    expect(choice).toBeDefined();
    expect(aetherReadme.indexOf(choice)).toBeLessThan(aetherReadme.indexOf('## Platform components'));
  });

  test("who writes where as which user: qBittorrent at /downloads as its PUID, MediaManager at /data through the claim, Jellyfin at /media read-only", () => {
    const { PUID, PGID } = envOf('qbittorrent');
    expect(choice).toContain(`qBittorrent downloads into its root at \`${mount('qbittorrent', '/downloads').mountPath}\` as its PUID and PGID, ${PUID}`);
    expect(PGID).toBe(PUID);
    const pv = aetherObjects.find((o) => o.kind === 'PersistentVolume' && o.metadata.name === 'aether-media-library');
    expect(volume('qbittorrent', '/downloads').nfs).toEqual(pv.spec.nfs);
    expect(volume('mediamanager', '/data').persistentVolumeClaim.claimName).toBe(pv.spec.claimRef.name);
    expect(choice).toContain(`at \`/data\` through PersistentVolume \`${pv.metadata.name}\`, bound to claim \`${pv.spec.claimRef.namespace}/${pv.spec.claimRef.name}\``);
    expect(podOf('mediamanager').securityContext.runAsUser).toBe(0);
    expect(mount('jellyfin', '/media').readOnly).toBe(true);
    expect(volume('jellyfin', '/media').nfs).toEqual(pv.spec.nfs);
    expect(choice).toContain(`squashes every writer to ${PUID} (\`all_squash,anonuid=${PUID},anongid=${PGID}\`)`);
    expect(aetherRows[aetherStep('read-write to the nodes')][0]).toContain(`all_squash,anonuid=${PUID},anongid=${PGID}`);
  });

  test("who reaches whom: qBittorrent's Web UI admits MediaManager and the Gateway alone, and reaches only the proxy outside", () => {
    const policy = aetherFind('CiliumNetworkPolicy', 'qbittorrent').spec;
    expect(policy.ingress.map((rule: { fromEntities?: string[]; fromEndpoints?: Array<{ matchLabels: Record<string, string> }> }) =>
      rule.fromEntities ?? rule.fromEndpoints!.map((e) => e.matchLabels['k8s:app.kubernetes.io/name']))).toEqual([['ingress'], ['mediamanager']]);
    expect(policy.egress.filter((rule: { toCIDR?: string[] }) => rule.toCIDR).map((rule: { toCIDR: string[]; toPorts: Array<{ ports: Array<{ port: string }> }> }) =>
      [rule.toCIDR, rule.toPorts[0].ports[0].port])).toEqual([[['10.0.0.10/32'], '1080']]);
    expect(policy.egress.some((rule: { toEntities?: string[] }) => rule.toEntities)).toBe(false);
    expect(choice).toContain("MediaManager reaches qBittorrent's Web UI, which admits it and the Gateway alone; qBittorrent reaches nothing outside the cluster but the rotating proxy's SOCKS5 port");
  });

  test('Jellyfin transcodes in its pod until its image adds rffmpeg, as the bullet says', () => {
    expect(podOf('jellyfin').containers[0].image).toBe('jellyfin/jellyfin:10.10.7');
    expect(envOf('jellyfin').JELLYFIN_FFMPEG).toBeUndefined();
    expect(choice).toContain("until Jellyfin's image (a placeholder) names one that adds it, Jellyfin transcodes in its pod");
  });
});

const elitedeskResult = synthInMemory(defineElitedesk);
const elitedeskReadme = elitedeskResult.files.get('elitedesk/main/README.md')!;
const elitedeskRows = rows(elitedeskReadme);
const elitedeskStep = stepsOf(elitedeskRows);

describe("elitedesk: the repository Flux bootstrap syncs holds this one before bootstrap runs", () => {
  test("the Git repository's row says a repository bootstrap makes is empty, and to push this one to it before bootstrap", () => {
    const [what] = elitedeskRows[elitedeskStep('Git repository: ')];
    expect(what).toContain('though empty: make it and push this repository to it before flux bootstrap (the encrypt step pushes)');
  });

  test('the step that pushes comes before flux bootstrap, whose sync reads the committed hand-over to dist/ from the repository', () => {
    const push = elitedeskStep('then synthesize, commit and push');
    const bootstrap = elitedeskStep('flux bootstrap github ');
    expect(push).toBeLessThan(bootstrap);
    const [what] = elitedeskRows[bootstrap];
    const folder = /--path=(\S+)/.exec(what)![1];
    expect(what).toContain(`${folder}/ holds a Kustomization that applies ./dist/elitedesk/main`);
    // That Kustomization is a file of the repository, not of a repository bootstrap makes.
    const handOver = load(fs.readFileSync(path.join(REPO_ROOT, folder, 'dist.yaml'), 'utf8')) as { spec: { path: string } };
    expect(handOver.spec.path).toBe('./dist/elitedesk/main');
  });
});

describe("elitedesk: the admin credentials Terraform's outputs write at the repository root stay out of the pushes that follow", () => {
  test('the step writes kubeconfig and talosconfig at the root, before steps that commit and push; Git ignores both', () => {
    const index = elitedeskStep('terraform output -raw kubeconfig > ../kubeconfig');
    const [what] = elitedeskRows[index];
    // Written from infra/, one level below the root.
    expect(what).toContain('terraform output -raw kubeconfig > ../kubeconfig && terraform output -raw talosconfig > ../talosconfig && cd ..');
    expect(index).toBeLessThan(elitedeskStep('then synthesize, commit and push'));
    for (const file of ['kubeconfig', 'talosconfig']) {
      expect([file, spawnSync('git', ['check-ignore', '--quiet', '--no-index', file], { cwd: REPO_ROOT }).status]).toEqual([file, 0]);
    }
  });
});

describe("aether: the steps after the owner's OpenTofu tree, another repository, run from this one's root", () => {
  test('the kubeconfig step ends by going to the root of this repository, before the steps that read dist/ by relative paths', () => {
    const provisioning = aetherStep('from your own OpenTofu code in tofu/home');
    expect(aetherRows[provisioning][0]).toContain('(it is not part of this repository), run from the root of its repository');
    const kubeconfig = aetherStep('tofu output -raw kubeconfig > ../../kubeconfig');
    expect(aetherRows[kubeconfig][0]).toMatch(/export KUBECONFIG=\$PWD\/kubeconfig TALOSCONFIG=\$PWD\/talosconfig; then cd to the root of this repository, where the steps below run \(they read its dist\/\) *$/);
    const relative = aetherRows.map(([what], i) => [i, what] as const).filter(([, what]) => / (?:-f|--values) dist\/aether\/main\//.test(what));
    expect(relative.length).toBeGreaterThan(0);
    for (const [index, what] of relative) {
      expect([what.slice(0, 40), index > kubeconfig]).toEqual([what.slice(0, 40), true]);
      const file = / (?:-f|--values) dist\/(aether\/main\/[^\s;,]+)/.exec(what)![1];
      expect(aetherResult.files.has(file)).toBe(true);
    }
  });
});

describe('aether: a value the design does not give is a placeholder the README lists, not a fact of the output', () => {
  test("qBittorrent's time zone is the lab's, a placeholder whose stand-in is the one its env carries", () => {
    const tz = envOf('qbittorrent').TZ;
    const [what] = aetherRows[aetherStep("the lab's time zone (TZ of qBittorrent")];
    expect(aetherRows[aetherStep("the lab's time zone")][0]).toBe(what);
    expect(what).toContain(`(now \`${tz}\`)`);
    expect(aetherReadme).toContain(`| placeholder | ${what} |`);
  });
});

describe("elitedesk: the design's secret-replicator, named without its project, is a stand-in the README says", () => {
  test("the wildcard certificate's bullet names kubernetes-replicator, the chart HelmRelease secret-replicator installs, and the annotation it reads", () => {
    const objects = manifestsOf(elitedeskResult, 'elitedesk/main');
    const release = objects.find((o) => o.kind === 'HelmRelease' && o.metadata.name === 'secret-replicator');
    expect(release.spec.chart.spec.chart).toBe('kubernetes-replicator');
    expect(release.spec.targetNamespace ?? release.metadata.namespace).toBe('secret-replicator');
    const bullet = elitedeskReadme.split('\n').find((line) => line.startsWith('- **The wildcard certificate.**'))!;
    expect(bullet).toContain("The design names secret-replicator without the project behind it: mittwald's kubernetes-replicator stands in, as HelmRelease and namespace `secret-replicator`");
    const certificate = objects.find((o) => o.kind === 'Certificate');
    expect(Object.keys(certificate.spec.secretTemplate.annotations)).toEqual(['replicator.v1.mittwald.de/replicate-to']);
  });
});
