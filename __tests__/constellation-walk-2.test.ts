import { execFileSync } from 'child_process';
import type { Construct } from 'constructs';
import { Construct as Scope } from 'constructs';
import { Main } from '../charts/constellation/main';
import { synthInMemory } from './support/synth';

// A second walk of the constellation site from a bare K3s cluster to running services, for what the first walk
// and the re-reads of the design left out: the checks the owner runs once the services are up, and the callers of
// a moved service that sit in Caddy rather than in a container.

type Exposure = 'nodePort' | 'ingress';

const synths = new Map<Exposure, ReturnType<typeof synthOnce>>();

/** The constellation cluster with `exposure`, synthesized once per exposure for the whole file. */
function synthConstellation(exposure: Exposure) {
  if (!synths.has(exposure)) {
    synths.set(exposure, synthOnce(exposure));
  }
  return synths.get(exposure)!;
}

function synthOnce(exposure: Exposure) {
  let main: Main | undefined;
  const result = synthInMemory((scope: Construct) => { main = new Main(new Scope(scope, 'constellation'), { exposure }); });
  const readme = result.files.get('constellation/main/README.md')!;
  const rows = readme.split('\n').filter((line) => /^\| (bootstrap|manual|placeholder) \|/.test(line));
  return { result, rows, main: main! };
}

/** The row of `rows` that begins with `| <kind> | <start>`, and its index. */
function rowStarting(rows: string[], start: string): { row: string; index: number } {
  const index = rows.findIndex((row) => / \| /.test(row) && row.split(' | ')[1]?.startsWith(start));
  return { row: rows[index], index };
}

/** The command cell of a row, its Markdown escapes undone. */
function commandOf(row: string): string {
  const cells = row.replace(/\\\|/g, '\u0000').split(' | ').map((cell) => cell.replace(/\u0000/g, '|'));
  return cells[2].replace(/^`|`$/g, '');
}

describe("constellation: the per-service validation tells a service that answers from the proxy's own error", () => {
  test.each([['nodePort', 'Caddy'], ['ingress', 'ingress-nginx']] as const)(
    'with %s exposure, 502, 503 and 504 from %s are no answer: the step says so and its command marks them', (exposure, proxy) => {
      const { row } = rowStarting(synthConstellation(exposure).rows, 'validate each service after the first sync');
      expect(row).toContain(`but not 502, 503 or 504, which ${proxy} sends itself when it reaches no pod behind the name`);
      const command = commandOf(row);
      const marker = /\| (sed '[^']+')$/.exec(command);
      expect(marker).not.toBeNull();
      // The marker as the shell runs it, on what the loop prints: one line per host name with its status.
      const program = /^sed '([^']+)'$/.exec(marker![1])![1];
      const printed = execFileSync('sed', [program], { input: 'plex.arsfeld.one 200\nauth.arsfeld.one 502\nblog.arsfeld.one 503\nyarr.arsfeld.one 504\nlldap.arsfeld.one 401\n' }).toString();
      expect(printed.trim().split('\n')).toEqual([
        'plex.arsfeld.one 200',
        `auth.arsfeld.one 502: ${proxy} reaches no pod`,
        `blog.arsfeld.one 503: ${proxy} reaches no pod`,
        `yarr.arsfeld.one 504: ${proxy} reaches no pod`,
        'lldap.arsfeld.one 401',
      ]);
    });
});

describe("constellation: Caddy's forward_auth lines, which ask Authelia for the sites it guards, follow Authelia into the cluster", () => {
  test("with node ports, a step names Authelia's new address for them, after its Caddy line and before the validation", () => {
    const { rows, main } = synthConstellation('nodePort');
    const authelia = main.media.proxyTargets().find((t) => t.name === 'authelia')!;
    const { row, index } = rowStarting(rows, "Caddy's sites that Authelia guards");
    expect(row).toContain('forward_auth');
    expect(row).toContain(`asks Authelia at ${authelia.upstream} (tailnet: ${authelia.tailnetUpstream}), its node port (placeholder),`);
    expect(row).toContain('each keeps that line beside the reverse_proxy line its block below the table gives');
    expect(index).toBeGreaterThan(rowStarting(rows, `reverse proxy ${authelia.hostname} to `).index);
    expect(index).toBeLessThan(rowStarting(rows, 'validate each service after the first sync').index);
  });

  test('with ingress-nginx, which Caddy does not front, there is no such step', () => {
    expect(rowStarting(synthConstellation('ingress').rows, "Caddy's sites that Authelia guards").index).toBe(-1);
  });
});
