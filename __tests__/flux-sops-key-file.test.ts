import { fluxOptionProblems } from '../constructs/platform/flux-options';
import { sitesInMemory } from './support/synth';

// flux({ sopsKeyFile }): the key file the sops-age owner step reads, as the shell reads it.
describe('flux sopsKeyFile', () => {
  test('a path or a quoted variable is one shell word and accepted with sopsSecretName', () => {
    for (const sopsKeyFile of ['./age.key', 'keys/lab-age.key', '"$SOPS_AGE_KEY_FILE"', '$HOME/.config/sops/age/keys.txt']) {
      expect({ sopsKeyFile, problems: fluxOptionProblems({ sopsSecretName: 'sops-age', sopsKeyFile }) }).toEqual({ sopsKeyFile, problems: [] });
    }
  });

  test('without it the step reads the file sops itself reads, $SOPS_AGE_KEY_FILE; elitedesk names ./age.key', () => {
    const readmes = [...sitesInMemory().files].filter(([file]) => file.endsWith('README.md')).map(([, text]) => text).join('\n');
    expect(readmes).toContain('--from-file=age.agekey=./age.key');
    const steps = readmes.split('\n').filter((line) => line.includes('--from-file=age.agekey='));
    expect(steps.every((line) => /age\.agekey=(\.\/age\.key|"\$SOPS_AGE_KEY_FILE") /.test(line))).toBe(true);
  });
});
