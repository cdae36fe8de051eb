import type { Construct } from 'constructs';
import { App as CdkApp } from 'cdk8s';
import { App, AppVolume, Ollama } from '../constructs';
import { lab, labCluster } from './bad-input/lab';
import { synthInMemory } from './support/synth';

function synth(addApps: (cluster: ReturnType<typeof labCluster>) => void) {
  const result = synthInMemory((scope: Construct) => addApps(labCluster(scope as CdkApp)));
  const manifests = result.clusters.flatMap((c) => c.objects.map((o) => o.manifest as any));
  return { errors: result.findings.filter((f) => f.severity === 'error'), manifests };
}

describe("an HTTP probe's Host header", () => {
  test('is sent as httpHeaders, and the liveness probe copied from readiness keeps it', () => {
    const { errors, manifests } = synth((cluster) => new App(cluster, 'cloud', {
      image: 'nextcloud:29.0.16-apache', ports: [{ name: 'http', port: 80 }],
      // The web root the entrypoint copies the release into, and Apache's pid file, off the read-only root.
      persistence: { html: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/var/www/html' }, run: { volume: AppVolume.emptyDir(), mountPath: '/var/run/apache2' } },
      probes: { readiness: { httpPath: '/status.php', httpHost: 'cloud.lab.test' } },
    }));
    expect(errors).toEqual([]);
    const container = manifests.find((m) => m.kind === 'Deployment').spec.template.spec.containers[0];
    const httpGet = { httpHeaders: [{ name: 'Host', value: 'cloud.lab.test' }], path: '/status.php', port: 80 };
    expect(container.readinessProbe.httpGet).toEqual(httpGet);
    expect(container.livenessProbe.httpGet).toEqual(httpGet);
  });

  test('is left out when not given', () => {
    const { manifests } = synth((cluster) => new App(cluster, 'web', { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], probes: { readiness: { httpPath: '/' } } }));
    expect(manifests.find((m) => m.kind === 'Deployment').spec.template.spec.containers[0].readinessProbe.httpGet).toEqual({ path: '/', port: 8080 });
  });
});

describe("Ollama's models below a home of its own", () => {
  const mountsOf = (manifests: any[]) => manifests.find((m) => m.kind === 'Deployment').spec.template.spec.containers[0].volumeMounts;
  const envOf = (manifests: any[]) => Object.fromEntries(manifests.find((m) => m.kind === 'Deployment').spec.template.spec.containers[0].env.map((e: any) => [e.name, e.value]));

  test('sit at $HOME/.ollama/models, where releases that ignore OLLAMA_MODELS look too', () => {
    const { errors, manifests } = synth((cluster) => new Ollama(cluster, 'ollama', {
      accelerator: 'cpu', homeStorage: AppVolume.claim({ tier: 'fast', size: '1Gi' }), modelStorage: AppVolume.nfs(lab.nfs.share),
    }));
    expect(errors).toEqual([]);
    expect(mountsOf(manifests)).toEqual(expect.arrayContaining([{ name: 'home', mountPath: '/ollama/.ollama' }, { name: 'models', mountPath: '/ollama/.ollama/models' }]));
    expect(envOf(manifests)).toMatchObject({ HOME: '/ollama', OLLAMA_MODELS: '/ollama/.ollama/models' });
  });

  test('stay in models/ of the one volume that holds home and models', () => {
    const { manifests } = synth((cluster) => new Ollama(cluster, 'ollama', { accelerator: 'cpu' }));
    expect(mountsOf(manifests)).toEqual(expect.arrayContaining([{ name: 'models', mountPath: '/ollama' }]));
    expect(envOf(manifests)).toMatchObject({ OLLAMA_MODELS: '/ollama/models' });
  });
});
