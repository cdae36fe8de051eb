import { defineAether } from '../charts/aether';
import { manifestsOf, synthInMemory } from './support/synth';

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
