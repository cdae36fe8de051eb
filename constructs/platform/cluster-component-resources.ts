import type { PropProblem } from '../validation/known-props';
import { CERT_MANAGER_PARTS, type CertManagerPart } from './components/cert-manager';
import { CROSSPLANE_PARTS, type CrossplanePart } from './components/crossplane';
import { EXTERNAL_DNS_PARTS, type ExternalDnsPart } from './components/external-dns';
import { EXTERNAL_SECRETS_PARTS, type ExternalSecretsPart } from './components/external-secrets';
import { GATEKEEPER_PARTS, type GatekeeperPart } from './components/gatekeeper';
import type { DevicePluginPart } from './components/intel-gpu-plugin';
import { CDI_PARTS, KUBEVIRT_PARTS, type KubeVirtPart } from './components/kubevirt';
import { MULTUS_PART_NAMES, type MultusPart } from './components/multus';
import { OPENEBS_ZFS_PARTS, type OpenEbsZfsPart } from './components/openebs-zfs';
import { SEALED_SECRETS_PARTS, type SealedSecretsPart } from './components/sealed-secrets';
import { SECRETS_STORE_CSI_DRIVER_PARTS, type SecretsStoreCsiDriverPart, VAULT_CSI_PROVIDER_PARTS, type VaultCsiProviderPart } from './components/secrets-store-csi';
import { TAILSCALE_PART_NAMES, type TailscalePart } from './components/tailscale-operator';
import { partResourcesProblems, type PartResources, type SizedPart } from './part-resources';

// Some components are brought by the cluster itself, with no factory a user calls: the GPU device plugins
// (hosts with a GPU), the Secrets Store CSI driver with its Vault provider (a VaultSecretProviderClass),
// cert-manager (an issuer or certificate), Multus (a NetworkAttachmentDefinition), KubeVirt and CDI (a
// VM)… Their sizes are cluster props, in the same form as a factory's `resources`.

/** Requests and limits of the components the cluster brings itself, by component and part. */
export interface ClusterComponentResources {
  /**
   * Intel's GPU device plugin, on hosts with an Intel GPU: `{ plugin: { … } }`.
   * @default - 10m CPU and 32Mi requested, a 128Mi memory limit
   */
  readonly intelGpuPlugin?: PartResources<DevicePluginPart>;
  /**
   * NVIDIA's device plugin, on hosts with an NVIDIA GPU: `{ plugin: { … } }`.
   * @default - 10m CPU and 32Mi requested, a 128Mi memory limit
   */
  readonly nvidiaDevicePlugin?: PartResources<DevicePluginPart>;
  /**
   * The Secrets Store CSI driver a VaultSecretProviderClass brings: `driver`, and its sidecars `registrar`
   * and `livenessProbe`. @default - the driver 10m CPU and 64Mi requested with a 256Mi memory limit; each
   * sidecar 10m, 32Mi and 128Mi
   */
  readonly secretsStoreCsiDriver?: PartResources<SecretsStoreCsiDriverPart>;
  /**
   * The Vault provider of that driver: `{ provider: { … } }`.
   * @default - 10m CPU and 32Mi requested, a 128Mi memory limit
   */
  readonly vaultCsiProvider?: PartResources<VaultCsiProviderPart>;
  /**
   * cert-manager, which issuers and certificates bring: `controller`, `webhook`, `cainjector` and the
   * `startupApiCheck` job. @default - each 10m CPU and 64Mi requested, a 256Mi memory limit
   */
  readonly certManager?: PartResources<CertManagerPart>;
  /**
   * The External Secrets Operator, which a secret store brings: `controller`, `webhook`, `certController`.
   * @default - each 10m CPU and 64Mi requested, a 256Mi memory limit
   */
  readonly externalSecretsOperator?: PartResources<ExternalSecretsPart>;
  /**
   * The Sealed Secrets controller, which a SealedSecret brings: `{ controller: { … } }`.
   * @default - 10m CPU and 32Mi requested, a 128Mi memory limit
   */
  readonly sealedSecrets?: PartResources<SealedSecretsPart>;
  /**
   * external-dns, which the cluster's `dns` brings (each instance): `{ externalDns: { … } }`.
   * @default - 10m CPU and 48Mi requested, a 192Mi memory limit
   */
  readonly externalDns?: PartResources<ExternalDnsPart>;
  /**
   * The Tailscale operator, which the Tailscale load balancer brings: the `operator`, and each `proxy` it
   * starts (through its ProxyClass). @default - the operator 20m CPU and 64Mi requested with a 256Mi memory
   * limit; each proxy 10m, 64Mi and 256Mi
   */
  readonly tailscaleOperator?: PartResources<TailscalePart>;
  /**
   * OPA Gatekeeper, which required pod labels bring: the `controller` (its admission webhook, each replica)
   * and the `audit`. @default - each 50m CPU and 256Mi requested, a 512Mi memory limit
   */
  readonly gatekeeper?: PartResources<GatekeeperPart>;
  /**
   * Crossplane, which its providers or a Crossplane database bring: its core (`crossplane`) and its
   * `rbacManager`. @default - Crossplane 20m CPU and 128Mi requested with a 512Mi memory limit; the RBAC
   * manager 10m, 32Mi and 128Mi
   */
  readonly crossplane?: PartResources<CrossplanePart>;
  /**
   * KubeVirt, which a VM brings: `{ operator: { … } }` (each virt-operator replica).
   * @default - 10m CPU and 450Mi requested, a 1Gi memory limit
   */
  readonly kubeVirt?: PartResources<KubeVirtPart>;
  /**
   * CDI, which a VM or a DataVolume brings: `{ operator: { … } }`.
   * @default - 100m CPU and 150Mi requested, a 512Mi memory limit
   */
  readonly cdi?: PartResources<KubeVirtPart>;
  /**
   * OpenEBS ZFS LocalPV, which a ZFS storage tier brings: each container of the `controller` and of the
   * `node` plugin. @default - each 10m CPU and 32Mi requested; a memory limit of 128Mi (controller) or 256Mi (node)
   */
  readonly openEbsZfs?: PartResources<OpenEbsZfsPart>;
  /**
   * Multus, which a NetworkAttachmentDefinition brings: `{ daemon: { … } }`.
   * @default - 100m CPU and 128Mi requested, a 512Mi memory limit
   */
  readonly multus?: PartResources<MultusPart>;
}

