import { MediaContainers, Ollama } from '../../constructs';
import { nvidiaNode, synthCluster } from './support';

// Two service constructs that make objects of one name clash on each of them: one mistake, one finding.
describe('two service constructs of one name in one namespace', () => {
  const settings = { puid: 1000, pgid: 1000, tz: 'Europe/Berlin', configDir: '/srv/config', dataDir: '/srv/data', storageDir: '/srv/storage' };

  test('two media stacks that both run sonarr: one finding naming every clashing object', () => {
    const { errors } = synthCluster((chart) => {
      for (const id of ['media', 'media-again']) {
        new MediaContainers(chart, id, { settings, containers: { sonarr: { image: 'lscr.io/linuxserver/sonarr:4.0.14', listenPort: 8989, host: nvidiaNode } } });
      }
    });
    expect(errors.map((e) => `${e.constructPath} ${e.field}`)).toEqual(['main/media-again/sonarr/deployment metadata.name']);
    expect(errors[0].message).toMatch(/emitted by main\/media\/sonarr\/deployment already \(and so are Service media\/sonarr, .*NetworkPolicy media\/sonarr\)/);
  });

  test('two servers of one ConfigMap name still clash once', () => {
    const { errors } = synthCluster((chart) => {
      new Ollama(chart, 'llm', { accelerator: 'cpu', configMapName: 'ollama-config' });
      new Ollama(chart, 'llm2', { accelerator: 'cpu', configMapName: 'ollama-config' });
    });
    expect(errors.map((e) => `${e.constructPath} ${e.field}`)).toEqual(['main/llm2/config metadata.name']);
  });
});
