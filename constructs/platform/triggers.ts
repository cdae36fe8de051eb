import { ApiObject } from 'cdk8s';
import type { IConstruct } from 'constructs';
import type { ClusterComponentResources } from './cluster-component-resources';
import type { PlatformComponentProps } from './component';
import { externalSecretsOperator } from './components/external-secrets';
import { cdiComponent, kubeVirtComponent } from './components/kubevirt';
import { multusComponent } from './components/multus';
import { sealedSecretsComponent } from './components/sealed-secrets';
import type { Platform } from './platform';

/**
 * Kinds whose presence in a cluster brings the components that serve them: a KubeVirt VM brings KubeVirt
 * and CDI, a NetworkAttachmentDefinition brings Multus, a SealedSecret its controller, an ExternalSecret or a
 * secret store of any provider External Secrets Operator. Keyed by
 * `<group>/<kind>`. A cluster that declares the kind preinstalled keeps what it has. Each is sized by the
 * cluster's `componentResources`.
 */
export const KIND_TRIGGERS: Readonly<Record<string, (sizes: ClusterComponentResources) => PlatformComponentProps[]>> = {
  'kubevirt.io/VirtualMachine': (sizes) => [kubeVirtComponent(sizes.kubeVirt), cdiComponent(sizes.cdi)],
  'kubevirt.io/VirtualMachineInstance': (sizes) => [kubeVirtComponent(sizes.kubeVirt), cdiComponent(sizes.cdi)],
  'cdi.kubevirt.io/DataVolume': (sizes) => [kubeVirtComponent(sizes.kubeVirt), cdiComponent(sizes.cdi)],
  'k8s.cni.cncf.io/NetworkAttachmentDefinition': (sizes) => [multusComponent(sizes.multus)],
  'bitnami.com/SealedSecret': (sizes) => [sealedSecretsComponent(sizes.sealedSecrets)],
  'external-secrets.io/ExternalSecret': (sizes) => [externalSecretsOperator(sizes.externalSecretsOperator)],
  'external-secrets.io/ClusterSecretStore': (sizes) => [externalSecretsOperator(sizes.externalSecretsOperator)],
  'external-secrets.io/SecretStore': (sizes) => [externalSecretsOperator(sizes.externalSecretsOperator)],
};

/** The API group of an apiVersion (`''` for the core group). */
export function apiGroupOf(apiVersion: string): string {
  return apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
}

/** Every ApiObject below `scope`, in construct order. */
export function apiObjectsOf(scope: IConstruct): ApiObject[] {
  return scope.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject);
}

/**
 * Whether an object below `scope` is of a kind whose {@link KIND_TRIGGERS} entry brings a component serving
 * `group`/`kind` (a VirtualMachine written by hand brings KubeVirt): for a check made before the cluster asks
 * for those components, as it does last.
 */
export function kindBroughtByObjects(scope: IConstruct, group: string, kind: string): boolean {
  const keys = new Set(apiObjectsOf(scope).map((object) => `${apiGroupOf(object.apiVersion)}/${object.kind}`));
  return [...keys].some((key) => (KIND_TRIGGERS[key]?.({}) ?? []).some((component) => (component.crds ?? []).some((crd) => crd.group === group && crd.kinds.includes(kind))));
}

/** Asks `platform` for the components that the kinds of the objects below `scope` need, of the sizes in `sizes`. */
export function requireComponentsForKinds(scope: IConstruct, platform: Platform, sizes: ClusterComponentResources = {}): void {
  // Kinds seen, by apiVersion: a cluster has tens of thousands of objects of a few dozen kinds.
  const seen = new Map<string, Set<string>>();
  const keys = new Set<string>();
  for (const object of apiObjectsOf(scope)) {
    let kinds = seen.get(object.apiVersion);
    if (!kinds) {
      kinds = new Set();
      seen.set(object.apiVersion, kinds);
    } else if (kinds.has(object.kind)) {
      continue;
    }
    kinds.add(object.kind);
    const key = `${apiGroupOf(object.apiVersion)}/${object.kind}`;
    if (keys.has(key)) {
      continue;
    }
    keys.add(key);
    const trigger = KIND_TRIGGERS[key];
    if (trigger && !platform.providesKind(apiGroupOf(object.apiVersion), object.kind)) {
      trigger(sizes).forEach((props) => platform.require(props));
    }
  }
}