/** The parts of each component of {@link ClusterComponentResources}. */
const PARTS: Readonly<Record<keyof ClusterComponentResources, readonly string[] | Readonly<Record<string, SizedPart>>>> = {
  intelGpuPlugin: ['plugin'], nvidiaDevicePlugin: ['plugin'],
  secretsStoreCsiDriver: SECRETS_STORE_CSI_DRIVER_PARTS, vaultCsiProvider: VAULT_CSI_PROVIDER_PARTS,
  certManager: CERT_MANAGER_PARTS, externalSecretsOperator: EXTERNAL_SECRETS_PARTS, sealedSecrets: SEALED_SECRETS_PARTS,
  externalDns: EXTERNAL_DNS_PARTS, tailscaleOperator: TAILSCALE_PART_NAMES, gatekeeper: GATEKEEPER_PARTS,
  crossplane: CROSSPLANE_PARTS, kubeVirt: KUBEVIRT_PARTS, cdi: CDI_PARTS, openEbsZfs: OPENEBS_ZFS_PARTS,
  multus: MULTUS_PART_NAMES,
};

/**
 * What brings a component or one of its parts: the names it is installed under (a part: those of the
 * instances that run it), and how a lab gets one, for the hint.
 */
interface Brought {
  readonly names: readonly string[];
  readonly by: string;
  /**
   * Parts that run only in some instances of the component (`names`), or only on demand (no `names`: the
   * cluster says when they are idle), by part. @default - every part runs wherever the component does
   */
  readonly parts?: Readonly<Record<string, { readonly names?: readonly string[]; readonly by: string }>>;
}

