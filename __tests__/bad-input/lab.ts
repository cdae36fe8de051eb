import { CLUSTER_FOLDER_MARK } from '../../constructs/synth/outdir';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App as CdkApp } from 'cdk8s';
import { App, ClusterChart, ClusterChartProps, flux, host, localPathStorage, metalLb, site, synthesize, traefik } from '../../constructs';
import type { AppProps } from '../../constructs';
import type { Finding } from '../../constructs';
import { readTree } from '../support/synth';
import type { BadInput } from './cases';
import { recordConstructionError } from '../../constructs/validation/construction-errors';

// A small lab written against the public API: one GPU host with a ZFS pool, one tainted arm64 host.
export const gpu1 = host('gpu1', {
  arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.0.0.1',
  gpus: [{ vendor: 'nvidia' }], zfsPools: { fast: { media: 'nvme' } },
});
export const arm1 = host('arm1', {
  arch: 'arm64', address: '10.0.0.2',
  taints: [{ key: 'dedicated', value: 'registry', effect: 'NoSchedule' }],
});
export const lab = site('lab', {
  domain: 'lab.test', hosts: [gpu1, arm1],
  pools: { vips: { first: '10.0.8.10', last: '10.0.8.20' }, dns: { first: '10.0.4.53', last: '10.0.4.53' } },
  nfs: { share: { server: 'nas.lab.test', path: '/export' } },
  git: { url: 'https://git.lab.test/lab.git' },
});

/** A cluster of the lab; props override the defaults. */
export function labCluster(scope: CdkApp, id = 'main', props: Partial<ClusterChartProps> = {}): ClusterChart {
  return new ClusterChart(scope, id, {
    site: lab, hosts: [gpu1, arm1], routes: traefik(),
    loadBalancer: metalLb({ pools: [lab.pools.vips, lab.pools.dns] }),
    storage: { fast: gpu1.zfs.fast, local: localPathStorage() },
    gitops: flux(),
    ...props,
  });
}

/** A container that passes every policy; cases break one thing of it. */
export function goodContainer(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'web', image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', containerPort: 8080 }],
    readinessProbe: { tcpSocket: { port: 8080 } },
    resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '128Mi' } },
    securityContext: {
      allowPrivilegeEscalation: false, runAsNonRoot: true, readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' },
    },
    ...extra,
  };
}

/** A Deployment manifest that passes every check, in namespace `web` (which the cluster must declare). */
export function goodDeployment(name = 'web', pod: Record<string, unknown> = {}, spec: Record<string, unknown> = {}, podAnnotations?: Record<string, string>): Record<string, unknown> {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment',
    metadata: { name, namespace: 'web' },
    spec: {
      replicas: 1, selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name }, annotations: podAnnotations },
        spec: { containers: [goodContainer()], securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } }, ...pod },
      },
      ...spec,
    },
  };
}

/** Adds a hand-written object to `scope`, in namespace `web` unless it says otherwise. */
export function raw(cluster: ClusterChart, id: string, manifest: Record<string, unknown>): ApiObject {
  cluster.namespaces.ensure('web');
  return new ApiObject(cluster, id, manifest as any);
}

/** Builds a lab with `manifest` added as the hand-written object `w`, beside the good Deployment `web` it may select. */
export function besideWeb(manifest: Record<string, unknown>): (c: ClusterChart) => void {
  return (c) => {
    raw(c, 'workload', goodDeployment());
    raw(c, 'w', manifest);
  };
}

/** A case of the hand-written object `w` (see `besideWeb`) that the schema layer refuses at `field`. */
export function refusedAtW(name: string, build: (c: ClusterChart) => void, field: string | RegExp, hint?: RegExp): BadInput {
  return { name, build, layer: 'schema', path: 'w', field, hint };
}

/** Every file under `dir` with its bytes, for before/after comparison. */
export function snapshotTree(dir: string): Map<string, string> {
  return readTree(dir, 'base64');
}

/** A scratch output folder that already holds a committed-looking tree. */
export function prepopulatedOutdir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'homelab-bad-input-'));
  const outdir = path.join(dir, 'dist');
  fs.mkdirSync(path.join(outdir, 'lab', 'main'), { recursive: true });
  // The README marks the folder as one synth wrote, which it may replace.
  fs.writeFileSync(path.join(outdir, 'lab', 'main', 'README.md'), `# lab/main\n\n${CLUSTER_FOLDER_MARK}\n`);
  fs.writeFileSync(path.join(outdir, 'lab', 'main', 'kustomization.yaml'), 'resources: []\n');
  fs.writeFileSync(path.join(outdir, 'lab', 'main', 'web.yaml'), 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: web\n');
  return outdir;
}

/** Synthesizes `app` into `outdir` and returns its findings. */
export function synthFindings(app: CdkApp, outdir: string): { findings: Finding[]; written: boolean } {
  const result = synthesize(app, { outdir });
  return { findings: result.findings, written: result.written };
}

/**
 * Runs `build` the way `runSynthCli` runs a definition: an error it throws becomes a finding on the
 * construct that was being built, so the corpus can assert its path and field like any other.
 */
export function guarded<T extends unknown[]>(build: (...args: T) => unknown): (...args: T) => void {
  return (...args: T) => {
    const app = args.find((a) => a instanceof CdkApp) as CdkApp | undefined;
    const scope = app ?? (args[0] as ClusterChart).node.root;
    try {
      build(...args);
    } catch (error) {
      recordConstructionError(scope, error);
    }
  };
}

/** Builds an App `id` of the lab with a web image and an `http` port on 8080; props override. */
export function labApp(id: string, props: Record<string, unknown> = {}): (cluster: ClusterChart) => App {
  return (cluster) => new App(cluster, id, { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], ...props } as AppProps);
}

/** A Deployment `web` whose one container is the good container changed by `container`, its pod by `pod`. */
export function podWithContainer(container: Record<string, unknown>, pod: Record<string, unknown> = {}, spec: Record<string, unknown> = {}): Record<string, unknown> {
  return goodDeployment('web', { containers: [goodContainer(container)], ...pod }, spec);
}

/** A Service `name` in namespace `web` that selects the good Deployment; `spec` overrides. */
export function serviceManifest(name: string, spec: Record<string, unknown> = {}, metadata: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'web', ...metadata },
    spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 8080 }], ...spec },
  };
}

/** Field path of the good Deployment's first container. */
export const CONTAINER = 'spec.template.spec.containers[0]';
