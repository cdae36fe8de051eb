import { endWhenOutputCloses } from '../../constructs/synth/closed-output';

// Each run of a command gives the process' output streams one handler for a closed reader, however many copies of
// the library run and however the stream is reached: a test runner may hand each test file an object of its own over
// the one stream, and eleven listeners on a stream make Node warn of a leak.

const ours = (stream: NodeJS.WriteStream) => stream.listeners('error').filter((listener) => listener.name === 'cdk8s-homelab.endsWhenOutputCloses').length;

test('runs over the same stream, reached through objects of their own, leave one handler on it', () => {
  const real = Object.getOwnPropertyDescriptor(process, 'stdout')!;
  const stream = process.stdout;
  try {
    for (let run = 0; run < 12; run++) {
      // As a test runner's process object of each file: its own object, whose listeners are the stream's.
      const view = Object.create(stream) as NodeJS.WriteStream;
      Object.defineProperty(process, 'stdout', { configurable: true, get: () => view });
      endWhenOutputCloses();
    }
  } finally {
    Object.defineProperty(process, 'stdout', real);
  }
  expect(ours(stream)).toBe(1);
  expect(ours(process.stderr)).toBe(1);
});
