import { JELLYFIN_PORT, SECRET_REPLICATOR_RELEASE } from '../../constructs';

/** What the elitedesk cluster's choices name: its layer Kustomizations and its SOPS files. */
export interface ElitedeskLayout {
  /** The layer Kustomizations, in the order each waits for the one before. */
  readonly layers: readonly string[];
  /** The SOPS-encrypted files, from the repository root. */
  readonly sopsFiles: readonly string[];
  /** podinfo's HTTP port. */
  readonly podinfoPort: number;
  /** Name of the wildcard Certificate and of its Secret. */
  readonly wildcardCertificate: string;
  /** The resolvers cert-manager checks DNS-01 records at, as its flag takes them. */
  readonly dns01Resolvers: readonly string[];
}

/**
 * Where elitedesk's cluster departs from its design, or fills in what the design leaves open: the cluster
 * README lists them (`designChoices`), so a reader of the output sees why each difference is there.
 */
export function elitedeskDesignChoices(layout: ElitedeskLayout): string[] {
  const [platform, config, apps] = layout.layers;
  return [
    '**Repository layout.** The design\'s Flux reconciles `bootstrap/` then `cluster/`, and its SOPS files sit under `cluster/`. '
      + 'Here its `bootstrap/` then `cluster/` are the Flux layers `platform/` (the add-ons), then `config/` (their first objects: the '
      + 'address pool, the issuers and their token), then `apps/` (the wildcard certificate and the apps) of `dist/elitedesk/main/`, '
      + `Kustomizations \`${platform}\`, \`${config}\` and \`${apps}\`, each waiting for the one before. Flux's own components are `
      + 'written by `flux bootstrap` under `flux-system/elitedesk/main/`, outside `dist/`, which synth replaces as a whole. The SOPS '
      + `files keep their names under \`charts/elitedesk/secrets/\` instead of \`cluster/\` (${layout.sopsFiles.map((file) => `\`${file}\``).join(' and ')}), `
      + 'so the design\'s `sops --encrypt --in-place` commands take those paths.',
    '**SOPS files as dotenv.** The design encrypts Secret manifests. Here each SOPS file is a dotenv file (`KEY=VALUE` lines, the same '
      + 'keys, the same Secret names and namespaces), which `dist/` holds beside its layer\'s `kustomization.yaml` with a `secretGenerator` '
      + 'entry: Flux decrypts the file before kustomize generates the Secret from it, so the cluster gets the same Secrets, and every object '
      + 'of `dist/` is one an API server accepts as written. An encrypted manifest keeps a top-level `sops` field that the server refuses '
      + '("unknown field sops"), which only a decrypting Flux removes; a server-side dry run of `dist/` would fail on it. Its creation rule in '
      + '`.sops.yaml` has no `encrypted_regex`, so sops encrypts every value of the file.',
    '**Cilium from a values file.** The design installs Cilium with `cilium install --set …`. Its settings are a values file instead, '
      + '`bootstrap/cilium.values.yml`, so that the first install and Flux\'s release carry the same ones: `helm install cilium` with it once '
      + 'by hand (nothing runs before the pod network), after the Gateway API CRDs from the design\'s URLs; HelmRelease `cilium` in '
      + '`platform/cilium/` then adopts the release, and a later change goes through Git like every other add-on\'s. Besides the design\'s '
      + 'settings, the file carries the library\'s: requests and limits for every part (`resources`, `initResources`, `operator.resources`, '
      + '`envoy.resources`), one operator (`operator.replicas`, where the chart runs two), pods started again when their settings change '
      + '(`rollOutCiliumPods`, `operator.rollOutPods`, `envoy.rollOutPods`: each part reads its ConfigMap only when it starts) and '
      + '`policyCIDRMatchMode: [nodes]`, under which a NetworkPolicy\'s `ipBlock` matches the nodes\' addresses too.',
    '**Network policies from the start.** The design lists network policies as a next step. Every app has one now, and Cilium enforces '
      + `them: Jellyfin and podinfo admit ingress-nginx only, on their ports (${JELLYFIN_PORT} and ${layout.podinfoPort}), newt admits nothing; `
      + 'podinfo, the check target, reaches DNS only, while Jellyfin (its metadata providers) and newt (its Pangolin server) reach DNS and '
      + 'beyond. The add-ons\' namespaces admit the ports of their webhooks, metrics and peers. An app another must reach admits it with '
      + '`allowFrom`.',
    '**A forced sync names each layer.** The design\'s cheat sheet runs `flux reconcile kustomization --all`, which the Flux CLI does not '
      + 'have: it reconciles one object by name. The day-to-day step fetches the Git sources, then reconciles the layers in the order they '
      + 'wait for each other.',
    `**The wildcard certificate.** The design's \`letsencrypt-wildcard-cert\` is one Certificate in \`cert-manager\`, \`${layout.wildcardCertificate}\` `
      + '(the name of its Secret too), for `*.<domain>` and '
      + '`<domain>` itself, from the issuer the owner picks (a placeholder: the design defines staging and production and does not say '
      + 'which signs it). ingress-nginx reads an Ingress\'s TLS Secret from the Ingress\'s own namespace, so secret-replicator copies the '
      + 'certificate\'s Secret into the namespaces of the routes: the selected secrets the design has it propagate. The design names '
      + 'secret-replicator without the project behind it: mittwald\'s kubernetes-replicator stands in, as HelmRelease and namespace '
      + '`secret-replicator`, copying a Secret into the namespaces its `replicate-to` annotation lists; its Helm release and Deployment keep '
      + `the chart's name, \`${SECRET_REPLICATOR_RELEASE}\`.`,
    '**DNS-01 checked at Cloudflare.** The design issues the wildcard certificate through Cloudflare DNS-01 and does not say which DNS '
      + 'the LAN\'s clients ask. Before Let\'s Encrypt looks, cert-manager checks that its challenge records have propagated, by default '
      + 'through the cluster\'s resolvers, which forward to the LAN\'s: a LAN resolver that answers `*.<domain>` itself with the ingress '
      + 'address (the DNS record step allows it) hides the zone\'s SOA and the challenge records, and the check never passes. cert-manager '
      + `asks Cloudflare's public resolver over HTTPS instead (${layout.dns01Resolvers.map((resolver) => `\`${resolver}\``).join(', ')}), which serves the `
      + 'zone as Let\'s Encrypt sees it; the cluster reaches it on port 443, as it reaches Cloudflare\'s API.',
    '**Jellyfin without root.** Jellyfin runs as the design has it, one replica on the shared 600Gi claim with `/config`, `/cache` and '
      + '`/media` as sub-paths, and transcodes under `/cache` on that claim, sparing the nodes\' small disks. The design names no user; '
      + 'Jellyfin runs as user and group 1000, the pod\'s fsGroup, and the kubelet gives the claim\'s folder that group (all of it, when the '
      + 'folder\'s own group differs), so a tree brought along (a `/config`, the media library) is Jellyfin\'s to write on its first start; '
      + 'the export\'s `no_root_squash` lets the kubelet do so.',
    '**newt, undescribed.** The design calls newt a custom, internal app and gives only its SOPS file. The stand-in is Pangolin\'s tunnel '
      + 'client of that name (its image a placeholder): it reads `PANGOLIN_ENDPOINT`, `NEWT_ID` and `NEWT_SECRET` from that file\'s Secret, '
      + 'dials out and serves no port, so it has no Service, no route and no readiness probe (an exemption its Deployment carries as an '
      + 'annotation); its liveness probe reads the health file it keeps while its tunnel is up.',
    '**Planned, not built.** What the design plans stays out, each with what stands in for it: UPS monitoring (a step says nothing '
      + 'watches the Eaton 5E yet), a metrics stack (the design\'s Prometheus and Grafana: none runs, and ingress-nginx\'s metrics are off), '
      + 'a backups operator (a step backs up '
      + 'Jellyfin\'s `config/` by hand), Gateway API routes (the CRDs and Cilium\'s Gateway API are on; routes stay Ingresses of '
      + 'ingress-nginx, the design\'s stable entrypoint, though Kubernetes retired that project in March 2026 and it has had no '
      + 'release, bug fix or security fix since: moving the routes to the Gateway API (`gatewayApi({ gatewayClassName: \'cilium\' })` '
      + 'as the cluster\'s `routes`) keeps the cluster\'s edge patched; Cilium Ingress, the other one it weighs, stays off) and Cilium LB IPAM (MetalLB '
      + 'hands out the addresses, the design\'s current path). So do its other next steps: monitoring of certificate renewals '
      + '(cert-manager renews on its own and nothing alerts when it fails, as Let\'s Encrypt mails no expiry notices; the day-to-day '
      + 'step describes the certificate and its renewal time), '
      + 'monitoring of the kube-proxy replacement\'s corner cases (none beyond Cilium\'s connectivity test of the platform check), image '
      + 'scanning (none), backups and zfs/btrfs snapshots of the NFS server (its disks are outside the cluster) and smaller claims of their '
      + 'own for Jellyfin\'s config and cache (they stay sub-paths of the 600Gi claim, as the design runs them).',
  ];
}
