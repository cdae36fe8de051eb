import * as fs from 'fs';
import * as path from 'path';
import { Construct } from 'constructs';
import {
  acmeIssuer, App, AppVolume, bootstrapSecretCommand, cilium, ciliumOnTalos, cloudflareDns01, ClusterChart, ClusterDefinition,
  ClusterIssuer, factValue, flux, ingressNginx, IngressTls, Jellyfin, JELLYFIN_SHUTDOWN_SECONDS, JellyfinMedia, leaveOwnerAction,
  leavePlaceholder, LETSENCRYPT_PRODUCTION, LETSENCRYPT_STAGING, metalLb, newValueRestartStep, nfsStorage, orderComponents, SopsSecret, talos,
  useCertManager, wildcardCertificateName, wildcardCertificates,
} from '../../constructs';
import {
  acmeEmail, elitedesk, elitedesk1, elitedesk1Use, elitedesk2, elitedesk2Role, jellyfinVersion, newtImage, podinfoImage, routeHosts, ups, wildcardIssuer,
} from '../../hosts/elitedesk';
import { elitedeskDesignChoices } from './design-choices';

/** Folder of the site's SOPS-encrypted Secrets, found from the repository root (the folder with .sops.yaml). */
const SECRETS = path.join(repositoryRoot(__dirname), 'charts', 'elitedesk', 'secrets');

// This file runs from charts/elitedesk/ under Jest and from a bundle under .build/ in synth.
function repositoryRoot(from: string): string {
  let dir = from;
  while (!fs.existsSync(path.join(dir, '.sops.yaml')) && path.dirname(dir) !== dir) {
    dir = path.dirname(dir);
  }
  return dir;
}

// The design's SOPS files, by its own names, under the secrets folder instead of its cluster/ folder, as
// dotenv files: kustomize generates each Secret from its file once Flux has decrypted it.
const CLOUDFLARE_TOKEN_FILE = 'letsencrypt-wildcard-cert/cloudflare-api-token-service.env';
const NEWT_SECRET_FILE = 'newt/newt-secret.env';
const SOPS_FILES = [CLOUDFLARE_TOKEN_FILE, NEWT_SECRET_FILE].map((file) => `charts/elitedesk/secrets/${file}`);

/** The owner's age private key, as the design names it; Flux decrypts with it from Secret sops-age. */
const AGE_KEY_FILE = 'age.key';

/** The variable sops reads the path of its age private keys from, when they are not in its own keys.txt. */
const SOPS_KEY_VARIABLE = 'SOPS_AGE_KEY_FILE';

/** The keys of Secret sops-age, each from its file: the age key, and the next one while rotating. */
const AGE_KEY = { key: 'age.agekey', file: `./${AGE_KEY_FILE}` };
const NEW_AGE_KEY = { key: 'new.agekey', file: './age.new.key' };

/** Secret flux-system/sops-age with the given keys, for the commands that make it. */
function sopsAgeSecret(keys: ReadonlyArray<{ readonly key: string; readonly file: string }>) {
  return { namespace: 'flux-system', name: 'sops-age', keys: [...keys] };
}

/**
 * Where cert-manager checks that a DNS-01 record has propagated: Cloudflare's public resolver, over HTTPS, as
 * the zone is a Cloudflare zone. The cluster's resolvers forward to the LAN's, where the owner may answer
 * `*.<domain>` with the ingress address (the DNS record step allows it); such an override hides the zone's SOA
 * and the challenge records, and cert-manager then never presents a challenge.
 */
const DNS01_CHECK_RESOLVERS = ['https://1.1.1.1/dns-query', 'https://1.0.0.1/dns-query'];

/**
 * The namespaces Cilium's connectivity test runs its pods in: its own, then the two of its clusterwide-policy
 * tests, which the cilium CLI makes whenever the cluster serves CiliumClusterwideNetworkPolicy.
 */
const CILIUM_TEST_NAMESPACES = ['cilium-test-1', 'cilium-test-ccnp1', 'cilium-test-ccnp2'];

/**
 * How a compromised Cloudflare token stops working: rolled in Cloudflare's dashboard, which gives it a new value with the
 * same permissions and invalidates the old one at once (a value merely replaced in the repository would stay valid).
 */
const CLOUDFLARE_TOKEN_ROLL = 'rolled in Cloudflare\'s dashboard first (My Profile → API Tokens, the token\'s menu → Roll), which invalidates the value '
  + 'that leaked at once and gives the token a new one with the same permissions';

