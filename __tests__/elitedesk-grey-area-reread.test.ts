import { defineElitedesk } from '../charts/elitedesk';
import { elitedesk1, elitedesk2 } from '../hosts/elitedesk';
import { synthInMemory } from './support/synth';

// The elitedesk and grey-area designs read once more against the synthesized output, for what the earlier
// readings left: facts of the designs that the inventory states otherwise than the library reads them.

const elitedeskReadme = synthInMemory(defineElitedesk).files.get('elitedesk/main/README.md')!;

describe("elitedesk: the nodes' CPU is the design's i7-6700, counted as the kubelet offers it to pods", () => {
  test('each node has the eight threads of its four Hyper-Threading cores, what nproc prints and `cores` means', () => {
    expect(elitedesk1.cpuModel).toBe('Intel Core i7-6700');
    expect(elitedesk2.cpuModel).toBe('Intel Core i7-6700');
    expect(elitedesk1.cores).toBe(8);
    expect(elitedesk2.cores).toBe(8);
  });

  test("the README's nodes carry that count, the one the pods' requests and limits are checked against", () => {
    expect(elitedeskReadme).toContain('HP EliteDesk G2 · Intel Core i7-6700 · 8 cores · 8 GB · 512 GB HDD');
    expect(elitedeskReadme).toContain('HP EliteDesk G2 · Intel Core i7-6700 · 8 cores · 8 GB · 128 GB SSD');
  });
});
