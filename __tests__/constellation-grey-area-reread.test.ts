import { defineGreyArea } from '../charts/grey-area';
import { readCluster } from './support/synth';
import { bashParses } from './support/readme';

// The constellation and grey-area designs read again line by line against the synthesized output, as the owner
// reads each cluster's README on the day they bootstrap it and the days after. What that reading found missing
// is grey-area's: the validation steps of its phases and an app the design does not list.

const { objects: greyAreaObjects, readme: greyAreaReadme, rows: greyAreaRows, step: greyAreaStep } = readCluster(defineGreyArea, 'grey-area/main');

describe('grey-area: the rollback the design tests in its Phase 3 ("rollback procedures tested across nodes")', () => {
  const root = greyAreaObjects.find((o) => o.kind === 'Application' && o.metadata.name === 'grey-area-services');

  test('the root Application syncs by itself and heals, so a rollback is a revert pushed to the repository it syncs', () => {
    expect(root.spec.syncPolicy.automated).toEqual({ prune: true, selfHeal: true });
    const index = greyAreaStep('roll a service back');
    const [what, command] = greyAreaRows[index];
    expect(what).toContain('("rollback procedures tested across nodes")');
    expect(what).toContain('Argo CD refuses argocd app rollback on an Application that syncs by itself');
    expect(command).toBe(`git revert --no-edit "$COMMIT" && npm run synth && git diff --exit-code -- dist && git push ${root.spec.source.repoURL} HEAD:${root.spec.source.targetRevision}`);
    expect(bashParses(command)).toBe(true);
  });

  test('it follows the CI step that makes the commits it reverts, and the Forgejo repository exists by then', () => {
    const index = greyAreaStep('roll a service back');
    expect(index).toBeGreaterThan(greyAreaStep("the design's CI (GitHub Actions)"));
    expect(index).toBeGreaterThan(greyAreaStep('create the organization grey-area and its repository gitops'));
  });
});

describe('grey-area: networking between the nodes through service discovery, the design\'s Phase 1 test', () => {
  const service = greyAreaObjects.find((o) => o.kind === 'Service' && o.metadata.name === 'ollama' && o.metadata.namespace === 'services');
  const nodes = ['grey-area', 'congenital-optimist', 'limiting-factor'];

  test('a throwaway pod on every node asks Ollama\'s Service by its cluster name, and the tailnet asks its MagicDNS name', () => {
    const index = greyAreaStep('test networking between the nodes through service discovery');
    const [what, command] = greyAreaRows[index];
    const port = service.spec.ports[0].port;
    expect(what).toContain(`(${nodes.join(', ')})`);
    expect(command).toContain(`for node in ${nodes.join(' ')}; do kubectl -n services run "net-check-$node" --rm -i --restart=Never`);
    expect(command).toContain('\\"nodeName\\":\\"$node\\"');
    // limiting-factor keeps its registry taint: the pod there tolerates it.
    expect(command).toContain('\\"tolerations\\":[{\\"operator\\":\\"Exists\\"}]');
    expect(command).toContain(`curl -fsS http://ollama.services.svc.cluster.local:${port}/api/tags; done; `);
    expect(command).toContain('curl -fsS --cacert "$LAB_CA" https://ollama.services.svc.tailnet/api/tags');
    expect(command).toMatch(/--image=[^ ]+:\d+\.\d+\.\d+ /);
    expect(bashParses(command)).toBe(true);
  });

  test('it follows the steps that put Ollama\'s image in Harbor, and the tailnet name is one of Traefik\'s routes', () => {
    expect(greyAreaStep('test networking between the nodes')).toBeGreaterThan(greyAreaStep('build the Ollama image with Nix'));
    const route = greyAreaObjects.find((o) => o.kind === 'IngressRoute' && o.metadata.name === 'ollama-service-discovery');
    expect(route.spec.routes[0].match).toBe('Host(`ollama.services.svc.tailnet`)');
  });
});

describe('grey-area: every app of the output traces to the design or to a choice its README explains', () => {
  test('nextcloud-cron, which the design does not list, is explained with the schedule its CronJob runs on', () => {
    const cron = greyAreaObjects.find((o) => o.kind === 'CronJob' && o.metadata.name === 'nextcloud-cron');
    expect(cron.metadata.namespace).toBe('services');
    expect(cron.spec.concurrencyPolicy).toBe('Forbid');
    expect(cron.spec.jobTemplate.spec.template.spec.containers[0].command).toEqual(['php', '-f', '/var/www/html/cron.php']);
    const choices = greyAreaReadme.slice(greyAreaReadme.indexOf('## Choices against the design'), greyAreaReadme.indexOf('## Platform components'));
    expect(choices).toContain(`run from the CronJob \`nextcloud-cron\`: \`cron.php\` as www-data on schedule \`${cron.spec.schedule}\`, every five minutes`);
    expect(choices).toContain('which the design does not mention');
  });
});
