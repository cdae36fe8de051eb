import { manifestsOf, synthInMemory } from './support/synth';

// Facts of the grey-area design a reviewer checks first, read against the synthesized output.

const result = synthInMemory();
const readme = result.files.get('grey-area/main/README.md')!;
const manifests = manifestsOf(result, 'grey-area/main');
const find = (kind: string, name: string) => manifests.find((m) => m.kind === kind && m.metadata.name === name);
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('grey-area: tailscaled on each node runs with --accept-dns=true', () => {
  test("the Tailscale extension's config takes the tailnet's DNS settings, so 100.100.100.100 answers the .tailnet names of its Split DNS", () => {
    const step = readme.split('\n').find((line) => line.includes('auth key of the Tailscale extension'))!;
    expect(step).toContain('\\"environment\\":[\\"TS_AUTHKEY=$TS_AUTHKEY\\",\\"TS_ACCEPT_DNS=true\\"]');
    // The nodes resolve through that resolver, which is why it matters.
    expect(readme).toContain('resolve names through 100.100.100.100 (machine.network.nameservers)');
  });
});