/** The ClusterIssuer of Let's Encrypt's staging directory, whose certificates no client trusts. */
const STAGING_ISSUER = 'letsencrypt-staging';

/** How much longer than Jellyfin's time to stop the backup step waits for its pod to be gone, in seconds. */
const STOP_WAIT_MARGIN_SECONDS = 60;

/** Jellyfin's namespace. */
const MEDIA = 'media';

/** podinfo's HTTP port, which its probes, Service and route use. */
const PODINFO_PORT = 9898;

/** The cluster's name, its folder under dist/elitedesk/. */
const CLUSTER = 'main';

/** Flux's Git source of the cluster, which Flux names <site>-<cluster>. */
const SYNC = `${elitedesk.name}-${CLUSTER}`;

/** Flux's layer Kustomizations, named after the source, in the order each waits for the one before. */
const LAYERS = ['platform', 'config', 'apps'].map((layer) => `${SYNC}-${layer}`);


/**
 * The one cluster of elitedesk: Talos on two EliteDesks, Cilium without kube-proxy, MetalLB, ingress-nginx
 * with a cert-manager wildcard certificate, NFS for ReadWriteMany, Flux decrypting SOPS.
 */
export class Main extends ClusterChart {
  constructor(scope: Construct) {
    // The pool's first address is ingress-nginx's, whatever range the owner writes.
    const ingressAddress = elitedesk.pools.lb.at(elitedesk.pools.lb.first);
    super(scope, CLUSTER, {
      site: elitedesk,
      // Where the cluster departs from its design, and why, written into its README.
      designChoices: elitedeskDesignChoices({
        layers: LAYERS, sopsFiles: SOPS_FILES, podinfoPort: PODINFO_PORT, dns01Resolvers: DNS01_CHECK_RESOLVERS,
        wildcardCertificate: wildcardCertificateName(elitedesk.domain),
      }),
      hosts: [elitedesk1, elitedesk2],
      preinstalled: [talos({
        // The first node's roles decide whether Talos lets workloads onto the control plane.
        bootstrapNode: elitedesk1, allowSchedulingOnControlPlanes: elitedesk1.roles.includes('worker'),
        // Day 0: the owner's Terraform (not in this repository) makes and applies the machines' configs and hands out
        // the talosconfig and kubeconfig.
        provisioningSteps: [
          // Its state holds the Talos machine secrets (the cluster's CAs) and the admin kubeconfig in plain text.
          'the machines and their Talos configs, with the patches above, from your own Terraform code in infra/ at the root of this repository (the repository holds none of it; '
            + 'Git ignores its state, terraform.tfstate, which holds the machine secrets and the admin kubeconfig in plain text, and its .terraform/ folder): '
            + 'cd infra && terraform init && terraform apply',
          'terraform output -raw kubeconfig > ../kubeconfig && terraform output -raw talosconfig > ../talosconfig && cd .. && chmod 600 kubeconfig talosconfig && export KUBECONFIG=$PWD/kubeconfig TALOSCONFIG=$PWD/talosconfig',
        ],
      })],
      cni: cilium({
        ...ciliumOnTalos(),
        ipamMode: 'kubernetes',
        gatewayApi: { enableAlpn: true, enableAppProtocol: true, crdsVersion: 'v1.2.0' },
      }),
      loadBalancer: metalLb({ pools: [elitedesk.pools.lb] }),
      routes: ingressNginx({
        address: ingressAddress,
        tls: IngressTls.wildcard({ issuer: factValue(wildcardIssuer) }),
      }),
      storage: { media: nfsStorage(elitedesk.nfs.media) },
      // `flux bootstrap` writes Flux's own manifests outside dist/, which synthesis replaces as a whole; the
      // repository is cloned over SSH with the deploy key bootstrap keeps in Secret flux-system. The design
      // wants no drift: a change by hand to an add-on's objects is put back, not only to the layers' own.
      gitops: flux({
        sopsSecretName: 'sops-age', sopsKeyFile: `./${AGE_KEY_FILE}`, bootstrapPath: 'flux-system/elitedesk/main', helmDriftDetection: 'enabled',
      }),
    });
    // The design's order: Gateway API CRDs, Cilium, MetalLB, cert-manager (issuers and the certificate in
    // the config layer), ingress-nginx, NFS CSI; then the apps.
    orderComponents(this, ['gateway-api-crds', 'cilium', 'metallb', 'cert-manager', 'secret-replicator', 'ingress-nginx', 'csi-driver-nfs']);
    leavePlaceholder(this, elitedesk1Use);
    leavePlaceholder(this, elitedesk2Role);
    // The names podinfo checks (ingress, DNS, certificates) resolve outside the cluster; the design's
    // Terraform may make the record. The checks below resolve them, so the record comes first.
    leaveOwnerAction(this, {
      kind: 'manual',
      action: `point *.${this.domain} at ${ingressAddress}, ingress-nginx's load-balancer address, in the DNS your clients ask, `
        + 'unless your Terraform makes that record: every route of the cluster is served there',
    });
    // The design's sanity checks once Flux has applied everything. The connectivity test's pods add NET_RAW,
    // which Talos' default baseline level refuses, in its own namespace and in the two its clusterwide-policy
    // tests use (the design labels the first alone): each is made privileged first, and the test takes it as it is.
    const [testNamespace, ...clusterwidePolicyNamespaces] = CILIUM_TEST_NAMESPACES;
    leaveOwnerAction(this, {
      kind: 'manual',
      action: 'check the platform after the first sync: the Gateway API CRDs, the Kustomizations, the pods, then Cilium\'s connectivity test in privileged namespaces '
        + `of its own, ${testNamespace} and the ${clusterwidePolicyNamespaces.join(' and ')} of its clusterwide-policy tests, whose client pods add NET_RAW, `
        + `which Talos' default baseline level refuses (with the design's ${testNamespace} alone labelled, the test waits for those clients until it fails)`,
      command: 'kubectl get crd | grep gateway.networking.k8s.io && flux get kustomizations && kubectl get pods -A'
        + CILIUM_TEST_NAMESPACES.map((namespace) => ` && kubectl create ns ${namespace} --dry-run=client -o yaml | kubectl apply -f -`).join('')
        + ` && kubectl label ns ${CILIUM_TEST_NAMESPACES.join(' ')} pod-security.kubernetes.io/enforce=privileged`
        + ' pod-security.kubernetes.io/warn=privileged pod-security.kubernetes.io/audit=privileged --overwrite && cilium connectivity test',
    });

    // The design's last recovery step and its cheat sheet: ingress, certificates and storage, each by the name
    // it has here. podinfo over HTTPS at its name answers for DNS, ingress-nginx and the certificate at once;
    // a certificate of the staging issuer chains to a test root no client trusts, which curl then accepts.
    const [wildcard] = wildcardCertificates(this);
    const trustedCertificate = factValue(wildcardIssuer) !== STAGING_ISSUER;
    leaveOwnerAction(this, {
      kind: 'manual',
      action: 'validate ingress, certificates and storage after the first sync and after every rebuild: ingress-nginx\'s pods, '
        + `the wildcard certificate ${wildcard.namespace}/${wildcard.secretName} Ready, podinfo over HTTPS at its name (DNS, ingress and the certificate end to end`
        + (trustedCertificate ? '' : `; the certificate is ${STAGING_ISSUER}'s, signed by Let's Encrypt's staging root, which no client trusts, so curl is told not to verify it`)
        + `), and Jellyfin's claim mounted from the NFS server at /media`,
      command: `kubectl -n ingress-nginx get pods && kubectl -n ${wildcard.namespace} wait --for=condition=Ready certificate/${wildcard.secretName} --timeout=10m`
        + ` && curl -fsS${trustedCertificate ? '' : ' --insecure'} https://${this.hostname(factValue(routeHosts.podinfo))}/healthz`
        + ` && kubectl -n ${MEDIA} exec deploy/jellyfin -- df -h /media`,
    });

    // The design's cheat sheet, by the names the objects have here. The Flux CLI reconciles one object by
    // name (it has no --all): a source fetched anew starts every Kustomization that reads it (flux-system, the
    // source flux bootstrap makes, holds the Kustomization that applies dist/), and each layer is then waited
    // for in the order they depend on each other.
    leaveOwnerAction(this, {
      kind: 'manual',
      action: `day to day: force a sync from Git (fetch the sources flux-system and ${SYNC}, then wait for the Kustomizations ${LAYERS.join(', ')} in turn), `
        + `list the Helm releases, describe the wildcard certificate ${wildcard.namespace}/${wildcard.secretName}, follow helm-controller's logs`,
      command: `flux reconcile source git flux-system && flux reconcile source git ${SYNC} && ${LAYERS.map((name) => `flux reconcile kustomization ${name}`).join(' && ')}`
        + ` && flux get helmreleases -A && kubectl -n ${wildcard.namespace} describe certificate ${wildcard.secretName}`
        + ' && kubectl -n flux-system logs deploy/helm-controller -f',
    });

    // Every later step reads the key pair: its recipient goes into .sops.yaml, its private half into Secret
    // sops-age. An owner who has one keeps it; making a second would orphan the files encrypted for the first.
    leaveOwnerAction(this, {
      kind: 'bootstrap',
      action: `make the age key pair the repository's Secrets are encrypted for, unless you have one: ${AGE_KEY_FILE} holds the private key (keep it out of Git, `
        + 'which ignores it), and `age-keygen -y` prints its public recipient, the one .sops.yaml names',
      command: `test -f ${AGE_KEY_FILE} || age-keygen -o ${AGE_KEY_FILE}; age-keygen -y ${AGE_KEY_FILE}`,
      beforeFirstSync: true,
    });
    // A rebuild from scratch needs the repository, the backups and these two secrets, which live nowhere else.
    // Flux decrypts what dist/ holds, a copy synth makes of the files: a re-encrypted file reaches the cluster
    // only once synthesized and pushed, so the old key stays in Secret sops-age until then (Flux tries every
    // key of it that ends in .agekey). sops finds an age private key through SOPS_AGE_KEY_FILE or its own keys.txt
    // only: the commands that open an encrypted file (updatekeys, edit) read age.key through that variable.
    leaveOwnerAction(this, {
      kind: 'manual',
      action: `keep ${AGE_KEY_FILE} (the private key of Secret flux-system/sops-age) and the Cloudflare token in a password manager and an offline backup: `
        + 'a rebuild cannot decrypt the repository\'s Secrets without the key. '
        + `sops finds that key only through ${SOPS_KEY_VARIABLE} (or its own keys.txt, under your configuration folder), not in ${AGE_KEY_FILE} by itself: `
        + `\`export ${SOPS_KEY_VARIABLE}=$PWD/${AGE_KEY_FILE}\` at the repository root first, as every \`sops updatekeys\` and \`sops edit\` below decrypts the file's data key with it. `
        + 'To rotate the key: make a new one (`age-keygen -o age.new.key`, which Git ignores too), '
        + 'add its recipient to .sops.yaml beside the old one, `sops updatekeys` each file, synthesize, commit and push; '
        + 'add the new key to Secret sops-age beside the old one (the command here); once Flux has reconciled, drop the old recipient from .sops.yaml, '
        + '`sops updatekeys` each file again, synthesize, commit and push, then keep only the new key: '
        + `move age.new.key to ${AGE_KEY_FILE} and make Secret sops-age again from it alone: `
        + `\`mv age.new.key ${AGE_KEY_FILE} && ${bootstrapSecretCommand(sopsAgeSecret([AGE_KEY]), { namespaceExists: true, replaces: true })}\` `
        + `(kubectl apply drops ${NEW_AGE_KEY.key}, which the command here added and this one leaves out); `
        // The kept copy is what a rebuild decrypts with: once the files name the new recipient alone, the old key opens none of them.
        + `last, put the new ${AGE_KEY_FILE} in the password manager and the offline backup in place of the old one, which no longer opens the repository's files. `
        + `A compromised Cloudflare token is ${CLOUDFLARE_TOKEN_ROLL}; its new value goes into its file with \`sops edit\`, then synthesize, commit and push, `
        + 'and into the password manager and the backup in place of the old one',
      command: bootstrapSecretCommand(sopsAgeSecret([AGE_KEY, NEW_AGE_KEY]), { namespaceExists: true, replaces: true }),
    });
    // The design's rebuild: infrastructure, Talos, the age key, then Flux heals the rest. The NFS tree
    // outlives the cluster, and a claim's folder is named by its namespace and name, so the new claims find it.
    leaveOwnerAction(this, {
      kind: 'manual',
      action: 'rebuild from scratch (new or lost nodes) with this repository, age.key and the NFS server\'s tree: repeat the bootstrap steps above from Terraform on '
        + '(the machines, talosctl bootstrap, Cilium, Secret sops-age, flux bootstrap) and Flux reconciles the rest; the claims of StorageClass nfs-csi '
        + 'find their folders on the NFS server again. Then validate ingress, certificates and storage as above',
    });
    // Let's Encrypt through Cloudflare DNS-01; the token is a SOPS file, decrypted by Flux.
    const cloudflare = SopsSecret.fromDotenvFile(this.platform.configScope('cert-manager'), 'cloudflare-api-token', {
      file: path.join(SECRETS, CLOUDFLARE_TOKEN_FILE), name: 'cloudflare-api-token', namespace: 'cert-manager',
    });
    const email = factValue(acmeEmail);
    const dns01 = cloudflareDns01({ apiToken: cloudflare.key('api-token'), dnsZones: [elitedesk.domain] });
    useCertManager(this, { dns01RecursiveNameservers: DNS01_CHECK_RESOLVERS });
    new ClusterIssuer(this, STAGING_ISSUER, {
      name: STAGING_ISSUER, issuer: acmeIssuer({ server: LETSENCRYPT_STAGING, email, solvers: [dns01] }),
    });
    const production = new ClusterIssuer(this, 'letsencrypt-production', {
      name: 'letsencrypt-production', issuer: acmeIssuer({ server: LETSENCRYPT_PRODUCTION, email, solvers: [dns01] }),
    });
    leavePlaceholder(production, acmeEmail);
    leavePlaceholder(this, wildcardIssuer);

    // One 600Gi ReadWriteMany claim on the NFS server, with config, cache and media as sub-paths. A /config
    // brought along is optional: the construct leaves its startup wizard as the step right after the first sync.
    const jellyfin = new Jellyfin(this, 'jellyfin', {
      namespace: MEDIA,
      version: factValue(jellyfinVersion),
      media: JellyfinMedia.shared(AppVolume.claim({ tier: 'media', size: '600Gi', accessMode: 'ReadWriteMany' })),
      // /cache, transcodes included, on the NFS claim: the design keeps the nodes' small disks free.
      transcodesOnNode: false,
      route: { host: factValue(routeHosts.jellyfin) },
    });
    // The claim's folder on the export is <namespace>/<claim> (the StorageClass' subDir), the same after a
    // rebuild; the App names its claim <app>-<volume>.
    const treePath = `${elitedesk.nfs.media.path}/${MEDIA}/jellyfin-data`;
    const tree = `${elitedesk.nfs.media.server}:${treePath}`;
    leavePlaceholder(jellyfin, jellyfinVersion);
    leavePlaceholder(jellyfin, routeHosts.jellyfin);
    // The first sync provisions the claim and starts Jellyfin on it: what it starts with is there before.
    // The driver reuses a claim's folder that exists.
    leaveOwnerAction(jellyfin, {
      kind: 'bootstrap',
      action: `before the first sync, make Jellyfin's shared tree ${tree} on the NFS server, the folder its claim is provisioned in: `
        + 'the media library goes into its media/ folder, and a /config you bring into its config/ folder',
      beforeFirstSync: true,
    });
    // The design's backup of /config goes to a secondary location, by hand until it schedules rsync or restic. Jellyfin
    // writes its SQLite databases under config/ while it runs, so the copy is taken with Jellyfin stopped; Flux would
    // start it again at its next sync of the apps layer, which stays suspended meanwhile.
    const appsLayer = LAYERS[LAYERS.length - 1];
    leaveOwnerAction(jellyfin, {
      kind: 'manual',
      action: `back up the config/ folder of Jellyfin's shared tree ${tree} to a secondary location off the NFS server, as the design suggests `
        + '(by hand for now: the rsync or restic on a schedule it plans runs nowhere yet). Jellyfin writes its SQLite databases there while it runs, '
        + `and a copy taken meanwhile may hold them half-written: stop it first, with the apps layer ${appsLayer} suspended, whose sync would start it again, `
        + 'then start both again; BACKUP_TARGET is where the copy goes, a folder or host:path the NFS server\'s rsync reaches',
      command: [
        `flux suspend kustomization ${appsLayer}`,
        `kubectl -n ${MEDIA} scale deployment/jellyfin --replicas=0`,
        // The wait outlasts the time Jellyfin is given to stop, so it ends with the pod gone, not just before.
        `kubectl -n ${MEDIA} wait --for=delete pod -l app.kubernetes.io/name=jellyfin --timeout=${JELLYFIN_SHUTDOWN_SECONDS + STOP_WAIT_MARGIN_SECONDS}s`,
        `ssh ${elitedesk.nfs.media.server} "rsync -a --delete ${treePath}/config/ '$BACKUP_TARGET/jellyfin-config/'"`,
        `kubectl -n ${MEDIA} scale deployment/jellyfin --replicas=1`,
        `flux resume kustomization ${appsLayer}`,
      ].join('\n'),
    });
    // NFS latency slows metadata scans; Jellyfin's own scheduled task decides when they run.
    leaveOwnerAction(jellyfin, {
      kind: 'manual',
      action: 'schedule Jellyfin\'s library scan off-peak (Dashboard → Scheduled Tasks → Scan Media Library): NFS latency slows metadata scans',
    });
    leaveOwnerAction(this, {
      kind: 'manual',
      action: `the ${ups.model} UPS powers the nodes and the NFS server; nothing watches it yet (planned: ${ups.planned})`,
    });

    // Checks ingress, DNS, certificates and the platform end to end. The design sizes no app: podinfo and
    // newt take the library's default resources.
    const podinfo = new App(this, 'podinfo', {
      image: factValue(podinfoImage),
      ports: [{ name: 'http', port: PODINFO_PORT }],
      probes: { readiness: { httpPath: '/readyz' }, liveness: { httpPath: '/healthz' } },
      route: { host: factValue(routeHosts.podinfo) },
      // A check target answers and calls nothing: its pods may reach DNS and no further.
      egress: [],
    });
    leavePlaceholder(podinfo, podinfoImage);
    leavePlaceholder(podinfo, routeHosts.podinfo);

    // Newt: the design's internal app, details left out. Its image is a placeholder; the stand-in is
    // Pangolin's tunnel client of that name (outbound only), with its credentials from a SOPS file.
    const newt = new Construct(this, 'newt');
    const credentials = SopsSecret.fromDotenvFile(newt, 'credentials', { file: path.join(SECRETS, NEWT_SECRET_FILE), name: 'newt-credentials', namespace: 'newt' });
    const image = factValue(newtImage);
    leavePlaceholder(newt, newtImage);
    const settings = {
      PANGOLIN_ENDPOINT: credentials.key('PANGOLIN_ENDPOINT'),
      NEWT_ID: credentials.key('NEWT_ID'),
      NEWT_SECRET: credentials.key('NEWT_SECRET'),
    };
    const app = new App(newt, 'newt', {
      image,
      namespace: 'newt',
      env: {
        ...settings,
        // Newt writes this file while its tunnel is up; the probe reads it.
        HEALTH_FILE: '/tmp/healthy',
        HOME: '/tmp',
      },
      probes: {
        readiness: false,
        liveness: { command: ['cat', '/tmp/healthy'], initialDelaySeconds: 30, periodSeconds: 30 },
      },
      exemptions: { probes: 'newt dials out to Pangolin and serves no port, so no traffic waits for it to be ready; the liveness probe reads its health file' },
    });
    // The kubelet writes a Secret's values into the environment when it starts a container: settings written anew into
    // the SOPS file (another Pangolin site, its secret regenerated) reach newt only when its pod starts again.
    leaveOwnerAction(app, newValueRestartStep('newt', credentials.namespace, Object.values(settings), { workload: `deployment/${app.name}` }));

    // The committed SOPS files hold example values encrypted to an example recipient: the owner's own
    // values must be encrypted to the owner's key before the first sync, or the config layer cannot decrypt.
    // Each file is written afresh, so the step names the Secret and the keys each one must hold.
    const holds = (secret: SopsSecret, what: string) => `Secret ${secret.namespace}/${secret.secretName} `
      + `(${secret.keys.length === 1 ? 'key' : 'keys'} ${secret.keys.join(', ')}: ${what})`;
    leaveOwnerAction(this, {
      kind: 'bootstrap',
      action: 'encrypt your own values into the files under charts/elitedesk/secrets/ for your age key, before the first sync: put its public recipient in .sops.yaml, '
        + 'write each file afresh in plain text with your values, one KEY=VALUE line per key (the committed files are encrypted for an example key), `sops --encrypt --in-place` it, '
        + 'then synthesize, commit and push; run sops from the repository root, as the path_regex of .sops.yaml is anchored there. '
        + `${CLOUDFLARE_TOKEN_FILE} holds ${holds(cloudflare, `a Cloudflare API token with Zone:DNS:Edit and Zone:Zone:Read on ${this.domain}, which cert-manager writes its challenges in`)}; `
        + `${NEWT_SECRET_FILE} holds ${holds(credentials, 'from the Pangolin site newt connects to')}`,
      command: SOPS_FILES.map((file) => `sops --encrypt --in-place ${file}`).join(' && '),
      beforeFirstSync: true,
    });
  }
}

/** How the fleet builds this cluster. */
export const elitedeskMain: ClusterDefinition = {
  folder: 'elitedesk/main',
  source: 'charts/elitedesk/main.ts',
  build: (site) => new Main(site),
};
