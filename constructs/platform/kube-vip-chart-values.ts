import type { HelmChartSource } from './component';
import { valueAt } from './chart-value-at';
import { canonicalIp } from '../inventory/ip-address';

// Values of kube-vip's chart (kube-vip/helm-charts) that the chart hands to kube-vip's environment unread. The chart
// is made for Services: its defaults turn the control-plane VIP off (`cp_enable: "false"`) and the Service load
// balancer on (`svc_enable: "true"`). A lab that installs it for the API server's VIP must turn the one on, give
// the VIP its servers are joined at, and, beside a load balancer of its own, turn the other off.

/** A problem of one value of kube-vip's chart, at its path under `values`. */
export interface KubeVipValueProblem {
  readonly field: string;
  readonly message: string;
  readonly hint: string;
}

/** What the cluster says of the API server and of its Services, which kube-vip's values must agree with. */
export interface KubeVipClusterFacts {
  /** The address no host has that the nodes join the API server at (K3s' `serverUrl` at a VIP), when there is one. */
  readonly apiServerVip?: string;
  /** The field that gives it, for messages, e.g. `serverUrl`. */
  readonly apiServerVipField?: string;
  /** The cluster's load balancer of Services (`metallb`, `cilium`), when it has one of its own. */
  readonly loadBalancer?: string;
}

/** The chart's defaults of the switches it passes to kube-vip's environment. */
const KUBE_VIP_CHART_ENV_DEFAULTS: Readonly<Record<string, string>> = { cp_enable: 'false', svc_enable: 'true' };

/** Whether a release installs kube-vip's chart (`kube-vip`, from its repository or a mirror of it). */
export function isKubeVipChart(chart: HelmChartSource): boolean {
  return typeof chart?.chart === 'string' && chart.chart.replace(/^.*\//, '') === 'kube-vip';
}

/** A switch of kube-vip's environment as the chart renders it: the value given, else the chart's default. Pure. */
function kubeVipSwitch(values: Readonly<Record<string, unknown>>, name: string): boolean {
  const given = valueAt(values, ['env', name]);
  return String(given ?? KUBE_VIP_CHART_ENV_DEFAULTS[name] ?? 'false').trim().toLowerCase() === 'true';
}

/** The VIP the values give kube-vip and the field that gives it: `config.address`, or the environment's own names. Pure. */
function kubeVipAddress(values: Readonly<Record<string, unknown>>): { readonly field: string; readonly address: string } | undefined {
  for (const path of [['config', 'address'], ['env', 'address'], ['env', 'vip_address']] as const) {
    const address = valueAt(values, path);
    if (typeof address === 'string' && address.trim() !== '') {
      return { field: `values.${path.join('.')}`, address: address.trim() };
    }
  }
  return undefined;
}

/**
 * The values of a kube-vip chart release that leave the API server's VIP unheld or fight the cluster's load
 * balancer over its Services. Pure.
 */
export function kubeVipValuesProblems(values: Readonly<Record<string, unknown>>, facts: KubeVipClusterFacts): KubeVipValueProblem[] {
  const problems: KubeVipValueProblem[] = [];
  const vip = facts.apiServerVip;
  const given = kubeVipAddress(values);
  const givenVip = given === undefined ? undefined : canonicalIp(given.address);
  const controlPlane = kubeVipSwitch(values, 'cp_enable');
  if (vip !== undefined && givenVip === vip && !controlPlane) {
    problems.push({
      field: 'values.env.cp_enable',
      message: `kube-vip is given ${vip}, the address ${facts.apiServerVipField ?? 'the cluster'} joins the API server at, with its control-plane VIP off (cp_enable, "false" unless given, as the chart is made for Services): no node takes the address, and every join and kubectl call there waits for good`,
      hint: "turn it on: env: { cp_enable: 'true', vip_leaderelection: 'true' }",
    });
  }
  if (vip !== undefined && given !== undefined && givenVip !== vip && controlPlane) {
    problems.push({
      field: given.field,
      message: `kube-vip holds ${given.address} for the API server, while ${facts.apiServerVipField ?? 'the cluster'} joins the nodes at ${vip}: no node takes that address, and every join and kubectl call there waits for good`,
      hint: `give kube-vip the address the nodes join at: config: { address: '${vip}' }`,
    });
  }
  if (facts.loadBalancer !== undefined && kubeVipSwitch(values, 'svc_enable')) {
    const name = facts.loadBalancer === 'metallb' ? 'MetalLB' : facts.loadBalancer === 'cilium' ? 'Cilium LB-IPAM' : facts.loadBalancer;
    problems.push({
      field: 'values.env.svc_enable',
      message: `kube-vip answers LoadBalancer Services (svc_enable, "true" unless given) beside the cluster's load balancer, ${name}: both would hand out and announce addresses for every such Service, and fight over them`,
      hint: "leave Services to the cluster's load balancer: env: { svc_enable: 'false' }",
    });
  }
  return problems;
}