/** The component each of {@link ClusterComponentResources} sizes, by the names it is installed under, and what brings it. */
const BROUGHT: Readonly<Record<keyof ClusterComponentResources, Brought>> = {
  intelGpuPlugin: { names: ['intel-gpu-plugin'], by: 'a host with an Intel GPU' },
  nvidiaDevicePlugin: { names: ['nvidia-device-plugin'], by: 'a host with an NVIDIA GPU' },
  secretsStoreCsiDriver: { names: ['secrets-store-csi-driver'], by: 'a VaultSecretProviderClass' },
  vaultCsiProvider: { names: ['vault-csi-provider'], by: 'a VaultSecretProviderClass' },
  certManager: { names: ['cert-manager'], by: 'an issuer or a certificate' },
  externalSecretsOperator: { names: ['external-secrets'], by: 'a VaultClusterSecretStore or an ExternalSecret' },
  sealedSecrets: { names: ['sealed-secrets'], by: 'a SealedSecret' },
  externalDns: {
    names: ['external-dns-cloudflare', 'external-dns-adguard'], by: "the cluster's dns",
    // Only the webhook provider runs a sidecar; Cloudflare is built into external-dns.
    parts: { webhook: { names: ['external-dns-adguard'], by: "an AdGuard Home instance of the cluster's dns (dns: { adguard: { … } })" } },
  },
  tailscaleOperator: {
    names: ['tailscale-operator'], by: 'the Tailscale load balancer',
    parts: { proxy: { by: "a LoadBalancer Service through Tailscale (an App's loadBalancer, or the ingress controller's Service)" } },
  },
  gatekeeper: { names: ['gatekeeper'], by: 'RequiredPodLabels' },
  crossplane: { names: ['crossplane'], by: 'CrossplaneProviders or a Crossplane database' },
  kubeVirt: { names: ['kubevirt'], by: 'a VM or a DataVolume' },
  cdi: { names: ['cdi'], by: 'a VM or a DataVolume' },
  openEbsZfs: { names: ['openebs-zfs'], by: 'a ZFS storage tier' },
  multus: { names: ['multus'], by: 'a NetworkAttachmentDefinition' },
};

/**
 * Sizes in `componentResources` that no component takes: those of components the cluster does not run
 * (`running`, the names of the components it installs), those of parts no instance of a running component
 * runs (external-dns' `webhook` beside Cloudflare alone; those `isIdle` says of, e.g. `tailscaleOperator.proxy`
 * where no Service goes through Tailscale, asked only for a part given a size), and those of components the lab asked for itself
 * (`platform.require(gatekeeper({ … }))`) before a construct that needs them, whose own options and sizes
 * then stay (`keptAsAsked`, their names). Pure.
 */
export function unusedComponentResourcesProblems(
  resources: ClusterComponentResources, running: readonly string[], keptAsAsked: readonly string[], isIdle: (part: string) => boolean = () => false,
): PropProblem[] {
  return (Object.keys(BROUGHT) as Array<keyof ClusterComponentResources>).flatMap((component): PropProblem[] => {
    const field = `componentResources.${component}`;
    const installedAs = (names: readonly string[]) => BROUGHT[component].names.some((name) => names.includes(name));
    if (resources[component] === undefined) {
      return [];
    }
    if (!installedAs(running)) {
      return [{
        field, message: `${field} sizes a component the cluster does not run, so it is ignored`,
        hint: `it is brought by ${BROUGHT[component].by}; leave ${field} out until the cluster has one`,
      }];
    }
    const idle = idlePartProblems(component, resources[component], running, isIdle);
    if (idle.length > 0) {
      return idle;
    }
    return installedAs(keptAsAsked) ? [{
      field, message: `${field} is ignored: the lab asks for this component itself, and the options and sizes it gives there stay`,
      hint: `give the sizes once, in the resources option of the component you ask for, and leave ${field} out`,
    }] : [];
  });
}

/** Sizes of parts of a running `component` that nothing runs (see {@link unusedComponentResourcesProblems}). Pure. */
function idlePartProblems(component: keyof ClusterComponentResources, sizes: unknown, running: readonly string[], isIdle: (part: string) => boolean): PropProblem[] {
  const parts = BROUGHT[component].parts ?? {};
  const given = sizes !== null && typeof sizes === 'object' ? Object.keys(sizes) : [];
  return given.filter((part) => parts[part] !== undefined).flatMap((part): PropProblem[] => {
    const field = `componentResources.${component}.${part}`;
    const { names, by } = parts[part];
    const runs = names === undefined ? !isIdle(`${component}.${part}`) : names.some((name) => running.includes(name));
    return runs ? [] : [{
      field, message: `${field} sizes a part of ${component} that the cluster does not run, so it is ignored`,
      hint: `it runs for ${by}; leave ${field} out until the cluster has one`,
    }];
  });
}

/** The shape of `componentResources`: its components; their parts are checked by {@link componentResourcesProblems}. */
export const COMPONENT_RESOURCES_SHAPE = Object.fromEntries(Object.keys(PARTS).map((component) => [component, 'any'])) as Readonly<Record<keyof ClusterComponentResources, 'any'>>;

/** Problems with the sizes of each component of `componentResources`, of well-shaped props. Pure. */
export function componentResourcesProblems(resources: ClusterComponentResources | undefined): PropProblem[] {
  if (resources === null || typeof resources !== 'object') {
    return [];
  }
  return (Object.keys(PARTS) as Array<keyof ClusterComponentResources>)
    .flatMap((component) => partResourcesProblems(resources[component], `componentResources.${component}`, PARTS[component]));
}
