import type { PropProblem } from '../validation/known-props';
import type { HelmChartSource } from './component';
import { ACTIONS_RUNNER_CONTROLLER_PINS } from './components/actions-runner-controller';
import { ARGO_CD_PINS } from './components/argo-cd';
import { CERT_MANAGER_PINS } from './components/cert-manager';
import { CILIUM_PINS } from './components/cilium';
import { CROSSPLANE_PINS } from './components/crossplane';
import { CSI_DRIVER_NFS_PINS } from './components/csi-driver-nfs';
import { EXTERNAL_DNS_PINS } from './components/external-dns';
import { EXTERNAL_SECRETS_PINS } from './components/external-secrets';
import { GATEKEEPER_PINS } from './components/gatekeeper';
import { GITLAB_AGENT_PINS } from './components/gitlab-agent';
import { INGRESS_NGINX_PINS } from './components/ingress-nginx';
import { KNATIVE_PINS } from './components/knative';
import { KUBE_PROMETHEUS_STACK_PINS } from './components/kube-prometheus-stack';
import { KUBELET_CSR_APPROVER_PINS } from './components/kubelet-csr-approver';
import { KUBEVIRT_PINS } from './components/kubevirt';
import { LOKI_PINS } from './components/loki';
import { METALLB_PINS } from './components/metallb';
import { NVIDIA_DEVICE_PLUGIN_PINS } from './components/nvidia-device-plugin';
import { OPENEBS_ZFS_PINS } from './components/openebs-zfs';
import { OPENTELEMETRY_COLLECTOR_PINS } from './components/opentelemetry-collector';
import { RENOVATE_PINS } from './components/renovate';
import { SEALED_SECRETS_PINS } from './components/sealed-secrets';
import { RELOADER_PINS } from './components/reloader';
import { METRICS_SERVER_PINS } from './components/metrics-server';
import { SECRET_REPLICATOR_PINS } from './components/secret-replicator';
import { SECRETS_STORE_CSI_PINS } from './components/secrets-store-csi';
import { TAILSCALE_OPERATOR_PINS } from './components/tailscale-operator';
import { TRAEFIK_PINS } from './components/traefik';
import { TRIVY_OPERATOR_PINS } from './components/trivy-operator';
import { WEAVE_GITOPS_PINS } from './components/weave-gitops';

// Some charts are published as `v1.2.3` (cert-manager, the Knative operator, csi-driver-nfs), most as `1.2.3`.
// A release written in the other spelling names no version the repository lists. The library's own pins of
// each chart show which spelling its repository uses.

