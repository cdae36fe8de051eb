import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import {
  App, AppController, AppVolume, argoCd, bootstrapSecretStep, declareExternal, ClusterChart, ClusterDefinition, CROSSPLANE_POSTGRES_PINS, CrossplanePostgres, Forgejo, Harbor, Jellyfin,
  factValue, GRAFANA_SECRET_KEY, hostPlacement, JellyfinMedia, kubePrometheusStack, leaveFirstVisitorStep, leaveOwnerAction, leavePlaceholder, localPathStorage, nfsStorage, Ollama, OLLAMA_PORT, Placeholder, type Preinstalled, rootInitExemption, SecretReference, StaticNfsVolume,
  ServiceRoute, storageClassNameOf, TAILNET_SUBNET, dataClaimsOf, TAILSCALE_RESOLVER, tailscaleLoadBalancer, talos, traefik,
} from '../../constructs';
import { CALIBRE_WEB_ADMIN_USER, calibreWebAdminPasswordInit, calibreWebAdminSecretStep } from './calibre-web-admin';
import { LAB_CA, LAB_CA_FILE, labCertificates, REGISTRY_HOST } from './certificates';
import { GREY_AREA_DESIGN_CHOICES, NEXTCLOUD_CRON_SCHEDULE } from './design-choices';
import { nextcloudUpgradeStep } from './nextcloud-upgrade';
import { ollamaNixPackageEnv, ollamaNixPackageNote } from './ollama-nix-package';
import {
  AppSizing, appSizes, audiobookImage, calibreWebImage, congenitalOptimist, greyArea, greyAreaSite, installDisks, kubernetesNfs, lanAddresses, limitingFactor, prometheusRetention, prometheusStorageSize, publicProxy,
  tailnetNameserver, timeZone,
} from '../../hosts/grey-area';

const nfs = greyAreaSite.nfs.kubernetes;

/**
 * Namespace of the design's services layer: its manifests put Ollama, Forgejo and Nextcloud there, and the
 * other services it lists (Jellyfin, Calibre-Web, AudioBook) join them.
 */
const SERVICES = 'services';

/** Ollama's folder of the export the design's `nfs-data` volume is: the rest of that export is other apps' data. */
const OLLAMA_HOME_FOLDER = 'ollama';

/** The design's tailnet name of the Ollama service ("service discovery via MagicDNS"), beside its routes. */
const OLLAMA_SERVICE_NAME = `ollama.${SERVICES}.svc.tailnet`;

/**
 * The design's tailnet name of the API server ("service discovery via MagicDNS"), the cluster endpoint: it
 * resolves to all three control-plane nodes, so kubectl and CI keep the API while any one of them is down.
 */
const API_SERVER_NAME = 'kubernetes.default.svc.tailnet';

/** The health check path of the AudioBook service's stand-in, Audiobookshelf (its image's HEALTHCHECK). */
const AUDIOBOOK_HEALTH_PATH = '/healthcheck';

/** The user the linuxserver.io Calibre-Web image drops to (PUID, PGID), who owns its settings and the library. */
const CALIBRE_WEB_UID = 1000;

/** The image the design's Nix expression builds for Ollama (its `name` and `tag`), as `docker load` names it. */
const OLLAMA_NIX_IMAGE = 'ollama:0.1.2';

/**
 * How long the public Nginx proxy waits for Ollama's next bytes. Ollama sends nothing until the model a request
 * names is loaded, from sleeper-service's NFS over the tailnet when it is not in memory, and drops that load when
 * the client hangs up: at nginx's default of 60 seconds a large model would never load through the proxy.
 */
const OLLAMA_PROXY_READ_TIMEOUT = '10m';

/** The design's order of moving the services off NixOS: the stateless one first, the one with the most data last. */
const MIGRATION_ORDER = ['Calibre-Web', 'Ollama', 'Forgejo', 'Nextcloud', 'Jellyfin'];

/** The root Application of Argo CD, which the design's CI syncs by name. */
const ROOT_APPLICATION = 'grey-area-services';

/** The image of the throwaway pods that test networking between the nodes: curl, pinned. */
const NET_CHECK_IMAGE = 'docker.io/curlimages/curl:8.11.1';

/** The resources an app's sizing stands for (no CPU limit, as apps have by default). */
function resourcesOf(size: AppSizing) {
  return { cpuRequest: factValue(size.cpuRequest), memoryRequest: factValue(size.memoryRequest), memoryLimit: factValue(size.memoryLimit) };
}

/** The design's name of a node on the tailnet mesh (`grey-area.tailnet`): the node's name under `.tailnet`. */
function tailnetNodeName(hostName: string): string {
  return `${hostName}.tailnet`;
}

/**
 * What the cluster relies on beyond Talos and Argo CD's bootstrap, for the README's list of what it gets from
 * outside: the tailnet it runs on, whose resolver and Split DNS answer the design's `.tailnet` names and whose
 * policy lets the Tailscale operator make tailnet machines, and the design's CI on GitHub's runners.
 */
function fromOutsideTheCluster(): Preinstalled[] {
  const nodes = [greyArea, congenitalOptimist, limitingFactor];
  return [
    {
      source: 'the tailnet (Tailscale)',
      brings: [
        `the mesh the nodes run the cluster over (${TAILNET_SUBNET}: etcd, the kubelets and Flannel's traffic), which each node joins with Talos' Tailscale extension and an auth key`,
        `its resolver ${TAILSCALE_RESOLVER}, which the nodes and their pods ask, and its Split DNS, which sends ${nodes.map((h) => tailnetNodeName(h.name)).join(', ')} `
          + `and svc.tailnet to the nameserver ${tailnetNameserver.name} outside the cluster: every .tailnet name, the API server's ${API_SERVER_NAME} among them`,
        'its policy\'s tags tag:k8s-operator and tag:k8s and the OAuth client of Secret tailscale/operator-oauth, with which the Tailscale operator makes Traefik\'s tailnet machine',
      ],
    },
    {
      source: 'GitHub Actions',
      brings: ['the design\'s CI: hosted runners that join the tailnet, build the Nix images, push them to Harbor and call Argo CD\'s sync'],
    },
  ];
}

/** Lists every stand-in of `facts` among the owner's placeholders, as asked for by `scope`. */
function leavePlaceholders(scope: Construct, facts: Readonly<Record<string, Placeholder<string>>>): void {
  Object.values(facts).forEach((fact) => leavePlaceholder(scope, fact));
}

