import { factValue, KNATIVE_LOCAL_GATEWAY_NAME, KNATIVE_LOCAL_GATEWAY_POOL, NO_LOAD_BALANCER_ADDRESS_LABEL } from '../../constructs';
import { adminGroup, knativeLocalGatewayAddress, nodeInterface } from '../../hosts/aether';

/**
 * Where aether's cluster departs from its design, or reads a fact the design gives two ways: the cluster
 * README lists them (`designChoices`), so a reader of the output alone sees why each difference is there.
 */
export const AETHER_DESIGN_CHOICES: readonly string[] = [
  '**VIP 10.0.3.19.** The design\'s traffic table once gives the K8s VIP as 10.0.3.60; the node table, the IP '
    + 'pool, Caddy\'s `reverse_proxy`, Phase 1 and the key decisions all say 10.0.3.19, so .60 is read as a typo. '
    + 'Pool `ingress-pool` holds 10.0.3.19 alone, `CiliumL2AnnouncementPolicy` `cluster-ingress` announces it on '
    + `\`${factValue(nodeInterface)}\` (a placeholder), and \`main-gateway\` asks for it. The design's policy and its Talos configs name \`eth0\`, `
    + 'which no interface of its image is called: Talos names interfaces predictably on a new install, and the nocloud image of its default '
    + 'schematic keeps those names, so a Proxmox VM\'s NIC is `ens18`; an L2 policy of `eth0` would announce the VIP nowhere. Unlike the design\'s pool and policy, both leave out the Services with the label '
    + `\`${NO_LOAD_BALANCER_ADDRESS_LABEL}\` (their \`serviceSelector\`): Knative's cluster-local Gateway, \`${KNATIVE_LOCAL_GATEWAY_NAME}\`, `
    + 'whose Service Cilium makes of type LoadBalancer too, carries it, so that Service never takes the VIP from `main-gateway`. '
    + `It takes an address of its own instead, ${factValue(knativeLocalGatewayAddress)} (a placeholder: the design gives none), from pool `
    + `\`${KNATIVE_LOCAL_GATEWAY_POOL}\`, which no node announces: net-gateway-api probes a Gateway on Cilium at the address of its status, `
    + 'which Cilium fills from a load-balancer address alone, and Knative points the cluster-local names of the Knative Services at it. '
    + 'Cilium serves it inside the cluster only, so the cluster-local Knative Services it answers for stay off the LAN.',
  '**"Automatic mTLS" is WireGuard.** Cilium\'s transparent encryption (`encryption.type: wireguard`) '
    + 'encrypts traffic between pods on different nodes with no app changes, as the design wants. It is not mutual TLS '
    + '(no per-workload certificates), and the design\'s AuthorizationPolicy ("who can talk to who") is no object here: '
    + 'who talks to whom is CiliumNetworkPolicies (each app\'s `allowFrom`, the tenants\' `isolate-namespace`).',
  '**No Kourier.** Knative Serving\'s ingress is net-gateway-api on `main-gateway`, as the design notes that '
    + 'Cilium\'s Gateway API makes Kourier redundant.',
  '**OpenWebUI as a Deployment.** The design\'s route splits one host over two Services (`/api` to '
    + '`openwebui-api:8080` with an `X-Request-ID` header, `/` to `openwebui-frontend:3000`); a Knative route is a '
    + 'domain only, so OpenWebUI is a Deployment behind HTTPRoute `openwebui`, not the Knative Service of the design\'s table. '
    + 'The header is sent as written, `%REQ_ID%`: the output doubles it to `%%REQ_ID%%` because Cilium\'s Envoy reads `%…%` '
    + 'as a command and refuses the whole Gateway on an unknown one. The design names no frontend image, and OpenWebUI\'s image '
    + 'has no Node.js to run its frontend build apart: its backend serves the built frontend, and the socket and static '
    + 'paths the page calls beside `/api`. So `openwebui-frontend` is a Service on 3000 in front of the same pods.',
  '**Firecrawl\'s worker is a Deployment.** Firecrawl, a Knative Service as the design has it, queues every scrape in Redis '
    + '(`firecrawl-redis`) and runs it in a separate worker, `firecrawl-worker`, which waits on the queue and so does not '
    + 'scale to zero; the API does.',
  '**"Helm (StatefulSet)" for GitLab and Synapse** is what stays: GitLab\'s Gitaly and its bundled PostgreSQL and Redis are '
    + 'StatefulSets; the Synapse chart runs Synapse as a Deployment with a media claim (updated by `Recreate`, as the claim '
    + 'is ReadWriteOnce), its database a StatefulSet of its own (`synapse-postgres`).',
  '**Gatekeeper\'s `require-owner-label`** matches every Pod in the design; platform charts label theirs with '
    + 'no owner, so it matches Pods in `projects`, `peers-alice` and `peers-bob` only. Not in `infra`, where the '
    + 'Synapse and GitLab charts make pods from their own templates: their pod-label values give most of them '
    + '`owner: infra` (Synapse\'s `synapse.labels`, GitLab\'s `global.pod.labels`, the bundled PostgreSQL\'s and '
    + 'Redis\' `podLabels`), but the Synapse chart\'s signing-key Job and GitLab\'s self-signed certificate Job '
    + '(gitlab-org/charts/gitlab#5903) take no labels, and a refused hook Job fails the whole install. The '
    + 'site\'s own apps in `infra` carry `owner: infra` and are checked when the repository is synthesized. Peers must '
    + 'label their own pods: the design\'s `kn service apply` line sets no `owner`. Its Knative Functions are the `func` '
    + 'CLI on the developer\'s side, of which nothing is installed, and `func deploy` writes no `owner` either: a Gatekeeper '
    + 'mutation per namespace (`AssignMetadata` `<namespace>-function-owner`) gives a pod that carries '
    + '`function.knative.dev/name`, the label `func` writes on every function\'s pods, and no `owner` its namespace\'s owner '
    + '(`projects`, `alice`, `bob`). A function that names its own owner keeps it (`func config labels add`), a pod written by '
    + 'hand is still refused without one, and should the mutating webhook fail (failure policy `Ignore`), the constraint refuses '
    + 'the pod rather than admit it without an owner.',
  '**The tenants\' quota and policy, and what they add.** `peers-alice` and `peers-bob` get the design\'s quota '
    + '(`requests.memory: 4Gi`, `limits.memory: 8Gi`, `pods: "20"`) plus LimitRange `defaults` (128Mi request, 256Mi limit), '
    + 'so a container that states no memory is admitted rather than refused by the quota. `isolate-namespace` admits the '
    + 'namespace and `ingress` as written, plus `knative-serving` (the activator, through which a Knative Service woken from '
    + 'zero gets its requests) and Cilium\'s reserved `ingress` identity (the Gateway\'s proxy). `projects`, the side projects\' '
    + 'namespace, gets the same `isolate-namespace` and no quota, so a peer\'s pods reach none of its pods, nor its pods a peer\'s. '
    + '`infra` gets an `isolate-namespace` too, over the pods the GitLab and Synapse charts make (every pod there but the site\'s '
    + 'own apps, which carry policies of their own): it admits `infra`\'s pods, the node collector that scrapes annotated pods, '
    + '`knative-serving`, and the Gateway on the ports its routes end at (Workhorse 8181, the registry 5000, KAS 8150 and 8154, '
    + 'Synapse 8008) and Knative\'s (8012, 8013). Their namespaces, and `projects`, '
    + 'enforce the `restricted` Pod Security level, and Knative\'s secure pod defaults set `runAsNonRoot` on a Knative Service that '
    + 'sets no user: an image whose user is root, or a name rather than a number, starts no container there (see the CI template step).',
  '**Hubble UI behind a Keycloak login.** The design exposes Hubble UI through the Gateway API; the UI has no login of its own '
    + 'and shows every network flow of every namespace, the peers\' too. Its route, `hubble.apps.home.shdr.ch`, ends at '
    + '`hubble-ui-login` in `infra`, an OAuth2 proxy (oauth2-proxy) that signs in through Keycloak realm `aether` (client `hubble`) '
    + `and lets the members of the admins' group (\`${factValue(adminGroup)}\`, a placeholder) alone through to Service \`kube-system/hubble-ui\`, `
    + 'whose pods admit that proxy alone (CiliumNetworkPolicy `hubble-ui-login-backend`).',
  '**Platform components in their own namespaces.** The design calls `system` the platform components\' namespace, but '
    + 'installs the GitLab agent into `gitlab-agent` itself, and Cilium and Hubble belong in `kube-system`. `system` holds the '
    + 'design\'s per-node agents (the OpenTelemetry collectors, the Wazuh agent, osquery), whose root, hostPath and host PID '
    + 'needs make it `privileged`; the other components keep their charts\' namespaces, at the `restricted` level, rather '
    + 'than share the agents\' `privileged` one. A component\'s namespace admits connections on the ports its chart serves alone '
    + '(webhooks, metrics, health), through NetworkPolicy `platform-ingress`: `cert-manager`, `external-secrets`, `gatekeeper-system`, '
    + '`gitlab-agent`, `knative-operator`, `kubelet-csr-approver`. `crossplane-system`, `knative-serving`, `knative-eventing` and `system` '
    + 'have none, as what runs there serves ports chosen at run time (the providers Crossplane installs, the controllers the Knative '
    + 'Operator deploys, the collectors\' receivers), nor has `kube-system`.',
  '**The GitLab agent\'s token in a Secret made by hand.** The design installs the agent with `helm install` and '
    + '`--set config.token=<token>`; here release `gitlab-agent` in namespace `gitlab-agent` reads the token from Secret '
    + '`gitlab-agent/gitlab-agent-token`, made by hand before the first deploy, so the token never reaches Git or the '
    + 'values file in `dist/`.',
  '**The design\'s examples of a developer\'s files stay theirs.** The static site\'s Bucket '
    + '`my-portfolio-assets`, Keycloak Client `portfolio` (`https://portfolio.shdr.ch`) and Database `portfolio-db` are what a '
    + 'developer commits to an app repository: the cluster provides their providers and the ProviderConfigs they name '
    + '(`ceph-rgw`, `keycloak`, `surrealdb`). As the design writes them, the providers installed here refuse the Bucket and the Client '
    + 'and make the Database with no login in `portfolio-db-creds`; a step gives the three files in the form those providers take '
    + '(a BucketACL for `public-read`, the Client of `openidclient.keycloak.crossplane.io`, a Role `portfolio` for the login). '
    + 'They are cluster-scoped objects, so the jobs of `infra` and `projects`, which act as the agent, apply them, and the peers\' jobs, '
    + 'confined to their own namespace, are refused them: the peers\' self-service through Crossplane waits for namespaced claims the design does not define. `surrealdb` is provider-sql\'s PostgreSQL config, as the design\'s `Database` is its '
    + 'PostgreSQL kind under that name: provider-sql manages PostgreSQL, MySQL and SQL Server databases, not SurrealDB, so the '
    + 'server it acts on is the PostgreSQL server of external host `database`, whose login the owner writes into OpenBao. '
    + 'The design has provider-aws-s3 manage real AWS besides RGW, and provider-sql MySQL besides PostgreSQL, but names no AWS account '
    + 'and no MySQL server: no ProviderConfig here reaches either, and a developer\'s resource there needs one the owner adds, '
    + 'its credentials from OpenBao as `ceph-rgw`\'s and `surrealdb`\'s are. Likewise SecretProviderClass `app-secrets` (`secret/data/myapp`, key `key`) '
    + 'is in `infra` as the design shows it, but no pod mounts it at the design\'s `/mnt/secrets`, so none waits for an '
    + 'example secret; the NUT server mounts its own class at `/run/secrets`.',
  '**Secrets that reach etcd.** The design decides "Secrets Store CSI: secrets never in etcd", and also keeps the '
    + 'External Secrets Operator ("OpenBao → k8s Secrets"). Both run. What a pod reads as a file comes through the CSI '
    + 'driver (`syncSecret` off, so nothing is mirrored into a Secret) and never reaches etcd: the NUT server\'s API '
    + 'password (SecretProviderClass `nut-server-secrets`), and the design\'s `app-secrets` for an app that mounts it. '
    + 'What must be a Secret object comes through External Secrets from ClusterSecretStore `openbao`: values the images '
    + 'read as environment variables, Secrets the charts name, and the credentials of Crossplane\'s ProviderConfigs, '
    + 'which can name only a Secret. So these sixteen reach etcd: `infra/openwebui-db`, `infra/openwebui-secret`, '
    + '`infra/litellm-secret`, `infra/firecrawl-secret`, `infra/searxng-secret`, `infra/bytebot-secret`, '
    + '`infra/mediamanager-secret`, `infra/synapse-postgres-secret`, `infra/synapse-redis-secret`, '
    + '`infra/synapse-macaroon-secret`, `infra/synapse-registration-secret`, `infra/hubble-login-secret`, and '
    + '`ceph-rgw-credentials`, `keycloak-credentials`, `cloudflare-credentials`, `surrealdb-connection` in '
    + '`crossplane-system`; so do `ingress/main-gateway-tls`, the ACME account key `step-ca-account-key`, the agent '
    + 'token `gitlab-agent/gitlab-agent-token` and the Secrets the GitLab and Synapse charts make themselves.',
  '**The media stack on one export.** Jellyfin, qBittorrent and MediaManager share the media export of the Smith NFS '
    + 'server. qBittorrent downloads into its root at `/downloads` as its PUID and PGID, 1000; MediaManager, a Knative Service, '
    + 'which mounts claims and no NFS volume, reaches the same export at `/data` through PersistentVolume `aether-media-library`, '
    + 'bound to claim `infra/media-library`, and imports each download into its `tv/` or `movies/`; Jellyfin reads it at '
    + '`/media`, read-only. MediaManager\'s image runs as root alone, so the export squashes every writer to 1000 '
    + '(`all_squash,anonuid=1000,anongid=1000`), the owner of its folder, and each reads and moves what the others write. '
    + 'MediaManager reaches qBittorrent\'s Web UI, which admits it and the Gateway alone; qBittorrent reaches nothing outside '
    + 'the cluster but the rotating proxy\'s SOCKS5 port. The design sends Jellyfin\'s transcodes to the GPU workstation '
    + 'through rffmpeg, which the stock image does not ship: until Jellyfin\'s image (a placeholder) names one that adds it, '
    + 'Jellyfin transcodes in its pod, on its node\'s CPU.',
  '**The per-node agents\' settings are stand-ins.** The design moves the OTEL, Wazuh and osquery agents of each VM into three '
    + 'DaemonSets and gives none of their settings. The Wazuh agent enrolls into group `default` without a password and watches '
    + 'the node\'s `/etc` (syscheck every 12 hours), with rootcheck, syscollector and SCA off, as they would read the container '
    + 'rather than the node; osquery runs a small schedule of its own (the node\'s processes every 5 minutes, its kernel modules '
    + 'and the files under its `/etc` hourly, its kernel daily) and logs its results to standard output, which the node collector '
    + 'ships to the monitoring VM with the container logs. Where the VMs\' agents did otherwise, carry their groups, folders and '
    + 'queries over (`group` and `watchedFolders` of `WazuhAgent`, `schedule` of `Osquery` in `charts/aether/main.ts`).',
  '**Smallweb is not moved.** The design decommissions Smallweb (an LXC on Trinity) to a folder on the dev '
    + 'workstation: nothing of it runs here, and the migration step does not list it among the VMs it frees.',
];
