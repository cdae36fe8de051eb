/**
 * Where aether's cluster departs from its design, or reads a fact the design gives two ways: the cluster
 * README lists them (`designChoices`), so a reader of the output alone sees why each difference is there.
 */
export const AETHER_DESIGN_CHOICES: readonly string[] = [
  '**VIP 10.0.3.19.** The design\'s traffic table once gives the K8s VIP as 10.0.3.60; the node table, the IP '
    + 'pool, Caddy\'s `reverse_proxy`, Phase 1 and the key decisions all say 10.0.3.19, so .60 is read as a typo. '
    + 'Pool `ingress-pool` holds 10.0.3.19 alone, `CiliumL2AnnouncementPolicy` `cluster-ingress` announces it on '
    + '`eth0`, and `main-gateway` asks for it.',
  '**"Automatic mTLS" is WireGuard.** Cilium\'s transparent encryption (`encryption.type: wireguard`) '
    + 'encrypts traffic between pods on different nodes with no app changes, as the design wants. It is not mutual TLS '
    + '(no per-workload certificates), and the design\'s AuthorizationPolicy ("who can talk to who") is no object here: '
    + 'who talks to whom is CiliumNetworkPolicies (each app\'s `allowFrom`, the tenants\' `isolate-namespace`).',
  '**No Kourier.** Knative Serving\'s ingress is net-gateway-api on `main-gateway`, as the design notes that '
    + 'Cilium\'s Gateway API makes Kourier redundant.',
  '**The design\'s examples of a developer\'s files stay theirs.** The static site\'s Bucket '
    + '`my-portfolio-assets`, Keycloak Client `portfolio` (`https://portfolio.shdr.ch`) and Database `portfolio-db` are what a '
    + 'developer commits to an app repository: the cluster provides their providers and the ProviderConfigs they name '
    + '(`ceph-rgw`, `keycloak`, `surrealdb`). Likewise SecretProviderClass `app-secrets` (`secret/data/myapp`, key `key`) '
    + 'is in `infra` as the design shows it, but no pod mounts it at the design\'s `/mnt/secrets`, so none waits for an '
    + 'example secret; the NUT server mounts its own class at `/run/secrets`.',
  '**Smallweb is not moved.** The design decommissions Smallweb (an LXC on Trinity) to a folder on the dev '
    + 'workstation: nothing of it runs here, and the migration step does not list it among the VMs it frees.',
];
