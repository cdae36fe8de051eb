import {
  caIssuer, ClusterChart, ClusterIssuer, factValue, leaveOwnerAction, type OwnerAction, SecretReference, WildcardCertificate,
} from '../../constructs';

/** The lab's own certificate authority: the ClusterIssuer, its Secret in cert-manager's namespace, and its files. */
export const LAB_CA = 'grey-area-ca';

/** The file of the lab CA's certificate, which every client of Traefik trusts. */
export const LAB_CA_FILE = `${LAB_CA}.crt`;

/** The host the registry is reached at, under limiting-factor's own tailnet name as the design writes it. */
export const REGISTRY_HOST = 'registry.limiting-factor.tailnet';

/**
 * The step that has every node's containerd trust the lab CA for the registry (Talos'
 * `machine.registries.config`). It reads the CA from the Secret cert-manager signs with, not from a file of
 * the owner's machine: run again for a node that joins later, it gives that node the one CA there is, and
 * never makes a new one.
 */
function nodesTrustLabCaStep(cluster: ClusterChart): OwnerAction {
  const nodes = cluster.hosts.map((h) => factValue(h.address)).join(',');
  return {
    kind: 'bootstrap',
    beforeFirstSync: true,
    action: `let each node's containerd trust the lab CA for the registry ${REGISTRY_HOST} (machine.registries.config of Talos), read from the Secret cert-manager/${LAB_CA} `
      + 'the step before makes, so that the nodes pull the images the cluster runs from Harbor. When a node joins later, run it again as the README then writes it, '
      + 'with that node among --nodes: it reads the CA the cluster already has',
    command: `talosctl patch mc --nodes ${nodes} --patch "{\\"machine\\":{\\"registries\\":{\\"config\\":{\\"${REGISTRY_HOST}\\":{\\"tls\\":{\\"ca\\":`
      + `\\"$(kubectl -n cert-manager get secret ${LAB_CA} -o jsonpath='{.data.tls\\.crt}')\\"}}}}}}"`,
  };
}

/**
 * Every name Traefik serves gets a certificate of the lab's own CA. Let's Encrypt issues no `.tailnet`
 * name (it is in no public DNS), and the certificate Traefik generates by itself is new at every restart,
 * so neither the nodes' containerd, nor the public Nginx proxy, nor the CI could keep trusting it. The CA
 * stays with the owner, outside the cluster: its certificate is trusted once, and cert-manager renews the
 * leaves under it.
 *
 * - `*.grey-area.tailnet` is the routes' certificate (copied into each route's namespace) and Traefik's
 *   default one, which also serves the dashboard the chart's values route;
 * - `*.limiting-factor.tailnet` is in Traefik's store for Harbor's own Ingress (`registry.limiting-factor.tailnet`),
 *   which names no certificate: Traefik picks it by the name the client asks for;
 * - `*.services.svc.tailnet` serves the design's service-discovery name of Ollama.
 */
export function labCertificates(cluster: ClusterChart, servicesNamespace: string): void {
  // Left before the issuer is made, so this step comes before the issuer's step that stores the files; both
  // come before the first sync, whose later layers wait for the issuer.
  leaveOwnerAction(cluster, {
    kind: 'bootstrap',
    beforeFirstSync: true,
    action: `make the lab's certificate authority once, on your own machine, and keep ${LAB_CA}.key out of Git: cert-manager signs every name Traefik serves with it `
      + `(the Secret cert-manager/${LAB_CA}, a later step, holds both files: --cert=${LAB_CA_FILE} --key=${LAB_CA}.key). Clients trust ${LAB_CA_FILE}: each node's containerd for the registry `
      + "(the step after that Secret's), the public Nginx proxy, the CI's runners and your browsers. Never run it again: a new CA signs none of the certificates the cluster serves",
    command: `openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 3650 -subj '/CN=grey-area lab CA' `
      + "-addext 'basicConstraints=critical,CA:TRUE' -addext 'keyUsage=critical,keyCertSign,cRLSign' "
      + `-keyout ${LAB_CA}.key -out ${LAB_CA_FILE}`,
  });
  const traefik = cluster.platform.get('traefik')!;
  const issuer = new ClusterIssuer(cluster, 'lab-ca', {
    name: LAB_CA,
    issuer: caIssuer({ keyPair: SecretReference.external('cert-manager', LAB_CA, 'tls.key') }),
  });
  leaveOwnerAction(issuer, nodesTrustLabCaStep(cluster));
  const site = new WildcardCertificate(cluster, 'site-certificate', { issuer: LAB_CA });
  site.useIn(traefik.namespace);
  const registry = new WildcardCertificate(cluster, 'registry-certificate', {
    domain: REGISTRY_HOST.slice('registry.'.length), issuer: LAB_CA, namespace: traefik.namespace, replicate: false,
  });
  new WildcardCertificate(cluster, 'service-discovery-certificate', { domain: `${servicesNamespace}.svc.tailnet`, issuer: LAB_CA });
  traefik.addValues({
    tlsStore: { default: { defaultCertificate: { secretName: site.secretName }, certificates: [{ secretName: registry.secretName }] } },
  });
}
