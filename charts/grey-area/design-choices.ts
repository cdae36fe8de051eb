/**
 * Where grey-area's cluster departs from its design, or fills in what the design leaves open: the cluster
 * README lists them (`designChoices`), so a reader of the output sees why each difference is there.
 */
export const GREY_AREA_DESIGN_CHOICES: readonly string[] = [
  '**Three control-plane nodes.** The design asks for three etcd members that survive one node failure '
    + '("HA Etcd: 3 replicas", "Ensure all three nodes join control plane", and its test "shut down one node, '
    + 'cluster remains operational"), yet gives limiting-factor the Kubernetes role `worker` and joins it with '
    + '`--worker-nodes`. Two etcd members survive no failure at all, so limiting-factor is a control-plane '
    + 'node too (and keeps its `dedicated=registry` taint and its registry role); every node runs workloads.',
  '**Talos**, the design\'s recommended runtime, in its bootstrap order: `talosctl gen config`, each machine\'s '
    + 'config, then `talosctl bootstrap` on grey-area. Talos keeps its own pod network (Flannel on '
    + '10.244.0.0/16, the pod addresses the design shows), with the steps below. Each node\'s '
    + 'Tailscale extension runs with `TS_ACCEPT_DNS=true`, the design\'s `--accept-dns=true`: the nodes resolve '
    + 'through `100.100.100.100`, which answers the Split DNS `.tailnet` domains and other names only then. '
    + 'Flannel enforces no NetworkPolicy: the apps\' policies in `dist/` take effect only under a CNI that does. '
    + 'The chart says so with `unenforcedNetworkPolicies` and its reason, which the cluster README repeats, in '
    + 'place of synth\'s warning that nothing enforces the policies.',
  '**Nodes closed to the LAN.** The design keeps every node "reachable via Tailscale IPs, avoiding exposure to '
    + 'the wider LAN". The cluster runs on the tailnet (`clusterSubnets`), and once it does, Talos\' ingress '
    + 'firewall (`ingressFirewall: { reachableFrom: [TAILNET_SUBNET] }`) blocks the rest: Talos\' API and the '
    + 'Kubernetes API answer the tailnet only; trustd, etcd, the kubelet, Flannel\'s VXLAN and node-exporter answer '
    + 'the three nodes and their pods. Only each machine\'s first config goes over the LAN, in maintenance mode. '
    + 'The pods\' traffic between the nodes stays on the tailnet too: Flannel\'s VXLAN runs on `tailscale0` '
    + '(`--iface`), where it would otherwise take the LAN interface of the default route.',
  '**Moving off NixOS.** The three machines run NixOS and its services now; each becomes a Talos node, and '
    + 'the Talos installer erases the disk it installs onto. Which disk that is the design does not say: each '
    + 'node\'s install disk is a placeholder (`/dev/sda`, the disk `talosctl gen config` names by default), '
    + 'patched into its first config, whose step says the disk is erased. The design\'s "backup all data before '
    + 'Phase 3, test restore" therefore comes before each machine\'s first config, and an owner step moves the '
    + 'services in the design\'s order (Calibre-Web, Ollama, Forgejo, Nextcloud, Jellyfin), each restored from that '
    + 'copy and checked before the next. Its "remove from NixOS" has no counterpart: Talos replaces the OS.',
  '**API server endpoint.** The design\'s `talosctl gen config grey-area https://<grey-area>:6443` would make '
    + 'grey-area the one way to the API, against its "API Server: 3 instances → always accessible". The '
    + 'endpoint is the design\'s own MagicDNS name of the API server, `kubernetes.default.svc.tailnet`, which the '
    + 'tailnet\'s nameserver answers with the three control-plane nodes\' tailnet addresses (and the API server\'s '
    + 'certificate names). The nodes ask Tailscale\'s resolver once they are on the tailnet, so that patch, and '
    + 'the name\'s records, come before `talosctl bootstrap`; the nameserver therefore runs outside the cluster. '
    + 'Bootstrap and `talosctl kubeconfig` still ask grey-area; the kubeconfig then talks to the name.',
  '**`.tailnet` names.** MagicDNS names machines `<machine>.<tailnet>.ts.net`; the design\'s '
    + '`ollama.grey-area.tailnet`, `registry.limiting-factor.tailnet` and `nfs.limiting-factor.tailnet` need '
    + 'the tailnet\'s Split DNS and a nameserver that answers them (an owner step says which addresses). That '
    + 'nameserver must answer the API server\'s name before the cluster runs, so it is a machine outside the '
    + 'cluster, the external host `tailnet-dns`, whose tailnet address is a placeholder: the design names none. Every '
    + 'host name the design writes as `.local` (`registry.grey-area.local`, `argocd.grey-area.local`, …) is '
    + 'served under `.tailnet`, where the design\'s Traefik section puts the routes, so its CI\'s sync URL becomes '
    + '`https://argocd.grey-area.tailnet/api/...`.',
  '**Certificates.** Every route is a `.tailnet` MagicDNS name. Let\'s Encrypt issues only for names in '
    + 'public DNS, so no route names an ACME resolver (the design\'s `letsencrypt` resolver with HTTP-01), and the '
    + 'certificate Traefik generates by itself is new at every restart, which no client can keep trusting. The '
    + 'lab\'s own CA (`grey-area-ca`, made once by the owner, its key outside Git) signs them through cert-manager: '
    + '`*.grey-area.tailnet` (every route, and Traefik\'s default certificate, which also serves the dashboard), '
    + '`*.limiting-factor.tailnet` (in Traefik\'s store for Harbor\'s own Ingress) and `*.services.svc.tailnet` '
    + '(Ollama\'s service-discovery name). The nodes\' containerd, the public Nginx proxy (which now verifies '
    + 'Traefik\'s certificate, the design\'s "chain of trust") and the CI trust `grey-area-ca.crt`.',
  '**Storage.** Pods move between nodes, so data lives on NFS at the design\'s `nfs.limiting-factor.tailnet` '
    + '(`nfs-csi` class, and the design\'s static volume `nfs-data`, which Ollama\'s `ollama-data` claims ReadWriteMany). '
    + '`nfs-data` is the whole export, as the design writes it, and the export also holds every other app\'s NFS '
    + 'volume (nfs-csi\'s folders, the books, audiobooks and media): Ollama, which the public proxy reaches, '
    + 'mounts only its own folder `ollama` of it. The design also sketches a 10Gi ReadWriteOnce `ollama-data`; the '
    + '50Gi ReadWriteMany claim on `nfs-data` is the one kept, as only it lets the pod move between nodes. '
    + 'The design has limiting-factor serve that export, but as a Talos node it has no shell and runs no NFS '
    + 'server: the inventory keeps limiting-factor\'s registry role only, and records the NFS server as the '
    + 'external host `kubernetes-nfs`, whose tailnet address is a placeholder (sleeper-service, which already '
    + 'serves the models over NFS, may be that machine). The name stays the design\'s; the tailnet\'s nameserver '
    + 'answers it with that address, so only the inventory changes when the owner picks the machine. Single-writer '
    + 'databases stay on node-local disk (`local-path`): Forgejo\'s and Calibre-Web\'s SQLite, Jellyfin\'s '
    + 'library and the PostgreSQL of Nextcloud, because their locking and fsync are unsafe over NFS.',
  '**Where services run.** The design\'s topology draws Ollama and Nextcloud on grey-area and Forgejo on '
    + 'congenital-optimist, and its Phase 3 lets them run on any node: they prefer those nodes and no rule '
    + 'pins them (Ollama needs grey-area\'s GPU). Nextcloud\'s data is on NFS, so it starts elsewhere while '
    + 'grey-area is down; Forgejo\'s SQLite is node-local, so it stays on the node where it first started.',
  '**Namespaces.** The design\'s manifests put its services in `services`; Jellyfin, Calibre-Web and the '
    + 'AudioBook service, which it lists beside them without manifests, run there too.',
  '**Monitoring.** The design\'s node layer carries a "monitoring base (Prometheus Node Exporter)" and SSH. '
    + 'Talos runs no host services and has no SSH (talosctl replaces it), so node-exporter runs as '
    + 'kube-prometheus-stack\'s DaemonSet on every node, with Prometheus (and the stack\'s Grafana, whose admin '
    + 'Secret the owner makes) on congenital-optimist, the node of general services; a PodMonitor scrapes the '
    + 'Prometheus metrics the design turns on in Traefik. Grafana is routed at `grafana.grey-area.tailnet`, beside '
    + 'the other web UIs.',
  '**Hardware.** The design leaves each node\'s specs, CPU count and memory as blanks ("[CPU count] cores", '
    + '"[Total GB] available"). Cores and memory are placeholders of the inventory, the same stand-in for every '
    + 'node (4 cores, 16 GB), marked as such on the README\'s nodes: synth checks the pods\' requests against '
    + 'them, so the real amounts make that check mean something. limiting-factor\'s memory "reserved for the '
    + 'registry" is its `dedicated=registry` taint. The design\'s node layer also lists ZFS; these Talos nodes install no ZFS '
    + 'extension, and node-local volumes live on Talos\' own `/var` (`local-path`).',
  '**Time zone.** The design gives none: Calibre-Web\'s `TZ` is a placeholder of the inventory (`Etc/UTC` for now).',
  '**Sizes.** The design sizes Ollama (requests, limits, `ollama-data`), the `nfs-data` export, Harbor\'s image store and '
    + 'Nextcloud\'s database, and nothing else: Nextcloud\'s files, Calibre-Web\'s and the AudioBook service\'s claims and '
    + 'the three apps\' requests and limits are placeholders of the inventory (`appSizes`); Forgejo and Jellyfin keep '
    + 'their constructs\' documented defaults.',
  '**CI.** The design\'s GitHub Actions build the Nix images, push them and call Argo CD\'s sync API. Runners '
    + 'are off the tailnet, where Harbor and Argo CD are, so an owner step has them join it '
    + '(`tailscale/github-action`) and push to Harbor with a robot account rather than to quay.io. A push '
    + 'sends each layer in one request, and Traefik ends a request after 60 seconds by default: its entry '
    + 'points take 30 minutes (`traefik({ readTimeout: \'30m\' })`), so a large layer of Ollama\'s image goes up.',
  '**Repository layout.** The design sketches Kustomize `bases/` and `overlays/dev|prod` with `secretGenerator`; '
    + 'this repository has one cluster and writes it as generated layers (`platform`, `config`, `apps`), with '
    + 'Secrets made outside Git. The design installs its charts (Harbor, Argo CD, Traefik, Crossplane) as K3s '
    + '`HelmChart` objects; Talos runs no Helm controller, so each chart is an Argo CD Application of the same '
    + 'chart with the design\'s values (Traefik\'s from `traefik.github.io/charts`, which replaced the design\'s '
    + '`helm.traefik.io/traefik`, and Crossplane\'s from the `stable` channel of `charts.crossplane.io`).',
  '**Ollama** runs the Nix-built image from Harbor (`registry.limiting-factor.tailnet/library/ollama`, '
    + 'the design\'s tag 0.1.2), reads `ollama-config`, keeps the design\'s 2Gi/1 CPU requests and 4Gi/2 CPU limits '
    + '(raise the memory limit before keeping a model larger than about 3B at 4-bit loaded), and mounts its '
    + 'models from `sleeper-service:/mnt/storage/models`. The GPU vendor is a placeholder: the design does not '
    + 'name one. It runs as uid 1000 rather than root, so its home is `/ollama` (`HOME=/ollama`, models in '
    + '`/ollama/.ollama/models`) instead of the design\'s `/root/.ollama`: the models sit where Ollama looks by '
    + 'itself, because 0.1.2 reads neither `OLLAMA_MODELS` nor the construct\'s `OLLAMA_KEEP_ALIVE` default '
    + '(30m), which are set beside the design\'s `OLLAMA_HOST` for a later release. Any pod of the cluster may connect to it on 11434 '
    + '(`ollama.services.svc.cluster.local`), as the design\'s pods on every node do, besides Traefik\'s routes.',
  '**Names and the public proxy.** The design\'s service-discovery name `ollama.services.svc.tailnet` is a '
    + 'route of Traefik like `ollama.grey-area.tailnet` (the tailnet\'s nameserver answers `svc.tailnet` too), '
    + 'so it answers HTTPS on 443 through Traefik (`https://ollama.services.svc.tailnet/api/tags`), signed by '
    + 'the lab CA, not Ollama\'s own port 11434: a client that writes `:11434` after the `.tailnet` name finds '
    + 'nothing there; only pods of the cluster reach the Service\'s 11434, at `ollama.services.svc.cluster.local`. '
    + 'The existing public Nginx proxy keeps the design\'s `upstream ollama` and `location /ollama`, and adds '
    + 'what Traefik needs to route it: the `Host` and server name `ollama.grey-area.tailnet`, and the prefix '
    + 'stripped (Ollama\'s API is at the root). The proxy is the external host `public-proxy` of the inventory '
    + '(HTTPS on 443); its public name `api.example.com` and its tailnet address are placeholders.',
  '**Nextcloud** sits behind Traefik\'s TLS (`OVERWRITEPROTOCOL=https`), and its probes ask '
    + '`status.php` by its trusted domain: once installed, Nextcloud answers any other host with a 400. '
    + 'It installs itself on its first start (`occ maintenance:install` against the Crossplane database, then '
    + 'the trusted domain) only when it also has an administrator: `NEXTCLOUD_ADMIN_USER` and '
    + '`NEXTCLOUD_ADMIN_PASSWORD` come from the Secret `services/nextcloud-admin` (keys `username`, `password`) '
    + 'the owner creates. Without them the image serves its web installer to whoever on the tailnet opens it '
    + 'first and never applies `NEXTCLOUD_TRUSTED_DOMAINS`. The install runs once and gives up after ten tries, '
    + 'so an init container waits with `pg_isready` until the database answers.',
  '**First logins.** Three apps make their administrator on first use, and the README lists each as a '
    + 'bootstrap step to do as soon as its pod runs: Calibre-Web starts with its default `admin`/`admin123` '
    + '(change it) and shows books only once its database location is `/books` holding a Calibre library '
    + '(`metadata.db`, which the image cannot make); Audiobookshelf\'s first visitor creates its root user; '
    + 'Jellyfin\'s startup wizard makes its administrator. Audiobookshelf\'s probes ask `/healthcheck`, its '
    + 'image\'s own health check.',
  '**Forgejo** is the design\'s release 1.20.5 (the rootless image `1.20.5-0-rootless`). The design builds its '
    + 'image with Nix from a Gitea base that starts `gitea web`; the upstream image of the same release is '
    + 'used instead, because its entrypoint writes `app.ini` from the `GITEA__` variables the construct sets. '
    + '1.20 no longer gets security fixes: raise `version` when the lab moves on.',
  '**Jellyfin** runs `jellyfin/jellyfin:latest`, as the design lists it, under the `floatingImage` exemption '
    + '(annotated on its pods, pulled at every start); every other image is pinned.',
  '**Forgejo\'s SSH** is port 22 of Traefik at `forgejo.grey-area.tailnet`, where Argo CD clones from. '
    + 'The design names the GitOps repository three times: as `gitops.grey-area.internal`, as the URL Argo CD '
    + 'pulls, `ssh://forgejo.grey-area.tailnet/grey-area/gitops.git`, and, in its example Application, as '
    + '`https://github.com/your-org/Home-lab.git`. The second is used: the design makes Forgejo the GitOps '
    + 'source inside the tailnet, and no `.internal` name is served anywhere else in the lab.',
  '**Nextcloud\'s database** is a Crossplane claim (`nextcloud-db`); the owner creates the Secret '
    + '`services/nextcloud-db-password` (key `password`), which the composition copies into the claim\'s '
    + 'connection Secret. Crossplane runs provider-kubernetes v1.2.1 from crossplane-contrib and the '
    + 'patch-and-transform function: the design\'s example pins `upbound/provider-kubernetes:v0.10.0`, which '
    + 'predates the composition functions and the DeploymentRuntimeConfig the composition uses, and its '
    + '`provider-nfs` has no published package, so the NFS share is the static PersistentVolume above.',
  '**Argo CD**: the root Application is `grey-area-services` (the design\'s CI syncs it by that name), in '
    + 'AppProject `grey-area`, with the Forgejo repository\'s deploy key in Secret `argocd/forgejo-gitops-repo` '
    + '(created by hand; the command is in the cluster README).',
];