/** The charts the library pins, by `<repository> <chart>`, each with its pinned version (read lazily: the components import this module's users). */
function knownCharts(): ReadonlyMap<string, string> {
  return new Map<string, string>([
    ['oci://ghcr.io/actions/actions-runner-controller-charts gha-runner-scale-set-controller', ACTIONS_RUNNER_CONTROLLER_PINS.controller],
    ['oci://ghcr.io/actions/actions-runner-controller-charts gha-runner-scale-set', ACTIONS_RUNNER_CONTROLLER_PINS.scaleSet],
    ['https://argoproj.github.io/argo-helm argo-cd', ARGO_CD_PINS.chart],
    ['https://charts.jetstack.io cert-manager', CERT_MANAGER_PINS.chart],
    ['https://helm.cilium.io cilium', CILIUM_PINS.chart],
    ['https://charts.crossplane.io/stable crossplane', CROSSPLANE_PINS.chart],
    ['https://raw.githubusercontent.com/kubernetes-csi/csi-driver-nfs/master/charts csi-driver-nfs', CSI_DRIVER_NFS_PINS.chart],
    ['https://kubernetes-sigs.github.io/external-dns external-dns', EXTERNAL_DNS_PINS.chart],
    ['https://charts.external-secrets.io external-secrets', EXTERNAL_SECRETS_PINS.chart],
    ['https://open-policy-agent.github.io/gatekeeper/charts gatekeeper', GATEKEEPER_PINS.chart],
    ['https://charts.gitlab.io gitlab-agent', GITLAB_AGENT_PINS.chart],
    ['https://kubernetes.github.io/ingress-nginx ingress-nginx', INGRESS_NGINX_PINS.chart],
    ['https://knative.github.io/operator knative-operator', KNATIVE_PINS.chart],
    ['https://prometheus-community.github.io/helm-charts kube-prometheus-stack', KUBE_PROMETHEUS_STACK_PINS.chart],
    ['https://postfinance.github.io/kubelet-csr-approver kubelet-csr-approver', KUBELET_CSR_APPROVER_PINS.chart],
    ['https://suse-edge.github.io/charts kubevirt', KUBEVIRT_PINS.kubevirtChart],
    ['https://suse-edge.github.io/charts cdi', KUBEVIRT_PINS.cdiChart],
    ['https://grafana.github.io/helm-charts loki', LOKI_PINS.chart],
    ['https://metallb.github.io/metallb metallb', METALLB_PINS.chart],
    ['https://kubernetes-sigs.github.io/metrics-server metrics-server', METRICS_SERVER_PINS.chart],
    ['https://nvidia.github.io/k8s-device-plugin nvidia-device-plugin', NVIDIA_DEVICE_PLUGIN_PINS.chart],
    ['https://openebs.github.io/zfs-localpv zfs-localpv', OPENEBS_ZFS_PINS.chart],
    ['https://open-telemetry.github.io/opentelemetry-helm-charts opentelemetry-collector', OPENTELEMETRY_COLLECTOR_PINS.chart],
    ['https://docs.renovatebot.com/helm-charts renovate', RENOVATE_PINS.chart],
    ['https://bitnami-labs.github.io/sealed-secrets sealed-secrets', SEALED_SECRETS_PINS.chart],
    ['https://helm.mittwald.de kubernetes-replicator', SECRET_REPLICATOR_PINS.chart],
    ['https://stakater.github.io/stakater-charts reloader', RELOADER_PINS.chart],
    ['https://kubernetes-sigs.github.io/secrets-store-csi-driver/charts secrets-store-csi-driver', SECRETS_STORE_CSI_PINS.driver],
    ['https://helm.releases.hashicorp.com vault', SECRETS_STORE_CSI_PINS.vault],
    ['https://pkgs.tailscale.com/helmcharts tailscale-operator', TAILSCALE_OPERATOR_PINS.chart],
    ['https://traefik.github.io/charts traefik', TRAEFIK_PINS.chart],
    ['https://aquasecurity.github.io/helm-charts trivy-operator', TRIVY_OPERATOR_PINS.chart],
    ['oci://ghcr.io/weaveworks/charts weave-gitops', WEAVE_GITOPS_PINS.chart],
  ]);
}

let charts: ReadonlyMap<string, string> | undefined;

/**
 * A release of a chart the library pins, written with a leading `v` its repository does not use (`v75.0.0`
 * of kube-prometheus-stack) or without one it does (`1.16.2` of cert-manager), on `chart.version`, with the
 * spelling the repository lists as the hint; nothing for a chart the library does not pin. Pure.
 */
export function chartVersionSpellingProblems(source: HelmChartSource): PropProblem[] {
  if (typeof source?.repository !== 'string' || typeof source.chart !== 'string' || typeof source.version !== 'string') {
    return [];
  }
  charts ??= knownCharts();
  const pinned = charts.get(`${source.repository.replace(/\/+$/, '')} ${source.chart}`);
  const written = source.version;
  if (pinned === undefined || !/^v?\d/.test(written) || pinned.startsWith('v') === written.startsWith('v')) {
    return [];
  }
  const meant = pinned.startsWith('v') ? `v${written}` : written.slice(1);
  return [{
    field: 'chart.version',
    message: `${source.chart} numbers its releases ${pinned.startsWith('v') ? 'with' : 'without'} a leading v (the library pins ${pinned}): "${written}" names no release its repository lists `
      + 'as written: an OCI registry serves a tag by its exact name, and the index of an HTTP repository lists no such version (only an engine that reads the version as a range finds the release)',
    hint: `write version: '${meant}'`,
  }];
}
