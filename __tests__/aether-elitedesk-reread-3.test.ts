import { defineAether } from '../charts/aether';
import { rows, stepsOf } from './support/readme';
import { manifestsOf, synthInMemory } from './support/synth';

// The aether and elitedesk designs read a third time against the synthesized output, as the owner reads each
// cluster's README on the day they bootstrap and migrate it, and as the API server and the pods read its YAML.

const aetherResult = synthInMemory(defineAether);
const aetherObjects = manifestsOf(aetherResult, 'aether/main');
const aetherReadme = aetherResult.files.get('aether/main/README.md')!;
const aetherRows = rows(aetherReadme);
const aetherStep = stepsOf(aetherRows);

describe("aether: OpenWebUI's database and data folder come from OpenTofu's OpenWebUI, whose release the design does not name", () => {
  const image = () => {
    const deployment = aetherObjects.find((o) => o.kind === 'Deployment' && o.metadata.name === 'openwebui-api');
    return deployment.spec.template.spec.containers[0].image as string;
  };

  test("the image is a placeholder, as MCPO's is, asking for a release no older than OpenTofu's", () => {
    expect(image()).toBe('ghcr.io/open-webui/open-webui:v0.6.33');
    const [what] = aetherRows[aetherStep('image of OpenWebUI:')];
    expect(what).toContain("set to the release OpenTofu's OpenWebUI runs (its image in tofu/home/kubernetes/openwebui.tf) or a newer one, "
      + 'before its database and data folder move here: OpenWebUI migrates them forward only (now `ghcr.io/open-webui/open-webui:v0.6.33`)');
    expect(aetherRows[aetherStep('image of MCPO')][0]).toContain('set to the MCPO release the lab runs');
  });

  test('the move loads the dump under that image, and says why its release matters', () => {
    const [what] = aetherRows[aetherStep('OpenWebUI and MCPO already run in this cluster from OpenTofu')];
    expect(what).toContain("load a dump of OpenTofu's OpenWebUI database into it (under OpenWebUI's image set above, ghcr.io/open-webui/open-webui:v0.6.33, "
      + "of a release no older than OpenTofu's: OpenWebUI migrates a database forward only)");
  });
});