/** The one cluster of grey-area: three nodes over Tailscale, Traefik on tailnet names, Argo CD. */
export class Main extends ClusterChart {
  constructor(scope: Construct) {
    super(scope, 'main', {
      site: greyAreaSite,
      hosts: [greyArea, congenitalOptimist, limitingFactor],
      // The design's recommended runtime, bootstrapped in its order: grey-area first, then the others join.
      // Talos' own pod network (Flannel, 10.244.0.0/16 as the design's pod addresses show) stays.
      preinstalled: [talos({
        clusterName: 'grey-area',
        bootstrapNode: greyArea,
        // "API Server: 3 instances → always accessible": the endpoint is the API server's tailnet name, not
        // grey-area's address, whose loss would otherwise take the API from kubectl and CI.
        clusterEndpoint: API_SERVER_NAME,
        bringYourOwnCni: false,
        allowSchedulingOnControlPlanes: true,
        // "Every Kubernetes node … stays reachable via Tailscale IPs, avoiding exposure to the wider LAN": the
        // nodes join the tailnet with Talos' Tailscale extension, and etcd and the kubelets run on it.
        tailscaleExtension: true,
        clusterSubnets: [TAILNET_SUBNET],
        // "… avoiding exposure to the wider LAN": once the cluster runs on the tailnet, the nodes' own services
        // (Talos' API, the Kubernetes API, etcd, the kubelet) answer the tailnet and each other only.
        ingressFirewall: { reachableFrom: [TAILNET_SUBNET] },
        // MagicDNS names ("without touching external DNS") for the kubelet's NFS mounts, containerd's pulls
        // from Harbor and Argo CD's clone from Forgejo: the extension cannot set the node's resolver itself.
        nameservers: [TAILSCALE_RESOLVER],
        // A machine in maintenance mode is not on the tailnet yet: its first config goes to its LAN address.
        maintenanceAddresses: Object.fromEntries(Object.entries(lanAddresses).map(([name, address]) => [name, factValue(address)])),
        // The machines run NixOS now: each installs Talos onto its system disk, which the installer erases.
        installDisks: Object.fromEntries(Object.entries(installDisks).map(([name, disk]) => [name, factValue(disk)])),
      }), ...fromOutsideTheCluster()],
      // Written into the cluster README, beside what they explain.
      designChoices: GREY_AREA_DESIGN_CHOICES,
      // Flannel enforces no NetworkPolicy. The policies are still written, for the day a CNI that enforces
      // them replaces it; until then the README says plainly that they do nothing.
      unenforcedNetworkPolicies: "the design names no CNI and keeps Talos' own Flannel (its 10.244.0.0/16 pod addresses), which enforces no policy; "
        + 'the nodes are reached only over the tailnet. The policies take effect once the cluster runs a CNI that enforces them, e.g. Cilium',
      // No ACME resolver on the routes: every host name here is a `.tailnet` MagicDNS name, and Let's
      // Encrypt issues only for names in public DNS (HTTP-01 must reach the name from the internet). The
      // lab's own CA signs them instead (see certificates.ts); the public Nginx proxy terminates TLS for public names.
      // The CI pushes the Nix-built images to Harbor through Traefik, each layer in one request: Traefik's own
      // 60-second limit would cut off a CUDA layer of Ollama's before it is up. Only the tailnet reaches it.
      routes: traefik({ readTimeout: '30m' }),
      storage: {
        // Node-local disk only for single-writer databases (SQLite, PostgreSQL): their locking and fsync are
        // unsafe over NFS. Everything else goes on NFS, so pods move between nodes without their data.
        fast: localPathStorage(),
        shared: nfsStorage(nfs),
      },
      // The lab lives on its tailnet: load balancers are tailnet machines, not LAN addresses.
      loadBalancer: tailscaleLoadBalancer({ tags: ['tag:k8s'] }),
      // The design's CI syncs `/api/v1/applications/grey-area-services/sync`: the root Application has that name.
      // Its own AppProjects limit what the Forgejo-hosted repository can make Argo CD deploy: the repository
      // only the namespaces and kinds its objects have, the charts only from their pinned repositories (the
      // design's `argocd proj` limits). Argo CD clones over SSH with a deploy key the owner keeps out of Git.
      gitops: argoCd({
        name: ROOT_APPLICATION,
        project: 'grey-area',
        createProject: true,
        repositoryCredential: { sshPrivateKey: SecretReference.external('argocd', 'forgejo-gitops-repo', 'sshPrivateKey') },
        // "High availability across nodes", as the design installs it.
        highAvailability: true,
        // The design's CI syncs the root Application through the API with a token (ARGOCD_TOKEN).
        syncAccount: 'ci',
      }),
    });

    // The nodes' LAN addresses and install disks are facts of this bootstrap only: the cluster itself runs on the tailnet.
    for (const fact of [...Object.values(lanAddresses), ...Object.values(installDisks)]) {
      leavePlaceholder(this, fact);
    }

    // The design's Traefik values: web on 80 and websecure on 443 (the Service's ports; the pod listens on
    // unprivileged ones), the API and dashboard on 9000, the dashboard's IngressRoute on websecure, and
    // Prometheus metrics.
    this.platform.get('traefik')?.addValues({
      ports: { traefik: { port: 9000 } },
      api: { dashboard: true },
      ingressRoute: {
        dashboard: {
          enabled: true,
          entryPoints: ['websecure'],
          matchRule: `Host(\`${this.hostname('traefik')}\`) && (PathPrefix(\`/dashboard\`) || PathPrefix(\`/api\`))`,
        },
      },
      metrics: { prometheus: { entryPoint: 'metrics', addEntryPointsLabels: true, addServicesLabels: true } },
    });
    labCertificates(this, SERVICES);
    // The nodes' tailnet addresses: the NFS servers outside the cluster export to them.
    const nodeAddresses = this.hosts.map((h) => factValue(h.address)).join(', ');

    // The design's "monitoring base (Prometheus Node Exporter)" belongs to each node's OS, which Talos keeps
    // closed: node-exporter runs as the stack's DaemonSet on every node instead, and Prometheus scrapes it
    // and Traefik's metrics. Its own pods go to congenital-optimist, the node of general services.
    // Its samples stay on the node-local `fast` tier across restarts; the design gives no size for them.
    const monitoring = this.platform.require(kubePrometheusStack({
      placement: hostPlacement(congenitalOptimist), grafanaAdminSecret: 'grafana-admin',
      retention: factValue(prometheusRetention), prometheusStorage: { tier: 'fast', size: factValue(prometheusStorageSize) },
      // Talos binds the metrics of the controller manager, the scheduler, kube-proxy and etcd to the node's
      // loopback: scraped from Prometheus' pod they would only be down targets and alerts that never clear.
      unscrapedControlPlane: ['controllerManager', 'scheduler', 'proxy', 'etcd'],
    }));
    leavePlaceholder(monitoring, prometheusRetention);
    leavePlaceholder(monitoring, prometheusStorageSize);
    // Grafana's admin, made by hand like the lab's other credentials: the README lists the step before the
    // first sync, declared on the stack itself, so the platform layer waits for the stack.
    const grafanaAdmin = 'grafana-admin';
    declareExternal(monitoring, {
      secrets: ['admin-user', 'admin-password', GRAFANA_SECRET_KEY].map((key) => SecretReference.external(monitoring.namespace, grafanaAdmin, key)),
    });
    // The stack's Grafana, on the tailnet beside the other web UIs; its chart names the Service after the release.
    new ServiceRoute(this, 'grafana-route', { name: 'grafana', host: 'grafana', namespace: monitoring.namespace, serviceName: `${monitoring.name}-grafana`, port: 80 });
    // Who logs in to Grafana, where, and with what: the Secret's step says it, with values made for it.
    leaveOwnerAction(monitoring, {
      kind: 'bootstrap',
      beforeFirstSync: true,
      ...bootstrapSecretStep(
        {
          namespace: monitoring.namespace, name: grafanaAdmin,
          keys: [{ key: 'admin-user', value: '"$GRAFANA_ADMIN"' }, { key: 'admin-password', value: '"$(openssl rand -base64 24)"' }, { key: GRAFANA_SECRET_KEY, value: '"$(openssl rand -hex 32)"' }],
        },
        `admin-user and admin-password are the login of Grafana's administrator at https://${this.hostname('grafana')} `
        + `(GRAFANA_ADMIN is the name you choose; the password is read back with kubectl -n ${monitoring.namespace} get secret ${grafanaAdmin} -o jsonpath='{.data.admin-password}' | base64 -d), `
        + `and ${GRAFANA_SECRET_KEY} the key Grafana encrypts the secrets it keeps with: keep it. Grafana keeps its database in its pod (no claim): every start `
        + 'makes its administrator anew from this Secret, and what is made in its UI, a password changed there among it, goes with the pod. '
        + `To change the password, make a new one here, then restart Grafana: kubectl -n ${monitoring.namespace} patch secret ${grafanaAdmin} `
        + '-p "{\\"stringData\\":{\\"admin-password\\":\\"$(openssl rand -base64 24)\\"}}" '
        + `&& kubectl -n ${monitoring.namespace} rollout restart deployment/${monitoring.name}-grafana`,
      ),
    });
    new ApiObject(this, 'traefik-metrics', {
      apiVersion: 'monitoring.coreos.com/v1', kind: 'PodMonitor',
      metadata: { name: 'traefik', namespace: 'traefik' },
      spec: { selector: { matchLabels: { 'app.kubernetes.io/name': 'traefik' } }, podMetricsEndpoints: [{ port: 'metrics' }] },
    });

    // The design's shared NFS volume; Ollama's home claims it, so the pod may move to any node.
    const nfsData = new StaticNfsVolume(this, 'nfs-data', {
      export: nfs,
      capacity: '500Gi',
      // The design also sketches a 10Gi ReadWriteOnce `ollama-data`; ReadWriteMany on NFS is the one that lets
      // the pod migrate, as the design's data-locality section asks.
      claim: { name: 'ollama-data', namespace: SERVICES, size: '50Gi' },
    });

    // Prefers grey-area for its GPU; the image is the Nix-built one from the lab's Harbor.
    const ollamaImage = `${REGISTRY_HOST}/library/${OLLAMA_NIX_IMAGE}`;
    const ollama = new Ollama(this, 'ollama', {
      namespace: SERVICES,
      image: ollamaImage,
      // As the design pulls it: the Nix-built tag in Harbor may be pushed again.
      imagePullPolicy: 'Always',
      configMapName: 'ollama-config',
      homeStorage: nfsData.volume,
      // The export's root also holds every other app's NFS volume (nfs-csi's folders, the books and media):
      // Ollama, which the public proxy reaches, sees only its own folder of it.
      homeSubPath: OLLAMA_HOME_FOLDER,
      modelStorage: AppVolume.nfs(greyAreaSite.nfs.models),
      preferredHost: greyArea,
      // The design's figures; raise the memory limit before keeping a model larger than about 3B (4-bit) loaded.
      cpuRequest: '1', cpuLimit: '2', memoryRequest: '2Gi', memoryLimit: '4Gi',
      // The design's IngressRoute `ollama-tailnet`, "accessible only via Tailscale".
      route: { host: 'ollama', name: 'ollama-tailnet' },
    });
    // The design's MagicDNS alias for the same server, and its service-discovery name.
    for (const [name, value] of Object.entries(ollamaNixPackageEnv(ollama.accelerator))) ollama.addEnv(name, value);
    ollama.addRoute({ host: 'olympus', name: 'olympus' });
    ollama.addRoute({ host: OLLAMA_SERVICE_NAME, name: 'ollama-service-discovery' });
    // The lab's public Nginx proxy stays outside the cluster and reaches Ollama through Traefik on the tailnet.
    const ollamaHost = greyAreaSite.fqdn('ollama');
    // The inventory lists its placeholders (name and address) with the other machines outside the cluster.
    const publicName = publicProxy.dnsName!;
    leaveOwnerAction(ollama, {
      kind: 'manual',
      action: `on the public Nginx reverse proxy (outside the cluster, the lab's only public entry; it must be on the tailnet and resolve its .tailnet names), `
        + `pass https://${publicName}/ollama/ to Traefik's route ${ollamaHost}: Traefik routes by that Host and server name, and Ollama's API lives at the root, `
        + 'so the prefix goes (where a server block for that name exists already, add the location to it; PROXY_CERT and PROXY_KEY are the files of its certificate and key, '
        + `LAB_CA the lab CA's ${LAB_CA_FILE}, which Traefik's certificate chains to). Ollama has no authentication: whoever reaches this `
        + `location may use it. The location waits up to ${OLLAMA_PROXY_READ_TIMEOUT} for Ollama's answer (proxy_read_timeout): Ollama sends nothing until the model is loaded `
        + 'from sleeper-service\'s NFS, and drops the load when the proxy hangs up at nginx\'s default 60 seconds; streamed answers pass as they come (proxy_buffering off). '
        + 'Forward no other port of the router to grey-area or limiting-factor',
      command: [
        'cat > /etc/nginx/conf.d/ollama.conf <<EOF',
        'upstream ollama {',
        `    server ${ollamaHost}:443;`,
        '}',
        'server {',
        '    listen 443 ssl;',
        `    server_name ${publicName};`,
        '    ssl_certificate $PROXY_CERT;',
        '    ssl_certificate_key $PROXY_KEY;',
        '    location /ollama/ {',
        '        proxy_pass https://ollama/;',
        `        proxy_set_header Host ${ollamaHost};`,
        '        proxy_ssl_server_name on;',
        `        proxy_ssl_name ${ollamaHost};`,
        '        proxy_ssl_verify on;',
        '        proxy_ssl_trusted_certificate $LAB_CA;',
        `        proxy_read_timeout ${OLLAMA_PROXY_READ_TIMEOUT};`,
        '        proxy_buffering off;',
        '    }',
        '}',
        'EOF',
        'nginx -t && nginx -s reload',
      ].join('\n'),
    });
    // The design's pods on every node use Ollama at ollama.services.svc.cluster.local:11434, not only
    // through Traefik: any pod of the cluster may connect.
    ollama.addAllowFrom({});
    // The image exists only once it is built and pushed, and the nodes trust Harbor's certificate through the lab CA.
    // In-tree NFS volumes keep the folders' owners: Ollama (uid 1000) writes its key and models there. What is
    // there already (the models the design's root pod pulled, a key restored from NixOS) belongs to another user,
    // and Ollama writes each pull into the blobs/ and manifests/ folders below: the whole tree changes owner.
    // Two machines, one command each; neither may be a Talos node, which has no shell.
    const ollamaHome = nfs.subPath(OLLAMA_HOME_FOLDER);
    leaveOwnerAction(ollama, {
      kind: 'manual',
      action: `let uid 1000 write Ollama's home, ${nfs.server}:${ollamaHome}, and everything in it, as root on the machine that serves that export `
        + '(not a Talos node: Talos has no shell)',
      command: `mkdir -p ${ollamaHome} && chown -R 1000:1000 ${ollamaHome}`,
    });
    leaveOwnerAction(ollama, {
      kind: 'manual',
      // The kubelet mounts by sleeper-service's tailnet address: an export that lists only LAN clients refuses the nodes.
      action: `on sleeper-service, which serves Ollama's models outside the cluster: export ${greyAreaSite.nfs.models.path} read-write to the nodes' tailnet addresses (${nodeAddresses}), `
        + 'and let uid 1000 write it and the models already in it (their blobs/ and manifests/ folders, where each pull writes), as root',
      command: `chown -R 1000:1000 ${greyAreaSite.nfs.models.path}`,
    });
    leaveOwnerAction(ollama, {
      kind: 'manual',
      action: `build the Ollama image with Nix (the design's flake output ollama-container, loaded as ${OLLAMA_NIX_IMAGE}) and push it to ${ollamaImage} once Harbor runs, `
        + `logged in as Harbor's administrator (or a robot account of project library), from a machine on the tailnet whose docker trusts the lab CA for that registry `
        + `(${LAB_CA_FILE} as /etc/docker/certs.d/${REGISTRY_HOST}/ca.crt); each node's containerd trusts it the same way (the step that reads the CA from Secret cert-manager/${LAB_CA})`
        + ollamaNixPackageNote(ollama.accelerator, greyArea.name),
      command: `nix build .#ollama-container && docker load -i result && docker tag ${OLLAMA_NIX_IMAGE} ${ollamaImage} && docker login ${REGISTRY_HOST} && docker push ${ollamaImage}`,
    });
    // Whatever keeps the image from the GPU (the package, the driver the node's runtime hands in) shows only
    // once a model is loaded: Ollama then falls back to the CPU without an error.
    if (ollama.accelerator !== 'cpu') {
      leaveOwnerAction(ollama, {
        kind: 'manual',
        action: `once Ollama runs its Nix-built image, check that it runs models on ${greyArea.name}'s GPU: load a model it has (MODEL) and read ollama ps, `
          + 'whose PROCESSOR column says 100% GPU; 100% CPU means Ollama found no GPU it can use, and the lines of its log with "inference compute" '
          + 'name what it found (kubectl -n services logs deployment/ollama)',
        command: `kubectl -n ${SERVICES} exec deployment/ollama -- /bin/ollama run "$MODEL" hello >/dev/null && kubectl -n ${SERVICES} exec deployment/ollama -- /bin/ollama ps`,
      });
    }
    // The design's Phase 1 tests networking between the nodes through service discovery, and its criteria ask
    // for a pod on any node reached from the others and over MagicDNS: Ollama, pinned to grey-area, is that pod.
    // A throwaway pod on each node (the registry's taint tolerated) asks its Service; the tailnet asks its name.
    const ollamaClusterName = `ollama.${SERVICES}.svc.cluster.local:${OLLAMA_PORT}`;
    const nodeList = this.hosts.map((h) => h.name);
    leaveOwnerAction(ollama, {
      kind: 'manual',
      action: 'once Ollama runs, test networking between the nodes through service discovery, the design\'s Phase 1 test and its check that a pod '
        + `running on any node is reached from the others and over MagicDNS: from a throwaway pod on each node (${nodeList.join(', ')}), `
        + `ask Ollama's Service by its cluster name (${ollamaClusterName}), which pods on the other nodes reach over Flannel; then, from a machine on the tailnet, `
        + `its MagicDNS name ${OLLAMA_SERVICE_NAME} through Traefik (LAB_CA is the lab CA's ${LAB_CA_FILE}). Each answer lists Ollama's models; `
        + 'a node whose pod gets an error instead has no way to the others',
      command: `for node in ${nodeList.join(' ')}; do kubectl -n ${SERVICES} run "net-check-$node" --rm -i --restart=Never --image=${NET_CHECK_IMAGE} `
        + '--overrides="{\\"apiVersion\\":\\"v1\\",\\"spec\\":{\\"nodeName\\":\\"$node\\",\\"tolerations\\":[{\\"operator\\":\\"Exists\\"}]}}" '
        + `-- curl -fsS http://${ollamaClusterName}/api/tags; done; curl -fsS --cacert "$LAB_CA" https://${OLLAMA_SERVICE_NAME}/api/tags`,
    });

    // Git over SSH on port 22 of Traefik, at forgejo.grey-area.tailnet, where Argo CD clones from. SQLite
    // keeps the repositories' metadata, so the data stays on node-local disk (see the `fast` tier). The web
    // UI sits behind basic auth (the `forgejo-auth` middleware); its htpasswd lines live in the Secret
    // `forgejo-credentials`, key `users`, which the owner creates in the cluster (`htpasswd -nB <user>`).
    // Argo CD clones this repository from the Forgejo it deploys itself: the first sync needs Forgejo up first.
    // MagicDNS itself names machines `<machine>.<tailnet>.ts.net`; the design's `<service>.grey-area.tailnet`
    // and `<service>.limiting-factor.tailnet` names, which routes, image pulls, NFS mounts and Argo CD's
    // clone use, come from a nameserver the tailnet's Split DNS points at.
    // The API server's name must answer before talosctl bootstrap: its nameserver cannot run in this cluster.
    const controlPlaneAddresses = this.hosts.filter((h) => h.roles.includes('control-plane')).map((h) => factValue(h.address)).join(', ');
    // The design's mesh names each node `<node>.tailnet` (grey-area.tailnet, …), and the services' names sit under them.
    const nodeNames = this.hosts.map((h) => tailnetNodeName(h.name));
    const nodeRecords = this.hosts.map((h) => `${tailnetNodeName(h.name)} ${factValue(h.address)}`).join(', ');
    leaveOwnerAction(this, {
      kind: 'bootstrap',
      // Listed after talosctl bootstrap: the API server's name already answers, from the Talos step before it.
      action: 'make the other .tailnet names resolve before Argo CD clones from Forgejo (the API server\'s answers already, from the step before talosctl bootstrap): in the Tailscale admin '
        + `console (DNS → Split DNS), send ${nodeNames.join(', ')} and svc.tailnet to the nameserver on the tailnet outside this cluster, `
        + `external host ${tailnetNameserver.name} (${factValue(tailnetNameserver.address)}; it must answer before the cluster runs), that answers each node's own name, `
        + `the design's name of the node on the mesh, with its tailnet address (${nodeRecords}), `
        + `${API_SERVER_NAME} with the tailnet addresses of the three control-plane nodes (${controlPlaneAddresses}; `
        + 'one A record each), *.grey-area.tailnet with the address of the Traefik tailnet machine '
        + `(tailscale status shows it once the operator has made it), registry.limiting-factor.tailnet and ${OLLAMA_SERVICE_NAME} the same, and nfs.limiting-factor.tailnet with `
        + `the address of the machine outside the cluster that serves the NFS export, external host ${kubernetesNfs.name} (${factValue(kubernetesNfs.address)}); `
        + `the nodes and their pods ask ${TAILSCALE_RESOLVER} (the Talos nameserver step). The check asks for the names that answer before the first sync; `
        + 'the names of the Traefik tailnet machine answer once the first sync has made it (nslookup forgejo.grey-area.tailnet then)',
      // Traefik's tailnet machine comes with the first sync, after this step: a check of its names would fail here.
      command: `tailscale status && ${[...nodeNames, API_SERVER_NAME, 'nfs.limiting-factor.tailnet'].map((name) => `nslookup ${name}`).join(' && ')}`,
    });
    const platform = this.platform;
    leaveOwnerAction(this, {
      kind: 'bootstrap',
      // Argo CD cannot sync from a Forgejo that does not run yet: this step applies the layers itself.
      startsFirstSync: true,
      action: 'first sync: the repository lives in the Forgejo this cluster runs. After Argo CD, apply the AppProjects and the root Application '
        + '(which waits for Forgejo) and the namespaces, then the platform layer (its Applications install Traefik, the Tailscale operator and the '
        + 'rest from their Helm repositories) and wait until its Applications are healthy (by name: the root and the layers read Forgejo, which '
        + 'does not run yet), but for those not waited for, such as Traefik, whose tailnet machine the operator makes only once the config '
        + 'layer has brought its ProxyClass; apply the config layer until Crossplane has made its kinds, then the apps layer (Forgejo among them)',
      // Read when the README is written, once every platform component is declared.
      get command() {
        const applications = platform.components.filter((c) => c.install.waitForResources !== false).map((c) => c.name).sort().join(' ');
        return 'kubectl apply -f dist/grey-area/main/argo-cd.yaml -f dist/grey-area/main/platform/namespaces.yaml && kubectl apply -k dist/grey-area/main/platform '
          + `&& kubectl -n argocd wait application ${applications} --for=jsonpath='{.status.health.status}'=Healthy --timeout=20m `
          + '&& until kubectl apply -k dist/grey-area/main/config; do sleep 30; done && until kubectl apply -k dist/grey-area/main/apps; do sleep 30; done';
      },
    });
    // The design moves the services off NixOS one by one, the least risky first, and backs their data up
    // before: the Talos installer erases each machine's system disk, so the copies are what is restored here:
    // claims and databases through what the first sync runs, after its step (NFS folders before it, further down).
    leaveOwnerAction(this, {
      kind: 'manual',
      action: `after the first sync, move the services the NixOS machines run now in the design's order, the least risky first: ${MIGRATION_ORDER.join(', ')}. `
        + 'For each, restore the data copied off its machine before Talos erased it (each copy checked to restore; its NFS folders before the first sync) '
        + 'into the volumes and database it uses here: a node-local claim through its running pod (kubectl cp, then delete the pod so that it starts '
        + 'on the restored data); a database with its own dump and restore. Check that it serves that data before moving the next; a restored service keeps '
        + 'its accounts, so its first-login step no longer applies',
    });
    // The design's test of its HA, in its Phase 1 and success criteria: the node shut down is the registry's, so
    // that no service but the registry moves while it is down. Left after the first sync's step, which it follows.
    leaveOwnerAction(this, {
      kind: 'manual',
      action: `after the first sync, run the design's test of its high availability once ("shut down one node, cluster remains operational"): shut down ${limitingFactor.name}, `
        + `which runs the registry only; kubectl still answers through ${API_SERVER_NAME} from the other two control-plane nodes, and etcd keeps two of its three `
        + `members, its quorum. While it is down the registry is too, and a pod that pulls its image Always (Ollama, as the design pulls it) `
        + `cannot start again until it is back. Then power ${limitingFactor.name} on again and check that it is Ready once more (kubectl get nodes)`,
      command: `talosctl --nodes ${factValue(limitingFactor.address)} shutdown && kubectl get nodes && talosctl --nodes ${factValue(greyArea.address)} etcd members`,
    });

    // The design backs the data up for the move only; afterwards a node-local claim lives on one node's disk,
    // which Talos' /var holds and no copy elsewhere does, and etcd holds the Secrets made by hand.
    const chart = this;
    leaveOwnerAction(this, {
      kind: 'manual',
      get action() {
        const nodeLocal = storageClassNameOf(chart.tier('fast')!);
        const claims = dataClaimsOf(chart);
        const refs = (onNode: boolean) => claims.filter((c) => (c.storageClassName === nodeLocal) === onNode).map((c) => `${c.namespace}/${c.name}`).join(', ');
        return 'backups, which the design plans for the move only ("backup all data before Phase 3, test restore"; Longhorn\'s copies on other nodes are an '
          + `option of a later phase): a node-local claim (${nodeLocal}) lives on one node's disk and is lost with it: ${refs(true)}, Forgejo's among them, the `
          + 'repository Argo CD syncs from, beside the claims of Nextcloud\'s database (its Crossplane claim services/nextcloud-db) and of Harbor\'s PostgreSQL, '
          + `Redis, job logs and Trivy cache (its chart's). The NFS export ${nfs.server}:${nfs.path} holds ${refs(false)} and Harbor's images, on the machine `
          + `that serves it (external host ${kubernetesNfs.name}); etcd holds every object, the Secrets made by hand among them. Copy them off the nodes with `
          + 'a tool you choose, etcd as a snapshot talosctl takes, and check a restore';
      },
      command: `talosctl --nodes ${factValue(greyArea.address)} etcd snapshot grey-area-etcd.snapshot`,
    });

    const forgejo = new Forgejo(this, 'forgejo', {
      namespace: SERVICES,
      version: '1.20.5-0', // the design's Forgejo 1.20.5, as Codeberg tags it
      // The design's topology runs Forgejo on congenital-optimist (its Phase 3 allows any node): preferred, so
      // its node-local data is made there on the first start.
      placement: { preferredHost: congenitalOptimist },
      // The design's IngressRoute `forgejo-ingress`, behind its basic-auth Middleware `forgejo-auth`.
      route: { host: 'forgejo', name: 'forgejo-ingress', basicAuth: SecretReference.external(SERVICES, 'forgejo-credentials', 'users'), basicAuthName: 'forgejo-auth' },
    });
    // On Forgejo, after the administrator step it leaves: the push needs its organization and repository.
    leaveOwnerAction(forgejo, {
      kind: 'bootstrap',
      action: 'as that administrator, create the organization grey-area and its repository gitops in Forgejo, add the public half of '
        + 'forgejo-gitops-repo as a read-only deploy key and your own SSH key, and push this repository to it; Argo CD then syncs from it',
      command: 'git remote add forgejo ssh://git@forgejo.grey-area.tailnet/grey-area/gitops.git && git push forgejo main',
    });

    // Nextcloud's database is a Crossplane claim, as the design designs it.
    const nextcloudDbPassword = SecretReference.external(SERVICES, 'nextcloud-db-password', 'password');
    const postgres = new CrossplanePostgres(this, 'crossplane-postgres', {
      group: 'database.grey-area.internal', storageTier: 'fast', claimNamespaces: [SERVICES],
    });
    const nextcloudDb = postgres.claim(this, 'nextcloud-db', {
      namespace: SERVICES,
      dbName: 'nextcloud',
      dbUser: 'nextcloud-user',
      dbSize: '20Gi',
      password: nextcloudDbPassword,
    });
    // PostgreSQL takes the password when it makes its data folder, and Nextcloud copies it into its config.php
    // when it installs: both keep it, so a new value in the Secret only locks Nextcloud out of its database.
    leaveOwnerAction(nextcloudDb, {
      kind: 'bootstrap',
      ...bootstrapSecretStep(
        { namespace: nextcloudDbPassword.namespace, name: nextcloudDbPassword.secretName, keys: [{ key: nextcloudDbPassword.key, value: '"$(openssl rand -hex 24)"' }] },
        'the password of the database user nextcloud-user; make it once, and keep it: PostgreSQL sets it when it first makes its data, '
        + 'and Nextcloud writes it into its config.php when it installs',
      ),
      // PostgreSQL's pod waits for it, and so Nextcloud's install, which the steps after the first sync use.
      beforeFirstSync: true,
    });

    const nextcloudDatabase = {
      POSTGRES_HOST: nextcloudDb.key('host'),
      POSTGRES_DB: nextcloudDb.key('database'),
      POSTGRES_USER: nextcloudDb.key('username'),
    };
    const nextcloudHost = greyAreaSite.fqdn('nextcloud');
    // Traefik ends TLS and passes plain HTTP: the links and redirects Nextcloud makes stay on https. The links its
    // background jobs write (notifications, shares, activity mails) take the base URL of overwrite.cli.url, which
    // its install from the command line sets to http://localhost: both its pods read the route's URL instead.
    const nextcloudUrls = { OVERWRITEPROTOCOL: 'https', OVERWRITECLIURL: `https://${nextcloudHost}` };
    // Installed, Nextcloud answers status.php only for its trusted domains: the probes ask by that name.
    const nextcloudStatus = { httpPath: '/status.php', httpHost: nextcloudHost };
    // The design sizes neither Nextcloud's files nor its compute: placeholders, with stand-ins for a small lab.
    const nextcloudSize = appSizes.nextcloud;
    const nextcloudAdmin = { user: SecretReference.external(SERVICES, 'nextcloud-admin', 'username'), password: SecretReference.external(SERVICES, 'nextcloud-admin', 'password') };
    const nextcloudImage = 'nextcloud:29.0.16-apache'; // the design runs Nextcloud 29.0
    const nextcloud = new App(this, 'nextcloud', {
      image: nextcloudImage,
      // Beside Ollama on grey-area in the design's topology; its data is on NFS, so it may move.
      placement: { preferredHost: greyArea },
      namespace: SERVICES,
      ports: [{ name: 'http', port: 80 }],
      env: {
        NEXTCLOUD_TRUSTED_DOMAINS: nextcloudHost,
        ...nextcloudUrls,
        ...nextcloudDatabase,
        POSTGRES_PASSWORD: nextcloudDb.key('password'),
        // The claim's user is its server's superuser (the postgres image makes POSTGRES_USER one), and Nextcloud's
        // installer, given a user that may create roles, makes a role of its own (oc_<admin>) with a password only
        // its config.php holds. Off, it keeps the claim's user and password, the ones the owner's Secret sets.
        NC_setup_create_db_user: 'false',
        // The image installs by itself (occ maintenance:install against the database above, then the trusted
        // domain) only when it also has an administrator: without one it serves the web installer to whoever
        // on the tailnet opens it first, and ignores NEXTCLOUD_TRUSTED_DOMAINS.
        NEXTCLOUD_ADMIN_USER: nextcloudAdmin.user,
        NEXTCLOUD_ADMIN_PASSWORD: nextcloudAdmin.password,
      },
      persistence: {
        html: { volume: AppVolume.claim({ tier: 'shared', size: factValue(nextcloudSize.html), accessMode: 'ReadWriteMany' }), mountPath: '/var/www/html' },
      },
      // A new release is copied over /var/www/html and upgraded in place by the new pod's entrypoint: the old
      // pod must not serve (and write) from that same shared folder meanwhile, which a rolling update would let it.
      strategy: 'Recreate',
      // Installing and upgrading, the entrypoint copies the release into /var/www/html as www-data:www-data,
      // that folder included: under any other fsGroup the next start re-groups the whole tree over NFS.
      fsGroup: 33,
      // The image installs once, on the first start, and gives up after ten tries a few seconds apart: a database
      // still starting then leaves Nextcloud at its web installer for good. It starts once the database answers.
      initContainers: [{
        name: 'wait-for-database',
        image: `postgres:${CROSSPLANE_POSTGRES_PINS.postgres}`,
        command: ['sh', '-c', 'until pg_isready -h "$POSTGRES_HOST" -d "$POSTGRES_DB" -U "$POSTGRES_USER"; do sleep 5; done'],
        env: nextcloudDatabase,
        // The alpine image's own postgres user: Nextcloud's exemption to run as root is its main container's alone.
        runAsUser: 70, runAsGroup: 70,
      }],
      resources: resourcesOf(nextcloudSize),
      // Installing or upgrading, the entrypoint first copies the release's 25,000 files into /var/www/html, which
      // takes from minutes to well over ten over NFS, and Apache answers only after it: a pod killed meanwhile
      // leaves a half-made install its next start no longer completes. An hour, probed every 10 seconds.
      probes: { readiness: nextcloudStatus, startup: { ...nextcloudStatus, failureThreshold: 360 } },
      exemptions: {
        runAsRoot: 'the official image installs as root, then Apache serves as www-data',
        writableRootFilesystem: 'Apache writes its pid and lock files under /var/run',
        // Apache's master process stays root and stops its www-data workers by signal.
        addCapabilities: rootInitExemption('supervisor', 'the entrypoint copies files owned by www-data and Apache binds port 80, then drops to www-data', ['NET_BIND_SERVICE']),
      },
      route: { host: 'nextcloud' },
    });
    leavePlaceholders(nextcloud, nextcloudSize);
    // Day two: a newer release, one major at a time, as the image requires.
    leaveOwnerAction(nextcloud, nextcloudUpgradeStep(nextcloudImage, nextcloudHost, greyAreaMain.source));
    // Nextcloud's background jobs (expiring the trash and old versions, cleaning up uploads and locks) run only
    // when something calls cron.php: left to page visits (its AJAX default), they fall behind as soon as nobody
    // browses. The first run from the command line switches Nextcloud to cron by itself. As www-data, who owns
    // config.php (cron.php refuses any other user), and under www-data's group, so no run re-groups the NFS tree.
    new App(this, 'nextcloud-cron', {
      image: nextcloudImage,
      namespace: SERVICES,
      controller: AppController.cronJob({ schedule: NEXTCLOUD_CRON_SCHEDULE, concurrencyPolicy: 'Forbid', activeDeadlineSeconds: 3600 }),
      command: ['php', '-f', '/var/www/html/cron.php'],
      env: nextcloudUrls,
      persistence: { html: { volume: AppVolume.existingClaim('nextcloud-html', 'ReadWriteMany'), mountPath: '/var/www/html' } },
      runAsUser: 33, runAsGroup: 33, fsGroup: 33,
      resources: resourcesOf(nextcloudSize),
    });
    // The design's test that a pod moves between nodes without its data ("NFS persistent volumes working across
    // all nodes", "pod can migrate between nodes without data loss"): Nextcloud's files are on the NFS export, so
    // its pod, kept off its node, starts on another one with the install it had.
    const nextcloudPods = `-l app.kubernetes.io/name=${nextcloud.name}`;
    leaveOwnerAction(nextcloud, {
      kind: 'manual',
      action: "once Nextcloud is installed, run the design's test that a pod moves between nodes without losing its data: keep the node its pod runs on from new pods (cordon), "
        + 'delete the pod, and check that it starts on another node and answers status.php as installed, from its files on the NFS export; then let the node take pods again (uncordon). '
        + "Its database's server keeps its node-local claim on its own node, which must stay up meanwhile; LAB_CA is the lab CA's "
        + `${LAB_CA_FILE}`,
      command: `NODE=$(kubectl -n ${nextcloud.namespace} get pod ${nextcloudPods} -o jsonpath='{.items[0].spec.nodeName}') && kubectl cordon "$NODE" `
        + `&& kubectl -n ${nextcloud.namespace} delete pod ${nextcloudPods} && kubectl -n ${nextcloud.namespace} rollout status deployment/${nextcloud.name} --timeout=60m `
        + `&& kubectl -n ${nextcloud.namespace} get pod ${nextcloudPods} -o wide && curl -fsS --cacert "$LAB_CA" https://${nextcloudHost}/status.php; kubectl uncordon "$NODE"`,
    });
    // Its administrator, who logs in at its route: the image reads the Secret when it installs, on the first start only.
    leaveOwnerAction(nextcloud, {
      kind: 'bootstrap',
      ...bootstrapSecretStep(
        {
          namespace: nextcloudAdmin.user.namespace, name: nextcloudAdmin.user.secretName,
          keys: [{ key: nextcloudAdmin.user.key, value: '"$NEXTCLOUD_ADMIN"' }, { key: nextcloudAdmin.password.key, value: '"$(openssl rand -base64 24)"' }],
        },
        `the login of Nextcloud's administrator at https://${nextcloudHost} (NEXTCLOUD_ADMIN is the name you choose); `
        + 'Nextcloud reads them when it installs, on its first start only: change the password in Nextcloud afterwards, not in the Secret',
      ),
      // Nextcloud's pod waits for it, and the test of a pod moving between nodes needs Nextcloud installed.
      beforeFirstSync: true,
    });

    // The design gives neither Calibre-Web's release nor a time zone: both are placeholders.
    const calibreAdminPassword = SecretReference.external(SERVICES, 'calibre-web-admin', 'password');
    const calibreWeb = new App(this, 'calibre-web', {
      image: factValue(calibreWebImage),
      namespace: SERVICES,
      ports: [{ name: 'http', port: 8083 }],
      env: { PUID: String(CALIBRE_WEB_UID), PGID: String(CALIBRE_WEB_UID), TZ: factValue(timeZone) },
      initContainers: [calibreWebAdminPasswordInit(factValue(calibreWebImage), calibreAdminPassword, 'config', CALIBRE_WEB_UID)],
      persistence: {
        // Calibre-Web's settings are a SQLite database: node-local disk.
        config: { volume: AppVolume.claim({ tier: 'fast', size: factValue(appSizes.calibreWeb.config) }), mountPath: '/config' },
        books: { volume: AppVolume.nfs(nfs, 'books'), mountPath: '/books' },
      },
      resources: resourcesOf(appSizes.calibreWeb),
      exemptions: {
        // s6-overlay drops to PUID with setuid(2), which no_new_privs leaves allowed: no privilege escalation.
        runAsRoot: 'the linuxserver.io image starts s6-overlay as root and drops to PUID',
        writableRootFilesystem: 's6-overlay writes its service tree under /run',
        addCapabilities: rootInitExemption('supervisor', 's6-overlay chowns /config and drops to PUID'),
      },
      route: { host: 'calibre' },
    });
    // Calibre-Web lists no books until it is given a folder that holds a Calibre library (its metadata.db),
    // which the image cannot make.
    leaveOwnerAction(calibreWeb, calibreWebAdminSecretStep(calibreAdminPassword));
    leaveOwnerAction(calibreWeb, {
      kind: 'bootstrap',
      action: `as soon as the pod runs, open https://${this.hostname('calibre')} and log in as ${CALIBRE_WEB_ADMIN_USER} with the password of Secret `
        + `${calibreAdminPassword.namespace}/${calibreAdminPassword.secretName}; then set the Calibre database location to /books, `
        + `which must hold a Calibre library (its metadata.db) that uid ${CALIBRE_WEB_UID} (PUID) may write: copy one from a desktop Calibre to ${nfs.server}:${nfs.subPath('books')}, `
        + 'or make an empty one there with calibredb restore_database --really-do-it --with-library on a machine that has Calibre',
    });
    leavePlaceholder(calibreWeb, calibreWebImage);
    leavePlaceholder(calibreWeb, timeZone);
    leavePlaceholders(calibreWeb, appSizes.calibreWeb);

    // The design's AudioBook service, unnamed there: its image is a placeholder fact.
    const audiobook = new Construct(this, 'audiobook');
    const audiobookServer = factValue(audiobookImage);
    leavePlaceholder(audiobook, audiobookImage);
    leavePlaceholders(audiobook, appSizes.audiobook);
    const audiobookApp = new App(audiobook, 'audiobook', {
      image: audiobookServer,
      namespace: SERVICES,
      ports: [{ name: 'http', port: 13378 }],
      env: { PORT: '13378' },
      persistence: {
        // Its library database and the covers and metadata it fetches: node-local disk, like Calibre-Web's.
        config: { volume: AppVolume.claim({ tier: 'fast', size: factValue(appSizes.audiobook.config) }), mountPath: '/config' },
        metadata: { volume: AppVolume.claim({ tier: 'fast', size: factValue(appSizes.audiobook.metadata) }), mountPath: '/metadata' },
        audiobooks: { volume: AppVolume.nfs(nfs, 'audiobooks'), mountPath: '/audiobooks', readOnly: true },
      },
      resources: resourcesOf(appSizes.audiobook),
      // The image's own health check: the server answers it once its database is open.
      probes: { readiness: { httpPath: AUDIOBOOK_HEALTH_PATH }, liveness: { httpPath: AUDIOBOOK_HEALTH_PATH, failureThreshold: 6 } },
      route: { host: 'audiobooks' },
    });
    // Audiobookshelf has no administrator until its first visitor creates the root user, and no setting makes one.
    leaveFirstVisitorStep(audiobookApp, { label: 'Audiobookshelf', task: 'create its root user', claims: 'creates the root user', then: 'add the library folder /audiobooks' });

    // grey-area's one GPU belongs to Ollama; transcoding stays on the CPU. The library is SQLite: its
    // config claim stays on node-local disk. Its startup wizard, whose first visitor makes the administrator,
    // is the construct's step right after the first sync: the restore of the migration comes later.
    new Jellyfin(this, 'jellyfin', {
      namespace: SERVICES,
      // The design runs Jellyfin latest: the kubelet pulls the current release at every start.
      version: 'latest',
      exemptions: { floatingImage: 'the design follows Jellyfin\'s latest release' },
      media: JellyfinMedia.nfs(nfs, 'media'),
      route: { host: 'jellyfin' },
    });
    // The migration's NFS half: each folder is filled before its first start. The apps' steps that make their folders
    // come after it in the README and give what was restored the access its users need.
    leaveOwnerAction(this, {
      kind: 'manual',
      beforeFirstSync: true,
      action: 'before the first sync, restore into the folders of each NFS export the data the services moved off the NixOS machines keep there, '
        + 'from the copies made before Talos erased each machine (each copy checked to restore), on the machine that serves the export, so that each '
        + 'service starts on its data; their claims and databases are restored once the first sync runs them (the step that moves the services)',
    });

    // The registry keeps to the node set aside for it (nodeSelector + toleration of its taint).
    new Harbor(this, 'harbor', {
      placement: { host: limitingFactor },
      // The design's "Harbor Registry on NFS" is the image store; PostgreSQL, Redis, the job logs and
      // Trivy's cache stay on limiting-factor's own disk, as NFS does not keep PostgreSQL's fsync and locks.
      storageTier: 'shared',
      databaseStorageTier: 'fast',
      // The design's MagicDNS name for the registry, under limiting-factor's own name.
      route: { host: REGISTRY_HOST },
      adminPassword: SecretReference.external('registry', 'harbor-admin', 'HARBOR_ADMIN_PASSWORD'),
      internalSecrets: SecretReference.external('registry', 'harbor-internal', 'secretKey'),
    });

    // The CI's last step asks Argo CD's API to sync grey-area-services: the API server behind Traefik.
    const argocdRoute = new ServiceRoute(this, 'argocd-route', { name: 'argocd', host: 'argocd', namespace: 'argocd', serviceName: 'argo-cd-argocd-server', port: 80 });
    // The design's CI runs on GitHub's runners, off the tailnet, yet pushes to Harbor and calls Argo CD, both tailnet names.
    const argocdHost = this.hostname('argocd');
    // The repository Argo CD syncs: the CI's commit of a new tag goes there, not only to GitHub.
    const gitops = greyAreaSite.git!;
    leaveOwnerAction(argocdRoute, {
      kind: 'manual',
      action: 'the design\'s CI (GitHub Actions) builds the Nix images, pushes them and syncs grey-area-services, all over the tailnet: let its jobs join the tailnet '
        + '(tailscale/github-action, with an OAuth client of a tag the tailnet\'s policy lets reach the Traefik machine), push to registry.limiting-factor.tailnet/library/ '
        + 'with a Harbor robot account whose name and secret the CI keeps as REGISTRY_USER and REGISTRY_PASSWORD, the secrets of the design\'s registry login, write a new tag into charts/grey-area/main.ts (not dist/, which synth rewrites) and commit it with '
        + `the dist/ that npm run synth makes, push that commit to the Forgejo repository Argo CD syncs from (${gitops.url}, with a deploy key of write access `
        + 'kept in the CI\'s secrets and Forgejo\'s host key, what ssh-keyscan forgejo.grey-area.tailnet prints, in the runner\'s known_hosts), and only then call Argo CD\'s sync with the ci account\'s token as ARGOCD_TOKEN: a commit left on GitHub is one Argo CD never sees. '
        + 'The workflow runs on a GitHub copy of that repository, which a push mirror of the Forgejo repository (its settings, Mirror settings: '
        + 'GitHub\'s URL and a token that may push there, synced on every push) keeps up to date; the CI\'s own commit reaches GitHub that way '
        + `too, and its [skip ci] keeps it from starting the workflow again. Both names serve certificates of the lab CA: the runner trusts ${LAB_CA_FILE} `
        + "(LAB_CA is its file), as the nodes' containerd does",
      command: `git push ${gitops.url} HEAD:${gitops.branch} && curl -fsS --cacert "$LAB_CA" -X POST https://${argocdHost}/api/v1/applications/${ROOT_APPLICATION}/sync `
        + '-H "Authorization: Bearer $ARGOCD_TOKEN" -H \'Content-Type: application/json\' -d \'{"strategy":{"hook":{}}}\'',
    });
    // The design's Phase 3 ends with "rollback procedures tested across nodes". The root Application syncs by
    // itself and heals what is changed in the cluster, and Argo CD refuses `argocd app rollback` on such an
    // Application, so a rollback is a commit on the branch Argo CD syncs.
    leaveOwnerAction(argocdRoute, {
      kind: 'manual',
      action: 'roll a service back, as the design\'s Phase 3 asks to test once ("rollback procedures tested across nodes"): '
        + `${ROOT_APPLICATION} syncs ${gitops.url} (${gitops.branch}) by itself and undoes changes made in the cluster (selfHeal), `
        + 'and Argo CD refuses argocd app rollback on an Application that syncs by itself, so a rollback is a commit: revert the commit that changed '
        + 'the service (COMMIT; the CI\'s commit of a new tag holds charts/grey-area/main.ts and the dist/ synthesized from it), check that dist/ '
        + 'still matches a fresh synth, and push the revert to that repository; Argo CD applies it at its next poll (every 3 minutes). '
        + 'Then check that the service\'s pod runs the earlier image on the node it lands on (kubectl -n services get pods -o wide). '
        + 'A release that changed its data on start (Forgejo\'s and Nextcloud\'s database migrations) may not start on the earlier one: '
        + 'restore its data from the backup taken before the change too',
      command: `git revert --no-edit "$COMMIT" && npm run synth && git diff --exit-code -- dist && git push ${gitops.url} HEAD:${gitops.branch}`,
    });
  }
}

/** How the fleet builds this cluster. */
export const greyAreaMain: ClusterDefinition = {
  folder: 'grey-area/main',
  source: 'charts/grey-area/main.ts',
  build: (site) => new Main(site),
};
