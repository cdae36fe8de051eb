import { defineAether } from '../charts/aether';
import { manifestsOf, synthInMemory } from './support/synth';
import { talosNetworkProblems } from '../constructs/platform/talos-network';

// Facts of the aether design a reviewer checks first, read against the synthesized output.

const result = synthInMemory(defineAether);
const objects = manifestsOf(result, 'aether/main');
const find = (kind: string, name: string, namespace?: string) =>
  objects.find((o) => o.kind === kind && o.metadata.name === name && (namespace === undefined || o.metadata.namespace === namespace));
const readme = result.files.get('aether/main/README.md')!;

describe('OpenWebUI', () => {
  test('runs a release that reads the four tuning variables it is given (v0.6.5 read only AIOHTTP_CLIENT_TIMEOUT)', () => {
    const container = find('Deployment', 'openwebui-api', 'infra').spec.template.spec.containers[0];
    expect(container.image).toBe('ghcr.io/open-webui/open-webui:v0.6.33');
    expect(container.env.map((e: { name: string }) => e.name)).toEqual(expect.arrayContaining(['MODELS_CACHE_TTL', 'CHAT_RESPONSE_STREAM_DELTA_CHUNK_SIZE', 'THREAD_POOL_SIZE', 'AIOHTTP_CLIENT_TIMEOUT']));
  });

  test("the design's openwebui-frontend:3000 reaches the OpenWebUI pods, which serve the built frontend; no pod runs a Node.js the image lacks", () => {
    const service = find('Service', 'openwebui-frontend', 'infra');
    expect(service.spec.selector).toEqual({ 'app.kubernetes.io/name': 'openwebui-api' });
    expect(service.spec.ports).toEqual([{ name: 'http', port: 3000, targetPort: 'http', protocol: 'TCP' }]);
    const apiPort = find('Deployment', 'openwebui-api', 'infra').spec.template.spec.containers[0].ports[0];
    expect(apiPort).toMatchObject({ name: 'http', containerPort: 8080 });
    expect(find('Deployment', 'openwebui-frontend', 'infra')).toBeUndefined();
    expect(JSON.stringify(objects)).not.toContain('"node","build"');
    expect(readme).not.toContain("image of OpenWebUI's separate frontend");
  });
});

describe("the design's pod network, 10.244.0.0/16", () => {
  test('is written into every node\'s machine config, and the README lists it', () => {
    expect(readme).toContain("the pods' addresses come from 10.244.0.0/16, each node's PodCIDR a block of it (cluster.network.podSubnets)");
    expect(readme).toContain('every node {"cluster":{"network":{"cni":{"name":"none"},"podSubnets":["10.244.0.0/16"]}');
  });

  test('talos({ podSubnets }) refuses a block with host bits set, or one that is no block, on the field', () => {
    expect(talosNetworkProblems({ podSubnets: ['10.244.1.0/16', '10.244.0.0'] })).toEqual([
      expect.objectContaining({ field: 'podSubnets[0]', hint: expect.stringContaining("'10.244.0.0/16'") }),
      expect.objectContaining({ field: 'podSubnets[1]', hint: expect.stringContaining("'10.244.0.0/16', Talos' own") }),
    ]);
    expect(talosNetworkProblems({ podSubnets: [] })).toEqual([expect.objectContaining({ field: 'podSubnets' })]);
    expect(talosNetworkProblems({ podSubnets: ['10.244.0.0/16'] })).toEqual([]);
  });
});
