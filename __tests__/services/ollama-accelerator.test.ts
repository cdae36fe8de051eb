import { Ollama, resolveOllamaAccelerator } from '../../constructs';
import { nvidiaNode, plainNode, synthCluster } from './support';

describe('Ollama on an accelerator the inventory lacks', () => {
  test('one error, on the accelerator the user chose, and no GPU request behind it', () => {
    const { errors, find } = synthCluster((chart) => new Ollama(chart, 'ollama', { accelerator: 'nvidia' }), { hosts: [plainNode] });
    expect(errors.map((e) => `${e.constructPath} ${e.field}`)).toEqual(['main/ollama accelerator']);
    expect(errors[0].message).toMatch(/no host of the cluster has one/);
    expect(JSON.stringify(find('Deployment', 'ollama'))).not.toMatch(/nvidia/);
  });

  test('a host with the GPU satisfies it; the CPU needs none', () => {
    expect(resolveOllamaAccelerator([nvidiaNode], 'nvidia')).toEqual({ accelerator: 'nvidia' });
    expect(resolveOllamaAccelerator([plainNode], 'cpu')).toEqual({ accelerator: 'cpu' });
    expect(resolveOllamaAccelerator([plainNode], 'amd').problem).toMatch(/an AMD GPU/);
  });
});
